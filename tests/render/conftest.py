"""Findings shared by the renderer tests, located in a small Markdown document."""

from __future__ import annotations

import pytest

from ketcheck.models import Finding, Location, Severity
from ketcheck.text import Document, make_document

SOURCE = (
    "# Title\n"
    "\n"
    "Ketamine is a Schedule I drug in the US.\n"
    "Studies show it cures\tdepression in 80% of patients.\n"
)


@pytest.fixture
def document() -> Document:
    return make_document(SOURCE, "docs/article.md", "md")


@pytest.fixture
def findings(document: Document) -> list[Finding]:
    text = document.text
    s = text.index("Schedule I")
    stat = text.index("80%")
    vague = text.index("Studies show")
    return [
        Finding(
            rule="KC201",
            name="unsourced-statistic",
            severity=Severity.warning,
            message="a statistic with no checkable source",
            location=document.location(stat, stat + 3),
            quote="Studies show it cures depression in 80% of patients.",
        ),
        Finding(
            rule="KC103",
            name="contradicts-reference",
            severity=Severity.error,
            message="ketamine is Schedule III in the US, not Schedule I",
            location=document.location(s, s + len("Schedule I")),
            property="us_schedule",
            claims=("c-1",),
            sources=("src-a",),
            quote="Ketamine is a Schedule I drug in the US.",
            reference="us-schedule",
            fix='write "Schedule III"',
            related=(Location(path="data/claims.yaml", line=12, column=5),),
        ),
        Finding(
            rule="KC202",
            name="vague-attribution",
            severity=Severity.info,
            message="vague attribution: 'studies show'",
            location=document.location(vague, vague + len("Studies show")),
        ),
        Finding(
            rule="KC301",
            name="quote-not-in-source",
            severity=Severity.error,
            message="claim 'c-9': quote not found in its source",
        ),
    ]
