"""Documents to lint: loading, markup blanking, one offset → line:column map, sentences.

Every check scans ``Document.text`` and reports positions in the file the user wrote, so the
design keeps the two in step. ``text`` has the same length as ``original`` and every character
either is the original one or became whitespace: Markdown syntax, code, link targets, HTML
tags, comments, ``<script>``/``<style>``/``<code>``/``<pre>`` content and front matter are
replaced by spaces (newlines kept). The one exception is HTML character references
(``don&rsquo;t``), which are decoded so that words stay whole; the few shifts that causes are
kept in a small table, and :meth:`Document.position` and :meth:`Document.location` go through
it. Always convert offsets through those methods, never by counting in ``original``.

Code is not prose, so ``<code>``/``<pre>`` and fenced/indented/inline code are blanked;
link text, headings and ``<title>`` stay; images (alt text too) go. In plain text only suppression
comments (``# ketcheck: ignore``) are blanked. No-break spaces become plain spaces.

Block structure (paragraphs, headings, list items, table cells, ``<p>``, ``<li>``, ``<br>``…)
is recorded as ``Document.breaks``: offsets in ``text`` that no sentence may straddle. Blank
lines (also those left by blanked blocks) are boundaries by themselves and need no entry.
Lines are counted by ``offsets.LineIndex``, the project's one mapper (``\n`` and ``\r\n``).
"""

from __future__ import annotations

import html
import os
import re
import stat
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from itertools import pairwise
from pathlib import Path
from typing import Literal

from ketcheck import markup
from ketcheck.models import Location, normalise_space
from ketcheck.offsets import LineIndex
from ketcheck.yamlsource import file_type

Kind = Literal["txt", "md", "html"]

EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
MAX_BYTES = 5 * 1024 * 1024  # larger inputs are not articles; refuse rather than stall
MAX_LINE_BYTES = 1024 * 1024  # minified or generated content, not prose
_SNIFF_BYTES = 8192
_BOM = b"\xef\xbb\xbf"

_NOT_EOL = re.compile(r"[^\r\n]")


class DocumentError(Exception):
    """A document that cannot be read; ``str()`` is the one-line CLI message."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path, self.message, self.line = path, message, line
        shown = path.replace("\r", "\\r").replace("\n", "\\n")  # one error, one line
        where = f"{shown}:{line}" if line is not None else shown
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Document:
    """A loaded document: what the user wrote and what the checks scan."""

    path: str  # display path, as given
    original: str  # decoded file text (BOM removed, line endings untouched)
    text: str  # text to scan; same offsets as ``original`` except decoded entities
    kind: Kind = "txt"
    breaks: tuple[int, ...] = ()  # sorted offsets in ``text`` that end a block
    shifts: tuple[tuple[int, int], ...] = ()  # (text offset, cumulative original - text)
    _index: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", LineIndex(self.original))

    def original_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to the matching offset in ``original``."""
        if not self.shifts:
            return offset
        i = bisect_right(self.shifts, (offset, sys.maxsize)) - 1
        return offset + (self.shifts[i][1] if i >= 0 else 0)

    def original_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in ``original``; columns count code points."""
        return self._index.position(offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of an offset in ``text``."""
        return self.original_position(self.original_offset(offset))

    def location(self, start: int, end: int | None = None) -> Location:
        """A finding location for ``text[start:end]`` (end column exclusive, as in SARIF)."""
        line, column = self.position(start)
        if end is None:
            return Location(path=self.path, line=line, column=column)
        end_line, end_column = self.position(end)
        return Location(
            path=self.path, line=line, column=column, end_line=end_line, end_column=end_column
        )

    def excerpt(self, start: int, end: int) -> str:
        """The scanned text of a span with whitespace collapsed: markup-free, for quotes."""
        return normalise_space(self.text[start:end])

    @property
    def line_count(self) -> int:
        return self._index.line_count

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) of the original, without its line ending."""
        if not 1 <= number <= self._index.line_count:
            return ""
        return self._index.line_text(number)


# --- loading ----------------------------------------------------------------------------------


def kind_of(path: str | Path) -> Kind:
    suffix = Path(path).suffix.lower()
    if suffix in {".md", ".markdown"}:
        return "md"
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    return "txt"


def load_document(
    path: str | Path, *, kind: Kind | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read and prepare one file; every failure is a one-line :class:`DocumentError`."""
    display = str(path)
    p = Path(path)
    try:
        # Opened without blocking, then judged by what it is: a FIFO or a device reports a
        # size of 0 and then never ends, so size alone cannot keep them out.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise DocumentError(display, "is a directory")
            if not stat.S_ISREG(mode):
                raise DocumentError(display, f"is a {file_type(mode)}, not a regular file")
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise DocumentError(
                    display, f"file of {size} bytes exceeds the {max_bytes} byte limit"
                )
            data = handle.read(max_bytes + 1)  # a file growing meanwhile is caught below
    except IsADirectoryError:
        raise DocumentError(display, "is a directory") from None
    except FileNotFoundError:
        raise DocumentError(display, "no such file or directory") from None
    except PermissionError:
        raise DocumentError(display, "permission denied") from None
    except OSError as exc:
        raise DocumentError(display, (exc.strerror or str(exc)).lower()) from None
    return document_from_bytes(data, display, kind or kind_of(p), max_bytes=max_bytes)


