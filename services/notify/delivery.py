"""Delivery: from ledger rows to posts, one worker per destination.

    consumer --rows--> ledger (pending) --worker per destination--> Slack / Teams / wall
                                          \\--> ledger (delivered | dead) --announcer--> Kafka

The consumer only records rows and commits, so a Slack outage never makes it miss a poll (it
cannot be pushed out of its group) and never holds up another destination: each destination has
its own worker, pace, retries and pause. Rows stay in the ledger until they are delivered or
dead, so a restart resumes where it stopped.
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from prometheus_client import Counter
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

from schemas import DeliveryPlatform, MomentPosted
from schemas.network import Network
from services.notify.adapters.ledger import Delivery, Ledger
from services.notify.adapters.slack import SlackAdapter
from services.notify.adapters.teams import TeamsAdapter
from services.notify.adapters.wall import WallHub
from services.notify.domain.formatting import (
    MomentView,
    fits_slack,
    fits_teams,
    slack_message,
    teams_payload,
    view,
    wall_item,
)
from services.notify.domain.pacing import Pace, batch_size, largest_fitting
from services.notify.domain.routing import Destination
from services.notify.errors import PermanentFailure, RateLimited, TransientFailure
from services.notify.settings import DeliverySettings

log = logging.getLogger(__name__)

DELIVERIES = Counter(
    "mango_notify_deliveries_total",
    "Moments finished per destination: delivered, found_posted (lost response), dead.",
    ["platform", "destination", "outcome"],
)
RETRIES = Counter(
    "mango_notify_retries_total", "Retried delivery attempts.", ["platform", "reason"]
)
PAUSES = Counter(
    "mango_notify_destination_pauses_total",
    "Destinations paused after a round of failed attempts.",
    ["platform"],
)
STOP_WAIT_S = 10.0
WINDOW_MESSAGES = 10
LOOKUP_MARGIN_S = 60.0


@dataclass
class _State:
    pace: Pace
    task: "asyncio.Task[None] | None" = None
    dirty: bool = False
    posting: bool = False
    paused_until: float = 0.0
    lease_until: float = 0.0
    in_doubt: bool = False  # the last post's outcome is unknown: look before posting again


class Dispatcher:
    def __init__(
        self,
        *,
        ledger: Ledger,
        network: Network,
        settings: DeliverySettings,
        wall: WallHub,
        slack: SlackAdapter | None,
        teams: TeamsAdapter | None,
        slack_interval_s: float,
        teams_interval_s: float,
        on_finished: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ledger = ledger
        self._network = network
        self._settings = settings
        self._wall = wall
        self._slack = slack
        self._teams = teams
        self._intervals = {
            DeliveryPlatform.SLACK: slack_interval_s,
            DeliveryPlatform.TEAMS: teams_interval_s,
            DeliveryPlatform.WALL: 0.0,
        }
        self._slack_gate = Pace(0.0)  # Retry-After from Slack holds every Slack call
        self._on_finished = on_finished
        self._clock = clock
        self._states: dict[str, _State] = {}
        self._claimed: set[str] = set()
        self._stopping = False
        self._scanner: asyncio.Task[None] | None = None
        self._wake_scan = asyncio.Event()
        self._backoff = wait_random_exponential(
            multiplier=settings.backoff_initial_s, max=settings.backoff_max_s
        )

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self._scanner = asyncio.create_task(self._scan_forever(), name="notify-scan")

    async def stop(self) -> None:
        """Let posts in flight finish (their outcome is then known), then stop every worker."""
        self._stopping = True
        if self._scanner:
            self._scanner.cancel()
            await asyncio.gather(self._scanner, return_exceptions=True)
        tasks = {key: s.task for key, s in self._states.items() if s.task and not s.task.done()}
        for key, task in tasks.items():
            if not self._states[key].posting:
                task.cancel()
        _, still_running = (
            await asyncio.wait(tasks.values(), timeout=STOP_WAIT_S)
            if tasks
            else (
                set(),
                set(),
            )
        )
        for task in still_running:
            task.cancel()
        if still_running:
            # A post was cut off: keep our leases, so whoever resumes checks before posting.
            log.warning("stopped with posts in flight", extra={"destinations": len(still_running)})
            return
        await self._ledger.release_all(self._settings.instance_id)

    def wake(self, destinations: Sequence[str]) -> None:
        for destination in destinations:
            self._ensure_worker(destination)

    def _ensure_worker(self, destination: str) -> None:
        if self._stopping:
            return
        state = self._states.get(destination)
        if state is None:
            platform = Destination.parse(destination).platform
            state = self._states[destination] = _State(Pace(self._intervals[platform]))
        if state.task is not None and not state.task.done():
            state.dirty = True
            return
        if state.paused_until > self._clock():
            return
        state.dirty = True
        state.task = asyncio.create_task(self._work(destination, state), name=destination)

    async def _scan_forever(self) -> None:
        """Pick up work nobody woke us for: after a restart, a pause, a replay, another replica."""
        while not self._stopping:
            try:
                self.wake(await self._ledger.waiting_destinations())
            except Exception:
                log.exception("ledger scan failed")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._settings.rescan_s):
                    await self._wake_scan.wait()
            self._wake_scan.clear()

    # --- one destination -----------------------------------------------------------------

    async def _work(self, key: str, state: _State) -> None:
        destination = Destination.parse(key)
        # Read a window of several messages' worth: fewer queries, same order (the lease makes
        # this worker the only one posting to the destination).
        window = max(self._settings.batch_threshold, self._settings.batch_max) * WINDOW_MESSAGES
        try:
            while not self._stopping:
                state.dirty = False
                if not await self._lease(key, state):
                    return
                rows = await self._ledger.pending(key, window)
                if not rows:
                    if state.dirty:
                        continue
                    return
                if state.in_doubt and destination.platform is DeliveryPlatform.SLACK:
                    if await self._found_posted(destination, state, rows):
                        continue
                state.in_doubt = False
                more_waiting = len(rows) == window
                while rows and not self._stopping:
                    if more_waiting and len(rows) < self._settings.batch_threshold:
                        break  # read on: the backlog behind this window is to be combined too
                    if not await self._lease(key, state):
                        return
                    batch, views = self._batch(destination, rows)
                    if not await self._deliver(destination, state, batch, views):
                        return
                    rows = rows[len(batch) :]
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("delivery worker failed", extra={"destination": key})
            state.paused_until = self._clock() + self._settings.outage_pause_s

    async def _lease(self, key: str, state: _State) -> bool:
        now = self._clock()
        if now < state.lease_until - self._settings.lease_s / 2:
            return True
        held = await self._ledger.claim(key, self._settings.instance_id, self._settings.lease_s)
        if held is None:
            return False  # another replica works on it
        if held and key not in self._claimed:
            # The lease was left behind (a crash): its holder may have died mid-post.
            state.in_doubt = True
        self._claimed.add(key)
        state.lease_until = now + self._settings.lease_s
        return True

    def _batch(
        self, destination: Destination, rows: list[Delivery]
    ) -> tuple[list[Delivery], list[MomentView]]:
        """The next message: one moment, or the head of a backlog combined as far as it fits."""
        count = batch_size(
            len(rows),
            threshold=self._settings.batch_threshold,
            batch_max=self._settings.batch_max,
        )
        views = [self._view(r) for r in rows[:count]]
        fits = {DeliveryPlatform.SLACK: fits_slack, DeliveryPlatform.TEAMS: fits_teams}.get(
            destination.platform
        )
        if count > 1 and fits is not None:
            count = largest_fitting(views, fits)
        return rows[:count], views[:count]

    def _view(self, row: Delivery) -> MomentView:
        return view(MomentPosted.model_validate_json(row.moment), self._network)

    async def _paced(self, state: _State, platform: DeliveryPlatform) -> None:
        while True:
            now = self._clock()
            wait = state.pace.wait(now)
            if platform is DeliveryPlatform.SLACK:
                wait = max(wait, self._slack_gate.wait(now))
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    async def _found_posted(
        self, destination: Destination, state: _State, rows: list[Delivery]
    ) -> bool:
        """After a lost response or a crash: which rows did Slack apply? Marks them delivered."""
        if self._slack is None:
            return False
        await self._paced(state, destination.platform)
        try:
            found = await self._slack.find_posted(
                destination.target,
                [r.event_id for r in rows],
                oldest=min(r.created_at for r in rows) - LOOKUP_MARGIN_S,
            )
        except RateLimited as exc:
            self._slack_gate.hold(self._clock(), exc.retry_after)
            raise
        except PermanentFailure:
            return False  # the post itself will tell what is wrong
        by_ref: dict[str, list[int]] = {}
        for row in rows:
            if row.event_id in found:
                by_ref.setdefault(found[row.event_id], []).append(row.id)
        for ref, ids in by_ref.items():
            await self._ledger.delivered(ids, ref, attempts=1)
            DELIVERIES.labels(destination.platform.value, destination.key, "found_posted").inc(
                len(ids)
            )
        state.in_doubt = False
        if by_ref:
            log.info(
                "posts found after a lost response",
                extra={"destination": destination.key, "count": len(found)},
            )
            self._on_finished()
        return bool(by_ref)

    def _wait(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        if outcome is not None and isinstance(outcome.exception(), RateLimited):
            return 0.0  # the pace waits for Retry-After
        return float(self._backoff(retry_state))

    async def _deliver(
        self,
        destination: Destination,
        state: _State,
        batch: list[Delivery],
        views: list[MomentView],
    ) -> bool:
        """Post one message. False: the destination is paused (transient failures persisted)."""
        platform = destination.platform
        ids = [r.id for r in batch]
        attempts = 0
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._settings.max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type(TransientFailure),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    if attempts > 1:
                        if state.in_doubt and platform is DeliveryPlatform.SLACK:
                            if await self._found_posted(destination, state, batch):
                                return True
                    await self._paced(state, platform)
                    ref = await self._post_once(destination, state, views)
        except PermanentFailure as exc:
            await self._ledger.dead(ids, exc.error_class, attempts)
            DELIVERIES.labels(platform.value, destination.key, "dead").inc(len(ids))
            log.warning(
                "delivery failed permanently, dead-lettered",
                extra={
                    "destination": destination.key,
                    "error_class": exc.error_class,
                    "count": len(ids),
                    "attempts": attempts,
                },
            )
            self._on_finished()
            return True
        except TransientFailure as exc:
            state.paused_until = self._clock() + self._settings.outage_pause_s
            PAUSES.labels(platform.value).inc()
            log.warning(
                "destination paused after failed attempts",
                extra={
                    "destination": destination.key,
                    "error_class": exc.error_class,
                    "attempts": attempts,
                    "pause_s": self._settings.outage_pause_s,
                },
            )
            return False
        await self._ledger.delivered(ids, ref, attempts)
        DELIVERIES.labels(platform.value, destination.key, "delivered").inc(len(ids))
        self._on_finished()
        return True

    async def _post_once(
        self, destination: Destination, state: _State, views: list[MomentView]
    ) -> str:
        platform = destination.platform
        state.posting = True
        try:
            if platform is DeliveryPlatform.WALL:
                refs = [self._wall.show(destination.target, wall_item(v)) for v in views]
                return refs[0]
            if platform is DeliveryPlatform.SLACK:
                if self._slack is None:
                    raise PermanentFailure("SlackNotConfigured")
                message = slack_message(views, destination.key)
                return await self._slack.post(destination.target, message)
            if self._teams is None:
                raise PermanentFailure("TeamsNotConfigured")
            return await self._teams.post(destination.target, teams_payload(views))
        except RateLimited as exc:
            now = self._clock()
            state.pace.hold(now, exc.retry_after)
            if platform is DeliveryPlatform.SLACK:
                self._slack_gate.hold(now, exc.retry_after)
            RETRIES.labels(platform.value, "rate_limited").inc()
            raise
        except TransientFailure as exc:
            state.in_doubt = state.in_doubt or exc.in_doubt
            RETRIES.labels(platform.value, exc.error_class).inc()
            raise
        finally:
            state.posting = False
            state.pace.sent(self._clock())
