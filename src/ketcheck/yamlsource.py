"""Safe YAML reading that remembers where every node stood, for file:line:col messages."""

from __future__ import annotations

import os
import re
import stat
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
        # one problem, one line: a line break in a path or a quoted value must not split it
        return f"{where}: {self.message}".replace("\r", "\\r").replace("\n", "\\n")


class InputError(Exception):
    """Bad user input: one or more problems, each with its file and line."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class YamlDocument:
    """The loaded data of one YAML file with its node tree, to map data paths to lines.

    The node tree is several times the size of the data; a loader that has taken the marks it
    needs may :meth:`release` it, and it is composed again from ``text`` if asked for a mark
    later (which happens only to report a problem).
    """

    path: str
    data: Any
    root: yaml.Node | None
    text: str | None = None

    def release(self) -> None:
        if self.text is not None:
            self.root = None

    def _tree(self) -> yaml.Node | None:
        if self.root is None and self.text is not None:
            self.root = _compose(self.text)[0]
        return self.root

    def mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """Line and column (1-based) of the node at ``loc``, or of its deepest existing parent."""
        node = self._tree()
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


MAX_FILE_BYTES = 256 * 1024 * 1024  # a knowledge-base file larger than this is not hand-written

# Characters YAML refuses (C0/C1 controls other than tab and line breaks, surrogates,
# non-characters): found here so the error has a line and column wherever they stand.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def read_bytes(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, refusing FIFOs, devices and sockets by file type.

    The size a special file reports (0 for a FIFO or ``/dev/zero``) says nothing about what
    reading it yields, so the type is checked on the opened file and at most ``limit`` + 1
    bytes are ever read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError([Problem(display, 0, 0, "file not found")]) from None
    except IsADirectoryError:
        raise InputError([Problem(display, 0, 0, "is a directory, not a file")]) from None
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read: {exc.strerror}")]) from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise InputError([Problem(display, 0, 0, "is a directory, not a file")])
        if not stat.S_ISREG(mode):
            what = file_type(mode)
            raise InputError([Problem(display, 0, 0, f"is a {what}, not a regular file")])
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise InputError([Problem(display, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > limit:
        raise InputError([Problem(display, 0, 0, f"larger than the {limit} byte limit")])
    return raw


def file_type(mode: int) -> str:
    """What a non-regular file is, in words, for error messages."""
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


def position_of(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (lines end at ``\\n``)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file or raise InputError with a one-line reason."""
    raw = read_bytes(path, display)
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
    return parse_yaml(read_text(path, display), display)


def parse_yaml(text: str, display: str) -> YamlDocument:
    """Parse YAML text read from ``display`` (see :func:`load_yaml`)."""
    bad = _UNPRINTABLE.search(text)
    if bad:
        line, col = position_of(text, bad.start())
        msg = f"control character U+{ord(bad.group()):04X} is not allowed in YAML"
        raise InputError([Problem(display, line, col, msg)])
    try:
        root, data = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join((exc.problem or str(exc)).split())
        if "could not determine a constructor" in what:
            tag = what.split("tag", 1)[-1].strip(" '")
            what = f"tag {tag} is not allowed (ketcheck reads plain YAML data only)"
        raise InputError([Problem(display, line, col, f"YAML error: {what}")]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        what = " ".join(str(exc).split())
        raise InputError([Problem(display, 0, 0, f"YAML error: {what}")]) from None
    duplicates = duplicate_keys(root, display)
    if duplicates:
        raise InputError(duplicates)
    return YamlDocument(display, data, root, text)


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree and the data of one YAML document, parsed once."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def duplicate_keys(root: yaml.Node | None, display: str) -> list[Problem]:
    """Keys written twice in one mapping: YAML keeps the last silently, which in a
    hand-written file almost always hides a mistake.

    The walk uses an explicit stack (nesting depth is the file's to choose, not Python's
    recursion limit) and visits each node once: an alias is the node it names, already
    checked where its anchor stands, so an alias bomb costs no more than its text.
    """
    problems: list[Problem] = []
    seen_nodes: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name is not None and name in first:
                    mark = key.start_mark
                    problems.append(
                        Problem(
                            display,
                            mark.line + 1,
                            mark.column + 1,
                            f"duplicate key '{one_line(name)}' (first at line {first[name]})",
                        )
                    )
                elif name is not None:
                    first[name] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return sorted(problems, key=lambda p: (p.line, p.column))


def one_line(text: object, limit: int = 80) -> str:
    """A user value fit for a one-line message: line breaks and controls escaped, shortened."""
    shown = repr(str(text))[1:-1] if not str(text).isprintable() else str(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
