"""The reference facts' context fields: validity periods, frequency, degree, jurisdiction.

Loaded through ``ketcheck.load_kb`` from the shipped data, so a typo in facts.yaml, a period in
the wrong order or a missing jurisdiction fails here, not in a verdict.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from ketcheck import load_kb
from ketcheck.kb import KnowledgeBase
from ketcheck.models import Degree, Fact, Frequency, Holds

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(DATA)


def _values_on(kb: KnowledgeBase, prop: str, day: date, **qualifiers: str) -> set[str]:
    """Values of the true facts on ``prop`` in force on ``day`` with these qualifiers."""
    return {
        str(f.value)
        for f in kb.facts_about(prop, on=day)
        if f.holds is Holds.true and all(f.qualifiers.get(k) == v for k, v in qualifiers.items())
    }


# --- validity periods ---------------------------------------------------------------------


def test_us_schedule_iii_since_august_1999(kb) -> None:
    fact = kb.fact("us-schedule-iii")
    assert fact.valid_from == date(1999, 8, 12) and fact.valid_until is None
    assert not fact.holds_on(date(1999, 8, 11)) and fact.holds_on(date(1999, 8, 12))
    assert _values_on(kb, "us_schedule", date(1998, 1, 1), jurisdiction="US") == set()
    assert _values_on(kb, "us_schedule", date(2005, 1, 1), jurisdiction="US") == {"III"}


def test_us_not_controlled_before_1999(kb) -> None:
    before = _values_on(kb, "controlled_status", date(1995, 6, 1), jurisdiction="US")
    after = _values_on(kb, "controlled_status", date(2000, 6, 1), jurisdiction="US")
    assert before == {"uncontrolled"} and after == {"controlled"}


@pytest.mark.parametrize(
    ("day", "value"),
    [
        (date(2009, 3, 1), "C"),
        (date(2014, 6, 9), "C"),
        (date(2014, 6, 10), "B"),
        (date(2024, 1, 1), "B"),
    ],
)
def test_uk_class_c_until_june_2014_then_class_b(kb, day, value) -> None:
    assert _values_on(kb, "uk_class", day, jurisdiction="UK") == {value}


def test_uk_class_c_start_is_left_open(kb) -> None:
    """The reference file does not say when ketamine became Class C: no invented start."""
    assert kb.fact("uk-class-c-until-2014").valid_from is None


def test_uk_possession_penalty_follows_the_class(kb) -> None:
    assert _values_on(kb, "uk_possession_max_sentence", date(2010, 1, 1)) == {"2.0"}
    assert _values_on(kb, "uk_possession_max_sentence", date(2015, 1, 1)) == {"5.0"}


@pytest.mark.parametrize(
    ("fact_id", "first_day"),
    [
        ("fda-ketamine-general-anesthesia", date(1970, 1, 1)),
        ("fda-esketamine-trd", date(2019, 3, 5)),
        ("fda-esketamine-suicidal-ideation-partly", date(2020, 1, 1)),
        ("who-essential-medicine", date(1985, 1, 1)),
    ],
)
def test_approvals_carry_their_year(kb, fact_id, first_day) -> None:
    fact = kb.fact(fact_id)
    assert fact.period()[0] == first_day
    assert not fact.holds_in(first_day.year - 1) and fact.holds_in(first_day.year)


def test_esketamine_is_not_approved_for_depression_before_2019(kb) -> None:
    approved = _values_on(kb, "fda_approved_use", date(2018, 6, 1), substance="esketamine")
    assert approved == set()
    approved = _values_on(kb, "fda_approved_use", date(2019, 6, 1), substance="esketamine")
    assert approved == {"treatment-resistant-depression"}


# --- frequency ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prop", "typical", "rare"),
    [
        ("heart_rate", "increase", "decrease"),
        ("blood_pressure", "increase", "decrease"),
        ("respiratory_effect", "breathing-preserved", "respiratory-depression"),
    ],
)
def test_typical_and_rare_effects(kb, prop, typical, rare) -> None:
    frequency = {
        (str(f.value), f.frequency) for f in kb.facts_about(prop, rare=True) if f.frequency
    }
    assert (typical, Frequency.typical) in frequency
    assert (rare, Frequency.rare) in frequency


def test_rare_effects_do_not_judge_typical_claims(kb) -> None:
    """Without ``rare`` the rare-effect facts are left out: "it slows the heart" is still
    judged against the typical rise, "in rare cases it slows the heart" can use them."""
    typical = {f.id for f in kb.facts_about("heart_rate")}
    possible = {f.id for f in kb.facts_about("heart_rate", rare=True)}
    assert "heart-rate-decrease-rare" in possible - typical
    assert "heart-rate-increase" in typical


def test_esketamine_blood_pressure_rise_is_common(kb) -> None:
    fact = kb.fact("blood-pressure-increase-esketamine")
    assert fact.frequency is Frequency.common and fact.qualifiers["substance"] == "esketamine"


# --- degree ---------------------------------------------------------------------------------


def test_abuse_potential_degrees(kb) -> None:
    by_value = {str(f.value): f for f in kb.facts_about("addiction_potential")}
    assert by_value["present"].holds is Holds.true
    assert by_value["present"].degree is Degree.ungraded
    assert by_value["absent"].holds is Holds.false
    for grade in ("high", "moderate", "low"):
        assert by_value[grade].holds is Holds.unestablished
        assert by_value[grade].degree is Degree(grade)


# --- jurisdiction ---------------------------------------------------------------------------


def test_jurisdiction_specific_facts_name_their_jurisdiction(kb) -> None:
    """Legal status, approvals and penalties hold in one jurisdiction: each such fact says
    which, so a statement about another jurisdiction can be left unjudged."""
    specific = {
        name
        for name, prop in kb.vocabulary.properties.items()
        if prop.topic in {"legal-status", "approval"}
    }
    missing = [
        f.id for f in kb.facts if f.property in specific and "jurisdiction" not in f.qualifiers
    ]
    assert not missing
    assert {f.qualifiers["jurisdiction"] for f in kb.facts if f.property in specific} == {
        "US",
        "UK",
    }


# --- the model validates the fields ---------------------------------------------------------


def _fact(**fields) -> Fact:
    base = {
        "id": "x",
        "property": "uk_class",
        "value": "C",
        "statement": "s",
        "citations": [{"title": "t"}],
    }
    return Fact.model_validate({**base, **fields})


def test_period_must_be_in_order() -> None:
    with pytest.raises(ValidationError, match="after valid_until"):
        _fact(valid_from=date(2014, 6, 10), valid_until=date(2006, 1, 1))
    with pytest.raises(ValidationError, match="after valid_until"):
        _fact(valid_from=2015, valid_until=date(2014, 6, 9))
    assert _fact(valid_from=2014, valid_until=date(2014, 6, 9)).holds_on(date(2014, 1, 1))


@pytest.mark.parametrize(
    "fields",
    [
        {"valid_from": 99},
        {"valid_until": "soon"},
        {"frequency": "sometimes"},
        {"degree": "very"},
        {"citations": [{"title": "t", "seen_at": ["not an address"]}]},
    ],
)
def test_bad_context_values_are_errors(fields) -> None:
    with pytest.raises(ValidationError):
        _fact(**fields)


def test_year_bounds_cover_the_whole_year() -> None:
    fact = _fact(valid_from=2006, valid_until=2014)
    assert fact.holds_on(date(2006, 1, 1)) and fact.holds_on(date(2014, 12, 31))
    assert not fact.holds_on(date(2005, 12, 31)) and not fact.holds_on(date(2015, 1, 1))
    assert fact.holds_in(2010) and not fact.holds_in(2015)
