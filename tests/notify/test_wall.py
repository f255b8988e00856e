"""The wall hub: once per event, newest first, per department and organisation, closable."""

import asyncio
import contextlib

from services.notify.adapters.wall import WallHub


def item(n: int) -> dict[str, str | None]:
    return {"event_id": f"e{n}", "text": f"moment {n}"}


def test_items_show_once_newest_first_on_both_walls() -> None:
    hub = WallHub(recent=3)
    for n in range(5):
        hub.show("org/dept", item(n))
    hub.show("org/dept", item(4))  # the same event again
    hub.show("org", item(9))  # organisation-wide (a good practice)
    assert [i["event_id"] for i in hub.newest_first("org/dept")] == ["e4", "e3", "e2"]
    assert [i["event_id"] for i in hub.newest_first("org")] == ["e9", "e4", "e3"]
    assert hub.newest_first("org/other") == []


async def test_followers_get_new_items_and_stop_when_the_hub_closes() -> None:
    hub = WallHub(recent=10)
    stream = hub.follow("org/dept")
    first = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0)
    hub.show("org/dept", item(1))
    assert (await asyncio.wait_for(first, 2)) == item(1)
    pending = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0)
    hub.close()
    try:
        await asyncio.wait_for(pending, 2)
    except StopAsyncIteration:
        pass
    else:
        raise AssertionError("the stream should have ended")


async def test_a_viewer_who_leaves_leaves_nothing_waiting() -> None:
    hub = WallHub(recent=10)
    stream = hub.follow("org/dept")
    watching = asyncio.ensure_future(anext(stream))
    for _ in range(3):
        await asyncio.sleep(0)  # now waiting for the next item
    watching.cancel()  # what Starlette does when the browser tab closes
    with contextlib.suppress(asyncio.CancelledError):
        await watching
    await stream.aclose()
    await asyncio.sleep(0)
    waiting = [
        task
        for task in asyncio.all_tasks()
        if not task.done() and "Queue.get" in repr(task.get_coro())
    ]
    assert waiting == []