def load_stdin(text: str | bytes, name: str = "-", kind: Kind = "txt") -> Document:
    """Prepare text read from standard input (bytes preferred: errors then name the byte)."""
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    return document_from_bytes(text, name, kind)


def document_from_bytes(
    data: bytes, path: str, kind: Kind = "txt", *, max_bytes: int = MAX_BYTES
) -> Document:
    """Validate raw bytes as a prose document and build its scanned text."""
    if len(data) > max_bytes:
        raise DocumentError(path, f"file of {len(data)} bytes exceeds the {max_bytes} byte limit")
    nul = data.find(b"\0", 0, _SNIFF_BYTES)
    if nul >= 0:
        raise DocumentError(path, f"binary file (NUL byte at offset {nul})")
    skip = len(_BOM) if data.startswith(_BOM) else 0
    try:
        original = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start + skip
        line = data.count(b"\n", 0, at) + 1
        bad = data[at : at + 1].hex()
        raise DocumentError(path, f"invalid UTF-8 (byte 0x{bad} at offset {at})", line) from None
    if not original.strip():
        raise DocumentError(path, "empty file")
    lines = data.splitlines()
    if max(map(len, lines)) > MAX_LINE_BYTES:
        n, longest = max((len(x), -i) for i, x in enumerate(lines))
        raise DocumentError(path, f"single line of {n} bytes: not prose", 1 - longest)
    return make_document(original, path, kind)


def make_document(original: str, path: str = "-", kind: Kind = "txt") -> Document:
    """Build a :class:`Document` from already-decoded text (no size or encoding checks)."""
    if kind == "md":
        text, breaks, labels = markup.markdown(original)
        text = markup.markdown_inline(text, labels, breaks)
    elif kind == "html":
        text, breaks = markup.html(original)
    else:
        text = _txt_directives(original)
        breaks = [m.start() for m in _TXT_ITEM.finditer(original)]
    shifts: list[tuple[int, int]] = []
    if kind != "txt":
        text, breaks, shifts = _decode_entities(text, breaks)
    text = text.replace("\xa0", " ")
    return Document(path, original, text, kind, tuple(sorted(set(breaks))), tuple(shifts))


