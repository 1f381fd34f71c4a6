"""GitHub workflow commands, compared as exact strings."""

from __future__ import annotations

from ketcheck.models import Finding, Location, Severity
from ketcheck.render import github


def test_annotations(findings: list[Finding]) -> None:
    assert github.render(findings).splitlines() == [
        "::error title=KC301::claim 'c-9': quote not found in its source",
        "::error file=docs/article.md,line=3,col=15,endLine=3,endColumn=25,"
        "title=KC103::ketamine is Schedule III in the US, not Schedule I"
        '%0Ahelp: write "Schedule III"',
        "::notice file=docs/article.md,line=4,col=1,endLine=4,endColumn=13,"
        "title=KC202::vague attribution: 'studies show'",
        "::warning file=docs/article.md,line=4,col=37,endLine=4,endColumn=40,"
        "title=KC201::a statistic with no checkable source",
    ]


def test_escaping_data_and_properties() -> None:
    finding = Finding(
        rule="KC204",
        name="certainty: absolute, promotional",
        severity=Severity.warning,
        message="100% sure:\r\nno, 50%",
        location=Location(path="we,ird:dir/a%b.md", line=1, column=2),
    )
    assert github.annotation(finding) == (
        "::warning file=we%2Cird%3Adir/a%25b.md,line=1,col=2,"
        "title=KC204::100%25 sure:%0D%0Ano, 50%25"
    )


def test_percent_is_escaped_first() -> None:
    assert github.escape_data("%0A\n") == "%250A%0A"
    assert github.escape_property("a:%,b") == "a%3A%25%2Cb"


def test_empty() -> None:
    assert github.render([]) == ""
