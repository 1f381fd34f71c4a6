"""Questions asked of the knowledge base: which claims, what each source says on a point."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ketcheck.kb import KnowledgeBase, did_you_mean
from ketcheck.models import Claim, Location, Verdict
from ketcheck.yamlsource import InputError, Problem


@dataclass(frozen=True)
class Judgement:
    """A claim's verdict, why, and the reference fact that decides it (if any)."""

    verdict: Verdict = Verdict.unverified
    reason: str | None = None
    fact: str | None = None
    citation: str | None = None


Judge = Callable[[KnowledgeBase], dict[str, Judgement]]


def _no_verdicts(kb: KnowledgeBase) -> dict[str, Judgement]:
    return {}


def default_judge() -> Judge:
    """The cross-check's verdicts when the engine is installed, else everything unverified."""
    try:
        from ketcheck.check import judge_claims
    except ImportError:  # pragma: no cover - only before the cross-check engine exists
        return _no_verdicts
    return judge_claims


@dataclass(frozen=True)
class ClaimView:
    """A claim as listings show it: with where it stands and its verdict."""

    claim: Claim
    location: Location
    judgement: Judgement = Judgement()
    score: float | None = None
    highlighted: str | None = None  # the quote with matched words marked [like this]

    @property
    def verdict(self) -> Verdict:
        return self.judgement.verdict

    def to_json(self) -> dict:
        claim, first = self.claim, self.claim.assertions[0]
        item = {
            "id": claim.id,
            "source": claim.source,
            "quote": claim.quote,
            "topic": claim.topic,
            "property": first.property,
            "value": first.value,
            "verdict": self.verdict.value,
            "reason": self.judgement.reason,
            "reference": self.judgement.fact,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "assertions": [a.model_dump(mode="json", exclude_none=True) for a in claim.assertions],
            "support": claim.support.model_dump(mode="json", exclude_none=True),
            "reported": claim.reported,
            "note": claim.note,
        }
        if self.score is not None:
            item["score"] = round(self.score, 4)
        return item


def views(
    kb: KnowledgeBase, claims: Iterable[Claim], judge: Judge | None = None
) -> list[ClaimView]:
    """The claims with their locations and verdicts.

    Only these claims are judged: a verdict depends on the claim, its source text and the
    reference facts, never on the other claims, so judging a knowledge base cut down to
    them gives each the verdict it has in the whole (and a listing of ten claims out of
    100,000 costs ten judgements).
    """
    chosen = list(claims)
    stored = kb.verdicts
    if judge is None and stored is not None and stored[0] is kb.claims:
        judgements = stored[1]
    elif len(chosen) == len(kb.claims):
        judgements = (judge or default_judge())(kb)
    else:
        shown = dataclasses.replace(
            kb, claims=chosen, _claims_index=None, search_index=None, verdicts=None
        )
        judgements = (judge or default_judge())(shown)
    return [ClaimView(c, kb.location(c), judgements.get(c.id, Judgement())) for c in chosen]


def _check_choice(kind: str, value: str | None, known: Iterable[str]) -> None:
    known = list(known)
    if value is not None and value not in known:
        msg = f"unknown {kind} '{value}'{did_you_mean(value, known)}"
        raise InputError([Problem(f"--{kind}", 0, 0, msg)])


def list_claims(
    kb: KnowledgeBase,
    *,
    source: str | None = None,
    topic: str | None = None,
    prop: str | None = None,
    verdict: str | None = None,
    limit: int | None = None,
    judge: Judge | None = None,
) -> list[ClaimView]:
    """Claims filtered by source, topic, property (any assertion) and verdict, in file order."""
    _check_choice("source", source, kb.sources)
    _check_choice("topic", topic, kb.vocabulary.topics)
    _check_choice("property", prop, kb.vocabulary.properties)
    _check_choice("verdict", verdict, [v.value for v in Verdict])
    chosen = [
        c
        for c in kb.claims
        if (source is None or c.source == source)
        and (topic is None or c.topic == topic)
        and (prop is None or any(a.property == prop for a in c.assertions))
    ]
    result = views(kb, chosen, judge)
    if verdict is not None:
        result = [v for v in result if v.verdict.value == verdict]
    return result[:limit] if limit is not None else result


# --- what each source says on one point -------------------------------------------------------


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())}