def iter_paths(
    paths: Iterable[str | Path],
    extensions: Iterable[str] = EXTENSIONS,
    exclude: Iterable[str] = (),
) -> Iterator[Path]:
    """Expand arguments to files: directories recursively, sorted, hidden entries skipped.

    Files named explicitly are always yielded (like ruff), whatever their extension.
    ``exclude`` globs are matched against the path as displayed and against each name.
    """
    exts = {e.lower() for e in extensions}
    patterns = list(exclude)

    def excluded(p: Path) -> bool:
        return any(fnmatch(p.as_posix(), g) or fnmatch(p.name, g) for g in patterns)

    for arg in paths:
        root = Path(arg)
        if not root.exists():
            raise DocumentError(str(arg), "no such file or directory")
        if not root.is_dir():
            if not excluded(root):
                yield root
            continue
        found = False
        for dirpath, dirnames, filenames in os.walk(root):
            base = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and not excluded(base / d)
            )
            for name in sorted(filenames):
                p = base / name
                if name.startswith(".") or p.suffix.lower() not in exts or excluded(p):
                    continue
                found = True
                yield p
        if not found:
            listed = ", ".join(sorted(exts))
            raise DocumentError(str(arg), f"no documents ({listed}) in directory")


def iter_documents(
    paths: Iterable[str | Path],
    extensions: Iterable[str] = EXTENSIONS,
    exclude: Iterable[str] = (),
) -> Iterator[Document]:
    """Load every document named by ``paths``; ``-`` reads standard input as plain text."""
    for arg in paths:
        if str(arg) == "-":
            yield load_stdin(sys.stdin.buffer.read())
            continue
        for p in iter_paths([arg], extensions, exclude):
            yield load_document(p)


# --- markup blanking --------------------------------------------------------------------------


def _blank(s: str) -> str:
    return _NOT_EOL.sub(" ", s)


# Suppression comments in plain text are not prose (suppress.py reads them from the original).
# Found from the literal "ketcheck:" forward, then their comment marker backward (see
# _txt_directives): a pattern starting with an optional "#+" or "[ \t]*" would be tried, and
# fail, at every character of a long run of them.
_TXT_DIRECTIVE = re.compile(r"ketcheck:[ \t]*ignore\b(?:\[[^\[\]\r\n]*\])?", re.I)
_COMMENT_RUNS = "#;%/"


def _txt_directives(original: str) -> str:
    """``original`` with each suppression comment (its marker, ``#``/``//``/``--``/``;``/``%``,
    included) blanked."""
    pieces: list[str] = []
    last = 0
    for m in _TXT_DIRECTIVE.finditer(original):
        start = m.start()
        while start > last and original[start - 1] in " \t":
            start -= 1
        if start > last and original[start - 1] in _COMMENT_RUNS:
            mark = original[start - 1]
            run = start
            while run > last and original[run - 1] == mark:
                run -= 1
            if mark != "/" or start - run >= 2:
                start = run
        elif original[max(last, start - 2) : start] == "--":
            start -= 2
        pieces += (original[last:start], _blank(original[start : m.end()]))
        last = m.end()
    pieces.append(original[last:])
    return "".join(pieces)


_TXT_ITEM = re.compile(r"^[ \t]*(?:[-*+•‣◦▪]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)", re.M)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")


