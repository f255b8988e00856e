"""`tools/redaction_differential.py`: its posts say truly where their slots are, are the same
for the same seed, and the whole check runs against HEAD and prints its table."""

import subprocess
import sys
from pathlib import Path

import redaction_differential as differential

from services.ingest.domain.redaction import normalise_text

TOOL = Path(differential.__file__)


def test_every_slot_is_where_the_post_says() -> None:
    posts = differential.generate(500, seed=7)
    assert {post.language for post in posts} == {"nl", "fr", "en"}
    slots = [slot for post in posts for slot in post.slots]
    assert any(slot.is_name for slot in slots)
    assert any(not slot.is_name for slot in slots)
    for post in posts:
        assert normalise_text(post.text) == post.text  # the worker's offsets are the post's
        for slot in post.slots:
            assert post.text[slot.start : slot.end] == slot.value


def test_the_same_seed_gives_the_same_posts() -> None:
    assert differential.generate(300, seed=3) == differential.generate(300, seed=3)
    assert differential.generate(300, seed=3) != differential.generate(300, seed=4)


def test_the_check_against_head_prints_its_summary() -> None:
    result = subprocess.run(
        [sys.executable, str(TOOL), "--rev", "HEAD", "--count", "300", "--examples", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    for heading in (
        "300 posts (seed 0)",
        "names redacted whole",
        "look-alikes redacted",
        "lost names",
        "gained names",
        "newly over-redacted look-alikes",
        "newly kept look-alikes",
    ):
        assert heading in result.stdout
    assert (result.returncode == 1) == ("lost names:" in result.stdout)
