"""The cross-check: run the rules over a knowledge base, judge every claim, score every source.

Library first: the ``check``/``cross-check`` and ``conflicts`` commands call these functions
and only render what they return. Everything works on any :class:`KnowledgeBase`, including
one that ``lint`` extends with the claims of a new document.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ketcheck.kb import KnowledgeBase, did_you_mean
from ketcheck.models import Assertion, Claim, Finding, Severity, Verdict
from ketcheck.query import Judgement, _check_choice, source_identity
from ketcheck.rules import (
    CERTAINTY_RULE,
    CONFLICT_RULES,
    SUPPORT_RULES,
    TRACE_RULE,
    UNSUPPORTED_BY,
    Rule,
    all_rules,
)
from ketcheck.rules.groups import conflict_groups
from ketcheck.rules.reference import SEVERITY_ORDER, Assessment, assessments
from ketcheck.rules.semantics import position, value_label
from ketcheck.yamlsource import InputError, Problem

# --- running rules ----------------------------------------------------------------------------


def select_rules(
    select: Iterable[str] | None = None, among: list[Rule] | None = None
) -> list[Rule]:
    """Rules whose code is, or starts with, one of ``select`` ("KC1" picks KC101-KC105).

    Raises :class:`InputError` for a selector that matches no rule.
    """
    rules = among if among is not None else all_rules()
    if not select:
        return rules
    chosen: dict[str, Rule] = {}
    for wanted in select:
        code = wanted.strip().upper()
        matches = [r for r in rules if r.code.startswith(code)] if code else []
        if not matches:
            known = [r.code for r in rules]
            msg = f"unknown rule '{wanted}'{did_you_mean(code, known)} (known: {', '.join(known)})"
            raise InputError([Problem("--rule", 0, 0, msg)])
        chosen.update((r.code, r) for r in matches)
    return [chosen[code] for code in sorted(chosen)]


def run_rules(kb: KnowledgeBase, select: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the selected rules (all by default), sorted by position and code."""
    findings = (f for rule in select_rules(select) for f in rule.run(kb))
    return sorted(findings, key=Finding.sort_key)


def conflicts(
    kb: KnowledgeBase,
    source: str | None = None,
    prop: str | None = None,
    rule: str | None = None,
) -> list[Finding]:
    """Disagreements (KC101-KC105), copied text (KC302) and terminology (KC401), filtered.

    ``source`` keeps findings naming that source, ``prop`` those about that property, ``rule``
    those of that code (or code prefix). Unknown values raise :class:`InputError`.
    """
    _check_choice("source", source, kb.sources)
    _check_choice("property", prop, kb.vocabulary.properties)
    rules = select_rules([rule] if rule else None, among=CONFLICT_RULES)
    findings = [
        f
        for r in rules
        for f in r.run(kb)
        if (source is None or source in f.sources) and (prop is None or f.property == prop)
    ]
    return sorted(findings, key=Finding.sort_key)


# --- verdicts ---------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _support_findings(kb: KnowledgeBase) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = defaultdict(list)
    for rule in (*SUPPORT_RULES, CERTAINTY_RULE):
        for f in rule.run(kb):
            for claim_id in f.claims:
                found[claim_id].append(f)
    return found


def _from_fact(
    decision: Assessment, verdict: Verdict | None = None, reason: str | None = None
) -> Judgement:
    return Judgement(
        verdict=verdict or decision.verdict,
        reason=_sentence(reason or decision.reason),
        fact=decision.fact.id,
        citation=decision.citation,
    )