def _decode_entities(text: str, breaks: list[int]) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Decode character references, recording where ``text`` offsets drift from the file."""
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []
    ends: list[int] = []  # entity ends in the undecoded text, for moving breaks
    last = shift = 0
    for m in _ENTITY.finditer(text):
        raw = m.group()
        decoded = html.unescape(raw).replace("\xa0", " ").replace("\xad", "")
        if decoded == raw:
            continue
        pieces += (text[last : m.start()], decoded)
        shift += len(raw) - len(decoded)
        shifts.append((m.end() - shift, shift))
        ends.append(m.end())
        last = m.end()
    if not shifts:
        return text, breaks, []
    pieces.append(text[last:])
    moved = [b - (shifts[k - 1][1] if (k := bisect_left(ends, b + 1)) else 0) for b in breaks]
    return "".join(pieces), moved, shifts


# --- sentences --------------------------------------------------------------------------------

_TERMINAL = re.compile("[.!?\u2026]+[\"'\u201d\u2019\u00bb)\\]]*(?=\\s)")
_PARAGRAPH = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t\f\v]*(?:\r\n|\r|\n)")
_NEXT = re.compile(r"\s+(\S)")
_WORD_BEFORE = re.compile(r"\S+$")
_OPENERS = "\"'\u201c\u2018\u00ab(["
_DOTTED = re.compile(r"(?:[a-z]{1,3}\.)+[a-z]{1,3}")  # e.g, i.e, u.s, ph.d, a.m
ABBREVIATIONS = _words(
    "e.g i.e eg ie dr mr mrs ms mx prof st vs v approx ca cf al fig figs no nos vol vols p pp ed "
    "eds jr sr inc ltd co corp dept est mt ft gen gov sen rep rev jan feb mar apr jun jul aug sep "
    "sept oct nov dec resp incl min max avg"
)


def _is_stop(text: str, m: re.Match[str]) -> bool:
    """Whether a run of terminal punctuation at ``m`` really ends a sentence."""
    nxt = _NEXT.match(text, m.end())
    if nxt is None:
        return True
    c = nxt.group(1)
    if c in _OPENERS and nxt.end() < len(text):
        c = text[nxt.end()]
    if c.islower():
        return False
    if "." not in m.group() or "..." in m.group() or "…" in m.group():
        return True
    w = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
    if w is None:
        return True
    word = w.group().lstrip(_OPENERS).lower()
    if word in ABBREVIATIONS or _DOTTED.fullmatch(word):  # "Dr.", "e.g.", "U.S.", "Ph.D."
        return False
    if word.isdigit():  # "1. Item" at the start of a line is a list number
        line_start = max(text.rfind("\n", 0, w.start()), text.rfind("\r", 0, w.start())) + 1
        return bool(text[line_start : w.start()].strip())
    return True


def _cuts(text: str, breaks: tuple[int, ...] | list[int], lo: int, hi: int) -> list[int]:
    """Offsets in [lo, hi] where one sentence ends and the next may begin."""
    cuts = [m.end() for m in _TERMINAL.finditer(text, lo, hi) if _is_stop(text, m)]
    cuts += [m.start() for m in _PARAGRAPH.finditer(text, lo, hi)]
    cuts += breaks[bisect_left(breaks, lo) : bisect_right(breaks, hi)]
    return sorted(set(cuts))


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    seg = text[a:b]
    left = len(seg) - len(seg.lstrip())
    return a + left, a + len(seg.rstrip())


def iter_sentences(source: Document | str, breaks: Iterable[int] = ()) -> Iterator[tuple[int, int]]:
    """Yield (start, end) spans of every sentence in a document or string, in order."""
    if isinstance(source, Document):
        text, marks = source.text, list(source.breaks)
    else:
        text, marks = source, sorted(breaks)
    edges = [0, *_cuts(text, marks, 0, len(text)), len(text)]
    for a, b in pairwise(edges):
        s, e = _trim(text, a, b)
        if e > s:
            yield s, e


def sentence_span(doc: Document | str, start: int, end: int, window: int = 4000) -> tuple[int, int]:
    """Expand ``text[start:end]`` to the sentence(s) containing it.

    The search looks at a small neighbourhood first and widens it only when no boundary is
    found, so the cost does not depend on the document's size; a sentence longer than
    ``window`` characters on either side is cut there.
    """
    text, marks = (doc.text, doc.breaks) if isinstance(doc, Document) else (doc, ())
    reach = min(300, window)
    while True:
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        cuts = _cuts(text, marks, lo, hi)
        i = bisect_right(cuts, start) - 1
        j = bisect_left(cuts, end)
        done = (i >= 0 or lo == 0) and (j < len(cuts) or hi == len(text))
        if done or reach >= window:
            break
        reach = min(reach * 4, window)
    s, e = _trim(text, cuts[i] if i >= 0 else lo, cuts[j] if j < len(cuts) else hi)
    return min(s, start), max(e, end)
