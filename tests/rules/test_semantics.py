"""Comparison primitives: kinds of property, qualifiers, negation, numbers and units."""

from __future__ import annotations

import pytest

from ketcheck.models import Assertion, Property
from ketcheck.rules.semantics import (
    Position,
    numbers_comparable,
    positions_conflict,
    qualifiers_compatible,
)

SET = Property(
    label="drug class",
    kind="set",
    topic="t",
    values={"stimulant": {"excludes": ["anesthetic"]}, "anesthetic": {}, "hallucinogen": {}},
)
CATEGORICAL = Property(
    label="schedule", kind="categorical", topic="t", values={"II": {}, "III": {}}
)
NUMERIC = Property(
    label="rate", kind="numeric", topic="t", unit="%", tolerance=1, qualifiers=["study", "arm"]
)


@pytest.mark.parametrize(
    ("prop", "left", "right", "conflict"),
    [
        (SET, Position("stimulant"), Position("anesthetic"), True),  # declared exclusion
        (SET, Position("anesthetic"), Position("stimulant"), True),  # either direction
        (SET, Position("stimulant"), Position("hallucinogen"), False),
        (CATEGORICAL, Position("II"), Position("III"), True),
        (CATEGORICAL, Position("III", negated=True), Position("III"), True),  # negated twin
        (CATEGORICAL, Position("II", negated=True), Position("III"), False),
        (CATEGORICAL, Position("II", negated=True), Position("III", negated=True), False),
        (NUMERIC, Position(50.0), Position(50.9), False),  # within tolerance
        (NUMERIC, Position(50.0), Position(52.0), True),
    ],
)
def test_positions_conflict(prop, left, right, conflict) -> None:
    assert positions_conflict(prop, left, right) is conflict


def test_absent_qualifier_is_compatible_and_unlisted_ones_do_not_matter() -> None:
    prop = Property(label="x", kind="categorical", topic="t", qualifiers=["study"])
    assert qualifiers_compatible(prop, {"study": "A"}, {})
    assert not qualifiers_compatible(prop, {"study": "A"}, {"study": "B"})
    assert qualifiers_compatible(prop, {"study": "A", "route": "iv"}, {"study": "a", "route": "im"})


def test_subgroup_figures_compare_only_against_a_universal_share() -> None:
    def assertion(value: float, **qualifiers: str) -> Assertion:
        return Assertion(property="rate", value=value, qualifiers=qualifiers)

    whole, arm = assertion(100), assertion(50, arm="repeated")
    assert numbers_comparable(NUMERIC, whole, arm, Position(100.0), Position(50.0))
    half = assertion(60)
    assert not numbers_comparable(NUMERIC, half, arm, Position(60.0), Position(50.0))
    other = assertion(40, study="s")
    assert not numbers_comparable(NUMERIC, arm, other, Position(50.0), Position(40.0))
