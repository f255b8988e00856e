"""What ingest's request path reports: its counters and its logger."""

import logging

from prometheus_client import Counter

# The name ingest's request log lines have always carried (the JSON `logger` field): kept when the
# handlers moved out of app.py so that log queries on it still match.
log = logging.getLogger("services.ingest.app")

ACCEPTED = Counter("mango_ingest_moments_accepted_total", "Moments stored.", ["platform"])
DUPLICATES = Counter("mango_ingest_duplicates_total", "Deliveries of an already stored moment.")
NOT_STORED = Counter(
    "mango_ingest_not_stored_total",
    "Posts the outbox did not take (locked, disk or database down), by platform.",
    ["platform"],
)
REJECTED = Counter("mango_ingest_rejected_total", "Rejected requests.", ["route", "reason"])
REDACTIONS = Counter(
    "mango_ingest_redactions_total", "Spans of personal data redacted, by type.", ["type"]
)
NEEDS_REVIEW = Counter("mango_ingest_needs_review_total", "Moments held for the ambassador.")
