"""Human-readable renderer: whole output compared, no colour."""

from __future__ import annotations

from ketcheck.models import Finding, Location, Severity
from ketcheck.render import render as dispatch
from ketcheck.render import text
from ketcheck.text import Document

EXPECTED = """\
KC301 [error] claim 'c-9': quote not found in its source

docs/article.md:3:15: KC103 [error] ketamine is Schedule III in the US, not Schedule I
  |
3 | Ketamine is a Schedule I drug in the US.
  |               ^~~~~~~~~~
  = help: write "Schedule III"

docs/article.md:4:1: KC202 [info] vague attribution: 'studies show'
  |
4 | Studies show it cures depression in 80% of patients.
  | ^~~~~~~~~~~~

docs/article.md:4:37: KC201 [warning] a statistic with no checkable source
  |
4 | Studies show it cures depression in 80% of patients.
  |                                     ^~~

4 findings (2 errors, 1 warning, 1 info) in 1 file
"""


def test_render_with_sources(findings: list[Finding], document: Document) -> None:
    assert text.render(findings, {document.path: document}) == EXPECTED


def test_render_with_plain_text_sources(findings: list[Finding], document: Document) -> None:
    assert text.render(findings, {document.path: document.original}) == EXPECTED


def test_without_sources_only_headers(findings: list[Finding]) -> None:
    assert text.render(findings, show_source=False, files_checked=2) == (
        "KC301 [error] claim 'c-9': quote not found in its source\n"
        "\n"
        "docs/article.md:3:15: KC103 [error] ketamine is Schedule III in the US, not Schedule I\n"
        '  help: write "Schedule III"\n'
        "docs/article.md:4:1: KC202 [info] vague attribution: 'studies show'\n"
        "docs/article.md:4:37: KC201 [warning] a statistic with no checkable source\n"
        "\n"
        "4 findings (2 errors, 1 warning, 1 info) in 1 file\n"
    )


def test_no_findings() -> None:
    assert text.render([], files_checked=3) == "No findings in 3 files\n"
    assert text.summary([]) == "No findings"


def test_summary_plurals(findings: list[Finding]) -> None:
    assert text.summary(findings[1:2]) == "1 finding (1 error) in 1 file"
    two_files = [
        findings[0],
        findings[1].model_copy(update={"location": Location(path="b.md", line=1, column=1)}),
    ]
    assert text.summary(two_files) == "2 findings (1 error, 1 warning) in 2 files"


def test_long_line_is_cut_around_the_span() -> None:
    line = "x" * 150 + " Ketamine cures everything " + "y" * 150
    col = line.index("cures") + 1
    f = Finding(
        rule="KC204",
        name="certainty",
        severity=Severity.warning,
        message="m",
        location=Location(path="a.txt", line=1, column=col, end_line=1, end_column=col + 5),
    )
    out = text.render([f], {"a.txt": line}, width=60).splitlines()
    source, caret = out[2], out[3]
    assert len(source) <= 60 and source.startswith("1 | …") and source.endswith("…")
    assert caret[source.index("cures") :].startswith("^~~~~")
    assert source[caret.index("^") :].startswith("cures")


def test_multi_line_span_underlines_to_end_of_line() -> None:
    f = Finding(
        rule="KC202",
        name="n",
        severity=Severity.info,
        message="m",
        location=Location(path="a.txt", line=1, column=5, end_line=2, end_column=3),
    )
    out = text.render([f], {"a.txt": "abc defgh\nij"}).splitlines()
    assert out[3] == "  |     ^~~~~"


def test_wide_characters_keep_the_caret_aligned() -> None:
    f = Finding(
        rule="KC202",
        name="n",
        severity=Severity.info,
        message="m",
        location=Location(path="a.txt", line=1, column=4, end_line=1, end_column=6),
    )
    out = text.render([f], {"a.txt": "日本 ok"}).splitlines()
    assert out[3] == "  |      ^~"


def test_colour_only_when_asked(findings: list[Finding], monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in text.render(findings)
    assert "\x1b[" in text.render(findings, color=True)


def test_statistics(findings: list[Finding]) -> None:
    extra = findings[0].model_copy(update={"severity": Severity.error})
    assert text.statistics([*findings, extra]) == (
        "2  KC201  unsourced-statistic    [error]\n"
        "1  KC103  contradicts-reference  [error]\n"
        "1  KC202  vague-attribution      [info]\n"
        "1  KC301  quote-not-in-source    [error]\n"
    )
    assert text.statistics([]) == ""


def test_dispatch(findings: list[Finding]) -> None:
    assert dispatch("github", findings).startswith("::error ")
    assert dispatch("json", []) == "[]\n"
    assert '"version": "2.1.0"' in dispatch("sarif", findings)
    assert dispatch("text", []) == "No findings\n"
