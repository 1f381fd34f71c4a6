"""KC103: a claim against a reference fact, for each kind of property."""

from __future__ import annotations

from kbfactory import claim, fact, flagged

from ketcheck.rules import contradicts_reference


def test_direction_against_the_reference(make_kb) -> None:
    kb = make_kb(
        {"alpha": "It lowers blood pressure. It raises blood pressure."},
        [
            claim("lowers", "alpha", "It lowers blood pressure", "blood_pressure", "decrease"),
            claim("raises", "alpha", "It raises blood pressure", "blood_pressure", "increase"),
        ],
        [fact("bp", "blood_pressure", "increase", statement="It raises blood pressure.")],
    )
    [found] = list(contradicts_reference.check(kb))
    assert found.claims == ("lowers",)
    assert found.message == "effect on blood pressure “decrease”: the reference says increase"
    assert found.reference == "bp"
    assert found.citation == "“A reference”. A journal 2020"
    assert found.fix == "It raises blood pressure."


def test_categorical_and_holds_false(make_kb) -> None:
    kb = make_kb(
        {"alpha": "It is Schedule II. It is a stimulant. It is not a stimulant."},
        [
            claim("ii", "alpha", "It is Schedule II", "us_schedule", "II"),
            claim("stim", "alpha", "It is a stimulant", "drug_class", "stimulant"),
            claim(
                "not-stim",
                "alpha",
                "It is not a stimulant",
                "drug_class",
                "stimulant",
                polarity="negated",
            ),
        ],
        [
            fact("iii", "us_schedule", "III", qualifiers={"jurisdiction": "US"}),
            fact("no-stim", "drug_class", "stimulant", holds="false", reason="it is an anesthetic"),
        ],
    )
    found = list(contradicts_reference.check(kb))
    assert flagged(found) == [("ii",), ("stim",)]
    assert found[1].message == (
        "drug class “stimulant”: the reference says this does not hold: it is an anesthetic"
    )


def test_other_jurisdiction_and_reported_claims_pass(make_kb) -> None:
    kb = make_kb(
        {"alpha": "In the UK it is Schedule II. It is a myth that it is Schedule II."},
        [
            claim(
                "uk",
                "alpha",
                "In the UK it is Schedule II",
                "us_schedule",
                "II",
                qualifiers={"jurisdiction": "UK"},
            ),
            claim("myth", "alpha", "it is Schedule II.", "us_schedule", "II", reported=True),
        ],
        [fact("iii", "us_schedule", "III", qualifiers={"jurisdiction": "US"})],
    )
    assert list(contradicts_reference.check(kb)) == []
