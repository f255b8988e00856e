"""Secrets named in the network file (Teams webhook URLs, API tokens), resolved at run time.

A secret called `teams-cardio` is read from `$MANGO_SECRETS_DIR/teams-cardio` (default
`/run/secrets`), or else from the environment variable `MANGO_SECRET_TEAMS_CARDIO`.
"""

import os
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import SecretStr

from services.common.settings import DEFAULT_SECRETS_DIR


class SecretMissing(LookupError):
    """A secret the network file names is in neither the secrets folder nor the environment."""


def env_name(secret_name: str) -> str:
    return "MANGO_SECRET_" + re.sub(r"[^A-Za-z0-9]", "_", secret_name).upper()


class SecretStore:
    def __init__(self, directory: Path | None, environ: Mapping[str, str]) -> None:
        self._directory = directory
        self._environ = environ

    @classmethod
    def from_environment(cls) -> "SecretStore":
        return cls(Path(os.environ.get("MANGO_SECRETS_DIR", DEFAULT_SECRETS_DIR)), os.environ)

    def has(self, name: str) -> bool:
        """The secret is there (read now: a secret added later counts without a restart)."""
        try:
            self.get(name)
        except SecretMissing:
            return False
        return True

    def presence(
        self, max_age_s: float, clock: Callable[[], float] = time.monotonic
    ) -> Callable[[str], bool]:
        """`has` for a hot path, each name read again at most every `max_age_s`: a secret added
        or removed counts within that time, without a restart."""
        seen: dict[str, tuple[float, bool]] = {}

        def has(name: str) -> bool:
            now = clock()
            known = seen.get(name)
            if known is None or now - known[0] >= max_age_s:
                known = seen[name] = (now, self.has(name))
            return known[1]

        return has

    def get(self, name: str) -> SecretStr:
        if self._directory is not None and "/" not in name and not name.startswith("."):
            path = self._directory / name
            if path.is_file():
                try:
                    text = path.read_text(encoding="utf-8").strip()
                except UnicodeDecodeError:
                    raise SecretMissing(f"secret {name!r} in {path} is not UTF-8 text") from None
                if text:  # an empty file is no secret: as if it were not there
                    return SecretStr(text)
        value = self._environ.get(env_name(name))
        if value:
            return SecretStr(value)
        raise SecretMissing(
            f"secret {name!r} not found: put it in {self._directory or DEFAULT_SECRETS_DIR}/{name}"
            f" or set {env_name(name)}"
        )
