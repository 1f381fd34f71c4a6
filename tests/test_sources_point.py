"""`sources --claim`: agreement between sources, and agreement that rests on copied text."""

from __future__ import annotations

from pathlib import Path

from ketcheck.kb import load_kb
from ketcheck.query import sources_on

REPO = Path(__file__).parent.parent


def test_copied_agreement_is_marked_not_independent() -> None:
    report = sources_on(load_kb(REPO / "data"), "study design")
    marks = {claim: mark for claim, mark in report.agreement.items()}
    copied = [m for m in marks.values() if "not independent" in m]
    assert len(copied) == 2  # the two articles sharing the copied cocaine-trial sentence


def test_disagreement_is_named(basic_kb: Path) -> None:
    report = sources_on(load_kb(basic_kb), "blood pressure")
    assert report.agreement == {
        "alpha-bp": "disagrees with beta",
        "beta-bp": "disagrees with alpha",
    }


def test_agreement_is_named(basic_kb: Path) -> None:
    report = sources_on(load_kb(basic_kb), "cravings")
    assert report.agreement == {
        "alpha-cravings": "agrees with beta",
        "beta-cravings": "agrees with alpha",
    }