def _stem(word: str) -> str:
    # a light plural/verb-ending fold: enough to match "schedules" to "schedule"
    for suffix in ("ings", "ing", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def matching_properties(kb: KnowledgeBase, point: str) -> list[str]:
    """Properties named by ``point``: its exact id, or words of its label or aliases."""
    wanted = _words(point)
    found = []
    for name, prop in kb.vocabulary.properties.items():
        if point == name or (
            wanted and any(wanted <= _words(n) for n in (prop.label, *prop.aliases))
        ):
            found.append(name)
    return found


@dataclass(frozen=True)
class SourceStatement:
    """What one source says on a point: its matching claims, or nothing (silent)."""

    source: str
    title: str
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def silent(self) -> bool:
        return not self.claims


@dataclass(frozen=True)
class PointReport:
    point: str
    properties: list[str]
    statements: list[SourceStatement]
    agreement: dict[str, str] = field(default_factory=dict)  # claim id -> agrees|disagrees|...

    def to_json(self) -> list[dict]:
        items = []
        for statement in self.statements:
            for view in statement.claims:
                first = view.claim.assertions[0]
                items.append(
                    {
                        "source": statement.source,
                        "claim": view.claim.id,
                        "quote": view.claim.quote,
                        "property": first.property,
                        "value": first.value,
                        "verdict": view.verdict.value,
                        "agreement": self.agreement.get(view.claim.id),
                        "path": view.location.path,
                        "line": view.location.line,
                        "column": view.location.column,
                    }
                )
        return items


def sources_on(kb: KnowledgeBase, point: str, judge: Judge | None = None) -> PointReport:
    """Every source's claims on ``point``, matched by property name/alias, topic, or quote text."""
    props = set(matching_properties(kb, point))
    wanted = _words(point)
    topic = point if point in kb.vocabulary.topics else None

    def matches(claim: Claim) -> bool:
        if any(a.property in props for a in claim.assertions):
            return True
        if topic and claim.topic == topic:
            return True
        return bool(wanted) and wanted <= _words(claim.quote)

    chosen = views(kb, [c for c in kb.claims if matches(c)], judge)
    of_source: dict[str, list[ClaimView]] = {}
    for view in chosen:
        of_source.setdefault(view.claim.source, []).append(view)
    statements = [
        SourceStatement(sid, src.title, of_source.get(sid, [])) for sid, src in kb.sources.items()
    ]
    return PointReport(point, sorted(props), statements, _agreement(kb, chosen))


def _agreement(kb: KnowledgeBase, chosen: list[ClaimView]) -> dict[str, str]:
    """For each claim: which other sources it agrees or disagrees with on the same thing,
    and whether an agreement rests on copied text (then it is not independent).

    Claims are compared class by class: those with the same property, subject, qualifiers
    and position stand or fall together, so each claim meets a few classes, not every claim.
    """
    from ketcheck.rules.copying import copied_claims
    from ketcheck.rules.semantics import position, positions_conflict, same_value, subject

    copied = copied_claims(kb)
    Key = tuple[str, str, tuple[tuple[str, str], ...], Any]
    classes: dict[Key, list[ClaimView]] = {}
    facts: dict[str, tuple[Key, Any]] = {}
    for view in chosen:
        first = view.claim.assertions[0]
        prop = kb.prop(first.property)
        pos = position(prop, first)
        sig = tuple(
            (k, _norm(first.qualifiers[k])) for k in prop.qualifiers if k in first.qualifiers
        )
        key = (first.property, subject(kb, first), sig, pos)
        classes.setdefault(key, []).append(view)
        facts[view.claim.id] = (key, pos)
    by_thing: dict[tuple[str, str], list[Key]] = {}
    for key in classes:
        by_thing.setdefault(key[:2], []).append(key)
    chosen_ids = {v.claim.id for v in chosen}
    marks: dict[str, str] = {}
    for view in chosen:
        claim = view.claim
        (prop_name, subj, sig, mine), _ = facts[claim.id]
        prop = kb.prop(prop_name)
        agree: set[str] = set()
        disagree: set[str] = set()
        agreeing_keys = set()
        for key in by_thing[(prop_name, subj)]:
            if not _compatible(sig, key[2]):
                continue
            their = key[3]
            if positions_conflict(prop, mine, their):
                target = disagree
            elif same_value(prop, mine, their) and mine.negated == their.negated:
                target = agree
                agreeing_keys.add(key)
            else:
                continue
            target.update(v.claim.source for v in classes[key] if v.claim.source != claim.source)
        copies = {
            kb.claim(other).source
            for other in copied.get(claim.id, set()) & chosen_ids
            if facts[other][0] in agreeing_keys and kb.claim(other).source != claim.source
        }
        parts = []
        if agree:
            parts.append("agrees with " + ", ".join(sorted(agree)))
        if copies:
            parts.append("copied text with " + ", ".join(sorted(copies)) + ": not independent")
        if disagree:
            parts.append("disagrees with " + ", ".join(sorted(disagree)))
        if parts:
            marks[claim.id] = "; ".join(parts)
    return marks


def _norm(text: str) -> str:
    from ketcheck.rules.semantics import norm

    return norm(text)


def _compatible(left: tuple[tuple[str, str], ...], right: tuple[tuple[str, str], ...]) -> bool:
    mine = dict(left)
    return all(mine.get(key, value) == value for key, value in right)


@dataclass(frozen=True)
class SourceSummary:
    id: str
    title: str
    publisher: str
    kind: str
    sells_treatment: bool
    path: str
    claims: int
    by_topic: dict[str, int]
    by_verdict: dict[str, int]

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


def source_identity(kb: KnowledgeBase, source_id: str) -> dict[str, Any]:
    """The fields every per-source report starts with: who published what, and where it is."""
    src = kb.sources[source_id]
    return {
        "id": source_id,
        "title": src.title,
        "publisher": src.publisher,
        "kind": src.kind.value,
        "sells_treatment": src.sells_treatment,
        "path": kb.source_path(source_id),
    }


def summarise_sources(kb: KnowledgeBase, judge: Judge | None = None) -> list[SourceSummary]:
    judged = views(kb, kb.claims, judge)
    by_source: dict[str, list[ClaimView]] = {sid: [] for sid in kb.sources}
    for view in judged:
        by_source.setdefault(view.claim.source, []).append(view)
    out = []
    for sid in kb.sources:
        mine = by_source[sid]
        out.append(
            SourceSummary(
                **source_identity(kb, sid),
                claims=len(mine),
                by_topic=dict(Counter(v.claim.topic for v in mine).most_common()),
                by_verdict=dict(Counter(v.verdict.value for v in mine).most_common()),
            )
        )
    return out
