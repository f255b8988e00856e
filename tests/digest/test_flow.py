"""Must show: 500 moments, 3 organisations, 2 weeks, through the real broker, PostgreSQL and SMTP.

The digest service runs as it does in production (its Starlette app and lifespan: consumers,
migrations, scheduler), with only the clock given by the test. Every board recipient must get
exactly one email per week whose numbers match the test's own count of what it published; the
partner emails must hold no text without consent and no author name.
"""

import asyncio
import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from schemas import DigestSent, Language, MomentDelivered, MomentPosted
from services.common.database import create_engine
from services.common.kafka import build_broker, publish, subscribe
from services.digest.app import build_app
from services.digest.messages import MESSAGES
from services.digest.settings import DigestSettings, MailSettings, SmtpSettings
from tests.digest.support import Received, SmtpSink, organisation, write_network
from tests.support import KafkaUnderTest, make_moment, wait_until

pytestmark = pytest.mark.connected

ORGS: list[dict[str, Any]] = [
    organisation(
        "org-nl",
        name="AZ Voorbeeld",
        language="nl",
        timezone="Europe/Brussels",
        departments=[
            ("onco", "Dagziekenhuis oncologie", "oncology"),
            ("geri", "Geriatrie", "non_oncology"),
            ("spoed", "Spoedgevallen", "non_oncology"),
            ("kine", "Kinesitherapie", "non_oncology"),
        ],
        board=["directie@nl.example", "raad@nl.example", "cfo@nl.example"],
        partners=["huisarts@gp.example", "thuiszorg@partner.example"],
    ),
    organisation(
        "org-fr",
        name="Clinique Exemple",
        language="fr",
        timezone="Europe/Paris",
        departments=[
            ("onco", "Oncologie", "oncology"),
            ("pedi", "Pédiatrie", "non_oncology"),
            ("psy", "Psychiatrie", "non_oncology"),
        ],
        board=["direction@fr.example", "conseil@fr.example"],
        partners=["medecin@gp.example"],
    ),
    organisation(
        "org-en",
        name="Example Care",
        language="en",
        timezone="Europe/London",
        departments=[
            ("onc", "Oncology ward", "oncology"),
            ("reh", "Rehabilitation", "non_oncology"),
            ("pal", "Palliative care", "oncology"),
        ],
        board=["board@en.example", "chair@en.example"],
        partners=["gp@gp.example", "homecare@partner.example"],
    ),
]
WEEKS = [(2026, 46), (2026, 47)]
BENEFICIARIES = ["patient", "loved_one", "colleague", "other"]


def generate(count: int) -> list[MomentPosted]:
    rng = random.Random(20261126)
    moments = []
    for n in range(count):
        org = ORGS[n % 3]
        zone = ZoneInfo(org["timezone"])
        year, week = WEEKS[rng.randrange(2)]
        monday = dt.datetime.fromisocalendar(year, week, 1).replace(tzinfo=zone)
        if n % 40 == 0:  # edges of the local week: UTC and local weeks disagree here
            local = monday + dt.timedelta(seconds=30)
        elif n % 40 == 1:
            local = monday + dt.timedelta(days=7, seconds=-30)
        else:
            local = monday + dt.timedelta(seconds=rng.randrange(7 * 86400))
        # The last department of each organisation is rare, so the partner small-cell rule bites.
        departments = org["departments"]
        department = departments[-1] if rng.random() < 0.03 else rng.choice(departments[:-1])
        consented = rng.random() < 0.5
        moments.append(
            make_moment(
                n,
                occurred_at=local.astimezone(dt.UTC),
                organisation_id=org["id"],
                department_id=department["id"],
                team_type=department["team_type"],
                kind="good_practice" if rng.random() < 0.3 else "moment",
                beneficiary=rng.choice(BENEFICIARIES),
                text=f"Moment TOKEN{n:04d}{'C' if consented else 'N'} for someone",
                title=f"Title {n}" if n % 5 == 0 else None,
                language=org["language"],
                author={
                    "display_name": None if n % 7 == 0 else f"Author Zq{n:04d}",
                    "ref": f"ref-{n:08d}",
                },
                sharing={"external": True, "consent_version": "2026-01"}
                if consented
                else {"external": False},
                privacy={"needs_review": n % 97 == 3},
            )
        )
    return moments


