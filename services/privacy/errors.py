"""What can go wrong in the privacy tools, each with the exit code the CLI gives it."""


class PrivacyError(Exception):
    """Base: one line for the operator, and an exit code."""

    exit_code = 1


class InvalidInput(PrivacyError):
    """A bad command-line value (exit 2), naming the option."""

    exit_code = 2

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"invalid {option}: {problem}")
        self.option = option


class StoreUnreachable(PrivacyError):
    """A database could not be opened or queried (the cause's class only: URLs hold passwords)."""

    def __init__(self, store: str, cause: BaseException) -> None:
        super().__init__(f"cannot use the {store} database ({type(cause).__name__})")
        self.store = store


class SlackDeleteFailed(PrivacyError):
    """Slack refused or could not be reached for `chat.delete`."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Slack chat.delete failed: {reason}")
        self.reason = reason


class NoStores(PrivacyError):
    """No service database exists where the settings point: most likely the wrong folder. An
    access request must not be answered "nothing stored" on that."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            f"no database found ({', '.join(missing)}): run this where the services run, or set "
            "MANGO_DATABASE_URL; nothing was searched"
        )
