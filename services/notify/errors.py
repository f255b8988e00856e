"""Errors notify raises on purpose. Adapters translate vendor errors into these."""

from services.common.errors import MangoError


class NotifyError(MangoError):
    """Base of notify's own errors."""


class DeliveryFailed(NotifyError):
    """A destination did not take a post. `error_class` names why, without any moment text."""

    def __init__(self, error_class: str) -> None:
        super().__init__(error_class)
        self.error_class = error_class


class TransientFailure(DeliveryFailed):
    """Worth retrying. `in_doubt`: the platform may have applied the post (response lost)."""

    def __init__(self, error_class: str, *, in_doubt: bool = False) -> None:
        super().__init__(error_class)
        self.in_doubt = in_doubt


class RateLimited(TransientFailure):
    """HTTP 429: no call before `retry_after` seconds have passed."""

    def __init__(self, retry_after: float) -> None:
        super().__init__("RateLimited")
        self.retry_after = retry_after


class PermanentFailure(DeliveryFailed):
    """Retrying cannot help (channel not found, webhook gone, invalid auth): dead letter."""
