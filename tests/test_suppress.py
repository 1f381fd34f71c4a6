"""Inline suppressions: where they count, what they silence, and what is left unused."""

from __future__ import annotations

from pathlib import Path

from ketcheck.models import Finding, Location, Severity
from ketcheck.suppress import Suppression, apply, parse_suppressions, unknown, unused
from ketcheck.text import load_document, make_document

DOCS = Path(__file__).parent / "fixtures" / "documents"


def finding(rule: str, line: int, path: str = "a.md", end_line: int | None = None) -> Finding:
    return Finding(
        rule=rule,
        name="n",
        severity=Severity.warning,
        message="m",
        location=Location(path=path, line=line, column=1, end_line=end_line, end_column=2),
    )


def brief(suppressions: list[Suppression]) -> list[tuple[int, int, tuple[str, ...] | None]]:
    return [(s.line, s.target, s.codes) for s in suppressions]


def test_markdown_line_before_and_same_line() -> None:
    doc = load_document(DOCS / "article.md")
    assert brief(parse_suppressions(doc)) == [(10, 11, ("KC204",)), (18, 18, None)]


def test_html_comment_applies_to_next_line() -> None:
    doc = load_document(DOCS / "article.html")
    [s] = parse_suppressions(doc)
    assert (s.line, s.column, s.target, s.codes) == (11, 6, 12, ("KC201",))
    assert s.text == "ketcheck: ignore[KC201]"


def test_plain_text_comment_markers() -> None:
    doc = load_document(DOCS / "article.txt")
    assert brief(parse_suppressions(doc)) == [(5, 5, ("KC204",)), (8, 9, ("KC201", "KC202"))]


def test_plain_text_variants() -> None:
    source = (
        "// ketcheck: ignore\nA claim.\nketcheck: ignore[kc201]\nB.\nC. -- ketcheck: ignore[]\n"
    )
    doc = make_document(source, "a.txt")
    assert brief(parse_suppressions(doc)) == [(1, 2, None), (3, 4, ("KC201",)), (5, 5, None)]


def test_prose_mentioning_the_syntax_is_not_a_directive_in_markdown() -> None:
    doc = make_document("Write `ketcheck: ignore[KC201]` in a comment.\n", "a.md", "md")
    assert parse_suppressions(doc) == []


def test_multi_line_comment_targets_the_line_after_it() -> None:
    source = "<!--\n  ketcheck: ignore[KC202]\n-->\nExperts say so.\n"
    doc = make_document(source, "a.md", "md")
    assert brief(parse_suppressions(doc)) == [(2, 4, ("KC202",))]


def test_comment_before_text_on_the_same_line_applies_to_that_line() -> None:
    doc = make_document("<!-- ketcheck: ignore --> Ketamine cures all.\n", "a.md", "md")
    assert brief(parse_suppressions(doc)) == [(1, 1, None)]


def test_apply_by_code_line_and_path() -> None:
    doc = load_document(DOCS / "article.md")
    sups = parse_suppressions(doc)
    p = doc.path
    findings = [
        finding("KC204", 11, p),  # silenced by the line-before directive
        finding("KC201", 11, p),  # other code: kept
        finding("KC202", 18, p),  # silenced by the bare same-line directive
        finding("KC201", 18, p),  # also silenced (bare)
        finding("KC204", 12, p),  # line after the target: kept
        finding("KC204", 11, "other.md"),  # other file: kept
    ]
    kept, used = apply(findings, sups)
    assert [(f.rule, f.location.line, f.location.path) for f in kept] == [
        ("KC201", 11, p),
        ("KC204", 12, p),
        ("KC204", 11, "other.md"),
    ]
    assert {s.line: codes for s, codes in used.items()} == {10: {"KC204"}, 18: {"KC202", "KC201"}}
    assert unused(sups, used) == []


def test_multi_line_finding_is_silenced_by_a_directive_on_any_of_its_lines() -> None:
    s = Suppression("a.md", line=6, column=1, target=6, codes=("KC201",), text="t")
    kept, _ = apply([finding("KC201", 5, end_line=7)], [s])
    assert kept == []


def test_unused_reports_whole_and_partial_directives() -> None:
    doc = make_document(
        "A. <!-- ketcheck: ignore[KC201, KC203] -->\nB. <!-- ketcheck: ignore -->\n", "a.md", "md"
    )
    sups = parse_suppressions(doc)
    kept, used = apply([finding("KC201", 1)], sups)
    assert kept == []
    report = unused(sups, used)
    assert [(u.suppression.line, u.codes) for u in report] == [(1, ("KC203",)), (2, ())]
    assert report[0].message == "unused suppression for KC203 in 'ketcheck: ignore[KC201, KC203]'"
    assert report[1].message == "unused suppression 'ketcheck: ignore'"
    assert report[1].suppression.location == Location(path="a.md", line=2, column=9)


def test_unknown_codes_are_reportable() -> None:
    doc = make_document("A. <!-- ketcheck: ignore[KC201, KC2O4] -->\n", "a.md", "md")
    [(s, code)] = unknown(parse_suppressions(doc), {"KC201", "KC204"})
    assert code == "KC2O4" and s.line == 1
