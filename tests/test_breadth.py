"""Knowledge breadth: each property and value the reference covers is found in free text.

The sentences are written for these tests (not taken from any page) and kept plain, so they
read the same under the pattern scan and under clause-based extraction. Each names the value
it must yield and the polarity; the judging side (which fact decides it) is in
tests/test_facts_data.py and the rule tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck import load_kb
from ketcheck.extract import Extractor
from ketcheck.models import Holds
from ketcheck.rules.semantics import values_exclude
from ketcheck.text import make_document

DATA = Path(__file__).parent.parent / "data"
AFFIRMED, NEGATED = "affirmed", "negated"


@pytest.fixture(scope="module")
def kb():
    return load_kb(DATA)


@pytest.fixture(scope="module")
def extractor(kb) -> Extractor:
    return Extractor(kb.vocabulary)


def found(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(property, value, polarity) of every statement extraction makes about the subject."""
    out = set()
    for st in extractor.statements(make_document(text)):
        value = st.assertion.value
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        out.add((st.assertion.property, shown, st.assertion.polarity.value))
    return out


CASES = [
    # receptor actions, with their direction
    ("Ketamine is an NMDA receptor antagonist.", "receptor_action", "nmda-antagonist", AFFIRMED),
    ("Ketamine blocks NMDA receptors.", "receptor_action", "nmda-antagonist", AFFIRMED),
    ("Ketamine stimulates NMDA receptors.", "receptor_action", "nmda-agonist", AFFIRMED),
    ("Ketamine does not stimulate NMDA receptors.", "receptor_action", "nmda-agonist", NEGATED),
    ("Ketamine is an opioid agonist.", "receptor_action", "opioid-agonist", AFFIRMED),
    ("Ketamine is not an opioid agonist.", "receptor_action", "opioid-agonist", NEGATED),
    (
        "Ketamine binds only weakly to opioid receptors.",
        "receptor_action",
        "opioid-weak-binding",
        AFFIRMED,
    ),
    (
        "Ketamine has a low affinity for opioid receptors.",
        "receptor_action",
        "opioid-weak-binding",
        AFFIRMED,
    ),
    ("Ketamine directly activates AMPA receptors.", "receptor_action", "ampa-agonist", AFFIRMED),
    (
        "Ketamine increases AMPA signalling.",
        "receptor_action",
        "ampa-signalling-increase",
        AFFIRMED,
    ),
    ("Ketamine increases glutamate release.", "receptor_action", "glutamate-increase", AFFIRMED),
    ("Ketamine reduces glutamate release.", "receptor_action", "glutamate-decrease", AFFIRMED),
    (
        "Ketamine does not reduce glutamate release.",
        "receptor_action",
        "glutamate-decrease",
        NEGATED,
    ),
    ("Ketamine increases serotonin levels.", "receptor_action", "serotonin-increase", AFFIRMED),
    ("Ketamine does not increase serotonin.", "receptor_action", "serotonin-increase", NEGATED),
    ("Ketamine decreases serotonin.", "receptor_action", "serotonin-decrease", AFFIRMED),
    ("Ketamine boosts dopamine.", "receptor_action", "dopamine-increase", AFFIRMED),
    ("Ketamine lowers dopamine levels.", "receptor_action", "dopamine-decrease", AFFIRMED),
    ("Ketamine is a GABA agonist.", "receptor_action", "gaba-agonist", AFFIRMED),
    ("Ketamine reduces GABA.", "receptor_action", "gaba-decrease", AFFIRMED),
    (
        "Ketamine inhibits catecholamine reuptake.",
        "receptor_action",
        "catecholamine-reuptake-inhibition",
        AFFIRMED,
    ),
    # breathing, with the dose context in the sentence
    (
        "Ketamine can cause respiratory depression at high doses.",
        "respiratory_effect",
        "respiratory-depression",
        AFFIRMED,
    ),
    (
        "Ketamine does not cause respiratory depression.",
        "respiratory_effect",
        "respiratory-depression",
        NEGATED,
    ),
    (
        "Ketamine preserves breathing and airway reflexes.",
        "respiratory_effect",
        "breathing-preserved",
        AFFIRMED,
    ),
    ("Ketamine stimulates breathing.", "respiratory_effect", "respiratory-stimulation", AFFIRMED),
    # overdose, lethal dose and deaths
    ("You cannot overdose on ketamine.", "overdose_effect", "none", AFFIRMED),
    ("Ketamine overdose can be fatal.", "overdose_effect", "death", AFFIRMED),
    ("Ketamine overdose can cause coma.", "overdose_effect", "coma", AFFIRMED),
    (
        "An overdose of ketamine can cause profound sedation.",
        "overdose_effect",
        "sedation",
        AFFIRMED,
    ),
    ("In England, 283 deaths involved ketamine.", "death_count", "283", AFFIRMED),
    ("Ketamine has a wide safety margin.", "safety_margin", "wide", AFFIRMED),
    ("Ketamine has a narrow therapeutic index.", "safety_margin", "narrow", AFFIRMED),
    # abuse and addiction potential, with its degree
    ("Ketamine is highly addictive.", "addiction_potential", "high", AFFIRMED),
    ("Ketamine has a high risk of addiction.", "addiction_potential", "high", AFFIRMED),
    ("Ketamine is moderately addictive.", "addiction_potential", "moderate", AFFIRMED),
    ("Ketamine has a low risk of addiction.", "addiction_potential", "low", AFFIRMED),
    ("Ketamine has no potential for abuse.", "addiction_potential", "absent", AFFIRMED),
    ("Ketamine is not habit-forming.", "addiction_potential", "absent", AFFIRMED),
    ("Ketamine has abuse potential.", "addiction_potential", "present", AFFIRMED),
    # effects of chronic use
    ("Ketamine can cause kidney damage.", "side_effect", "kidney-damage", AFFIRMED),
    (
        "Long-term ketamine use can cause memory problems.",
        "side_effect",
        "memory-impairment",
        AFFIRMED,
    ),
    ("Ketamine can cause cardiac arrhythmia.", "side_effect", "arrhythmia", AFFIRMED),
    ("Ketamine can cause physical dependence.", "side_effect", "dependence", AFFIRMED),
    # approvals per use
    ("Ketamine is FDA-approved for PTSD.", "fda_approved_use", "ptsd", AFFIRMED),
    ("Ketamine is not FDA-approved for anxiety.", "fda_approved_use", "anxiety", NEGATED),
    # doses and the WHO list
    ("Ketamine is infused at 0.5 mg/kg.", "dose_per_kg", "0.5", AFFIRMED),
    (
        "Ketamine is on the WHO list of essential medicines.",
        "who_essential_medicine",
        "listed",
        AFFIRMED,
    ),
    # UK penalties
    (
        "In the UK, possession of ketamine carries up to 5 years in prison.",
        "uk_possession_max_sentence",
        "5",
        AFFIRMED,
    ),
    (
        "In the UK, supplying ketamine carries up to 14 years in prison.",
        "uk_supply_max_sentence",
        "14",
        AFFIRMED,
    ),
]


