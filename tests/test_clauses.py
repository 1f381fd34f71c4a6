"""Extraction reads value phrases by their role in the clause (our own sentences, both readings).

Each case is a sentence, the statements it must yield (property, value, polarity) and those it
must not. The shapes are the ones lint misread when it matched words without the parse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck import load_kb
from ketcheck.extract import Extractor
from ketcheck.text import make_document

REPO = Path(__file__).parent.parent
A, N = "affirmed", "negated"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_kb(REPO / "data").vocabulary)


def read(extractor: Extractor, sentence: str):
    return extractor.statements(make_document(sentence))


def triples(extractor: Extractor, sentence: str) -> set[tuple[str, str, str]]:
    return {
        (s.assertion.property, str(s.assertion.value), s.assertion.polarity.value)
        for s in read(extractor, sentence)
        if not s.reported
    }


CASES = [
    # --- a modifier is not a predicate ------------------------------------------------------
    ("Ketamine is a stimulant.", {("drug_class", "stimulant", A)}, set()),
    ("Ketamine has stimulant-like effects.", set(), {("drug_class", "stimulant", A)}),
    ("Ketamine is an opioid.", {("drug_class", "opioid", A)}, set()),
    ("Ketamine may help people with opioid use disorder.", set(), {("drug_class", "opioid", A)}),
    ("Ketamine is a Schedule III drug.", {("us_schedule", "III", A)}, set()),
    (
        "Doctors avoid ketamine in patients with uncontrolled hypertension.",
        set(),
        {("uk_class", "uncontrolled", A), ("controlled_status", "uncontrolled", A)},
    ),
    (
        "Ketamine is a dissociative anesthetic.",
        {("drug_class", "dissociative-anesthetic", A)},
        set(),
    ),
    ("The clinic treats dissociative anesthetic misuse with therapy.", set(), set()),
    # an adjective on the predicate noun is predicated with it; a noun compound is not
    (
        "Ketamine is a proven treatment for depression.",
        {("evidence_level", "established", A)},
        set(),
    ),
    ("Ketamine is an opioid antagonist.", set(), {("drug_class", "opioid", A)}),
    # --- the clause is about something else -------------------------------------------------
    (
        "Unlike many anesthetics, which lower blood pressure, ketamine keeps it stable.",
        set(),
        {("blood_pressure", "decrease", A)},
    ),
    ("Many anesthetics lower blood pressure.", set(), {("blood_pressure", "decrease", A)}),
    ("Ketamine lowers blood pressure.", {("blood_pressure", "decrease", A)}, set()),
    ("Ketamine raises blood pressure.", {("blood_pressure", "increase", A)}, set()),
    ("Schedule I drugs such as heroin have no medical use.", set(), {("us_schedule", "I", A)}),
    ("Ketamine is a Schedule I drug.", {("us_schedule", "I", A)}, set()),
    ("Heroin is a Schedule I drug.", set(), {("us_schedule", "I", A)}),
    (
        "Methadone is an opioid, while ketamine is a dissociative anesthetic.",
        {("drug_class", "dissociative-anesthetic", A)},
        {("drug_class", "opioid", A)},
    ),
    ("The act classifies ketamine as a Schedule III drug.", {("us_schedule", "III", A)}, set()),
    # --- negation scope ends at the clause ----------------------------------------------------
    (
        "Ketamine is a dissociative anesthetic, not an opioid, with sedative and analgesic properties.",
        {("drug_class", "opioid", N), ("drug_class", "dissociative-anesthetic", A)},
        {("drug_class", "sedative", N), ("drug_class", "analgesic", N)},
    ),
    ("Ketamine is not an opioid.", {("drug_class", "opioid", N)}, {("drug_class", "opioid", A)}),
    # an answer particle is no negation of the clause after it
    (
        "No, ketamine is not a stimulant.",
        {("drug_class", "stimulant", N)},
        {("drug_class", "stimulant", A)},
    ),
    (
        "No, ketamine is a dissociative anesthetic.",
        {("drug_class", "dissociative-anesthetic", A)},
        {("drug_class", "dissociative-anesthetic", N)},
    ),
    (
        "Ketamine is not a stimulant but a depressant.",
        {("drug_class", "stimulant", N), ("drug_class", "depressant", A)},
        {("drug_class", "depressant", N)},
    ),
    (
        "Ketamine is neither a stimulant nor a depressant.",
        {("drug_class", "stimulant", N), ("drug_class", "depressant", N)},
        set(),
    ),
    ("Ketamine does not lower blood pressure.", {("blood_pressure", "decrease", N)}, set()),
    (
        "Ketamine is not a controlled substance.",
        {("controlled_status", "uncontrolled", A)},
        {("controlled_status", "controlled", A)},
    ),
    (
        "Ketamine blocks NMDA receptors and does not activate opioid receptors.",
        {("receptor_action", "nmda-antagonist", A)},
        {("receptor_action", "nmda-antagonist", N)},
    ),
    # --- approval is read in its own clause ---------------------------------------------------
    (
        "Ketamine is used off-label for depression; its approval covers only anesthesia.",
        set(),
        {("fda_approved_use", "depression", A)},
    ),
    (
        "Ketamine is FDA-approved for anesthesia.",
        {("fda_approved_use", "general-anesthesia", A)},
        set(),
    ),
]


@pytest.mark.parametrize(("sentence", "present", "absent"), CASES, ids=[c[0][:50] for c in CASES])
def test_clause_reading(extractor, sentence, present, absent):
    found = triples(extractor, sentence)
    assert present <= found, found
    assert not (absent & found), found


MODALITY = [
    # sentence, property, value, possible, frequency
    ("Ketamine raises heart rate.", "heart_rate", "increase", False, None),
    ("Ketamine may raise blood pressure.", "blood_pressure", "increase", True, None),
    ("Ketamine can cause bradycardia in rare cases.", "heart_rate", "decrease", True, "rare"),
    ("In rare cases ketamine causes bradycardia.", "heart_rate", "decrease", False, "rare"),
    ("Ketamine often raises blood pressure.", "blood_pressure", "increase", False, "common"),
]


@pytest.mark.parametrize(("sentence", "prop", "value", "possible", "frequency"), MODALITY)
def test_modality(extractor, sentence, prop, value, possible, frequency):
    [statement] = [s for s in read(extractor, sentence) if s.assertion.property == prop]
    assert str(statement.assertion.value) == value
    assert (statement.possible, statement.frequency) == (possible, frequency)


TENSE = [
    ("In 2006 ketamine became a Class C drug.", "uk_class", "C", True, 2006),
    ("Ketamine is a Class B drug.", "uk_class", "B", False, None),
    (
        "Ketamine was approved by the FDA in 1970 as an anesthetic.",
        "fda_approved_use",
        None,
        True,
        1970,
    ),
]


@pytest.mark.parametrize(("sentence", "prop", "value", "past", "year"), TENSE)
def test_tense_and_year(extractor, sentence, prop, value, past, year):
    statements = [s for s in read(extractor, sentence) if s.assertion.property == prop]
    assert statements, read(extractor, sentence)
    statement = statements[0]
    if value is not None:
        assert str(statement.assertion.value) == value
    assert (statement.past, statement.year) == (past, year)
