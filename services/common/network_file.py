"""Reading the network file: YAML in, a checked `Network` out, or every problem with its line."""

from pathlib import Path
from typing import Any

import yaml

from schemas.network import Network, NetworkInvalid, Problem, parse_network


class NetworkFileError(NetworkInvalid):
    """The network file cannot be read or is not valid; `problems` lists each one."""

    def __init__(self, path: Path, problems: list[Problem], lines: list[int | None]) -> None:
        self.path = path
        self.lines = tuple(lines)
        super().__init__(problems)

    def report(self) -> list[str]:
        """One human line per problem: `FILE:LINE: path.to.field: message`."""
        out = []
        for problem, line in zip(self.problems, self.lines, strict=True):
            where = f"{self.path}:{line}" if line else str(self.path)
            out.append(f"{where}: {problem}")
        return out


def load_network(path: Path) -> Network:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NetworkFileError(
            path, [Problem((), f"cannot read the file: {exc}")], [None]
        ) from None
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        line = (
            exc.problem_mark.line + 1
            if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark
            else None
        )
        raise NetworkFileError(path, [Problem((), f"not valid YAML: {exc}")], [line]) from None
    try:
        return parse_network(data)
    except NetworkInvalid as exc:
        problems = list(exc.problems)
        raise NetworkFileError(path, problems, [line_of(root, p.path) for p in problems]) from None


def line_of(root: Any, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the deepest YAML node that exists along `path`."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            child = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line
