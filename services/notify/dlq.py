"""`mango dlq list|replay|discard`: moments notify could not deliver, delivering them after a
fix, or setting them aside for good.

All work on the delivery ledger (`MANGO_DATABASE_URL`), so they need no broker: a replay
turns dead rows back into pending ones, and the running notify service picks them up (within
`MANGO_DELIVERY__RESCAN_S`). Destinations already delivered are never posted again.
"""

import asyncio
from typing import Annotated

import typer

app = typer.Typer(
    help="Dead letters of notify: list them, replay them after a fix, or discard them."
)


@app.command("list")
def list_command() -> None:
    """Every dead letter: event id, destination, error class, attempts, source (never text)."""
    from services.notify.bootstrap import dead_letters

    rows = asyncio.run(dead_letters())
    if not rows:
        typer.echo("no dead letters")
        return
    typer.echo("event_id                              destination  error_class  attempts  source")
    for row in rows:
        source = f"{row.source_topic}[{row.source_partition}]@{row.source_offset}"
        typer.echo(
            f"{row.event_id}  {row.destination}  {row.error_class}  {row.attempts}  {source}"
        )
    typer.echo(f"{len(rows)} dead letter(s)")


@app.command("replay")
def replay_command(
    event_id: Annotated[
        str | None, typer.Option("--event-id", help="Replay only this event (default: all).")
    ] = None,
) -> None:
    """Route dead letters again with the current network file and deliver them once."""
    from services.notify.bootstrap import replay

    outcome = asyncio.run(replay(event_id))
    for line in outcome.lines:
        typer.echo(line)
    typer.echo(f"{outcome.requeued} delivery(ies) queued from {outcome.replayed} dead letter(s)")
    if event_id is not None and outcome.replayed == 0 and outcome.still_dead == 0:
        typer.echo(f"no dead letter with event id {event_id}", err=True)
        raise typer.Exit(1)
    if outcome.still_dead:
        raise typer.Exit(1)


@app.command("discard")
def discard_command(
    event_id: Annotated[
        str | None, typer.Option("--event-id", help="Discard the dead letters of this event.")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Discard every dead letter.")] = False,
) -> None:
    """Set dead letters aside for good (a destination that will not come back): they are no
    longer listed or replayed, and nothing is posted."""
    if (event_id is None) == (not every):
        typer.echo("give either --event-id <uuid> or --all", err=True)
        raise typer.Exit(2)
    from services.notify.bootstrap import discard

    count = asyncio.run(discard(event_id))
    typer.echo(f"{count} dead letter(s) discarded")
    if event_id is not None and count == 0:
        typer.echo(f"no dead letter with event id {event_id}", err=True)
        raise typer.Exit(1)
