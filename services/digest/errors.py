"""The failures digest names (adapters translate vendor errors into these)."""

from services.common.errors import MangoError


class DigestError(MangoError):
    """Base of digest's own errors."""


class SendFailed(DigestError):
    """An email could not be handed over. `transient`: worth another attempt later."""

    def __init__(self, message: str, *, transient: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


class UnknownOrganisation(DigestError):
    """No organisation with this id in the network file."""


class NoSuchAudience(DigestError):
    """The organisation has no digest for this audience."""
