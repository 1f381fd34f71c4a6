"""Pydantic models for everything ketcheck reads and produces.

The knowledge base is hand-written YAML, so every model read from it forbids unknown keys: a
misspelt key (``qoute:``) must fail loudly with its line, not be silently dropped.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from ketcheck.severity import Severity

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]


class Strict(BaseModel):
    """Base for models read from user-written YAML: unknown keys are errors, values immutable."""

    # defer_build: validators are built on first use, not at import; a command that reads
    # the compiled knowledge base (unpickled, never re-validated) never builds most of them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- vocabulary -------------------------------------------------------------------------------


class PropertyKind(StrEnum):
    categorical = "categorical"  # exactly one value holds (US schedule)
    set = "set"  # several may hold; only listed exclusions conflict (receptor actions)
    direction = "direction"  # increase / decrease / no-change (blood pressure)
    numeric = "numeric"  # a number with a unit and a tolerance (abstinence rate)


class Value(Strict):
    """One allowed value of a property, with the phrases that name it in free text."""

    aliases: list[str] = []
    excludes: list[str] = []  # other values of the same property that cannot hold with this one
    label: str | None = None


class Pattern(Strict):
    """A phrase pattern that finds an assertion of a property in free text.

    ``regex`` is a Python regular expression matched case-insensitively. A named group
    ``value`` captures text resolved through the value aliases; ``number`` captures a figure.
    ``value`` (the field) fixes the value when the phrase itself decides it.
    """

    regex: str
    value: str | None = None
    polarity: Literal["affirmed", "negated"] = "affirmed"
    qualifiers: dict[str, str] = {}
    requires: list[str] = []  # qualifier keys the sentence must supply, else no assertion


class Misnomer(Strict):
    """Wrong terminology for a property ("class III" for a US schedule): rule KC401."""

    regex: str
    message: str


class Property(Strict):
    label: str
    kind: PropertyKind
    topic: str
    description: str | None = None
    aliases: list[str] = []  # words that name the property itself ("schedule", "DEA schedule")
    values: dict[str, Value] = {}
    unit: str | None = None  # numeric only: the canonical unit values are stored in
    units: dict[str, float] = {}  # numeric only: unit word -> factor to the canonical unit
    tolerance: float | None = None  # numeric only: absolute difference that still agrees
    qualifiers: list[str] = []  # qualifier keys that decide whether two assertions compare
    # In free text a bare value alias ("depression", "pain") is too common to mean this
    # property; with needs_trigger, a sentence must also name the property (an alias above).
    needs_trigger: bool = False
    patterns: list[Pattern] = []
    misnomers: list[Misnomer] = []


class Cues(Strict):
    """NegEx-style trigger lists and hedge/report cues, matched as whole words."""

    pre_negation: list[str] = []
    post_negation: list[str] = []
    pseudo_negation: list[str] = []
    scope_terminators: list[str] = []
    hedges: list[str] = []
    reported_speech: list[str] = []  # "it is a myth that", "some claim that"
    refutations: list[str] = []  # after a statement, taking it back: "but that is wrong"
    attributions: list[str] = []  # "says", "told us": a quotation in the sentence is someone's
    vague_attributions: list[str] = []  # "studies show", "experts claim"
    certainty: list[str] = []  # "proven", "cure", "no cases", "all patients"
    statistics: list[str] = []  # regexes for figures that need a source ("80% effective")
    citation_markers: list[str] = []  # regexes for a named study ("a 2018 study published in")
    # Clause reading over the parse (ketcheck.language.clauses):
    negating_verbs: list[str] = []  # lemmas that negate their complement: "denies", "lacks"
    possibility: list[str] = []  # modal lemmas and adverbs of a possible effect: "can", "may"
    rare_frequency: list[str] = []  # "in rare cases", "rarely"
    common_frequency: list[str] = []  # "commonly", "often"
    generic_heads: list[
        str
    ] = []  # head nouns whose modifiers are predicated: "a Schedule III drug"
    subject_references: list[str] = []  # nouns that refer back to the subject: "the drug"
    modifier_suffixes: list[str] = []  # "-like", "-derived": the phrase only modifies a noun


class Vocabulary(Strict):
    subject: str
    subject_aliases: list[str] = []
    # Other subjects articles talk about alongside this one; a statement whose nearest
    # subject is one of these is not about ours.
    other_subjects: list[str] = []
    # Region codes of a page's language tag (<html lang="en-GB">) -> jurisdiction names
    regions: dict[str, str] = {}
    # The property that carries sentence-level checks (statistics, attributions, certainty)
    # for sentences where no other property was recognised.
    statement_property: str | None = None
    topics: list[str]
    qualifier_keys: list[str] = ["jurisdiction", "population", "substance", "route", "study"]
    # qualifier key -> value -> phrases that set it when found in the same sentence (lint)
    qualifier_cues: dict[str, dict[str, list[str]]] = {}
    # qualifiers a sentence that names none takes from the sentence before it in the same
    # paragraph ("The group who received more sessions ..." continues a heroin trial)
    carried_qualifiers: list[str] = []
    properties: dict[str, Property]
    cues: Cues = Field(default_factory=Cues)  # built on use: import stays fast


# --- sources and claims -----------------------------------------------------------------------


class SourceKind(StrEnum):
    news = "news"
    blog = "blog"
    health_info = "health-info"
    treatment_marketing = "treatment-marketing"
    reference = "reference"


class Source(Strict):
    id: Slug
    title: str
    publisher: str
    kind: SourceKind
    sells_treatment: bool
    path: str  # relative to the knowledge-base directory
    seed_file: str | None = None
    retrieved: date
    url: str | None = None
    note: str | None = None


class Polarity(StrEnum):
    affirmed = "affirmed"
    negated = "negated"


class Assertion(Strict):
    """One structured statement: ``subject property value`` under some qualifiers."""

    property: str
    value: str | float
    subject: str | None = None  # None: the vocabulary's subject
    unit: str | None = None
    polarity: Polarity = Polarity.affirmed
    hedged: bool = False
    qualifiers: dict[str, str] = {}
    # Context read from a linted document (curated claims keep the defaults):
    possible: bool = False  # a possible or rare effect ("can", "in rare cases"), not the typical
    as_of: date | None = None  # the day it speaks of: the page's date, or the year it names


class SupportKind(StrEnum):
    none = "none"  # nothing offered
    vague = "vague"  # "studies show", "experts claim"
    named_study = "named-study"  # "a 2018 study published in the American Journal of Psychiatry"
    citation = "citation"  # a traceable reference (link, DOI, author-year-journal)


class Support(Strict):
    kind: SupportKind = SupportKind.none
    text: str | None = None  # the article's own words for what it cites
    fact: str | None = None  # the reference fact the cited study resolves to, if any


class Claim(Strict):
    id: Slug
    source: str
    quote: str = Field(min_length=3)
    topic: str
    assertions: list[Assertion] = Field(min_length=1)
    support: Support = Field(default_factory=Support)  # built on use: import stays fast
    reported: bool = False  # the article reports it in order to refute it: not its own claim
    note: str | None = None

    @field_validator("quote")
    @classmethod
    def _quote_not_blank(cls, quote: str) -> str:
        if not quote.strip():
            raise ValueError("quote is blank")
        return quote


# --- reference facts --------------------------------------------------------------------------


class Citation(Strict):
    """A reference exactly as verified in the curated reference file; never invented."""

    title: str | None = None
    authors: str | None = None
    container: str | None = None  # journal, book, register, website
    year: int | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")] | None = None
    url: str | None = None  # the work itself (publisher, register, issuing body), never a mirror
    note: str | None = None  # what was not verified, and where the details were seen
    # Copies of the work where the reference file saw its details (document-sharing and
    # aggregator sites): kept so a curator can re-check them, never shown as the citation.
    seen_at: list[Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]] = []


class Holds(StrEnum):
    true = "true"  # the value holds
    false = "false"  # the value does not hold
    partly = "partly"  # true only with a qualifier the claim leaves out: misleading
    unestablished = "unestablished"  # no reliable figure exists: any figure is unsupported


class Frequency(StrEnum):
    """How often an effect occurs, as the reference says."""

    typical = "typical"  # the usual effect ("raises heart rate")
    common = "common"  # frequent, but not the rule (a common adverse effect)
    rare = "rare"  # occasional, or only in special cases (overdose, catecholamine depletion)


class Degree(StrEnum):
    """How strong a potential (for abuse, dependence) is, as far as the reference grades it."""

    none = "none"
    low = "low"
    moderate = "moderate"
    high = "high"
    ungraded = "ungraded"  # present, but the reference gives no degree


# A validity bound: a date, or a year where only the year is known.
PeriodBound = date | Annotated[int, Field(ge=1800, le=2200)]


def _first_day(bound: PeriodBound | None) -> date | None:
    return date(bound, 1, 1) if isinstance(bound, int) else bound


def _last_day(bound: PeriodBound | None) -> date | None:
    return date(bound, 12, 31) if isinstance(bound, int) else bound


class Fact(Strict):
    id: Slug
    property: str
    value: str | float
    holds: Holds = Holds.true
    range: tuple[float, float] | None = None  # numeric: the values that agree, inclusive
    subject: str | None = None
    unit: str | None = None
    qualifiers: dict[str, str] = {}
    statement: str
    reason: str | None = None  # for partly/false: what the claim gets wrong
    study: str | None = None  # a label matched against claims' named-study text
    study_patterns: list[str] = []  # regexes that identify this study in an article's citation
    citations: list[Citation] = Field(min_length=1)
    # When the fact held: a date, or a year (from 1 January / to 31 December). Both ends are
    # inclusive; no valid_until means it still holds. "Class C until 9 June 2014".
    valid_from: PeriodBound | None = None
    valid_until: PeriodBound | None = None
    frequency: Frequency | None = None  # for effects: typical, common or rare
    degree: Degree | None = None  # for potentials (abuse, dependence): how strong

    @model_validator(mode="after")
    def _period_in_order(self) -> Fact:
        first, last = self.period()
        if first and last and first > last:
            raise ValueError(
                f"valid_from {self.valid_from} is after valid_until {self.valid_until}"
            )
        return self

    def period(self) -> tuple[date | None, date | None]:
        """First and last day the fact held (None: open-ended)."""
        return _first_day(self.valid_from), _last_day(self.valid_until)

    def holds_on(self, day: date) -> bool:
        """Whether the fact's validity period includes ``day``."""
        first, last = self.period()
        return (first is None or first <= day) and (last is None or day <= last)

    def holds_in(self, year: int) -> bool:
        """Whether the fact held at some time during ``year``."""
        first, last = self.period()
        return (first is None or first.year <= year) and (last is None or year <= last.year)


