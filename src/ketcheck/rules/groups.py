"""Conflict groups: claims that cannot all be true, gathered once per group, not pair by pair.

Two assertions conflict when they are about the same thing (property, subject and the
property's qualifiers compatible) and their positions conflict (:mod:`ketcheck.rules.semantics`).
Conflicting assertions are joined into connected groups per property, and each group is split
into sides, one per position ("stimulant", "dissociative anesthetic", ...), naming every claim
and source on each side. Claims an article only reports in order to refute (``reported``) take
no part. A group is *cross-source* when some conflicting pair spans two sources (KC101, or
KC104 for numbers); each source's conflicts among its own claims form *self* groups (KC102).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Assertion, Claim, Holds, Location, PropertyKind, Verdict
from ketcheck.rules.base import per_kb
from ketcheck.rules.conflict_graph import Graph, link_conflicts
from ketcheck.rules.copying import copied_claims, copying_sources
from ketcheck.rules.reference import Assessment, assessments
from ketcheck.rules.semantics import (
    Position,
    position,
    value_label,
)


@dataclass(frozen=True)
class Stance:
    claim: Claim
    assertion: Assertion
    position: Position


@dataclass(frozen=True)
class Side:
    """Every stance in a group that takes one position."""

    label: str
    stances: tuple[Stance, ...]

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(s.claim.source for s in self.stances))

    @property
    def claims(self) -> list[str]:
        return list(dict.fromkeys(s.claim.id for s in self.stances))


@dataclass(frozen=True)
class ConflictGroup:
    prop_name: str
    sides: tuple[Side, ...]
    source: str | None = None  # set for a self-contradiction within one source

    @property
    def stances(self) -> list[Stance]:
        return [s for side in self.sides for s in side.stances]

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.claim.id for s in self.stances))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.claim.source for s in self.stances))


def _group(
    kb: KnowledgeBase, prop_name: str, stances: list[Stance], source: str | None
) -> ConflictGroup:
    prop = kb.prop(prop_name)
    by_key: dict[str, list[Stance]] = defaultdict(list)
    for stance in stances:
        by_key[stance.position.key].append(stance)
    sides = tuple(
        Side(value_label(prop, members[0].position), tuple(members)) for members in by_key.values()
    )
    return ConflictGroup(prop_name, sides, source)


@per_kb
def conflict_groups(kb: KnowledgeBase) -> list[ConflictGroup]:
    """Every cross-source group, then every self-contradiction group, property by property."""
    by_prop: dict[str, list[Stance]] = defaultdict(list)
    for claim in kb.claims:
        if claim.reported:
            continue
        for assertion in claim.assertions:
            if assertion.possible:
                # only typical claims conflict: "can slow the heart" does not contradict
                # "raises heart rate" (nor do the items of one list of possible effects)
                continue
            prop = kb.prop(assertion.property)
            by_prop[assertion.property].append(Stance(claim, assertion, position(prop, assertion)))
    groups: list[ConflictGroup] = []
    for prop_name, stances in by_prop.items():
        prop = kb.prop(prop_name)
        everything, crossing = Graph(len(stances)), set[int]()
        by_source: dict[str, list[int]] = defaultdict(list)
        for n, stance in enumerate(stances):
            by_source[stance.claim.source].append(n)
        link_conflicts(kb, prop, stances, range(len(stances)), everything, crossing)
        within = Graph(len(stances))
        for members in by_source.values():
            link_conflicts(kb, prop, stances, members, within, None)
        for members in everything.components():
            if crossing.intersection(members):
                groups.append(_group(kb, prop_name, [stances[n] for n in members], None))
        for members in within.components():
            source = stances[members[0]].claim.source
            groups.append(_group(kb, prop_name, [stances[n] for n in members], source))
    if kb.focus is not None:  # groups without the focus source cannot concern it
        groups = [g for g in groups if kb.focus in g.sources]
    return groups


def is_numeric(kb: KnowledgeBase, group: ConflictGroup) -> bool:
    return kb.prop(group.prop_name).kind is PropertyKind.numeric


def deciding(kb: KnowledgeBase, group: ConflictGroup) -> Assessment | None:
    """The reference decision that settles the group, if a fact speaks to any side.

    A fact contradicting one side is preferred to one merely supporting another.
    """
    decided = assessments(kb)
    found = [
        a
        for stance in group.stances
        for a in decided.get(stance.claim.id, [])
        if a.assertion == stance.assertion
    ]
    if not found:
        return None
    return max(found, key=lambda a: a.verdict is Verdict.contradicted)


def odd_side(group: ConflictGroup, decision: Assessment | None) -> Side:
    """The side a finding points at: the one the reference contradicts, else the one with the
    fewest sources (the last such side on a tie)."""
    if decision is not None and decision.verdict is Verdict.contradicted:
        for side in group.sides:
            if any(s.claim.id == decision.claim.id for s in side.stances):
                return side
    return min(reversed(group.sides), key=lambda side: len(side.sources))


def anchor(kb: KnowledgeBase, side: Side) -> Claim:
    """The claim a finding is located at: on the side, from the source listed last.

    A document added after the knowledge base's own sources (``lint``) is listed last, so a
    conflict that involves it is located in it.
    """
    order = _source_order(kb)
    return max(side.stances, key=lambda s: order.get(s.claim.source, -1)).claim


@per_kb
def _source_order(kb: KnowledgeBase) -> dict[str, int]:
    return {sid: n for n, sid in enumerate(kb.sources)}


def related(kb: KnowledgeBase, group: ConflictGroup, located: Claim) -> tuple[Location, ...]:
    seen = dict.fromkeys(s.claim.id for s in group.stances if s.claim.id != located.id)
    by_id = {s.claim.id: s.claim for s in group.stances}
    return tuple(kb.location(by_id[cid]) for cid in seen)


def join_names(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


def describe_sides(group: ConflictGroup) -> str:
    """“avenues says stimulant; healthstatus and trademastr say dissociative anesthetic”."""
    parts = []
    for side in group.sides:
        verb = "say" if len(side.sources) > 1 else "says"
        parts.append(f"{join_names(side.sources)} {verb} {side.label}")
    return "; ".join(parts)


def describe_quotes(kb: KnowledgeBase, group: ConflictGroup) -> str:
    """“decrease (“… goes down”, line 27) vs increase (“Elevated …”, line 35)”."""
    parts = []
    for side in group.sides:
        quotes = ", ".join(
            f"“{s.claim.quote}” line {kb.location(s.claim).line}"
            for s in dict((s.claim.id, s) for s in side.stances).values()
        )
        parts.append(f"{side.label} ({quotes})")
    return " vs ".join(parts)


def independence_note(kb: KnowledgeBase, group: ConflictGroup) -> str:
    """Which sources on one side share copied text, so that they are not independent."""
    partners, linked = _copy_partners(kb), copied_claims(kb)
    notes = []
    for side in group.sides:
        order = {sid: n for n, sid in enumerate(side.sources)}
        claims_of: dict[str, set[str]] = defaultdict(set)
        for stance in side.stances:
            claims_of[stance.claim.source].add(stance.claim.id)
        # the pairs of side.sources in order, keeping only those that share copied text
        pairs = sorted(
            (order[a], order[b])
            for a in side.sources
            for b in partners.get(a, ())
            if b in order and order[b] > order[a]
        )
        for i, j in pairs:
            a, b = side.sources[i], side.sources[j]
            of_b = claims_of[b]
            if any(linked.get(claim_id, set()) & of_b for claim_id in sorted(claims_of[a])):
                notes.append(f"{a} and {b} say it in copied text, so they are not independent")
            else:
                notes.append(f"{a} and {b} share copied text elsewhere, so may not be independent")
    return "; ".join(notes)


@per_kb
def _copy_partners(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Source id -> the sources it shares copied text with."""
    partners: dict[str, set[str]] = defaultdict(set)
    for pair in copying_sources(kb):
        a, b = tuple(pair)
        partners[a].add(b)
        partners[b].add(a)
    return partners


def conflict_finding_fields(kb: KnowledgeBase, group: ConflictGroup) -> tuple[str, dict]:
    """Message suffix and the finding fields every conflict rule fills the same way."""
    decision = deciding(kb, group)
    located = anchor(kb, odd_side(group, decision))
    fields: dict = {
        "location": kb.location(located),
        "claims": group.claims,
        "sources": group.sources,
        "quote": located.quote,
        "property": group.prop_name,
        "related": related(kb, group, located),
    }
    suffix = ""
    if decision is not None:
        fields.update(
            reference=decision.fact.id, citation=decision.citation, fix=decision.fact.statement
        )
        suffix = f"; {reference_verdict(kb, decision)}"
    note = independence_note(kb, group)
    if note:
        suffix += f" ({note})"
    return suffix, fields


def reference_verdict(kb: KnowledgeBase, decision: Assessment) -> str:
    """“the reference says increase”, or “the reference rules out absent” for a false fact."""
    prop = kb.prop(decision.fact.property)
    value = value_label(prop, Position(position(prop, decision.fact).value))
    if decision.fact.holds is Holds.false:
        return f"the reference rules out {value}"
    return f"the reference says {value}"
