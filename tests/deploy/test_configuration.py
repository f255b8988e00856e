"""Deployment files agree with the code: every `MANGO_` variable is a real setting, every
required setting is provided, and the Compose file validates with `docker-compose config`."""

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from services.common.settings import ServiceSettings
from services.settings_doc import env_example as env_example_text
from services.settings_doc import settings_classes

ROOT = Path(__file__).parents[2]
COMPOSE = ROOT / "deploy" / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SETTINGS: dict[str, type[ServiceSettings]] = settings_classes()


def variables(model: type[BaseModel], prefix: str = "MANGO_") -> dict[str, bool]:
    """Every environment variable a settings class reads -> whether it is required."""
    found: dict[str, bool] = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        key = f"{prefix}{name.upper()}"
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested = variables(annotation, key + "__")
            found.update({k: required and field.is_required() for k, required in nested.items()})
        else:
            found[key] = field.is_required()
    return found


def all_variables() -> dict[str, bool]:
    merged: dict[str, bool] = {}
    for cls in SETTINGS.values():
        for key, required in variables(cls).items():
            merged[key] = merged.get(key, False) or required
    return merged


def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def env_example() -> dict[str, str]:
    pairs = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            key, _, value = stripped.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def service_environment(service: dict[str, Any]) -> set[str]:
    env = service.get("environment") or {}
    keys = set(env) if isinstance(env, dict) else {item.split("=", 1)[0] for item in env}
    return {k for k in keys if k.startswith("MANGO_")}


def service_secret_files(data: dict[str, Any], service: dict[str, Any]) -> set[str]:
    """Secrets mounted into /run/secrets, as the variable names they fill."""
    names = set()
    for secret in service.get("secrets") or []:
        target = secret if isinstance(secret, str) else secret.get("target", secret["source"])
        names.add(target.upper())
    return names


def test_every_mango_variable_in_env_example_is_a_real_setting() -> None:
    known = all_variables()
    # Named secrets of the network file (MANGO_SECRET_<NAME>) are not settings, but are allowed.
    unknown = [k for k in env_example() if k not in known and not k.startswith("MANGO_SECRET_")]
    assert unknown == [], f"not a setting of any service: {unknown}"


def test_env_example_is_generated_from_the_settings_classes() -> None:
    expected = env_example_text()
    assert ENV_EXAMPLE.read_text(encoding="utf-8") == expected, (
        "regenerate: .venv/bin/mango settings example > .env.example"
    )
    for key in all_variables():
        assert re.search(rf"^#?\s*{key}=", expected, re.M), key


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_compose_variables_are_real_and_required_ones_provided(name: str) -> None:
    data = compose()
    service = data["services"][name]
    known = variables(SETTINGS[name])
    provided = service_environment(service) | service_secret_files(data, service)
    if service.get("env_file"):
        provided |= set(env_example())
    unknown = sorted(k for k in service_environment(service) if k not in known)
    assert unknown == [], f"{name}: not settings: {unknown}"
    missing = sorted(k for k, required in known.items() if required and k not in provided)
    assert missing == [], f"{name}: required settings not provided: {missing}"


@pytest.mark.parametrize("name", ["init", *sorted(SETTINGS)])
def test_compose_points_every_service_at_its_own_kafka(name: str) -> None:
    """Inside a container 127.0.0.1 is the container itself: the default address reaches
    nothing there. Every service that talks to Kafka must be given the broker's service name."""
    data = compose()
    service = data["services"][name]
    address = (service.get("environment") or {}).get("MANGO_KAFKA__BOOTSTRAP_SERVERS") or (
        env_example().get("MANGO_KAFKA__BOOTSTRAP_SERVERS") if service.get("env_file") else None
    )
    assert address, f"{name}: no Kafka address given (it would dial 127.0.0.1:9092)"
    hosts = {part.rsplit(":", 1)[0] for part in address.split(",")}
    assert hosts <= set(data["services"]), f"{name}: {address} is not a service of this file"
    assert "kafka" in data["services"][name]["depends_on"]


def test_compose_named_secrets_exist_as_files_or_are_documented() -> None:
    data = compose()
    for name, secret in (data.get("secrets") or {}).items():
        assert "file" in secret, f"secret {name} must come from a file, not inline"


def test_compose_file_validates(tmp_path: Path) -> None:
    """As an operator has it after `cp .env.example .env`: the file and its env file validate."""
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose is needed (Debian package docker-compose; .ci/run installs it)"
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    result = subprocess.run(
        [binary, "-f", str(tmp_path / "deploy" / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    assert result.returncode == 0, result.stderr


# Bot scopes each Slack Web API method needs (docs.slack.dev/reference/methods/<method>).
SLACK_SCOPES = {
    "views_open": set(),  # a trigger id is the permission
    "chat_postEphemeral": {"chat:write"},
    "chat_postMessage": {"chat:write"},
    "chat_delete": {"chat:write"},
    "users_info": {"users:read"},
    "conversations_history": {"channels:history", "groups:history"},
}


def test_the_slack_manifest_grants_what_the_code_calls() -> None:
    from slack_sdk.web.async_client import AsyncWebClient

    called = {
        name
        for path in (ROOT / "services").rglob("*.py")
        for name in re.findall(r"_client\.(\w+)\(", path.read_text(encoding="utf-8"))
        if hasattr(AsyncWebClient, name)
    }
    assert called, "the services call Slack's Web API"
    assert called <= set(SLACK_SCOPES), f"add the scopes of {called - set(SLACK_SCOPES)}"
    manifest = yaml.safe_load((ROOT / "deploy" / "slack-app-manifest.yml").read_text())
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    needed = set().union(*(SLACK_SCOPES[name] for name in called))
    assert needed <= granted, f"missing bot scopes: {needed - granted}"
    # Mentions in /mango arrive as <@U…|handle>, so a colleague is kept, not redacted.
    [command] = manifest["features"]["slash_commands"]
    assert command["should_escape"] is True
