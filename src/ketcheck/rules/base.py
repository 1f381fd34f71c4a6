"""What every rule module declares, and the one way rules build findings.

A rule module declares one :class:`Rule` as ``RULE``: its code (stable, never reused), name
(kebab-case), default severity, one-line summary, scope, where it applies, which rules it yields
to, its executable examples, and its ``check(kb) -> Iterator[Finding]``. Its module docstring
is its documentation. The engine (:mod:`ketcheck.rules`) schedules rules from these
declarations and stamps each finding with the rule's code, name and severity.

Rules read only the :class:`~ketcheck.kb.KnowledgeBase` API, so the same rules run on the
curated knowledge base and on one that ``lint`` extends with a new document's claims.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Claim, Finding, Location, Polarity, Severity

T = TypeVar("T")


class Scope(StrEnum):
    """What one finding of a rule is about."""

    claim = "claim"  # one claim (or statement) and its assertions
    sentence = "sentence"  # a whole sentence: one finding per place, however many claims
    source = "source"  # the claims of one source (or linted document) among themselves
    knowledge_base = "knowledge-base"  # claims across sources, or the knowledge base itself


@dataclass(frozen=True)
class Example:
    """A sentence a rule's documentation promises to pass or fail when linted with the
    shipped knowledge base (the tests lint every one)."""

    text: str
    fails: bool


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    scope: Scope
    check: Callable[[KnowledgeBase], Iterable[Finding]]
    doc: str = ""
    documents: bool = True  # also run on linted documents (not only the curated knowledge base)
    document_severity: Severity | None = None  # default level in lint, where it differs
    yields_to: tuple[str, ...] = ()  # a claim another rule decides gets no finding from this
    passages: bool = False  # in lint, a run of findings on one source is one finding a passage
    examples: tuple[Example, ...] = ()

    def run(self, kb: KnowledgeBase) -> Iterator[Finding]:
        """The rule's findings, stamped with its code, name and default severity."""
        for found in self.check(kb):
            if (found.rule, found.name) != (self.code, self.name):
                found = found.model_copy(update={"rule": self.code, "name": self.name})
            yield found


def finding(
    rule: Rule, message: str, *, severity: Severity | None = None, **fields: Any
) -> Finding:
    """A finding of ``rule`` (at its default severity unless given)."""
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        **fields,
    )


def claim_finding(
    rule: Rule,
    kb: KnowledgeBase,
    claim: Claim,
    message: str,
    *,
    span: tuple[int, int] | None = None,
    **fields: Any,
) -> Finding:
    """A finding about one claim: located at ``span`` of its quote (else at the claim), naming
    the claim, its source, its quote and (unless given) its first assertion's property."""
    fields.setdefault("property", claim.assertions[0].property)
    fields.setdefault("location", quote_location(kb, claim, *span) if span else kb.location(claim))
    return finding(
        rule, message, claims=(claim.id,), sources=(claim.source,), quote=claim.quote, **fields
    )


def format_citation(citation: Any) -> str:
    """One-line form of a reference citation: authors. title. container year. doi/pmid."""
    parts = []
    if citation.authors:
        parts.append(citation.authors.rstrip("."))
    if citation.title:
        parts.append(f"“{citation.title.rstrip('.')}”")
    where = " ".join(str(p) for p in (citation.container, citation.year) if p)
    if where:
        parts.append(where)
    ids = []
    if citation.doi:
        ids.append(f"doi:{citation.doi}")
    if citation.pmid:
        ids.append(f"PMID {citation.pmid}")
    if ids:
        parts.append(", ".join(ids))
    elif citation.url:
        parts.append(citation.url)
    return ". ".join(parts)


def span_location(kb: KnowledgeBase, source_id: str, start: int, end: int) -> Location:
    """The location of characters ``start:end`` of a source text."""
    index = kb.line_index(source_id)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Location(
        path=kb.source_path(source_id),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
    )


def quote_location(kb: KnowledgeBase, claim: Claim, start: int, end: int) -> Location:
    """The location of characters ``start:end`` of a claim's quote (the claim if not found)."""
    span = kb.quote_spans.get(claim.id)
    if span is None:
        return kb.location(claim)
    return span_location(kb, claim.source, span[0] + start, span[0] + end)


def per_kb(compute: Callable[[KnowledgeBase], T]) -> Callable[[KnowledgeBase], T]:
    """Cache ``compute(kb)`` for as long as that knowledge-base object lives.

    Several rules share one analysis (reference judgements, conflict groups, copied text);
    this runs it once per knowledge base. The knowledge base is not hashable, so the cache
    is keyed by identity and cleared when the object is collected.
    """
    cache: dict[int, T] = {}
    providers: dict[int, Callable[[KnowledgeBase], T | None]] = {}

    @wraps(compute)
    def cached(kb: KnowledgeBase) -> T:
        key = id(kb)
        if key not in cache:
            provider = providers.pop(key, None)
            value = provider(kb) if provider is not None else None
            cache[key] = value if value is not None else compute(kb)
            weakref.finalize(kb, cache.pop, key, None)
        return cache[key]

    # The compiled knowledge-base cache offers stored results: asked for on first use only.
    def provide(kb: KnowledgeBase, provider: Callable[[KnowledgeBase], T | None]) -> None:
        providers[id(kb)] = provider
        weakref.finalize(kb, providers.pop, id(kb), None)

    cached.provide = provide  # type: ignore[attr-defined]
    return cached


def denied(claim: Claim) -> bool:
    """Every assertion of the claim is negated: the article denies rather than asserts, so a
    figure or a certainty word in it ("no study shows it is 100% effective") is not its own."""
    return all(a.polarity is Polarity.negated for a in claim.assertions)
