"""KC401: a property's misnomers, searched only in claims asserting that property."""

from __future__ import annotations

from kbfactory import claim, flagged

from ketcheck.rules import control_status_terminology

TEXT = "It is a class III scheduled drug. It is a Schedule III drug. It is class B in the UK."


def test_misnomers(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim("class-iii", "alpha", "It is a class III scheduled drug", "us_schedule", "III"),
            claim("schedule-iii", "alpha", "It is a Schedule III drug", "us_schedule", "III"),
            claim("uk", "alpha", "It is class B in the UK", "uk_class", "B"),
        ],
    )
    found = list(control_status_terminology.check(kb))
    assert flagged(found) == [("class-iii",)]
    assert (
        found[0].message == '“class III”: US federal control status is a "Schedule", not a "class"'
    )
    assert (found[0].location.column, found[0].location.end_column) == (9, 18)