def judge(
    kb: KnowledgeBase, claim: Claim, decisions: list[Assessment], support: list[Finding]
) -> Judgement:
    """One claim's verdict from its fact decisions and the support rules' findings.

    The worst fact decision over its assertions stands (contradicted > misleading >
    unsupported > supported). A supported claim that names a study nobody can trace (KC203)
    is unsupported: the evidence it gives is not what it says; one stated with absolute
    certainty (KC204) is misleading. Without any fact decision, a claim invoking evidence it
    does not give (KC201, KC202, KC203) is unsupported, and anything else unverified.
    """
    by_rule = {f.rule: f for f in reversed(support)}
    if decisions:
        worst = max(decisions, key=lambda d: SEVERITY_ORDER[d.verdict])
        if worst.verdict is not Verdict.supported:
            return _from_fact(worst)
        if TRACE_RULE.code in by_rule:
            traced = by_rule[TRACE_RULE.code].message
            reason = f"{traced}, though the reference agrees — {worst.fact.statement}"
            return _from_fact(worst, Verdict.unsupported, reason)
        if CERTAINTY_RULE.code in by_rule:
            certain = by_rule[CERTAINTY_RULE.code].message
            reason = f"{certain}; the reference says only — {worst.fact.statement}"
            return _from_fact(worst, Verdict.misleading, reason)
        return _from_fact(worst)
    for rule in UNSUPPORTED_BY:
        if rule.code in by_rule:
            return Judgement(Verdict.unsupported, _sentence(by_rule[rule.code].message))
    points = "; ".join(_point(kb, a) for a in claim.assertions)
    return Judgement(Verdict.unverified, f"No reference fact decides {points} yet.")


def _point(kb: KnowledgeBase, assertion: Assertion) -> str:
    prop = kb.prop(assertion.property)
    return f"{prop.label} “{value_label(prop, position(prop, assertion))}”"


def judge_claims(kb: KnowledgeBase) -> dict[str, Judgement]:
    """Claim id -> verdict, reason, deciding fact and its citation, for every claim."""
    decided = assessments(kb)
    support = _support_findings(kb)
    return {c.id: judge(kb, c, decided.get(c.id, []), support.get(c.id, [])) for c in kb.claims}


# --- scorecard and report ---------------------------------------------------------------------


@dataclass(frozen=True)
class SourceScore:
    """One source's record: its own claims by verdict, findings naming it, and its interest."""

    id: str
    title: str
    publisher: str
    kind: str
    sells_treatment: bool
    path: str
    claims: int  # the article's own claims (reported ones excluded)
    reported: int  # claims it reports only to refute
    by_verdict: dict[str, int]
    by_rule: dict[str, int]
    by_severity: dict[str, int]

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


def scorecard(
    kb: KnowledgeBase, findings: list[Finding], judgements: dict[str, Judgement]
) -> list[SourceScore]:
    """Per source: own claims by verdict (every verdict listed), findings naming the source by
    rule and severity, and whether the publisher sells the treatment it writes about."""
    scores = []
    for sid in kb.sources:
        own = [c for c in kb.claims_of(sid) if not c.reported]
        verdicts = Counter(judgements[c.id].verdict.value for c in own if c.id in judgements)
        mine = [f for f in findings if sid in f.sources]
        scores.append(
            SourceScore(
                **source_identity(kb, sid),
                claims=len(own),
                reported=sum(1 for c in kb.claims_of(sid) if c.reported),
                by_verdict={v.value: verdicts.get(v.value, 0) for v in Verdict},
                by_rule=dict(sorted(Counter(f.rule for f in mine).items())),
                by_severity={s.value: sum(1 for f in mine if f.severity is s) for s in Severity},
            )
        )
    return scores


@dataclass(frozen=True)
class CheckReport:
    """Everything the cross-check found: findings, a verdict per claim, a score per source."""

    kb: KnowledgeBase
    findings: list[Finding]
    judgements: dict[str, Judgement]
    scores: list[SourceScore]
    claims: list[Claim] = field(default_factory=list)  # the claims judged (after filtering)

    @property
    def failed(self) -> bool:
        """Whether any finding is at error level (the exit code's test)."""
        return any(f.severity is Severity.error for f in self.findings)

    def verdict_counts(self) -> dict[str, int]:
        counts = Counter(self.judgements[c.id].verdict.value for c in self.claims)
        return {v.value: counts.get(v.value, 0) for v in Verdict}

    def rule_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def to_json(self) -> dict:
        return {
            "kb": str(self.kb.root),
            "summary": {
                "claims": len(self.claims),
                "findings": len(self.findings),
                "by_verdict": self.verdict_counts(),
                "by_rule": self.rule_counts(),
                "by_severity": {
                    s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity
                },
            },
            "sources": [s.to_json() for s in self.scores],
            "claims": [self._claim_json(c) for c in self.claims],
            "findings": [f.to_json() for f in self.findings],
        }

    def _claim_json(self, claim: Claim) -> dict:
        judgement = self.judgements[claim.id]
        location = self.kb.location(claim)
        return {
            "id": claim.id,
            "source": claim.source,
            "quote": claim.quote,
            "verdict": judgement.verdict.value,
            "reason": judgement.reason,
            "reference": judgement.fact,
            "citation": judgement.citation,
            "reported": claim.reported,
            "path": location.path,
            "line": location.line,
        }


