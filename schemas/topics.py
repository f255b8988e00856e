"""Kafka topic names. A breaking schema change gets a new `.v2` topic, never an edit here."""

from typing import Final

MOMENTS: Final = "mango.moments.v1"
"""`MomentPosted`, key = organisation id, so one organisation's moments stay in order."""

MOMENTS_DLQ: Final = "mango.moments.v1.dlq"
"""`MomentPosted` that notify could not deliver, with context headers."""

DELIVERIES: Final = "mango.deliveries.v1"
"""`MomentDelivered`: where each moment was posted (platform message ids, for links and erasure)."""

DIGESTS: Final = "mango.digests.v1"
"""`DigestSent`: one per organisation, audience and ISO week."""

ALL_TOPICS: Final = (MOMENTS, MOMENTS_DLQ, DELIVERIES, DIGESTS)
