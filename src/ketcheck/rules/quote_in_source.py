"""KC301 quote-not-in-source: a claim's quote does not stand verbatim in its source text.

Every claim is anchored to the article's own words; a quote that is not a verbatim substring
cannot be checked by a reader and may misreport the article. The finding names the closest
passage so the curator can fix the quote.

Would PASS (source text: "Ketamine is a Schedule III non-narcotic.")::

    quote: "a Schedule III non-narcotic"

Would FAIL::

    quote: "a Schedule 3 non-narcotic"   # closest passage: "a Schedule III non-narcotic."
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase, closest_passage
from ketcheck.models import Finding, Location, Severity
from ketcheck.rules.base import Rule, Scope, claim_finding


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    for claim in kb.claims:
        if kb.quote_spans.get(claim.id) is not None:
            continue
        offset, passage = closest_passage(kb.texts[claim.source], claim.quote)
        line, _ = kb.line_index(claim.source).position(offset)
        entry_line, entry_column = kb.quote_marks.get(claim.id, (kb.claim_lines[claim.id], 1))
        yield claim_finding(
            RULE,
            kb,
            claim,
            f"claim '{claim.id}': quote is not in {kb.source_path(claim.source)}; "
            f"closest passage (line {line}): “{passage}”",
            location=Location(path=kb.entry_path(claim.id), line=entry_line, column=entry_column),
            property=None,  # the quote is wrong, whatever it asserts
        )


RULE = Rule(
    code="KC301",
    name="quote-not-in-source",
    severity=Severity.error,
    summary="A claim's quote is not verbatim in its source text",
    scope=Scope.knowledge_base,
    check=check,
    doc=__doc__ or "",
    documents=False,
)
