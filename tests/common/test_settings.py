from pathlib import Path

import pytest
from pydantic import BaseModel, SecretStr, ValidationError
from pydantic_settings import SettingsError

from services.common.secrets import SecretMissing, SecretStore, env_name
from services.common.settings import ServiceSettings


class Slack(BaseModel):
    bot_token: SecretStr | None = None


class ExampleSettings(ServiceSettings):
    api_key: SecretStr | None = None
    slack: Slack = Slack()


def test_environment_nested_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANGO_KAFKA__BOOTSTRAP_SERVERS", "kafka:9092")
    monkeypatch.setenv("MANGO_KAFKA__IDEMPOTENCE", "false")
    settings = ExampleSettings()
    assert settings.kafka.bootstrap_servers == "kafka:9092"
    assert settings.kafka.idempotence is False


def test_production_defaults_are_durable() -> None:
    settings = ExampleSettings()
    assert settings.kafka.idempotence is True
    assert settings.log_format == "json"


def test_secrets_come_from_files_also_nested(tmp_path: Path) -> None:
    (tmp_path / "mango_api_key").write_text("from-a-file\n", encoding="utf-8")
    (tmp_path / "mango_slack__bot_token").write_text("xoxb-test", encoding="utf-8")
    settings = ExampleSettings(_secrets_dir=tmp_path)
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "from-a-file"
    assert settings.slack.bot_token is not None
    assert settings.slack.bot_token.get_secret_value() == "xoxb-test"
    assert "xoxb" not in repr(settings)


def test_only_setting_files_are_read_and_one_that_is_not_text_is_named(tmp_path: Path) -> None:
    # Another program's binary certificate in the same folder is left alone ...
    (tmp_path / "hospital-client.pfx").write_bytes(b"\x30\x82\xf8\x00binary")
    (tmp_path / "mango_api_key").write_text("from-a-file", encoding="utf-8")
    settings = ExampleSettings(_secrets_dir=tmp_path)
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "from-a-file"
    # ... but a setting's own file that is not UTF-8 text is an error naming that file.
    (tmp_path / "mango_slack__bot_token").write_bytes(b"\xff\xfex\x00o\x00")
    with pytest.raises(SettingsError, match="mango_slack__bot_token is not UTF-8 text"):
        ExampleSettings(_secrets_dir=tmp_path)


def test_a_named_secret_that_is_empty_or_not_text_is_missing(tmp_path: Path) -> None:
    (tmp_path / "teams-az-empty").write_text("\n", encoding="utf-8")
    (tmp_path / "teams-az-binary").write_bytes(b"\xff\xfeh\x00")
    store = SecretStore(tmp_path, {env_name("teams-az-empty"): "from-the-environment"})
    assert store.get("teams-az-empty").get_secret_value() == "from-the-environment"
    assert not SecretStore(tmp_path, {}).has("teams-az-empty")
    with pytest.raises(SecretMissing, match=r"teams-az-binary.* is not UTF-8 text"):
        store.get("teams-az-binary")


def test_named_secrets_from_folder_or_environment(tmp_path: Path) -> None:
    (tmp_path / "teams-az-oncologie").write_text("https://example.invalid/hook\n", encoding="utf-8")
    store = SecretStore(tmp_path, {env_name("api-token-az"): "t0ken"})
    assert store.get("teams-az-oncologie").get_secret_value() == "https://example.invalid/hook"
    assert store.get("api-token-az").get_secret_value() == "t0ken"
    assert env_name("api-token-az") == "MANGO_SECRET_API_TOKEN_AZ"
    with pytest.raises(SecretMissing, match="MANGO_SECRET_NOPE"):
        store.get("nope")
    with pytest.raises(SecretMissing):
        store.get("../etc/passwd")


def test_presence_reads_a_secret_again_only_when_its_answer_is_old(tmp_path: Path) -> None:
    now = [0.0]
    has = SecretStore(tmp_path, {}).presence(max_age_s=30, clock=lambda: now[0])
    assert not has("teams-az-geriatrie")
    (tmp_path / "teams-az-geriatrie").write_text("https://example.invalid/hook", encoding="utf-8")
    now[0] = 29.9
    assert not has("teams-az-geriatrie")  # read at 0 s: still the old answer
    now[0] = 30.0
    assert has("teams-az-geriatrie")
    (tmp_path / "teams-az-geriatrie").unlink()
    now[0] = 60.0
    assert not has("teams-az-geriatrie")


def test_trusted_proxies_are_addresses_or_networks() -> None:
    from services.ingest.settings import IngestSettings

    settings = IngestSettings(trusted_proxies="172.18.0.1, 10.0.0.0/8,")
    assert settings.proxies() == ["172.18.0.1", "10.0.0.0/8"]
    with pytest.raises(ValidationError) as refused:
        IngestSettings(trusted_proxies="10.0.0.0/8, proxy.hospital.local")
    assert "trusted_proxies" in str(refused.value)
    assert "'proxy.hospital.local' is not an IP address or network" in str(refused.value)