@pytest.mark.parametrize(("text", "prop", "value", "polarity"), CASES)
def test_value_is_found(extractor, text, prop, value, polarity) -> None:
    statements = found(extractor, text)
    assert (prop, value, polarity) in statements, statements
    other = "negated" if polarity == AFFIRMED else AFFIRMED
    assert (prop, value, other) not in statements


@pytest.mark.parametrize(
    ("text", "prop", "wrong"),
    [
        # a longer phrase decides the value, not a shorter one inside it
        ("Ketamine is highly addictive.", "addiction_potential", "present"),
        ("Ketamine has a high potential for abuse.", "side_effect", "euphoria"),
        ("Ketamine binds only weakly to opioid receptors.", "receptor_action", "opioid-agonist"),
        ("Ketamine reduces glutamate release.", "receptor_action", "glutamate-increase"),
        # another drug's receptor action is not ketamine's
        ("Heroin activates opioid receptors.", "receptor_action", "opioid-agonist"),
    ],
)
def test_value_is_not_misread(extractor, text, prop, wrong) -> None:
    assert not {s for s in found(extractor, text) if s[:2] == (prop, wrong)}


def test_every_new_value_has_a_sentence(kb) -> None:
    """The properties this breadth work added are all exercised above."""
    covered = {(prop, value) for _, prop, value, _ in CASES}
    for prop in ("respiratory_effect", "safety_margin", "addiction_potential"):
        for value in kb.vocabulary.properties[prop].values:
            assert (prop, value) in covered, (prop, value)


def test_every_found_value_but_mechanism_hypotheses_has_a_fact(kb) -> None:
    """Each value above that the reference speaks to has a fact deciding it (directly, or via a
    fact it excludes); serotonin, dopamine and GABA claims are found but the reference has no
    fact on them, so they stay unverified rather than being judged."""
    unjudged = {"serotonin-increase", "serotonin-decrease", "dopamine-increase"}
    unjudged |= {"dopamine-decrease", "gaba-agonist", "gaba-decrease"}
    for _, prop, value, _ in CASES:
        if value in unjudged:
            assert not [f for f in kb.facts if f.property == prop and str(f.value) == value]
            continue
        prop_def = kb.vocabulary.properties[prop]
        facts = [f for f in kb.facts if f.property == prop]
        direct = [f for f in facts if f"{f.value:g}" == value] if prop_def.unit else []
        direct += [f for f in facts if str(f.value) == value]
        excluding = [
            f
            for f in facts
            if f.holds is Holds.true and values_exclude(prop_def, value, str(f.value))
        ]
        assert direct or excluding, (prop, value)
