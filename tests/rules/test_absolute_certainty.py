"""KC204: certainty cues, unless a negation just before takes them back."""

from __future__ import annotations

from kbfactory import claim, flagged

from ketcheck.rules import absolute_certainty

TEXT = (
    "It has proven to be effective and is a cure. It is not a guaranteed cure. "
    "There are no noted cases of addiction. It may help some people."
)


def test_certainty_cues(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim(
                "proven",
                "alpha",
                "It has proven to be effective and is a cure",
                "evidence_level",
                "established",
            ),
            claim(
                "not-cure",
                "alpha",
                "It is not a guaranteed cure",
                "evidence_level",
                "established",
                polarity="negated",
            ),
            claim(
                "no-cases",
                "alpha",
                "There are no noted cases of addiction",
                "evidence_level",
                "established",
            ),
            claim("may", "alpha", "It may help some people", "evidence_level", "promising"),
        ],
    )
    found = list(absolute_certainty.check(kb))
    assert flagged(found) == [("proven",), ("no-cases",)]
    assert found[0].message.startswith("absolute certainty “proven”, “cure”:")
    assert found[0].location.column == 8
