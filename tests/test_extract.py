"""Free text → assertions with the shipped vocabulary: phrasing variants, negation, hedges."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck.extract import Extractor
from ketcheck.kb import load_kb
from ketcheck.phrases import phrase_regex
from ketcheck.text import make_document

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_kb(REPO / "data").vocabulary)


def found(extractor: Extractor, text: str) -> list[tuple]:
    doc = make_document(text, "draft.md", "md")
    return [
        (s.assertion.property, s.assertion.value, s.assertion.polarity.value)
        for s in extractor.statements(doc)
    ]


def test_phrase_regex_longest_match_and_flexible_spacing() -> None:
    regex = phrase_regex(["blood pressure", "blood pressure goes down", ";"])
    assert regex.search("the Blood  pressure goes down").group() == "Blood  pressure goes down"
    assert regex.search("a stimulant; it").group() == ";"
    assert regex.search("bloodpressure") is None


def test_the_three_wrong_claims_of_one_sentence(extractor: Extractor) -> None:
    assert found(extractor, "Ketamine is a Schedule II stimulant that lowers blood pressure.") == [
        ("us_schedule", "II", "affirmed"),
        ("drug_class", "stimulant", "affirmed"),
        ("blood_pressure", "decrease", "affirmed"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ketamine raises blood pressure.", ("blood_pressure", "increase")),
        ("Ketamine can cause a drop in blood pressure.", ("blood_pressure", "decrease")),
        ("With ketamine, blood pressure usually goes up.", ("blood_pressure", "increase")),
        ("Ketamine slows the heart rate.", ("heart_rate", "decrease")),
        ("Ketamine is a schedule 3 drug.", ("us_schedule", "III")),
        ("Ketamine blocks NMDA receptors in the brain.", ("receptor_action", "nmda-antagonist")),
        ("Ketamine binds to the mu-opioid receptors.", ("receptor_action", "opioid-agonist")),
        ("Ketamine is an opioid painkiller.", ("drug_class", "opioid")),
    ],
)
def test_phrasing_variants(extractor: Extractor, text: str, expected: tuple) -> None:
    assert (*expected, "affirmed") in found(extractor, text)


def test_opioid_as_context_is_not_a_drug_class(extractor: Extractor) -> None:
    text = (
        "Ketamine is used in opioid withdrawal and is studied as an opioid use disorder treatment."
    )
    assert not [f for f in found(extractor, text) if f[0] == "drug_class"]


def test_negation_scope_ends_at_a_terminator(extractor: Extractor) -> None:
    assert found(extractor, "Ketamine is not a stimulant; it is a dissociative anesthetic.") == [
        ("drug_class", "stimulant", "negated"),
        ("drug_class", "dissociative-anesthetic", "affirmed"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "There is no evidence that ketamine lowers blood pressure.",
        "Ketamine never lowers blood pressure in healthy adults.",
        "Unlike a stimulant, ketamine is a dissociative drug.",
    ],
)
def test_negation_cues(extractor: Extractor, text: str) -> None:
    polarities = {
        f[2] for f in found(extractor, text) if f[0] in {"blood_pressure"} or f[1] == "stimulant"
    }
    assert polarities == {"negated"}


def test_not_considered_controlled(extractor: Extractor) -> None:
    assert ("controlled_status", "controlled", "negated") in found(
        extractor, "Ketamine is not considered a controlled substance."
    )


def test_hedges_and_reported_speech(extractor: Extractor) -> None:
    doc = make_document(
        "Ketamine may reduce cravings. It is a myth that ketamine is an opioid.", "x.txt"
    )
    first, second = Extractor(load_kb(REPO / "data").vocabulary).statements(doc)
    assert first.assertion.hedged and not first.reported
    assert second.assertion.property == "drug_class" and second.reported


def test_numbers_with_units_and_words(extractor: Extractor) -> None:
    statements = found(
        extractor,
        "A small amount of ketamine is given via IV, over a period of 3-4 hours. "
        "About 50% of the people who received ketamine abstained a year later.",
    )
    assert ("infusion_duration", 180.0, "affirmed") in statements
    assert ("abstinence_rate", 50.0, "affirmed") in statements


def test_subject_required_nearby(extractor: Extractor) -> None:
    far = "Ketamine is discussed below.\n\n" + "Filler sentence about other things. " * 20
    assert found(extractor, far + "Opioids lower blood pressure.") == []


def test_qualifiers_from_the_sentence(extractor: Extractor) -> None:
    doc = make_document("In the United States, ketamine is a Schedule III drug.", "x.txt")
    [statement, *_] = Extractor(load_kb(REPO / "data").vocabulary).statements(doc)
    assert statement.assertion.qualifiers == {"jurisdiction": "US"}


def test_support_kinds(extractor: Extractor) -> None:
    doc = make_document(
        "A 2018 study found ketamine reduced cravings. Experts claim ketamine reduces cravings. "
        "Ketamine reduced cravings (https://doi.org/10.1000/x).",
        "x.md",
        "md",
    )
    kinds = [
        s.support.kind.value for s in Extractor(load_kb(REPO / "data").vocabulary).statements(doc)
    ]
    assert kinds == ["named-study", "vague", "citation"]


@pytest.mark.parametrize(
    "text, reported",
    [
        ("Ketamine was reclassified from Class C to Class B in 2014.", [True, False]),
        ("Before 1999 ketamine was not a controlled substance in the US.", [True]),
        ("Ketamine is a Class B drug in the UK.", [False]),
    ],
)
def test_statements_about_the_past_are_not_present_claims(
    extractor: Extractor, text: str, reported: list[bool]
) -> None:
    doc = make_document(text, "x.txt")
    assert [s.reported for s in extractor.statements(doc)] == reported


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is often given alongside buprenorphine. Buprenorphine is an opioid.",
        "Ketamine is used in clinics. Methadone is a Schedule II drug.",
        "Is ketamine a Schedule I drug?",
        "Dr. Smith says ketamine is an opioid agonist, but that is wrong.",
    ],
)
def test_no_own_claim_where_another_subject_or_speaker_holds_it(
    extractor: Extractor, text: str
) -> None:
    doc = make_document(text, "x.txt")
    own = [
        s
        for s in extractor.statements(doc)
        if not s.reported
        and s.assertion.property in {"drug_class", "us_schedule", "receptor_action"}
    ]
    assert own == []


def test_negation_inside_a_pattern_match(extractor: Extractor) -> None:
    assert found(extractor, "Ketamine is not an opioid.") == [("drug_class", "opioid", "negated")]


def test_negation_window_counts_words_before_the_hit(extractor: Extractor) -> None:
    assert found(extractor, "Ketamine should not be viewed as a standalone treatment.") == [
        ("treatment_role", "standalone", "negated")
    ]


def test_population_carries_to_the_next_sentence_of_a_paragraph(extractor: Extractor) -> None:
    doc = make_document(
        "In the heroin trial, ketamine helped. The group who received more sessions had "
        "fewer cravings.\n\nThe group who received more sessions had fewer cravings.",
        "x.txt",
    )
    populations = [
        s.assertion.qualifiers.get("population")
        for s in Extractor(load_kb(REPO / "data").vocabulary).statements(doc)
        if s.assertion.property == "craving"
    ]
    assert populations == ["heroin-dependence", None]
