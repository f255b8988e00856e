"""The contract the three services share: events, topic names and the network model.

Pure pydantic v2 models, no I/O and no framework.
"""

from schemas.events import (
    Author,
    Beneficiary,
    DeliveryPlatform,
    DigestAudience,
    DigestSent,
    EntityType,
    Kind,
    Language,
    MomentDelivered,
    MomentPosted,
    Platform,
    Privacy,
    Sharing,
    Source,
    TeamType,
)
from schemas.ids import derive_event_id, pseudonymise
from schemas.topics import ALL_TOPICS, DELIVERIES, DIGESTS, MOMENTS, MOMENTS_DLQ

__all__ = [
    "ALL_TOPICS",
    "DELIVERIES",
    "DIGESTS",
    "MOMENTS",
    "MOMENTS_DLQ",
    "Author",
    "Beneficiary",
    "DeliveryPlatform",
    "DigestAudience",
    "DigestSent",
    "EntityType",
    "Kind",
    "Language",
    "MomentDelivered",
    "MomentPosted",
    "Platform",
    "Privacy",
    "Sharing",
    "Source",
    "TeamType",
    "derive_event_id",
    "pseudonymise",
]