# --- findings ---------------------------------------------------------------------------------


class Verdict(StrEnum):
    supported = "supported"
    contradicted = "contradicted"
    misleading = "misleading"
    unsupported = "unsupported"
    unverified = "unverified"


class Location(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    line: int  # 1-based
    column: int  # 1-based
    end_line: int | None = None
    end_column: int | None = None  # 1-based, exclusive


class Finding(BaseModel):
    """The one result type every check produces; renderers only format it."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rule: str
    name: str
    severity: Severity
    message: str
    location: Location | None = None
    property: str | None = None
    claims: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quote: str | None = None
    reference: str | None = None  # fact id
    citation: str | None = None  # the fact's first citation, formatted
    fix: str | None = None  # suggested correction, shown by the text renderer
    related: tuple[Location, ...] = ()  # other places that take part (other side of a conflict)

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            loc.path if loc else "",
            loc.line if loc else 0,
            loc.column if loc else 0,
            self.rule,
            self.message,
        )

    def to_json(self) -> dict:
        """The JSON contract from DESIGN.md (plus a few extra fields)."""
        loc = self.location
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "property": self.property,
            "claims": list(self.claims),
            "sources": list(self.sources),
            "path": loc.path if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "end_line": loc.end_line if loc else None,
            "end_column": loc.end_column if loc else None,
            "quote": self.quote,
            "reference": self.reference,
            "citation": self.citation,
            "fix": self.fix,
        }


_WS = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    return _WS.sub(" ", text).strip()
