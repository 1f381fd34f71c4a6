"""KC102: a source contradicting itself, once per group, quoting both sides."""

from __future__ import annotations

from kbfactory import claim, flagged

from ketcheck.rules import self_contradiction

TEXT = "The blood pressure goes down.\nSide effects:\n  • Elevated blood pressure\n"


def test_opposite_directions_in_one_source(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim("down", "alpha", "The blood pressure goes down", "blood_pressure", "decrease"),
            claim("up", "alpha", "Elevated blood pressure", "blood_pressure", "increase"),
        ],
    )
    [found] = list(self_contradiction.check(kb))
    assert found.claims == ("down", "up")
    assert found.message == (
        "alpha contradicts itself on effect on blood pressure: decrease (“The blood pressure goes "
        "down” line 1) vs increase (“Elevated blood pressure” line 3)"
    )


def test_different_population_passes(make_kb) -> None:
    kb = make_kb(
        {"alpha": TEXT},
        [
            claim(
                "down",
                "alpha",
                "The blood pressure goes down",
                "blood_pressure",
                "decrease",
                qualifiers={"population": "shock"},
            ),
            claim(
                "up",
                "alpha",
                "Elevated blood pressure",
                "blood_pressure",
                "increase",
                qualifiers={"population": "adults"},
            ),
        ],
    )
    assert list(self_contradiction.check(kb)) == []


def test_universal_share_against_a_subgroup_figure(make_kb) -> None:
    kb = make_kb(
        {
            "alpha": "All users abstained. 50% of the repeated group abstained. Seven studies, two on alcohol."
        },
        [
            claim("all", "alpha", "All users abstained", "abstinence_rate", 100),
            claim(
                "half",
                "alpha",
                "50% of the repeated group abstained",
                "abstinence_rate",
                50,
                qualifiers={"arm": "repeated"},
            ),
        ],
    )
    assert flagged(list(self_contradiction.check(kb))) == [("all", "half")]


def test_subgroup_figure_is_not_a_contradiction(make_kb) -> None:
    kb = make_kb(
        {"alpha": "Half abstained. 22% of the single group abstained."},
        [
            claim("half", "alpha", "Half abstained", "abstinence_rate", 50),
            claim(
                "single",
                "alpha",
                "22% of the single group abstained",
                "abstinence_rate",
                22,
                qualifiers={"arm": "single"},
            ),
        ],
    )
    assert list(self_contradiction.check(kb)) == []
