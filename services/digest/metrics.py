"""Prometheus metrics of digest."""

from prometheus_client import Counter

MOMENTS_STORED = Counter("mango_digest_moments_stored_total", "New moments stored by digest.")
UNREADABLE = Counter(
    "mango_digest_unreadable_events_total",
    "Records skipped because they are not a readable event (notify dead-letters moments).",
    ["topic"],
)
EMAILS_SENT = Counter(
    "mango_digest_emails_sent_total", "Digest emails handed to the mail server.", ["audience"]
)
DIGESTS_SENT = Counter(
    "mango_digest_digests_sent_total", "Digests completed (all recipients tried).", ["audience"]
)
RECIPIENTS_FAILED = Counter(
    "mango_digest_recipients_failed_total",
    "Recipients that still failed after every attempt.",
    ["audience"],
)
