"""Ranked full-text search over claims: sqlite3 FTS5 with the porter stemmer, ranked by bm25.

FTS5 ships with the standard library's sqlite3 on every mainstream build, stems English
("craving" finds "cravings"), and supports phrases ("low dose") and prefixes (crav*).
"""

from __future__ import annotations

import re
import sqlite3

from ketcheck.kb import KnowledgeBase
from ketcheck.query import ClaimView, Judge, views
from ketcheck.yamlsource import InputError, Problem

# Column weights for bm25: the article's words matter most, then what the claim is about.
_COLUMNS = ("quote", "about", "note", "source")
_WEIGHTS = (10.0, 4.0, 1.5, 1.0)
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_BAREWORD = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


def fts_query(query: str) -> str:
    """Make a user query safe for FTS5 while keeping its syntax.

    Phrases, prefixes (``crav*``), parentheses and AND/OR/NOT pass through; any other word
    holding punctuation (``non-narcotic``, ``5-day``) is quoted so FTS5 reads it as a phrase.
    """
    parts = []
    for token in _BAREWORD.findall(query):
        if (
            token.startswith('"')
            or token in "()"
            or token in _OPERATORS
            or re.fullmatch(r"\w+\*?", token)
        ):
            parts.append(token)
        else:
            words = re.findall(r"\w+", token)
            if words:
                parts.append('"' + " ".join(words) + '"')
    # An operator with nothing to join ("NOT craving", "AND") is the word itself.
    for i, part in enumerate(parts):
        alone = i == 0 or i == len(parts) - 1 or parts[i - 1] in _OPERATORS | {"("}
        if part in _OPERATORS and alone:
            parts[i] = f'"{part}"'
    return " ".join(parts)


def _about(kb: KnowledgeBase, claim) -> str:
    bits = [claim.topic]
    for assertion in claim.assertions:
        prop = kb.vocabulary.properties[assertion.property]
        bits += [assertion.property.replace("_", " "), prop.label, *prop.aliases]
        value = prop.values.get(str(assertion.value))
        bits.append(str(assertion.value).replace("-", " "))
        if value:
            bits += value.aliases
    return " ".join(bits)


def search_claims(
    kb: KnowledgeBase,
    query: str,
    *,
    source: str | None = None,
    limit: int | None = None,
    judge: Judge | None = None,
) -> list[ClaimView]:
    """Claims matching ``query``, best first; each view carries ``score`` (higher is better)."""
    expression = fts_query(query)
    if not expression.strip():
        raise InputError([Problem("query", 0, 0, f"nothing to search for in {query!r}")])
    db = _index(kb, source)
    try:
        weights = ", ".join(str(w) for w in _WEIGHTS)
        try:
            rows = db.execute(
                f"SELECT id, bm25(claims, 0, {weights}) AS rank, "
                f"highlight(claims, 1, '{_MARK_OPEN}', '{_MARK_CLOSE}') "
                "FROM claims WHERE claims MATCH ? ORDER BY rank, id",
                (expression,),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            msg = f"cannot parse search query {query!r}: {exc}"
            raise InputError([Problem("query", 0, 0, msg)]) from None
    finally:
        db.close()
    if limit is not None:
        rows = rows[:limit]
    judged = {v.claim.id: v for v in views(kb, [kb.claim(r[0]) for r in rows], judge)}
    return [
        ClaimView(
            kb.claim(claim_id),
            judged[claim_id].location,
            judged[claim_id].judgement,
            score=-rank,
            highlighted=marked,
        )
        for claim_id, rank, marked in rows
    ]


def _index(kb: KnowledgeBase, source: str | None) -> sqlite3.Connection:
    """An FTS5 table of the claims (of one source, if given: bm25 then weighs words within
    it). The whole knowledge base's table is built once per claims list and kept with the
    knowledge base (and so in the compiled cache) as a serialized database."""
    db = sqlite3.connect(":memory:")
    stored = kb.search_index
    if source is None and stored is not None and stored[0] is kb.claims:
        db.deserialize(stored[1])
        return db
    db.execute(
        f"CREATE VIRTUAL TABLE claims USING fts5(id UNINDEXED, {', '.join(_COLUMNS)}, "
        "tokenize='porter unicode61')"
    )
    db.executemany(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
        [
            (c.id, c.quote, _about(kb, c), c.note or "", c.source)
            for c in kb.claims
            if source is None or c.source == source
        ],
    )
    db.commit()
    if source is None:
        kb.search_index = (kb.claims, db.serialize())
    return db


def build_index(kb: KnowledgeBase) -> None:
    """Build the search index now (the compiled cache stores it with the knowledge base)."""
    _index(kb, None).close()


def split_marks(text: str) -> list[tuple[str, bool]]:
    """Split a highlighted quote into (text, matched) runs for renderers."""
    runs = []
    for part in re.split(f"({_MARK_OPEN}[^{_MARK_CLOSE}]*{_MARK_CLOSE})", text):
        if part.startswith(_MARK_OPEN):
            runs.append((part[1:-1], True))
        elif part:
            runs.append((part, False))
    return runs
