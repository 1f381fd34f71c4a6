"""Which reference fact decides each assertion, and how: the basis of verdicts and KC103-KC105.

A fact speaks to an assertion when property and subject match and the qualifiers that matter
to the property are compatible (see :mod:`ketcheck.rules.semantics`). Then:

- same value (numbers: within the fact's ``range``, else the property's tolerance):
  ``holds: true`` supports it, ``holds: false`` contradicts it (KC103/KC104), ``holds: partly``
  makes it misleading (KC105) unless the claim is hedged, ``holds: unestablished`` leaves it
  unsupported (for numbers, any figure, and KC201 reports it);
- another value: a true fact contradicts it where the values exclude each other (categorical:
  any other value; numbers: beyond tolerance).

A negated assertion takes the opposite verdict. Facts stating the same value directly win over
facts that exclude it; among those, the fact whose qualifiers match the claim's most closely
wins. When equally close facts with the same value disagree (true for one substance, false for
another) and the claim leaves the distinguishing qualifier out, it is misleading (KC105).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Assertion, Claim, Fact, Finding, Holds, Property, PropertyKind, Verdict
from ketcheck.rules.base import Rule, claim_finding, format_citation, per_kb
from ketcheck.rules.copying import copied_claims
from ketcheck.rules.semantics import (
    Position,
    about_same_thing,
    canonical_number,
    numbers_comparable,
    position,
    same_value,
    shared_qualifiers,
    value_label,
    values_exclude,
)

SEVERITY_ORDER = {
    Verdict.supported: 0,
    Verdict.unverified: 0,
    Verdict.unsupported: 1,
    Verdict.misleading: 2,
    Verdict.contradicted: 3,
}


class Outcome(StrEnum):
    """What a fact decision finds wrong with a claim (rules choose the ones they report)."""

    contradicted = "contradicted"  # a value the reference rules out
    number_off = "number-off"  # a figure beyond the reference's range or tolerance
    overstated = "overstated"  # true only in part, or only with a qualifier left out
    no_reliable_figure = "no-reliable-figure"  # a figure where the reference says none exists


@dataclass(frozen=True)
class Assessment:
    """How one reference fact decides one assertion of a claim."""

    claim: Claim
    assertion: Assertion
    fact: Fact
    verdict: Verdict
    outcome: Outcome | None  # what is wrong; None when supported or not established
    summary: str  # short, for finding messages: "the reference says increase"
    direct: bool  # the fact states the claim's own value (rather than one excluding it)

    @property
    def reason(self) -> str:
        """The summary with the fact's statement, for verdicts."""
        return f"{self.summary} — {self.fact.statement}"

    @property
    def citation(self) -> str:
        return format_citation(self.fact.citations[0])


def _fact_number(prop: Property, fact: Fact, value: float) -> float:
    return canonical_number(prop, value, fact.unit)


def _flip(verdict: Verdict, negated: bool) -> Verdict:
    if not negated:
        return verdict
    return {Verdict.supported: Verdict.contradicted, Verdict.contradicted: Verdict.supported}.get(
        verdict, verdict
    )


def _reference_figure(prop: Property, fact: Fact) -> str:
    if fact.range is not None:
        low, high = (_fact_number(prop, fact, v) for v in fact.range)
        return f"{value_label(prop, Position(low))}–{value_label(prop, Position(high))}"
    figure = value_label(prop, position(prop, fact))
    return f"{figure} (± {prop.tolerance:g})" if prop.tolerance else figure


