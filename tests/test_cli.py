"""The `mango` command as a user runs it: the installed entry point, in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "deploy" / "network.example.yaml"
MANGO = str(Path(sys.executable).parent / "mango")


def mango(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MANGO, *args], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )


def test_network_check_accepts_the_example() -> None:
    result = mango("network", "check", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "3 organisations" in result.stdout


def test_counts_read_as_english() -> None:
    from services.cli import counted

    assert counted(1, "organisation") == "1 organisation"
    assert counted(0, "department") == "0 departments"
    assert counted(12, "department") == "12 departments"


def test_network_check_names_the_missing_field_and_its_line(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["organisations"][2]["departments"][1]["team_type"]
    broken = tmp_path / "network.yaml"
    broken.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = mango("network", "check", str(broken))
    assert result.returncode == 1
    assert "organisations[2].departments[1].team_type: field required" in result.stderr
    assert f"{broken}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_network_check_explains_unreadable_and_invalid_yaml(tmp_path: Path) -> None:
    missing = mango("network", "check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1
    assert "cannot read the file" in missing.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations: [\n  {id: x,\n", encoding="utf-8")
    invalid = mango("network", "check", str(bad))
    assert invalid.returncode == 1
    assert "not valid YAML" in invalid.stderr
    assert "Traceback" not in invalid.stderr


def test_schemas_export_writes_a_json_schema_per_event(tmp_path: Path) -> None:
    result = mango("schemas", "export", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"MomentPosted.json", "MomentDelivered.json", "DigestSent.json"} <= written
    posted = json.loads((tmp_path / "out" / "MomentPosted.json").read_text(encoding="utf-8"))
    assert posted["x-topic"] == "mango.moments.v1"
    assert {"event_id", "occurred_at", "text", "sharing", "privacy"} <= set(posted["properties"])
    assert posted["properties"]["text"]["maxLength"] == 4000


def test_invalid_setting_is_named_without_a_traceback() -> None:
    result = subprocess.run(
        [MANGO, "ingest"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
        env={"PATH": "/usr/bin:/bin", "MANGO_KAFKA__PARTITIONS": "many"},
    )
    assert result.returncode == 2
    assert "MANGO_KAFKA__PARTITIONS" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_secret_file_that_is_not_text_is_named_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "mango_slack__bot_token").write_bytes(b"\xff\xfex\x00o\x00")
    result = subprocess.run(
        [MANGO, "dlq", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
        env={"PATH": "/usr/bin:/bin", "MANGO_SECRETS_DIR": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "mango_slack__bot_token is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr
