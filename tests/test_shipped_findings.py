"""End to end on the shipped knowledge base: the findings the cross-check exists to make.

Written against quotes and properties, not claim ids, so curating the claims further keeps
these tests meaningful. Every finding comes from general rules over the data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck.check import judge_claims, run_rules
from ketcheck.kb import KnowledgeBase, load_kb
from ketcheck.models import Finding, Verdict

DATA = Path(__file__).parent.parent / "data"
pytestmark = pytest.mark.skipif(
    not (DATA / "facts.yaml").is_file(), reason="the shipped reference facts are not there yet"
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(DATA)


@pytest.fixture(scope="module")
def findings(kb: KnowledgeBase) -> list[Finding]:
    return run_rules(kb)


def quoting(
    kb: KnowledgeBase, text: str, prop: str | None = None, source: str | None = None
) -> set[str]:
    """Ids of the claims whose quote contains ``text`` (and that assert ``prop``)."""
    found = {
        c.id
        for c in kb.claims
        if text.lower() in c.quote.lower()
        and (prop is None or any(a.property == prop for a in c.assertions))
        and (source is None or c.source == source)
    }
    assert found, f"no claim quotes {text!r}"
    return found


def with_claims(findings: list[Finding], rule: str, *groups: set[str]) -> list[Finding]:
    """Findings of ``rule`` naming at least one claim of every group."""
    return [f for f in findings if f.rule == rule and all(set(f.claims) & g for g in groups)]


def test_stimulant_against_the_others_and_the_reference(kb, findings) -> None:
    stimulant = quoting(kb, "stimulant drug", "drug_class")
    dissociative = quoting(kb, "dissociative anesthetic", "drug_class") - stimulant
    [conflict] = with_claims(findings, "KC101", stimulant, dissociative)
    assert conflict.property == "drug_class" and conflict.reference is not None
    assert len(set(conflict.sources)) >= 3
    assert with_claims(findings, "KC103", stimulant)


@pytest.mark.parametrize(
    ("prop", "right", "wrong"),
    [
        ("blood_pressure", "Elevated blood pressure", "goes down"),
        ("heart_rate", "speeds up", "Decreased heart rate"),
    ],
)
def test_self_contradiction_and_the_direction_it_gets_wrong(
    kb, findings, prop, right, wrong
) -> None:
    right_ids, wrong_ids = quoting(kb, right, prop), quoting(kb, wrong, prop)
    [conflict] = with_claims(findings, "KC102", right_ids, wrong_ids)
    assert len(set(conflict.sources)) == 1
    contradicted = {
        c for f in findings if f.rule == "KC103" and f.property == prop for c in f.claims
    }
    assert wrong_ids <= contradicted
    assert not right_ids & contradicted


def test_all_users_against_fifty_percent_in_the_same_article(kb, findings) -> None:
    all_users = quoting(kb, "all users abstained", "abstinence_rate")
    fifty = quoting(kb, "50%", "abstinence_rate")
    [conflict] = with_claims(findings, "KC102", all_users, fifty)
    assert len(set(conflict.sources)) == 1
    assert with_claims(findings, "KC104", all_users)


def test_cocaine_trial_design_in_both_articles_and_the_copied_sentence(kb, findings) -> None:
    five_days = quoting(kb, "through an IV for 5 days", "study_ketamine_schedule")
    contradicted = {
        f.claims[0] for f in findings if f.rule == "KC103" and set(f.claims) & five_days
    }
    assert {c.source for c in kb.claims if c.id in contradicted} >= {"ark", "avenues"}
    [copy] = [f for f in findings if f.rule == "KC302" and set(f.claims) & five_days]
    assert set(copy.sources) == {"ark", "avenues"}
    assert "not independent" in copy.message


def test_support_and_terminology_rules(kb, findings) -> None:
    ajp = quoting(kb, "2018 study published in the American Journal of Psychiatry")
    [untraced] = with_claims(findings, "KC203", ajp)
    assert "the only reference study matching" in untraced.message
    assert with_claims(findings, "KC201", quoting(kb, "80% effective"))
    assert with_claims(findings, "KC105", quoting(kb, "activates opioid receptors"))
    assert with_claims(findings, "KC401", quoting(kb, "class III scheduled drug"))
    assert with_claims(findings, "KC202", quoting(kb, "experts out there claim"))


def test_every_verdict_occurs(kb) -> None:
    verdicts = {j.verdict for j in judge_claims(kb).values()}
    assert verdicts == set(Verdict)
