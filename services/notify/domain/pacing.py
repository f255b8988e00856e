"""Pacing and batching decisions. Time is an argument (seconds on a monotonic clock)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass
class Pace:
    """At most one call every `interval_s`, and none before a `Retry-After` has passed."""

    interval_s: float
    next_at: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds to wait before the next call may start."""
        return max(0.0, self.next_at - now)

    def sent(self, now: float) -> None:
        self.next_at = max(self.next_at, now + self.interval_s)

    def hold(self, now: float, seconds: float) -> None:
        """The platform said `Retry-After: seconds`."""
        self.next_at = max(self.next_at, now + seconds)


def batch_size(backlog: int, *, threshold: int, batch_max: int) -> int:
    """One moment per message until the backlog reaches `threshold`, then combine."""
    if backlog < threshold:
        return 1 if backlog else 0
    return min(backlog, batch_max)


def largest_fitting(items: Sequence[T], fits: Callable[[Sequence[T]], bool]) -> int:
    """How many leading items fit in one message (at least one: a single moment always goes)."""
    count = len(items)
    while count > 1 and not fits(items[:count]):
        count -= 1
    return max(1, min(count, len(items)))