def assess(kb: KnowledgeBase, claim: Claim, assertion: Assertion, fact: Fact) -> Assessment | None:
    """How ``fact`` decides ``assertion``, or None when it says nothing about it."""
    if not about_same_thing(kb, assertion, fact):
        return None
    prop = kb.prop(assertion.property)
    claimed = position(prop, assertion)
    stated = Position(position(prop, fact).value)
    numeric = prop.kind is PropertyKind.numeric and isinstance(claimed.value, float)

    def decided(
        verdict: Verdict, outcome: Outcome | None, summary: str, direct: bool = True
    ) -> Assessment:
        return Assessment(claim, assertion, fact, verdict, outcome, summary, direct)

    if fact.holds is Holds.unestablished:
        if numeric:
            return decided(
                Verdict.unsupported,
                Outcome.no_reliable_figure,
                _explained("no reliable figure exists", fact),
            )
        if same_value(prop, Position(claimed.value), stated):
            return decided(Verdict.unsupported, None, _explained("not established", fact))
        return None
    if numeric and fact.range is not None:
        low, high = (_fact_number(prop, fact, v) for v in fact.range)
        same = low <= float(claimed.value) <= high
    else:
        same = same_value(prop, Position(claimed.value), stated)
    contradiction = Outcome.number_off if numeric else Outcome.contradicted
    if same and fact.holds is Holds.partly:
        if assertion.hedged:
            return decided(
                Verdict.supported, None, _explained("hedged, and true only in part", fact)
            )
        return decided(Verdict.misleading, Outcome.overstated, _explained("overstated", fact))
    if same:
        verdict = Verdict.supported if fact.holds is Holds.true else Verdict.contradicted
        verdict = _flip(verdict, claimed.negated)
        if verdict is Verdict.supported:
            return decided(verdict, None, "the reference agrees")
        if fact.holds is Holds.false:
            summary = _explained("the reference says this does not hold", fact)
        else:
            summary = f"the reference says {value_label(prop, stated)}"
        return decided(verdict, contradiction, summary)
    if fact.holds is not Holds.true:
        return None
    if numeric:
        if not numbers_comparable(prop, assertion, fact, claimed, stated):
            return None
        summary = f"outside the reference {_reference_figure(prop, fact)}"
    elif values_exclude(prop, str(claimed.value), str(stated.value)):
        summary = f"the reference says {value_label(prop, stated)}"
    else:
        return None
    if claimed.negated:  # denying a value the reference rules out
        return decided(Verdict.supported, None, "the reference agrees", False)
    return decided(Verdict.contradicted, contradiction, summary, False)


def _explained(summary: str, fact: Fact) -> str:
    """``summary``, with the fact's ``reason`` (what claims get wrong) when it has one."""
    return f"{summary}: {fact.reason.strip()}" if fact.reason else summary


def _closeness(prop: Property, item: Assessment) -> tuple[int, int]:
    claim_q, fact_q = item.assertion.qualifiers, item.fact.qualifiers
    extra = sum(1 for key in prop.qualifiers if key in fact_q and key not in claim_q)
    return shared_qualifiers(prop, claim_q, fact_q), -extra


def decide(kb: KnowledgeBase, claim: Claim, assertion: Assertion) -> Assessment | None:
    """The one fact decision that stands for an assertion (see the module docstring)."""
    # as of the day it speaks of, and a possible effect may be a rare one
    facts = kb.facts_about(assertion.property, on=assertion.as_of, rare=assertion.possible)
    found = [a for f in facts if (a := assess(kb, claim, assertion, f)) is not None]
    if not found:
        return None
    prop = kb.prop(assertion.property)
    pool = [a for a in found if a.direct] or found
    closest = max(_closeness(prop, a) for a in pool)
    pool = [a for a in pool if _closeness(prop, a) == closest]
    verdicts = {a.verdict for a in pool}
    if Verdict.supported in verdicts and Verdict.contradicted in verdicts:
        missing = _missing_qualifier(prop, pool, assertion)
        if missing is not None:
            return missing
    return max(pool, key=lambda a: SEVERITY_ORDER[a.verdict])