def expected(
    moments: list[MomentPosted], org: dict[str, Any], week: tuple[int, int], partners: bool
) -> dict[str, Any]:
    """The test's own count: local ISO week, no posts under review, consent for partners."""
    words = MESSAGES[Language(org["language"])]
    zone = ZoneInfo(org["timezone"])

    def in_week(m: MomentPosted, w: tuple[int, ...]) -> bool:
        return (
            m.organisation_id == org["id"]
            and tuple(m.occurred_at.astimezone(zone).isocalendar()[:2]) == w
            and not m.privacy.needs_review
            and (m.sharing.external or not partners)
        )

    mine = [m for m in moments if in_week(m, week)]
    names = {d["id"]: d["name"] for d in org["departments"]}
    departments = Counter(m.department_id for m in mine)
    if partners:
        # Under 5 is merged; one small department alone takes the smallest shown one along.
        small = {d for d, c in departments.items() if c < 5}
        big = sorted((c, d) for d, c in departments.items() if d not in small)
        if len(small) == 1 and big:
            small.add(big[0][1])
        shown = {names[d]: c for d, c in departments.items() if d not in small}
        if small:
            shown[words["other_departments"]] = sum(departments[d] for d in small)
    else:
        shown = {names[d]: departments.get(d, 0) for d in names}
    trend_weeks = [dt.date.fromisocalendar(*week, 1) - dt.timedelta(weeks=k) for k in (3, 2, 1, 0)]
    team_types = {
        words[t]: sum(m.team_type == t for m in mine) for t in ("oncology", "non_oncology")
    }
    if partners and any(0 < n < 5 for n in team_types.values()):
        team_types = {}  # partners get no split that could name a merged ward
    return {
        "total": len(mine),
        "good": sum(m.kind == "good_practice" for m in mine),
        words["by_department"]: shown,
        **({words["by_team_type"]: team_types} if team_types else {}),
        words["by_beneficiary"]: {
            words[b]: sum(m.beneficiary == b for m in mine) for b in BENEFICIARIES
        },
        words["trend"]: {
            "{}-W{:02d}".format(*d.isocalendar()[:2]): sum(
                in_week(m, tuple(d.isocalendar()[:2])) for m in moments
            )
            for d in trend_weeks
        },
    }


def parsed(text: str, words: dict[str, str]) -> dict[str, Any]:
    """Numbers from the plain-text part, by the organisation's own words."""
    headings = {words[k] for k in ("by_department", "by_team_type", "by_beneficiary", "trend")}
    out: dict[str, Any] = {}
    section: str | None = None
    for line in text.splitlines():
        if line.startswith(f"{words['total']}: "):
            out["total"] = int(line.rsplit(": ", 1)[1])
        elif line.startswith(f"{words['good_practices']}: "):
            out["good"] = int(line.rsplit(": ", 1)[1])
        elif line in headings:
            section = line
            out[section] = {}
        elif section and line.startswith("- "):
            label, number = line[2:].rsplit(": ", 1)
            out[section][label] = int(number)
        else:
            section = None
    return out


def of_week(received: list[Received], week: int) -> list[Received]:
    return [r for r in received if f" {week} — " in str(r.message["Subject"])]


async def scalar(engine: AsyncEngine, sql: str, **params: object) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(sa.text(sql), params) or 0)


