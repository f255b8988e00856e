"""A word of the text as the name rules see it."""

from services.ingest.domain.redaction.text import fold


class Token:
    """A word of the text, with what the name rules ask of it computed once."""

    __slots__ = (
        "_folded",
        "capitalised",
        "core",
        "core_end",
        "end",
        "key",
        "possessive",
        "shouted",
        "start",
        "starts",
        "text",
        "unknown",
    )

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        core = text
        if text.endswith(("'s", "\u2019s")):  # a possessive 's is not part of the name
            core = text[:-2]
        self.core = core
        self.core_end = start + len(core)
        self.possessive = core != text
        self.capitalised = core[:1].isupper() and any(c.islower() for c in core[1:])
        self.shouted = len(core) > 1 and core.isupper()  # "JANSSENS", "DE"
        self.key = core.casefold().rstrip(".")
        self._folded: str | None = None
        self.unknown: bool | None = None  # NameFinder._unknown_word's answer, once asked
        # NameFinder._starts_name's answers by depth (1 and deeper: a neighbour's question): a
        # list's neighbours ask each other again and again ("joy en joy en ..."); answered
        # once, a long text costs linear time.
        self.starts: dict[int, bool] | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.core)
        return self._folded