def _missing_qualifier(
    prop: Property, pool: list[Assessment], assertion: Assertion
) -> Assessment | None:
    holds = next(a for a in pool if a.verdict is Verdict.supported)
    left_out = {
        key: value
        for key, value in holds.fact.qualifiers.items()
        if key in prop.qualifiers and key not in assertion.qualifiers
    }
    if not left_out:
        return None
    only = ", ".join(f"{key} {value}" for key, value in left_out.items())
    summary = f"true only for {only}, which the claim leaves out"
    if assertion.hedged:
        return Assessment(
            holds.claim, assertion, holds.fact, Verdict.supported, None, summary, True
        )
    return Assessment(
        holds.claim, assertion, holds.fact, Verdict.misleading, Outcome.overstated, summary, True
    )


class Assessments:
    """Claim id -> the deciding fact of each assertion that some fact speaks to.

    Computed per claim on first use: a linted document needs the decisions of its own claims
    and of the few curated claims in conflict groups with them, not of every claim.
    """

    def __init__(self, kb: KnowledgeBase):
        self._kb = kb
        self._claims = {claim.id: claim for claim in kb.claims}
        self._done: dict[str, list[Assessment]] = {}

    def get(self, claim_id: str, default: list[Assessment] | None = None) -> list[Assessment]:
        if claim_id not in self._done:
            claim = self._claims.get(claim_id)
            if claim is None:
                return default if default is not None else []
            self._done[claim_id] = [
                d for a in claim.assertions if (d := decide(self._kb, claim, a)) is not None
            ]
        return self._done[claim_id] or (default if default is not None else [])

    def __getitem__(self, claim_id: str) -> list[Assessment]:
        found = self.get(claim_id)
        if not found:
            raise KeyError(claim_id)
        return found

    def __contains__(self, claim_id: object) -> bool:
        return isinstance(claim_id, str) and bool(self.get(claim_id))

    def items(self) -> list[tuple[str, list[Assessment]]]:
        return [(cid, found) for cid in self._claims if (found := self.get(cid))]

    def values(self) -> list[list[Assessment]]:
        return [found for _, found in self.items()]


@per_kb
def assessments(kb: KnowledgeBase) -> Assessments:
    return Assessments(kb)


def raised(kb: KnowledgeBase, outcome: Outcome) -> list[Assessment]:
    """Decisions with ``outcome``, for claims that are the article's own."""
    decided = assessments(kb)
    claims = [c for c in kb.claims if kb.focus is None or c.source == kb.focus]
    return [
        a
        for c in claims
        for a in decided.get(c.id)
        if a.outcome is outcome and not a.claim.reported
    ]


def reference_findings(rule: Rule, kb: KnowledgeBase, outcome: Outcome) -> Iterator[Finding]:
    """The check of a rule that reports the reference decisions with ``outcome``."""
    for decision in raised(kb, outcome):
        yield reference_finding(rule, kb, decision)


def reference_finding(rule: Rule, kb: KnowledgeBase, decision: Assessment) -> Finding:
    """The finding for one reference decision (shared by KC103, KC104 and KC105)."""
    claim, assertion = decision.claim, decision.assertion
    prop = kb.prop(assertion.property)
    claimed = value_label(prop, position(prop, assertion))
    message = f"{prop.label} “{claimed}”: {decision.summary}"
    same = _copied_twins(kb, decision)
    if same:
        message += f" (the same statement stands in copied text in {', '.join(same)})"
    return claim_finding(
        rule,
        kb,
        claim,
        message,
        property=assertion.property,
        reference=decision.fact.id,
        citation=decision.citation,
        fix=decision.fact.statement,
    )


def _copied_twins(kb: KnowledgeBase, decision: Assessment) -> list[str]:
    """Sources whose copied sentence carries a claim making the same assertion."""
    twins = []
    for other_id in sorted(copied_claims(kb).get(decision.claim.id, ())):
        other = kb.claim(other_id)  # indexed: a dict built per decision made this quadratic
        if any(
            a.property == decision.assertion.property and a.value == decision.assertion.value
            for a in other.assertions
        ):
            twins.append(other.source)
    return list(dict.fromkeys(twins))