def cross_check(
    kb: KnowledgeBase, select: Iterable[str] | None = None, source: str | None = None
) -> CheckReport:
    """Run the selected rules, judge every claim and score every source.

    With ``source``, findings, claims and scores are limited to that source.
    """
    _check_choice("source", source, kb.sources)
    findings = run_rules(kb, select)
    judgements = judge_claims(kb)
    scores = scorecard(kb, findings, judgements)
    claims = list(kb.claims)
    if source is not None:
        findings = [f for f in findings if source in f.sources]
        scores = [s for s in scores if s.id == source]
        claims = [c for c in claims if c.source == source]
    return CheckReport(kb, findings, judgements, scores, claims)


# --- what renderers show for a finding --------------------------------------------------------


@dataclass(frozen=True)
class QuotedClaim:
    claim: str
    source: str
    path: str
    line: int
    quote: str


@dataclass(frozen=True)
class FindingView:
    """A finding with the claims on each side quoted, and the reference that decides it."""

    finding: Finding
    sides: list[tuple[str, list[QuotedClaim]]]  # (position label, claims), one per side
    reference: str | None = None  # the fact's statement

    def to_json(self) -> dict:
        item = self.finding.to_json()
        item["sides"] = [
            {
                "position": label,
                "claims": [
                    {
                        "id": q.claim,
                        "source": q.source,
                        "path": q.path,
                        "line": q.line,
                        "quote": q.quote,
                    }
                    for q in quoted
                ],
            }
            for label, quoted in self.sides
        ]
        item["reference_statement"] = self.reference
        return item


def finding_views(kb: KnowledgeBase, findings: list[Finding]) -> list[FindingView]:
    """Each finding with its claims quoted side by side.

    A conflict keeps the sides of its group (one per position); other findings group their
    claims by the value they assert on the finding's property, or by source when they do not
    all assert it (copied text spanning several points).
    """
    by_id = {c.id: c for c in kb.claims}
    facts = {f.id: f for f in kb.facts}
    groups = {(g.prop_name, frozenset(g.claims)): g for g in conflict_groups(kb)}
    views = []
    for f in findings:
        sides: dict[str, list[QuotedClaim]] = defaultdict(list)
        group = groups.get((f.property or "", frozenset(f.claims)))
        if group is not None:
            for side in group.sides:
                for claim_id in side.claims:
                    sides[side.label].append(_quoted(kb, by_id[claim_id]))
        else:
            claims = [by_id[c] for c in f.claims if c in by_id]
            by_value = all(any(a.property == f.property for a in c.assertions) for c in claims)
            for claim in claims:
                label = _position_label(kb, claim, f.property) if by_value else claim.source
                sides[label].append(_quoted(kb, claim))
        fact = facts.get(f.reference) if f.reference else None
        views.append(FindingView(f, list(sides.items()), fact.statement if fact else None))
    return views


def _quoted(kb: KnowledgeBase, claim: Claim) -> QuotedClaim:
    location = kb.location(claim)
    return QuotedClaim(claim.id, claim.source, location.path, location.line, claim.quote)


def _position_label(kb: KnowledgeBase, claim: Claim, prop_name: str | None) -> str:
    for assertion in claim.assertions:
        if assertion.property == prop_name:
            prop = kb.prop(prop_name)
            return value_label(prop, position(prop, assertion))
    return claim.source
