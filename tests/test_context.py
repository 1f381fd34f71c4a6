"""Documents are judged in their context: jurisdiction, date, and the modality of a claim."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ketcheck import load_kb
from ketcheck.context import page_date, parse_date
from ketcheck.lint import Linter
from ketcheck.text import load_document, make_document

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "context"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_kb(REPO / "data"))


def rules_by_line(linter: Linter, name: str, **context: object) -> list[tuple[int, str]]:
    result = linter.check(load_document(FIXTURES / name), **context)  # type: ignore[arg-type]
    return [(f.location.line, f.rule) for f in result.findings if f.location]


def codes(linter: Linter, text: str, **context: object) -> list[str]:
    result = linter.check(make_document(text, "x.txt"), **context)  # type: ignore[arg-type]
    return [f.rule for f in result.findings]


def test_uk_page_is_judged_against_uk_law_and_never_against_us_schedules(linter: Linter) -> None:
    # "Class B" is right for the UK; "Schedule 4 Part 1" / "Schedule 2" are UK lists, not
    # the US Controlled Substances Act schedules (<html lang="en-GB"> makes the page UK)
    assert rules_by_line(linter, "uk-page.html") == []


def test_uk_class_c_today_is_wrong(linter: Linter) -> None:
    assert codes(linter, "In the UK, ketamine is a Class C drug.") == ["KC103"]


def test_canadian_statement_is_not_judged_but_the_us_one_is(linter: Linter) -> None:
    # the reference has no Canadian facts: the first statement is left unjudged
    assert rules_by_line(linter, "canada-page.md") == [(5, "KC103")]


def test_2009_page_is_judged_as_of_its_date(linter: Linter) -> None:
    assert rules_by_line(linter, "news-2009.html") == []
    # the same sentence on an undated page is judged against today's law
    text = "The government's advisers will review whether ketamine should remain a Class C drug."
    assert codes(linter, text, jurisdiction="UK") == ["KC103"]
    assert codes(linter, text, jurisdiction="UK", date=datetime.date(2009, 10, 27)) == []


def test_past_statement_with_its_year_is_judged_as_of_that_year(linter: Linter) -> None:
    assert codes(linter, "In 2006 ketamine became a Class C drug in the UK.") == []


def test_a_possible_rare_effect_is_not_the_typical_one(linter: Linter) -> None:
    assert codes(linter, "Ketamine can cause bradycardia in rare cases.") == []
    # nor does it contradict the page's own typical effect (no KC102)
    assert (
        codes(linter, "Ketamine raises heart rate. In rare cases it can cause bradycardia.") == []
    )
    assert codes(linter, "Ketamine lowers heart rate.") == ["KC103"]


def test_degree_of_abuse_potential(linter: Linter) -> None:
    assert codes(linter, "Ketamine has no potential for abuse.") == ["KC103"]


def test_kc101_is_context_at_info_level_in_lint(linter: Linter) -> None:
    result = linter.check(make_document("Ketamine is a short-acting anesthetic.", "x.txt"))
    assert all(f.severity.value == "info" for f in result.findings if f.rule == "KC101")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009-10-27T09:00:00Z", datetime.date(2009, 10, 27)),
        ("27 October 2009", datetime.date(2009, 10, 27)),
        ("October 27, 2009", datetime.date(2009, 10, 27)),
        ("2009-02-30", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: datetime.date | None) -> None:
    assert parse_date(text) == expected


def test_page_date_from_front_matter_and_dateline() -> None:
    front = make_document("---\ndate: 2009-10-27\n---\nText.\n", "a.md", "md")
    assert page_date(front) == datetime.date(2009, 10, 27)
    dateline = make_document("LONDON, 27 October 2009 - Ketamine news.\n", "a.txt")
    assert page_date(dateline) == datetime.date(2009, 10, 27)
    assert page_date(make_document("Ketamine news.\n", "a.txt")) is None
