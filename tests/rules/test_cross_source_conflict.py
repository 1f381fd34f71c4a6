"""KC101: one finding per group of conflicting claims from different sources."""

from __future__ import annotations

from kbfactory import claim, fact, flagged

from ketcheck.rules import cross_source_conflict


def test_excluding_values_across_sources_are_one_group(make_kb) -> None:
    kb = make_kb(
        {
            "alpha": "It is a dissociative anesthetic.",
            "beta": "A stimulant drug.",
            "gamma": "An anesthetic medication.",
        },
        [
            claim(
                "a-dissociative",
                "alpha",
                "a dissociative anesthetic",
                "drug_class",
                "dissociative-anesthetic",
            ),
            claim("b-stimulant", "beta", "A stimulant drug", "drug_class", "stimulant"),
            claim("c-anesthetic", "gamma", "An anesthetic medication", "drug_class", "anesthetic"),
        ],
        [fact("class", "drug_class", "dissociative-anesthetic")],
    )
    [found] = list(cross_source_conflict.check(kb))
    assert set(found.claims) == {"a-dissociative", "b-stimulant", "c-anesthetic"}
    assert set(found.sources) == {"alpha", "beta", "gamma"}
    assert found.message == (
        "sources disagree on drug class: alpha says dissociative anesthetic; beta says stimulant; "
        "gamma says anesthetic; the reference says dissociative anesthetic"
    )
    assert found.location.path.endswith("beta.txt")  # the side the reference contradicts
    assert found.reference == "class"
    assert len(found.related) == 2


def test_values_that_do_not_exclude_each_other_pass(make_kb) -> None:
    kb = make_kb(
        {"alpha": "A hallucinogen.", "beta": "A stimulant drug."},
        [
            claim("a", "alpha", "A hallucinogen", "drug_class", "hallucinogen"),
            claim("b", "beta", "A stimulant drug", "drug_class", "stimulant"),
        ],
    )
    assert list(cross_source_conflict.check(kb)) == []


def test_different_studies_do_not_conflict(make_kb) -> None:
    kb = make_kb(
        {
            "alpha": "The heroin trial gave one infusion.",
            "beta": "The cocaine trial gave daily infusions.",
        },
        [
            claim(
                "a",
                "alpha",
                "The heroin trial gave one infusion",
                "study_design",
                "single-administration",
                qualifiers={"study": "heroin-trial"},
            ),
            claim(
                "b",
                "beta",
                "The cocaine trial gave daily infusions",
                "study_design",
                "daily-administration",
                qualifiers={"study": "cocaine-trial"},
            ),
        ],
    )
    assert list(cross_source_conflict.check(kb)) == []


def test_negated_twin_conflicts_and_reported_claims_take_no_part(make_kb) -> None:
    kb = make_kb(
        {
            "alpha": "It is not a stimulant.",
            "beta": "It is a stimulant. It is a myth that it is a hallucinogen.",
        },
        [
            claim(
                "a-not",
                "alpha",
                "It is not a stimulant",
                "drug_class",
                "stimulant",
                polarity="negated",
            ),
            claim("b-is", "beta", "It is a stimulant", "drug_class", "stimulant"),
            claim(
                "b-myth",
                "beta",
                "it is a hallucinogen",
                "drug_class",
                "hallucinogen",
                polarity="negated",
                reported=True,
            ),
        ],
    )
    assert flagged(list(cross_source_conflict.check(kb))) == [("a-not", "b-is")]


def test_agreement_from_copied_text_is_not_independent(make_kb) -> None:
    copied = (
        "People with cocaine addictions got zentamine through an IV for five days in hospital care."
    )
    kb = make_kb(
        {
            "alpha": f"{copied} It is a stimulant.",
            "beta": f"{copied} It is a stimulant.",
            "gamma": "It is an anesthetic.",
        },
        [
            claim("a", "alpha", "It is a stimulant", "drug_class", "stimulant"),
            claim("b", "beta", "It is a stimulant", "drug_class", "stimulant"),
            claim("c", "gamma", "It is an anesthetic", "drug_class", "anesthetic"),
        ],
    )
    [found] = list(cross_source_conflict.check(kb))
    assert "alpha and beta share copied text elsewhere, so may not be independent" in found.message