async def test_500_moments_three_organisations_two_weeks(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
    postgres_url: str,
    smtp_sink: SmtpSink,
    tmp_path: Path,
) -> None:
    moments = generate(500)
    topics = {name: await make_topic(name) for name in ("moments", "deliveries", "digests")}
    producer = build_broker(kafka.settings(), client_id="test-producer")
    digests_seen: list[DigestSent] = []

    @subscribe(producer, topics["digests"], group_id=unique_name("g"), settings=kafka.settings())
    async def on_digest_sent(event: DigestSent) -> None:
        digests_seen.append(event)

    await producer.start()
    for m in [*moments, *moments[:25]]:  # the first 25 twice: a redelivery changes nothing
        await publish(producer, topics["moments"], m, key=m.organisation_id)
    for m in moments[:150]:
        delivered = MomentDelivered(
            event_id=m.event_id,
            organisation_id=m.organisation_id,
            destination=f"slack:C{m.organisation_id.upper()}",
            platform="slack",
            message_ref=f"1700000000.{m.source.reference[-4:]}",
            permalink=f"https://slack.example/archives/C1/p{m.source.reference.rsplit('/', 1)[1]}",
            delivered_at=m.occurred_at,
        )
        await publish(producer, topics["deliveries"], delivered, key=m.organisation_id)

    now = [dt.datetime(2026, 11, 15, 20, 0, tzinfo=dt.UTC)]  # Sunday of W46: W45 is due
    settings = DigestSettings(
        kafka=kafka.settings(),
        network_file=write_network(tmp_path, ORGS),
        database_url=postgres_url,
        group_id=unique_name("digest"),
        moments_topic=topics["moments"],
        deliveries_topic=topics["deliveries"],
        digests_topic=topics["digests"],
        schedule_interval_s=0.05,
        smtp=SmtpSettings(port=smtp_sink.port),
        mail=MailSettings(sender="mango@mangomoment.example", backoff_s=0.01),
    )
    app = build_app(settings, clock=lambda: now[0])
    engine = create_engine(postgres_url)
    runs = "SELECT count(*) FROM digest_runs WHERE iso_week = :week"
    try:
        async with app.router.lifespan_context(app):
            await wait_until(
                lambda: _count_is(engine, "SELECT count(*) FROM digest_moments", 500),
                within=60,
                what="500 moments stored",
            )
            await wait_until(
                lambda: _count_is(engine, runs, 6, week="2026-W45"), within=30, what="W45"
            )
            now[0] = dt.datetime(2026, 11, 16, 12, 0, tzinfo=dt.UTC)
            await wait_until(
                lambda: _count_is(engine, runs, 6, week="2026-W46"), within=30, what="W46"
            )
            now[0] = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
            await wait_until(
                lambda: _count_is(engine, runs, 6, week="2026-W47"), within=30, what="W47"
            )
            await wait_until(
                lambda: _true(len(digests_seen) >= 15), within=30, what="DigestSent, 3 + 6 + 6"
            )
            assert await scalar(engine, "SELECT count(*) FROM digest_moments") == 500
    finally:
        await engine.dispose()
        await producer.stop()

    authors = [m.author.display_name for m in moments if m.author.display_name]
    merged_somewhere = False
    links = 0
    for org in ORGS:
        words = MESSAGES[Language(org["language"])]
        for recipient in org["digests"]["board"]["recipients"]:
            [empty] = of_week(smtp_sink.to(recipient), 45)
            assert words["empty"].format(week="45") in empty.text
            for year, week in WEEKS:
                [mail] = of_week(smtp_sink.to(recipient), week)  # exactly one per week
                want = expected(moments, org, (year, week), partners=False)
                assert parsed(mail.text, words) == want, (org["id"], week, recipient)
                assert mail.message["Subject"].endswith(f"{want['total']} {words['moments']}")
                assert org["ambassador"]["email"] in mail.html
                links += mail.html.count('href="https://slack.example/archives/')
        for recipient in org["digests"]["partners"]["recipients"]:
            for year, week in WEEKS:
                [mail] = of_week(smtp_sink.to(recipient), week)
                want = expected(moments, org, (year, week), partners=True)
                assert parsed(mail.text, words) == want, (org["id"], week, recipient)
                merged_somewhere |= words["other_departments"] in want[words["by_department"]]
                body = mail.text + mail.html
                assert not re.search(r"TOKEN\d{4}N", body), "text without consent"
                assert not [a for a in authors if a in body], "author name in a partner email"
                assert re.search(r"TOKEN\d{4}C", body), "consented highlights are there"
    assert merged_somewhere, "the data should exercise the small-cell rule"
    assert links > 0, "links to channel messages from mango.deliveries.v1"
    # Nobody else got anything, and nobody got anything twice.
    per_recipient = Counter((r.recipients, str(r.message["Subject"])) for r in smtp_sink.received)
    assert max(per_recipient.values()) == 1
    sent = {
        (e.organisation_id, e.audience.value, e.iso_week): e.recipient_count for e in digests_seen
    }
    for org in ORGS:
        for iso in ("2026-W46", "2026-W47"):
            assert sent[(org["id"], "board", iso)] == len(org["digests"]["board"]["recipients"])
            assert sent[(org["id"], "partners", iso)] == len(
                org["digests"]["partners"]["recipients"]
            )


async def _true(value: bool) -> bool:
    return value


async def _count_is(engine: AsyncEngine, sql: str, count: int, **params: object) -> bool:
    return await scalar(engine, sql, **params) == count


async def test_a_missed_run_is_sent_once_at_start_up_with_the_backlog(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
    postgres_url: str,
    smtp_sink: SmtpSink,
    tmp_path: Path,
) -> None:
    """Down over Monday 08:00: at start-up the moments still in Kafka are stored first, then
    last week's digest goes out once (later ticks of the scheduler send nothing more)."""
    org = organisation("late", board=["board@late.example", "chair@late.example"])
    moments = [
        make_moment(
            n,
            organisation_id="late",
            department_id="onco",
            occurred_at=dt.datetime(2026, 11, 16, 8, tzinfo=dt.UTC) + dt.timedelta(hours=n),
        )
        for n in range(40)
    ]
    topics = {name: await make_topic(name) for name in ("moments", "deliveries", "digests")}
    producer = build_broker(kafka.settings(), client_id="test-producer")
    await producer.start()
    try:
        for m in moments:
            await publish(producer, topics["moments"], m, key=m.organisation_id)
    finally:
        await producer.stop()
    settings = DigestSettings(
        kafka=kafka.settings(),
        network_file=write_network(tmp_path, [org]),
        database_url=postgres_url,
        group_id=unique_name("digest"),
        moments_topic=topics["moments"],
        deliveries_topic=topics["deliveries"],
        digests_topic=topics["digests"],
        schedule_interval_s=0.05,
        smtp=SmtpSettings(port=smtp_sink.port),
    )
    # Wednesday of W48: the W47 digest (Monday 08:00) was missed.
    app = build_app(settings, clock=lambda: dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC))
    engine = create_engine(postgres_url)
    try:
        async with app.router.lifespan_context(app):
            await wait_until(
                lambda: _true(smtp_sink.count() >= 2), within=60, what="the missed digest"
            )
            # A negative check: ten more scheduler ticks must not send anything more.
            await asyncio.sleep(0.5)
            assert await scalar(engine, "SELECT count(*) FROM digest_runs") == 1
    finally:
        await engine.dispose()
    assert smtp_sink.count() == 2
    for recipient in ("board@late.example", "chair@late.example"):
        [mail] = smtp_sink.to(recipient)
        assert str(mail.message["Subject"]) == "Mangomomenten week 47 — LATE: 40 momenten"
