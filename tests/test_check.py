"""The cross-check library: verdicts, grouping, selection, filters, scorecard and report."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketcheck.check import (
    conflicts,
    cross_check,
    finding_views,
    judge_claims,
    run_rules,
    scorecard,
    select_rules,
)
from ketcheck.kb import KnowledgeBase, load_kb
from ketcheck.models import Severity, Verdict
from ketcheck.yamlsource import InputError

SMALL = Path(__file__).parent / "fixtures" / "kb_small"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(SMALL)


VERDICTS = {
    "alpha-dissociative": "supported",
    "alpha-class-iii": "supported",  # wrong word (KC401), right schedule
    "alpha-2018-study": "unsupported",  # a study that cannot be traced, no fact on the point
    "alpha-studies-show": "supported",  # vague (KC202), but the reference agrees
    "alpha-80-percent": "unsupported",  # a figure with no source (KC201)
    "alpha-opioid": "misleading",  # holds: partly
    "alpha-not-a-cure": "supported",  # denies a value the reference rules out
    "alpha-proven-bp": "misleading",  # supported, but stated as proven (KC204)
    "alpha-2015-study-hr": "unsupported",  # supported, but cites an untraceable study (KC203)
    "beta-stimulant": "contradicted",
    "beta-hr-up-bp-down": "contradicted",  # one of two assertions wrong: the worst stands
    "beta-all-abstained": "contradicted",
    "beta-50-percent": "supported",
    "beta-fda-depression": "misleading",  # leaves out the qualifier that decides
    "gamma-anesthetic": "unverified",  # no fact decides this value
    "gamma-overdose-margin": "unsupported",  # holds: unestablished
    "gamma-opioid-hedged": "supported",  # partly, but hedged
    "gamma-myth-stimulant": "contradicted",  # reported: judged, but not held against gamma
}


def test_verdicts(kb: KnowledgeBase) -> None:
    judgements = judge_claims(kb)
    assert {cid: judgements[cid].verdict.value for cid in VERDICTS} == VERDICTS
    assert {j.verdict for j in judgements.values()} == set(Verdict)


def test_judgement_names_the_fact_and_its_citation(kb: KnowledgeBase) -> None:
    judgement = judge_claims(kb)["beta-stimulant"]
    assert judgement.fact == "class-dissociative"
    assert judgement.citation == "“Zentamine label”. Example Pharma 2020"
    assert judgement.reason == (
        "The reference says dissociative anesthetic — Zentamine is a dissociative anesthetic."
    )
    unverified = judge_claims(kb)["gamma-chronic-pain"]
    assert unverified.fact is None
    assert unverified.reason == "No reference fact decides medical use in practice “pain” yet."


def test_a_conflict_is_one_finding_naming_every_claim(kb: KnowledgeBase) -> None:
    drug_class = [f for f in run_rules(kb, ["KC101"]) if f.property == "drug_class"]
    assert len(drug_class) == 1
    assert set(drug_class[0].claims) == {"alpha-dissociative", "beta-stimulant", "gamma-anesthetic"}
    assert "gamma-myth-stimulant" not in drug_class[0].claims  # reported claims take no part


def test_run_rules_selects_by_code_or_prefix(kb: KnowledgeBase) -> None:
    assert [r.code for r in select_rules(["KC1"])] == ["KC101", "KC102", "KC103", "KC104", "KC105"]
    assert {f.rule for f in run_rules(kb, ["kc2"])} == {"KC201", "KC202", "KC203", "KC204"}
    with pytest.raises(InputError, match="unknown rule 'KC999'"):
        run_rules(kb, ["KC999"])


def test_findings_are_sorted_by_position(kb: KnowledgeBase) -> None:
    findings = run_rules(kb)
    assert findings == sorted(findings, key=lambda f: f.sort_key())


def test_conflicts_filters(kb: KnowledgeBase) -> None:
    every = conflicts(kb)
    assert {f.rule for f in every} == {
        "KC101",
        "KC102",
        "KC103",
        "KC104",
        "KC105",
        "KC302",
        "KC401",
    }
    assert all("gamma" in f.sources for f in conflicts(kb, source="gamma"))
    assert {f.rule for f in conflicts(kb, prop="blood_pressure")} == {"KC101", "KC102", "KC103"}
    assert {f.rule for f in conflicts(kb, rule="KC302")} == {"KC302"}
    for kwargs in ({"source": "delta"}, {"prop": "shedule"}, {"rule": "KC201"}):
        with pytest.raises(InputError):
            conflicts(kb, **kwargs)


def test_scorecard(kb: KnowledgeBase) -> None:
    findings, judgements = run_rules(kb), judge_claims(kb)
    scores = {s.id: s for s in scorecard(kb, findings, judgements)}
    beta, gamma = scores["beta"], scores["gamma"]
    assert beta.sells_treatment and not gamma.sells_treatment
    assert list(beta.by_verdict) == [v.value for v in Verdict]
    assert beta.by_verdict["contradicted"] == 6
    assert gamma.reported == 1 and gamma.claims == 6  # the reported claim is not counted
    assert gamma.by_verdict["contradicted"] == 1  # only its own copied trial description
    assert beta.by_rule["KC102"] == 3
    assert beta.by_severity["error"] == sum(
        1 for f in findings if "beta" in f.sources and f.severity is Severity.error
    )


def test_report_json(kb: KnowledgeBase) -> None:
    report = cross_check(kb)
    data = report.to_json()
    assert report.failed
    assert data["summary"]["by_verdict"] == report.verdict_counts()
    assert sum(data["summary"]["by_verdict"].values()) == len(kb.claims)
    assert {s["id"] for s in data["sources"]} == {"alpha", "beta", "gamma"}
    claim = next(c for c in data["claims"] if c["id"] == "beta-stimulant")
    assert claim["verdict"] == "contradicted" and claim["reference"] == "class-dissociative"
    only_gamma = cross_check(kb, source="gamma").to_json()
    assert [s["id"] for s in only_gamma["sources"]] == ["gamma"]
    assert all(c["source"] == "gamma" for c in only_gamma["claims"])


def test_finding_views_group_claims_by_position(kb: KnowledgeBase) -> None:
    [view] = finding_views(kb, conflicts(kb, prop="drug_class", rule="KC101"))
    sides = {label: [q.claim for q in quoted] for label, quoted in view.sides}
    assert sides == {
        "dissociative anesthetic": ["alpha-dissociative"],
        "stimulant": ["beta-stimulant"],
        "anesthetic": ["gamma-anesthetic"],
    }
    assert view.reference == "Zentamine is a dissociative anesthetic."
    assert view.to_json()["sides"][1]["claims"][0]["line"] == 3
