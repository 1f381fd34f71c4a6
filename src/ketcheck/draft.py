"""``ketcheck draft``: candidate claims for the knowledge base, read from a new article.

Curators start from the statements extraction finds instead of a blank page: one candidate per
sentence, with every assertion found in it, the article's support, and the rule findings as
comments. Quotes are exact substrings of the file as it is (Markdown and HTML markup
included), so they validate once the file itself is saved under ``data/sources/``: stripping the
markup would change the text (``**Ketamine**'s`` read as ``Ketamine 's``) and no saved file
would hold the quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ketcheck.extract import Extractor, Statement
from ketcheck.models import Assertion, Finding, Support
from ketcheck.text import Document


@dataclass
class Candidate:
    """A draft claim: one sentence and what extraction read in it."""

    id: str
    source: str
    quote: str
    topic: str
    line: int
    assertions: list[Assertion] = field(default_factory=list)
    support: Support = field(default_factory=Support)
    reported: bool = False
    findings: list[Finding] = field(default_factory=list)
    start: int = 0  # offsets of the quote in the document's original text
    end: int = 0

    def to_yaml_data(self) -> dict:
        data: dict = {
            "id": self.id,
            "source": self.source,
            "quote": self.quote,
            "topic": self.topic,
        }
        data["assertions"] = [
            a.model_dump(mode="json", exclude_defaults=True) for a in self.assertions
        ]
        if self.support.kind.value != "none":
            data["support"] = self.support.model_dump(mode="json", exclude_none=True)
        if self.reported:
            data["reported"] = True
        return data


def _slug(text: str, words: int = 4) -> str:
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(tokens[:words]) or "claim"


def candidates(
    extractor: Extractor, doc: Document, source_id: str, findings: Iterable[Finding] = ()
) -> list[Candidate]:
    """One candidate per sentence that holds assertions, in document order."""
    by_sentence: dict[tuple[int, int], list[Statement]] = {}
    for statement in extractor.statements(doc):
        by_sentence.setdefault((statement.sentence_start, statement.sentence_end), []).append(
            statement
        )
    findings = list(findings)
    out: list[Candidate] = []
    used_ids: set[str] = set()
    for (start, end), statements in by_sentence.items():
        o_start, o_end = doc.original_offset(start), doc.original_offset(end)
        if doc.kind == "md":  # take in the emphasis that opens or closes the sentence
            o_start, o_end = _widen(doc.original, o_start, o_end, "*_~`")
        quote = doc.original[o_start:o_end]  # verbatim, markup and all (see module docstring)
        line = doc.position(start)[0]
        first = statements[0].assertion
        base = (
            f"{source_id}-{_slug(str(first.property).replace('_', ' ') + ' ' + str(first.value))}"
        )
        claim_id, n = base, 2
        while claim_id in used_ids:
            claim_id, n = f"{base}-{n}", n + 1
        used_ids.add(claim_id)
        unique: list[Assertion] = []
        for s in statements:
            if s.assertion not in unique:
                unique.append(s.assertion)
        out.append(
            Candidate(
                id=claim_id,
                source=source_id,
                quote=quote.strip(),
                topic=extractor.vocabulary.properties[first.property].topic,
                line=line,
                assertions=unique,
                support=statements[0].support,
                reported=any(s.reported for s in statements),
                findings=[f for f in findings if _within(doc, f, start, end)],
                start=o_start,
                end=o_end,
            )
        )
    return out


def _widen(text: str, start: int, end: int, marks: str) -> tuple[int, int]:
    """``start:end`` grown over the markup characters ``marks`` touching either end."""
    while start > 0 and text[start - 1] in marks:
        start -= 1
    while end < len(text) and text[end] in marks:
        end += 1
    return start, end


def _within(doc: Document, finding: Finding, start: int, end: int) -> bool:
    """Whether the finding points inside the sentence ``start:end`` of ``doc.text``."""
    loc = finding.location
    if loc is None:
        return False
    return doc.position(start) <= (loc.line, loc.column) < doc.position(end)


def to_yaml(items: Iterable[Candidate]) -> str:
    """Candidates as a YAML list ready to paste under ``claims:`` (findings as comments)."""
    chunks = []
    for item in items:
        body = yaml.safe_dump([item.to_yaml_data()], sort_keys=False, allow_unicode=True, width=100)
        notes = [f"# line {item.line}"] + [
            f"# {f.rule} {f.name}: {f.message}".replace("\n", " ") for f in item.findings
        ]
        chunks.append("\n".join(notes) + "\n" + body)
    return "\n".join(chunks)


def saved_name(article: str, source_id: str) -> str:
    """Where the curator saves the article so the quotes validate: ``sources/<id><ext>``."""
    suffix = Path(article).suffix.lower() or ".txt"
    return f"sources/{source_id}{suffix}"
