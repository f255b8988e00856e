"""Benchmark: every weekly digest of 30 organisations from a PostgreSQL store of 1,000,000 moments.

    .venv/bin/python bench/digest.py [--rows 1000000] [--organisations 30] [--week 2026-W47]

Creates a dedicated temporary database on the PostgreSQL server of the tests
(`MANGO_TEST_POSTGRES`, default postgresql://postgres@127.0.0.1:5432/postgres), fills it with
`generate_series` (a year of a nationwide rollout: 30 organisations x 8 departments, one moment
every ~31 s), then prints, in one run:

- the time of one `SELECT count(*)` over the table (the yardstick);
- the time and the peak memory to build and render every digest (board and partners) of every
  organisation for one week, through the service's own store, domain and rendering code.

Targets: < 10 s and < 500 MB. Aggregation happens in the database (GROUP BY, window functions
over the organisation/time index); Python only sees a few dozen rows per digest.
"""

import argparse
import asyncio
import os
import resource
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schemas import DigestAudience, DigestSent
from schemas.network import Network
from services.common.database import create_engine
from services.digest.adapters.store import Store
from services.digest.domain.weeks import IsoWeek
from services.digest.service import DigestService
from services.digest.settings import MailSettings

SERVER = os.environ.get("MANGO_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
DEPARTMENTS = 8
LANGUAGES = ("nl", "fr", "en")

FILL = """
INSERT INTO digest_moments (
    event_id, organisation_id, occurred_at, department_id, team_type, kind, beneficiary,
    consented, needs_review, title, text, author_name, permalink
)
SELECT
    md5(i::text)::uuid::text,
    'org-' || lpad((i % $2)::text, 2, '0'),
    timestamptz '2025-11-24 00:00:00+00' + i * ($3 / $1::float8) * interval '1 second',
    'dept-' || ((i * 7919) % $4),
    CASE WHEN (i * 7919) % $4 < 2 THEN 'oncology' ELSE 'non_oncology' END,
    CASE WHEN i % 10 < 3 THEN 'good_practice' ELSE 'moment' END,
    (ARRAY['patient', 'loved_one', 'colleague', 'other'])[1 + (i * 31) % 4],
    i % 2 = 0,
    i % 500 = 0,
    CASE WHEN i % 5 = 0 THEN 'Good practice ' || i END,
    'Moment ' || i || ': we organised a small surprise for a patient who had been on the ward '
        || 'for weeks; the whole team signed a card and her daughter joined by video call.',
    CASE WHEN i % 9 <> 0 THEN 'Colleague ' || (i % 5000) END,
    NULL
FROM generate_series(1::bigint, $1::bigint) AS i
"""


def network(organisations: int) -> Network:
    return Network.model_validate(
        {
            "organisations": [
                {
                    "id": f"org-{o:02d}",
                    "name": f"Organisation {o:02d}",
                    "kind": "hospital",
                    "language": LANGUAGES[o % 3],
                    "ambassador": {"name": f"Ambassador {o}", "email": f"amb@org{o}.example"},
                    "departments": [
                        {
                            "id": f"dept-{d}",
                            "name": f"Department {d}",
                            "team_type": "oncology" if d < 2 else "non_oncology",
                        }
                        for d in range(DEPARTMENTS)
                    ],
                    "digests": {
                        "board": {"recipients": [f"board{r}@org{o}.example" for r in range(3)]},
                        "partners": {"recipients": [f"gp{r}@partner.example" for r in range(2)]},
                    },
                }
                for o in range(organisations)
            ]
        }
    )


async def no_publish(event: DigestSent) -> None:
    raise AssertionError("the benchmark builds digests, it does not send them")


async def run(rows: int, organisations: int, week: IsoWeek) -> None:
    name = f"mango_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(SERVER)
    await admin.execute(f'CREATE DATABASE "{name}"')
    base = SERVER.rsplit("/", 1)[0]
    url = f"{base}/{name}".replace("postgresql://", "postgresql+asyncpg://")
    engine = create_engine(url)
    try:
        store = Store(engine)
        await store.migrate()
        connection = await asyncpg.connect(f"{base}/{name}")
        try:
            started = time.perf_counter()
            await connection.execute(FILL, rows, organisations, 365 * 86400, DEPARTMENTS)
            await connection.execute("VACUUM ANALYZE digest_moments")
            fill_s = time.perf_counter() - started
            started = time.perf_counter()
            counted = await connection.fetchval("SELECT count(*) FROM digest_moments")
            count_s = time.perf_counter() - started
        finally:
            await connection.close()
        print(f"store: {counted:,} moments in {name} (filled in {fill_s:.1f} s)")
        print(f"SELECT count(*):            {count_s * 1000:8.1f} ms")

        service = DigestService(
            network(organisations), store, _NoMailer(), no_publish, MailSettings()
        )
        tracemalloc.start()
        started = time.perf_counter()
        built = 0
        moments = 0
        for org in service.network.organisations:
            for audience in DigestAudience:
                digest = await service.build(org.id, audience, week)
                rendered = service.renderer.render(digest)
                built += 1
                moments += digest.total
                assert rendered.html
                assert rendered.text
        build_s = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"build + render {built} digests ({organisations} organisations x board/partners, "
            f"{week}, {moments:,} moments in them):"
        )
        print(f"  time:                     {build_s * 1000:8.1f} ms  (target < 10,000 ms)")
        print(
            f"  peak Python allocations:  {peak / 2**20:8.1f} MB  (tracemalloc, during the build)"
        )
        print(f"  peak process RSS:         {rss_mb:8.1f} MB  (whole run; target < 500 MB)")
        print(f"  ratio build / count(*):   {build_s / count_s:8.1f} x")
        ok = build_s < 10 and rss_mb < 500
        print("targets met" if ok else "TARGETS MISSED")
    finally:
        await engine.dispose()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


class _NoMailer:
    async def send(self, message: object, recipient: str) -> None:
        raise AssertionError("the benchmark builds digests, it does not send them")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--organisations", type=int, default=30)
    parser.add_argument("--week", default="2026-W47")
    args = parser.parse_args()
    asyncio.run(run(args.rows, args.organisations, IsoWeek.parse(args.week)))


if __name__ == "__main__":
    main()
