"""Compile many literal phrases into one fast regular expression (a character trie).

An alternation of hundreds of literals makes Python's regex engine try each at every
position; the same phrases merged into a trie share their prefixes, so a scan costs about one
pass over the text. Matching is case-insensitive, tolerant of runs of white space, of hyphens
written as spaces (or left out), and of typographic apostrophes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # trie key marking the end of a phrase


def phrase_key(text: str) -> str:
    """The lookup key of a phrase or of matched text: case, spaces and hyphens folded."""
    return re.sub(r"[\s\-‐‑–]+", "", text.lower().replace("’", "'").replace("‘", "'"))


def _atom(char: str) -> str:
    if char == " ":
        return r"[\s\-]+"
    if char == "-":
        return r"[\s\-‐‑–]?"
    if char == "'":
        return "['’‘]"
    return re.escape(char)


def _trie(phrases: Iterable[str]) -> dict:
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in re.sub(r"\s+", " ", phrase.strip().lower()):
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _pattern(node: dict) -> str:
    ends = _END in node
    branches = [_atom(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    # longer continuations first, so the longest phrase wins
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """One compiled regex matching any of ``phrases`` as whole words, longest first.

    Word boundaries are required only where a phrase starts or ends with a word character, so
    punctuation cues (";", " — ") match too.
    """
    groups: dict[tuple[bool, bool], set[str]] = {}
    for phrase in phrases:
        phrase = phrase.strip().lower() if phrase.strip() else phrase.lower()
        if phrase.strip():
            edges = (bool(re.match(r"\w", phrase)), bool(re.search(r"\w$", phrase)))
            groups.setdefault(edges, set()).add(phrase)
    if not groups:
        return re.compile(r"(?!x)x")  # matches nothing
    parts = []
    for (word_start, word_end), members in sorted(groups.items(), reverse=True):
        before = r"(?<!\w)" if word_start else ""
        after = r"(?!\w)" if word_end else ""
        parts.append(before + "(?:" + _pattern(_trie(sorted(members))) + ")" + after)
    return re.compile("|".join(parts), re.IGNORECASE)
