"""Markup blanking for HTML and Markdown: markup becomes spaces, prose stays where it stands.

Both functions return ``(text, breaks)``: ``text`` has the length of the input, every character
either kept or turned into a space (line breaks kept), and ``breaks`` lists offsets that end a
block (no sentence may straddle them). See :mod:`ketcheck.text` for how documents use them.

Everything here runs on text the user wrote, so every scan is linear in its input: HTML is cut
by a hand-written tokenizer that never looks at a character twice (an unclosed tag, comment or
quote runs to the end of the input, as in HTML5), Markdown's block structure comes from
markdown-it-py (a CommonMark parser, installed with rich), and the inline passes that remain use
scanners or patterns without nested repetition.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ketcheck.models import normalise_space

_NOT_EOL = re.compile(r"[^\r\n]")


def blank(s: str) -> str:
    """``s`` with every character but line breaks turned into a space."""
    return _NOT_EOL.sub(" ", s)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


BLOCK_TAGS = _words(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol option p "
    "pre section summary table tbody td tfoot th thead title tr ul"
)
SKIP_TAGS = _words("script style code pre kbd samp noscript template svg math textarea")
# Elements whose content is raw text in HTML: no tags inside, up to the matching end tag.
RAW_TEXT_TAGS = _words("script style textarea")


# --- HTML -------------------------------------------------------------------------------------

_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_IN_TAG = re.compile(r"[^>\"']*")  # attribute text up to a quote or the end of the tag


def html_tokens(source: str) -> Iterator[tuple[int, str, str]]:
    """(offset, kind, tag name) for each token; a token runs to the next token's offset.

    Kinds: ``data``, ``start``, ``void`` (``<br/>``), ``end``, ``markup`` (comments,
    declarations, processing instructions, CDATA). Each position is read once.
    """
    n = len(source)
    i = 0
    data_from = 0
    while True:
        lt = source.find("<", i)
        if lt < 0:
            break
        nxt = source[lt + 1 : lt + 2]
        if source.startswith("<!--", lt):
            close = source.find("-->", lt + 4)
            end, kind, tag = (n if close < 0 else close + 3), "markup", ""
        elif nxt in ("!", "?"):
            close = source.find(">", lt + 2)
            end, kind, tag = (n if close < 0 else close + 1), "markup", ""
        elif nxt == "/" and _TAG_NAME.match(source, lt + 2):
            name = _TAG_NAME.match(source, lt + 2)
            assert name is not None
            end, kind, tag = _tag_end(source, name.end()), "end", name.group().lower()
        elif _TAG_NAME.match(source, lt + 1):
            name = _TAG_NAME.match(source, lt + 1)
            assert name is not None
            end = _tag_end(source, name.end())
            tag = name.group().lower()
            kind = "void" if source[end - 2 : end] == "/>" else "start"
        else:
            i = lt + 1  # a lone "<" is text
            continue
        if lt > data_from:
            yield data_from, "data", ""
        yield lt, kind, tag
        i = data_from = end
        if kind == "start" and tag in RAW_TEXT_TAGS:
            closing = re.compile(rf"</{re.escape(tag)}(?=[\s/>])", re.I).search(source, end)
            stop = closing.start() if closing else n
            if stop > end:
                yield end, "raw", tag
            i = data_from = stop
    if data_from < n:
        yield data_from, "data", ""


def _tag_end(source: str, i: int) -> int:
    """The offset after the ``>`` that closes a tag whose name ends at ``i`` (quotes skipped);
    the end of the input when it is never closed."""
    n = len(source)
    while i < n:
        m = _IN_TAG.match(source, i)
        assert m is not None
        i = m.end()
        if i >= n:
            return n
        if source[i] == ">":
            return i + 1
        close = source.find(source[i], i + 1)  # a quoted attribute value
        if close < 0:
            return n
        i = close + 1
    return n


def html(source: str) -> tuple[str, list[int]]:
    """Keep text nodes, blank everything else; block tags become breaks."""
    tokens = list(html_tokens(source))
    pieces: list[str] = []
    breaks: list[int] = []
    depth = 0
    for n, (start, kind, tag) in enumerate(tokens):
        end = tokens[n + 1][0] if n + 1 < len(tokens) else len(source)
        raw = source[start:end]
        if kind == "data":
            pieces.append(blank(raw) if depth else raw)
            continue
        pieces.append(blank(raw))
        if tag in BLOCK_TAGS and kind != "raw":
            breaks.append(start)
        if tag in SKIP_TAGS and kind == "start":
            depth += 1
        elif tag in SKIP_TAGS and kind == "end":
            depth = max(0, depth - 1)
    return "".join(pieces), breaks


# --- Markdown: blocks -------------------------------------------------------------------------

_FRONT_MATTER_END = ("---", "...")
_QUOTE_PREFIX = re.compile(r"(?:[ \t]{0,3}>[ \t]?)+")
_TASK = re.compile(r"\[[ xX]\](?=[ \t]|$)")
_FOOTNOTE_DEF = re.compile(r"\[\^[^\[\]\s]+\]:")


def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt  # loaded only when a Markdown file is read

    # Only the block structure is used (inline content is blanked below, with positions), so
    # the core rule that parses inline content into children is switched off: it is the
    # parser's costliest part on long lines.
    return MarkdownIt("commonmark").enable("table").disable("inline")


class _Lines:
    """The original text's lines with their offsets, and the text being built over them."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.starts = [0, *(m.end() for m in re.finditer("\n", original))]
        self.out = list(blank(original))
        self.cursor: dict[int, int] = {}  # line -> column searched up to (table cells)

    def span(self, line: int) -> tuple[int, int]:
        """Offsets of line ``line`` (0-based) without its line ending."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.original)
        while end > start and self.original[end - 1] in "\r\n":
            end -= 1
        return start, end

    def keep(self, start: int, end: int) -> None:
        self.out[start:end] = self.original[start:end]

    def locate(self, line: int, content: str, suffix: bool) -> int | None:
        """Offset where ``content`` stands on ``line``: as its end (paragraph lines), else the
        first occurrence after what was located on that line before (table cells)."""
        start, end = self.span(line)
        body = self.original[start:end]
        if suffix and body.rstrip().endswith(content):
            return start + len(body.rstrip()) - len(content)
        at = body.find(content, self.cursor.get(line, 0))
        if at < 0:
            return None
        self.cursor[line] = at + len(content)
        return start + at


def markdown(original: str) -> tuple[str, list[int], set[str]]:
    """Blank Markdown block syntax; return the text, block breaks and reference labels.

    Only the content of paragraphs, headings and table cells is kept (markdown-it-py's inline
    tokens, located line by line in the original); code blocks, fences, thematic breaks,
    reference definitions and front matter stay blank; HTML blocks go through :func:`html`.
    """
    lines = _Lines(original)
    feed = original
    body_from = _front_matter(original, lines)
    if body_from:  # the parser sees blank lines where the front matter was: maps stay exact
        feed = "\n" * body_from + original[lines.starts[body_from] :]
    feed = feed.replace("\r\n", "\n").replace("\r", " ")
    env: dict = {}
    tokens = _parser().parse(feed, env)
    breaks: list[int] = []
    item_first = cell = False
    quoted = 0
    for token in tokens:
        kind, line_map = token.type, token.map
        if kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind in ("th_open", "td_open"):
            cell = True
        elif kind in ("th_close", "td_close"):
            cell = False
        elif line_map is None:
            continue
        elif kind == "list_item_open":
            breaks.append(lines.starts[line_map[0]])
            item_first = True
        elif kind == "html_block":
            _html_block(lines, line_map, breaks, quoted > 0)
        elif kind == "inline":
            _inline_lines(lines, token.content, line_map, breaks, item_first=item_first, cell=cell)
            item_first = False
        elif kind in ("heading_open", "tr_open", "paragraph_open"):
            breaks.append(lines.starts[line_map[0]])
            if kind == "heading_open":  # a heading ends with its (last) text line
                last = line_map[1] - (1 if token.markup.startswith("#") else 2)
                breaks.append(lines.span(last)[1])
    labels = {normalise_space(label).lower() for label in env.get("references", {})}
    return "".join(lines.out), breaks, labels


def _front_matter(original: str, lines: _Lines) -> int:
    """Lines taken by a leading ``---`` block closed by ``---`` or ``...`` (0 if none)."""
    if lines.span(0) != (0, 3) or not original.startswith("---"):
        return 0
    for n in range(1, len(lines.starts)):
        start, end = lines.span(n)
        if original[start:end] in _FRONT_MATTER_END:
            return n + 1
    return 0


def _html_block(lines: _Lines, line_map: list[int], breaks: list[int], quoted: bool) -> None:
    start = lines.starts[line_map[0]]
    end = lines.span(line_map[1] - 1)[1]
    chunk = lines.original[start:end]
    if quoted:  # inside a blockquote, the "> " prefixes are Markdown, not HTML text
        chunk = "\n".join(
            _QUOTE_PREFIX.sub(lambda m: blank(m.group()), row, 1) for row in chunk.split("\n")
        )
    text, found = html(chunk)
    lines.out[start:end] = text
    breaks.extend(start + b for b in found)


def _inline_lines(
    lines: _Lines,
    content: str,
    line_map: list[int],
    breaks: list[int],
    *,
    item_first: bool,
    cell: bool,
) -> None:
    """Keep an inline token's content where it stands in the original, line by line.

    A paragraph's line is the end of its original line (block markers come first); a table
    cell is found after the cells before it on the same row, and each cell is a block.
    """
    for offset, part in enumerate(content.split("\n")):
        line = line_map[0] + offset
        if not part or line >= len(lines.starts):
            continue
        at = lines.locate(line, part, suffix=not cell)
        if at is None:  # not found verbatim (tabs, escaped pipes): keep the line's text
            start, end = lines.span(line)
            body = lines.original[start:end]
            lines.keep(start + len(body) - len(body.lstrip(" \t>")), end)
            continue
        end = at + len(part)
        if cell:
            breaks.append(at)
        if offset == 0 and item_first and (task := _TASK.match(lines.original, at)):
            at = task.end()
        if offset == 0 and (note := _FOOTNOTE_DEF.match(lines.original, at)):
            breaks.append(lines.starts[line])
            at = note.end()
        lines.keep(at, end)


# --- Markdown: inline -------------------------------------------------------------------------

_DEST = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\](?:" + _DEST + r"|\[[^\[\]]*\])")
_MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\](" + _DEST + r"|\[[^\[\]]*\])")
_MD_SHORTCUT = re.compile(r"\[([^\[\]]+)\](?![\[(:])")
_MD_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>@\s]+@[^<>\s]+)>")
_MD_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_MD_FOOTREF = re.compile(r"\[\^[^\[\]\s]+\]")
_MD_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_MD_EMPHASIS = re.compile(r"\*+|~~|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_MD_RAW_OPEN = re.compile(r"<(script|style|pre|code|textarea)\b", re.I)
_BACKTICKS = re.compile(r"`+")


def markdown_inline(text: str, labels: set[str], breaks: list[int]) -> str:
    """Blank inline Markdown: comments, raw HTML elements, code spans, autolinks, images,
    footnote references, link targets, tags, escapes and emphasis markers."""

    def blank_all(m: re.Match[str]) -> str:
        return blank(m.group())

    def link(m: re.Match[str]) -> str:
        inner = m.group(1)
        return " " + inner + blank(m.group()[1 + len(inner) :])

    def shortcut(m: re.Match[str]) -> str:
        if normalise_space(m.group(1)).lower() not in labels:
            return m.group()
        return " " + m.group(1) + " "

    def tag(m: re.Match[str]) -> str:
        if m.group(1).lower() in BLOCK_TAGS:
            breaks.append(m.start())
        return blank(m.group())

    text = _blank_spans(text, _comments(text))
    text = _blank_spans(text, _raw_elements(text))
    text = _blank_spans(text, _code_spans(text))
    for pattern in (_MD_AUTOLINK, _MD_IMAGE, _MD_FOOTREF):
        text = pattern.sub(blank_all, text)
    text = _MD_LINK.sub(link, text)
    if labels:
        text = _MD_SHORTCUT.sub(shortcut, text)
    text = _MD_TAG.sub(tag, text)
    text = _MD_ESCAPE.sub(" ", text)
    return _MD_EMPHASIS.sub(blank_all, text)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces += (text[last:start], blank(text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _comments(text: str) -> list[tuple[int, int]]:
    """``<!-- ... -->`` spans; an unclosed comment runs to the end."""
    spans, i = [], 0
    while (start := text.find("<!--", i)) >= 0:
        close = text.find("-->", start + 4)
        end = len(text) if close < 0 else close + 3
        spans.append((start, end))
        i = end
    return spans


def _raw_elements(text: str) -> list[tuple[int, int]]:
    """``<script>…</script>`` and the like (tag, content and end tag); closed ones only."""
    spans, i = [], 0
    closers: dict[str, re.Pattern[str]] = {}
    while m := _MD_RAW_OPEN.search(text, i):
        name = m.group(1).lower()
        gt = text.find(">", m.end())
        if gt < 0:
            break  # no tag can close after this point
        closer = closers.setdefault(name, re.compile(rf"</{name}\s*>", re.I))
        close = closer.search(text, gt + 1)
        if close is None:
            i = gt + 1
            continue
        spans.append((m.start(), close.end()))
        i = close.end()
    return spans


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans: a run of n backticks up to the next run of exactly n (CommonMark).

    Each run is looked at once: runs are grouped by length, and a pointer per length moves
    only forward.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for n, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(n)
    spans = []
    n = 0
    while n < len(runs):
        start, end = runs[n]
        same = by_length[end - start]
        k = bisect_left(same, n + 1)
        if k >= len(same):
            n += 1  # never closed: literal backticks
            continue
        close = runs[same[k]]
        if "\n\n" in text[end : close[0]]:  # a code span does not cross a paragraph
            n += 1
            continue
        spans.append((start, close[1]))
        n = same[k] + 1
    return spans
