"""Safe YAML reading that remembers where every node stood, for file:line:col messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, reported as ``path:line:col: message``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.message}"


class InputError(Exception):
    """Bad user input: one or more problems, each with its file and line."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class YamlDocument:
    """The loaded data of one YAML file with its node tree, to map data paths to lines."""

    path: str
    data: Any
    root: yaml.Node | None

    def mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """Line and column (1-based) of the node at ``loc``, or of its deepest existing parent."""
        node = self.root
        best = node
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                nxt = None
                for k, v in node.value:
                    if k.value == key:
                        nxt = v
                        # a missing or wrong key is best pointed at by its key node
                        best = k if key == loc[-1] else v
                        break
                node = nxt
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if 0 <= key < len(node.value) else None
                best = node or best
            else:
                node = None
            if node is None:
                break
            if key != loc[-1]:
                best = node
        if best is None:
            return (1, 1)
        return (best.start_mark.line + 1, best.start_mark.column + 1)

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        line, column = self.mark(loc)
        return Problem(self.path, line, column, message)


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file or raise InputError with a one-line reason."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(display, 0, 0, "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(display, 0, 0, "is a directory, not a file")]) from None
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if b"\x00" in raw[:8192]:
        raise InputError([Problem(display, 0, 0, "binary file (NUL byte), expected UTF-8 text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise InputError([Problem(display, line, col, msg)]) from None
    if not text.strip():
        raise InputError([Problem(display, 0, 0, "file is empty")])
    return text


def load_yaml(path: Path, display: str) -> YamlDocument:
    """Parse one YAML file safely: tags that construct Python objects are refused, not run."""
    text = read_text(path, display)
    try:
        root = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or str(exc)
        if "could not determine a constructor" in what:
            tag = what.split("tag", 1)[-1].strip(" '")
            what = f"tag {tag} is not allowed (ketcheck reads plain YAML data only)"
        raise InputError([Problem(display, line, col, f"YAML error: {what}")]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise InputError([Problem(display, 0, 0, f"YAML error: {exc}")]) from None
    duplicates = list(_duplicate_keys(root, display))
    if duplicates:
        raise InputError(duplicates)
    return YamlDocument(display, data, root)


def _duplicate_keys(node: yaml.Node | None, display: str):
    """A key written twice in one mapping: YAML keeps the last silently, which in a
    hand-written file almost always hides a mistake."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and name in seen:
                mark = key.start_mark
                yield Problem(
                    display,
                    mark.line + 1,
                    mark.column + 1,
                    f"duplicate key '{name}' (first at line {seen[name]})",
                )
            elif name is not None:
                seen[name] = key.start_mark.line + 1
            yield from _duplicate_keys(value, display)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, display)
