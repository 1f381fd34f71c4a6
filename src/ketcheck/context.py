"""What a linted document is judged in: its date and its default jurisdiction.

A page is judged as of its date (a 2009 news story's "remains Class C" was true then) and in
its jurisdiction (a UK page's "Schedule 4" is not the US Schedule IV). Each comes from the
first of: the caller (``--date``, ``--jurisdiction``, configuration), the page's own metadata
(Markdown front matter, HTML ``article:published_time`` / ``datePublished``, ``<html lang>``),
a dateline at its start, and, for the jurisdiction, the one its own statements name most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ketcheck.text import Document

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.{0,4000}?)\n---[ \t]*\n", re.S)
_FRONT_DATE = re.compile(
    r"^(?:date|published|pubdate|datePublished)\s*:\s*[\"']?([^\n\"']{1,40})", re.M | re.I
)
_META_DATE = re.compile(
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|date|"""
    r"""dc\.date)["'][^>]{0,200}?content\s*=\s*["']([^"']{1,40})["']"""
    r"""|content\s*=\s*["']([^"']{1,40})["'][^>]{0,200}?(?:property|name|itemprop)\s*=\s*"""
    r"""["'](?:article:published_time|datePublished)["']""",
    re.I,
)
_JSON_DATE = re.compile(r""""datePublished"\s*:\s*"([^"]{1,40})\"""")
_LANG = re.compile(r"<html\b[^>]{0,300}?\blang\s*=\s*[\"']?[a-z]{2,3}[-_]([a-z]{2})\b", re.I)
_MONTH = "|".join(_MONTHS)
_DATELINE = re.compile(
    rf"\b(\d{{1,2}})\s+({_MONTH})\s+((?:19|20)\d{{2}})\b|\b({_MONTH})\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})\b",
    re.I,
)
_DATELINE_WINDOW = 300  # characters at the start of a page where a dateline stands


@dataclass(frozen=True)
class DocumentContext:
    date: date | None = None
    jurisdiction: str | None = None


def parse_date(text: str) -> date | None:
    """A date written as ISO (``2009-10-27``, with or without a time) or ``27 October 2009``."""
    match = _ISO.search(text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    match = _DATELINE.search(text)
    if match:
        if match[1]:
            return _safe_date(int(match[3]), _MONTHS.index(match[2].lower()) + 1, int(match[1]))
        return _safe_date(int(match[6]), _MONTHS.index(match[4].lower()) + 1, int(match[5]))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def page_date(doc: Document) -> date | None:
    head = doc.original[:20_000]
    if doc.kind == "md":
        front = _FRONT_MATTER.match(head)
        if front:
            line = _FRONT_DATE.search(front[1])
            if line:
                return parse_date(line[1])
    if doc.kind == "html":
        meta = _META_DATE.search(head) or _JSON_DATE.search(head)
        if meta:
            found = parse_date(next(g for g in meta.groups() if g))
            if found:
                return found
    match = _DATELINE.search(doc.text[:_DATELINE_WINDOW])
    return parse_date(match[0]) if match else None


def page_jurisdiction(doc: Document, regions: dict[str, str], named: Iterable[str]) -> str | None:
    """From ``<html lang="en-GB">`` (``regions`` maps region codes to jurisdictions), else the
    jurisdiction the page's own statements name most."""
    if doc.kind == "html":
        lang = _LANG.search(doc.original[:5000])
        if lang and lang[1].upper() in regions:
            return regions[lang[1].upper()]
    counts = Counter(named).most_common(2)
    if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]):
        return counts[0][0]
    return None


def document_context(
    doc: Document,
    regions: dict[str, str],
    named: Iterable[str] = (),
    *,
    on: date | None = None,
    jurisdiction: str | None = None,
) -> DocumentContext:
    return DocumentContext(
        date=on or page_date(doc),
        jurisdiction=jurisdiction or page_jurisdiction(doc, regions, named),
    )
