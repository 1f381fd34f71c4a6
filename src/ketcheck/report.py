"""What the HTML report shows, built from the library's results; the renderer only formats it.

Everything a reader sees is gathered here: each source's scorecard with the widths of its
stacked verdict bar, the property × source matrix with each cell's worst verdict, the conflict
groups side by side, and every article's text cut into plain pieces and highlighted claims
(with the assertion, verdict, reference statement and citation each highlight reveals), with
the findings that concern the article and links to their places. Curated sources come from
:func:`ketcheck.check.cross_check`; linted articles from a :class:`ketcheck.lint.Linter`.

Highlights nest when one claim's words lie inside another's; when two claims' words cross,
the later one starts where the earlier ends, so every claim is one element of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ketcheck import rules
from ketcheck.check import CheckReport, judge_claims
from ketcheck.kb import KnowledgeBase, display_path
from ketcheck.lint import DOCUMENT_SOURCE, FileResult, Linter
from ketcheck.models import Assertion, Claim, Finding, Location, Verdict
from ketcheck.query import Judgement
from ketcheck.rules.groups import conflict_groups, describe_sides
from ketcheck.rules.semantics import position, value_label

# Worst first: the order of bar segments and legends, and how a cell's colour is chosen.
VERDICT_ORDER = (
    Verdict.contradicted,
    Verdict.misleading,
    Verdict.unsupported,
    Verdict.unverified,
    Verdict.supported,
)
# Readable without colour (greyscale print, colour-blind readers): a mark for every verdict.
VERDICT_MARKS = {
    Verdict.contradicted: "✗",
    Verdict.misleading: "!",
    Verdict.unsupported: "?",
    Verdict.unverified: "·",
    Verdict.supported: "✓",
}
# Rules whose findings report a conflict group (their claims stand on two or more sides).
GROUP_RULES = frozenset(rule.code for rule in rules.GROUP_RULES)
_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t\n]*")
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True)
class BarSegment:
    verdict: str
    mark: str
    count: int
    percent: float  # of the source's own claims


@dataclass(frozen=True)
class Scorecard:
    id: str
    title: str
    publisher: str
    kind: str
    url: str | None
    sells_treatment: bool  # the conflict-of-interest marker
    claims: int
    reported: int
    bar: list[BarSegment]  # only verdicts with claims, worst first
    by_rule: dict[str, int]
    by_severity: dict[str, int]


@dataclass(frozen=True)
class CellValue:
    value: str  # the value as the source asserts it ("not opioid agonist", "50%")
    verdict: str
    mark: str
    anchor: str  # the highlight's element id


@dataclass(frozen=True)
class Cell:
    values: list[CellValue]
    verdict: str | None  # the worst of its values; None: the source says nothing on it


@dataclass(frozen=True)
class MatrixRow:
    property: str
    label: str
    cells: list[Cell]  # one per matrix source, in column order


@dataclass(frozen=True)
class Matrix:
    sources: list[str]
    rows: list[MatrixRow]


@dataclass(frozen=True)
class Highlight:
    """One claim in an article's text: what it asserts and how it was judged."""

    anchor: str
    claim: str  # claim id, or "line 12" for a linted article's statement
    verdict: str
    mark: str
    assertions: list[str]
    reason: str | None
    reference: str | None  # the deciding fact's statement
    citation: str | None
    reported: bool  # reported only to be refuted: not the article's own claim
    pieces: list[str | Highlight]  # the words, with any claim nested inside


@dataclass(frozen=True)
class ArticleFinding:
    finding: Finding
    targets: list[str]  # anchors of the highlights it is about


@dataclass(frozen=True)
class Article:
    anchor: str
    title: str
    path: str
    publisher: str | None
    sells_treatment: bool
    pieces: list[str | Highlight]
    findings: list[ArticleFinding]
    unplaced: list[Highlight] = field(default_factory=list)  # claims not found in the text
    linted: bool = False


@dataclass(frozen=True)
class ConflictView:
    rule: str | None  # None: the rule that reports the group was not run
    severity: str | None
    message: str
    property: str
    label: str  # the property's label
    sides: list[tuple[str, list[tuple[str, str, str]]]]  # label, (source, quote, anchor)
    reference: str | None
    citation: str | None


@dataclass(frozen=True)
class Report:
    kb: str
    generated: date
    claims: int
    findings: int
    legend: list[tuple[str, str]]  # (verdict, mark), worst first
    scorecards: list[Scorecard]
    matrix: Matrix
    conflicts: list[ConflictView]
    articles: list[Article]
    linted: list[Article]


def legend() -> list[tuple[str, str]]:
    return [(v.value, VERDICT_MARKS[v]) for v in VERDICT_ORDER]


def claim_anchor(claim_id: str) -> str:
    """The element id of a curated claim's highlight (ClaimReview ``url`` fragments use it)."""
    return f"claim-{claim_id}"


def worst(verdicts: Iterable[Verdict]) -> Verdict | None:
    chosen = list(verdicts)
    return min(chosen, key=VERDICT_ORDER.index) if chosen else None


def describe(kb: KnowledgeBase, assertion: Assertion) -> str:
    """“drug class: dissociative anesthetic (jurisdiction US)”."""
    prop = kb.prop(assertion.property)
    text = f"{prop.label}: {value_label(prop, position(prop, assertion))}"
    if assertion.qualifiers:
        text += " (" + ", ".join(f"{k} {v}" for k, v in assertion.qualifiers.items()) + ")"
    return text + (" — hedged" if assertion.hedged else "")


# --- scorecards, matrix, conflicts ------------------------------------------------------------


def scorecards(check: CheckReport) -> list[Scorecard]:
    cards = []
    for score in check.scores:
        bar = [
            BarSegment(
                v.value,
                VERDICT_MARKS[v],
                score.by_verdict[v.value],
                round(100 * score.by_verdict[v.value] / score.claims, 2),
            )
            for v in VERDICT_ORDER
            if score.by_verdict.get(v.value)
        ]
        cards.append(
            Scorecard(
                id=score.id,
                title=score.title,
                publisher=score.publisher,
                kind=score.kind,
                url=check.kb.sources[score.id].url,
                sells_treatment=score.sells_treatment,
                claims=score.claims,
                reported=score.reported,
                bar=bar,
                by_rule=score.by_rule,
                by_severity=score.by_severity,
            )
        )
    return cards


def matrix(check: CheckReport) -> Matrix:
    """Rows: every property some source asserts (vocabulary order); columns: the sources.
    Each value is marked with the verdict of the claim asserting it, which it links to."""
    kb = check.kb
    sources = [s.id for s in check.scores]
    cells: dict[tuple[str, str], list[CellValue]] = {}
    for claim in check.claims:
        if claim.reported:
            continue
        verdict = check.judgements[claim.id].verdict
        for assertion in claim.assertions:
            prop = kb.prop(assertion.property)
            value = CellValue(
                value_label(prop, position(prop, assertion)),
                verdict.value,
                VERDICT_MARKS[verdict],
                claim_anchor(claim.id),
            )
            cells.setdefault((assertion.property, claim.source), []).append(value)
    rows = []
    for name, prop in kb.vocabulary.properties.items():
        if not any((name, sid) in cells for sid in sources):
            continue
        row = []
        for sid in sources:
            values = cells.get((name, sid), [])
            cell_worst = worst(Verdict(v.verdict) for v in values)
            row.append(Cell(values, cell_worst.value if cell_worst else None))
        rows.append(MatrixRow(name, prop.label, row))
    return Matrix(sources, rows)


def conflicts(check: CheckReport) -> list[ConflictView]:
    """Every conflict group, its sides next to each other, with the finding it raised
    (KC101, KC102 or KC104: its rule, message and deciding reference)."""
    kb = check.kb
    raised = {(f.property, frozenset(f.claims)): f for f in check.findings if f.rule in GROUP_RULES}
    out = []
    for group in conflict_groups(kb):
        f = raised.get((group.prop_name, frozenset(group.claims)))
        sides = []
        for side in group.sides:
            claims = {s.claim.id: s.claim for s in side.stances}.values()
            sides.append((side.label, [(c.source, c.quote, claim_anchor(c.id)) for c in claims]))
        reference = kb.fact(f.reference).statement if f and f.reference else None
        out.append(
            ConflictView(
                rule=f.rule if f else None,
                severity=f.severity.value if f else None,
                message=f.message if f else describe_sides(group),
                property=group.prop_name,
                label=kb.prop(group.prop_name).label,
                sides=sides,
                reference=reference,
                citation=f.citation if f else None,
            )
        )
    return out


# --- article text with highlights -------------------------------------------------------------


Maker = Callable[[list["str | Highlight"]], Highlight]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    make: Maker  # builds the highlight around its pieces


def _nest(text: str, spans: list[_Span], lo: int, hi: int, tidy: bool) -> list[str | Highlight]:
    """``text[lo:hi]`` as plain pieces and highlights; each span becomes exactly one element."""
    pieces: list[str | Highlight] = []
    rest = sorted(spans, key=lambda s: (s.start, -s.end))
    pos = lo
    while rest:
        span, rest = rest[0], rest[1:]
        start = min(max(span.start, pos), span.end)  # a crossing claim starts where we are
        inner = [s for s in rest if s.start < span.end and s.end <= span.end]
        rest = [s for s in rest if not (s.start < span.end and s.end <= span.end)]
        if start > pos:
            pieces.append(_text(text[pos:start], tidy))
        pieces.append(span.make(_nest(text, inner, start, span.end, tidy)))
        pos = max(pos, span.end)
    if hi > pos:
        pieces.append(_text(text[pos:hi], tidy))
    return pieces


def _text(piece: str, tidy: bool) -> str:
    """Markup blanked out of HTML and Markdown leaves runs of blanks; show them as one."""
    if not tidy:
        return piece
    return _SPACES.sub(" ", _BLANK_LINES.sub("\n\n", piece))


def _highlight(
    kb: KnowledgeBase, anchor: str, label: str, claim: Claim, judgement: Judgement
) -> Maker:
    reference = kb.fact(judgement.fact).statement if judgement.fact else None

    def make(pieces: list[str | Highlight]) -> Highlight:
        return Highlight(
            anchor=anchor,
            claim=label,
            verdict=judgement.verdict.value,
            mark=VERDICT_MARKS[judgement.verdict],
            assertions=[describe(kb, a) for a in claim.assertions],
            reason=judgement.reason,
            reference=reference,
            citation=judgement.citation,
            reported=claim.reported,
            pieces=pieces,
        )

    return make


def curated_articles(check: CheckReport) -> list[Article]:
    """Each curated source's full text with its claims highlighted and its findings beside."""
    kb = check.kb
    articles = []
    for score in check.scores:
        sid = score.id
        text = kb.texts[sid]
        spans: list[_Span] = []
        unplaced: list[Highlight] = []
        for claim in kb.claims_of(sid):
            make = _highlight(
                kb, claim_anchor(claim.id), claim.id, claim, check.judgements[claim.id]
            )
            span = kb.quote_spans.get(claim.id)
            if span is None:
                unplaced.append(make([claim.quote]))
            else:
                spans.append(_Span(span[0], span[1], make))
        own = {c.id for c in kb.claims_of(sid) if kb.quote_spans.get(c.id) is not None}
        findings = [
            ArticleFinding(f, [claim_anchor(c) for c in f.claims if c in own])
            for f in check.findings
            if sid in f.sources
        ]
        src = kb.sources[sid]
        articles.append(
            Article(
                anchor=f"source-{sid}",
                title=src.title,
                path=kb.source_path(sid),
                publisher=src.publisher,
                sells_treatment=src.sells_treatment,
                pieces=_nest(text, spans, 0, len(text), tidy=False),
                findings=findings,
                unplaced=unplaced,
            )
        )
    return articles


def linted_article(
    linter: Linter, result: FileResult, number: int, findings: Sequence[Finding] | None = None
) -> Article:
    """A linted article in the same view: its statements highlighted by their verdicts, and
    its lint findings (``findings``, default the result's own) linked to the statements."""
    doc = result.document
    assert doc is not None, "only a file that was read can be shown"
    statements = linter.extractor.statements(doc)
    judgements: dict[str, Judgement] = {}
    kb = linter.kb
    if statements:
        kb = linter.document_kb(doc, statements)
        judgements = judge_claims(kb)
    prefix = f"lint-{number}"
    spans = []
    places: list[tuple[str, Location, Location]] = []
    for n, statement in enumerate(statements):
        claim_id = f"{DOCUMENT_SOURCE}-{n + 1}"
        anchor = f"{prefix}-claim-{n + 1}"
        hit = doc.location(statement.start, statement.end)
        label = f"line {hit.line}"
        claim = kb.claim(claim_id)
        make = _highlight(kb, anchor, label, claim, judgements.get(claim_id, Judgement()))
        spans.append(_Span(statement.start, statement.end, make))
        places.append((anchor, hit, doc.location(statement.sentence_start, statement.sentence_end)))
    items = [
        ArticleFinding(f, _targets(f.location, places))
        for f in (result.findings if findings is None else findings)
    ]
    return Article(
        anchor=prefix,
        title=doc.path,
        path=doc.path,
        publisher=None,
        sells_treatment=False,
        pieces=_nest(doc.text, spans, 0, len(doc.text), tidy=doc.kind != "txt"),
        findings=items,
        linted=True,
    )


def _targets(loc: Location | None, places: list[tuple[str, Location, Location]]) -> list[str]:
    """The statements a lint finding is about: the one it points at, else those whose
    sentence holds its position (sentence rules point at the cue, not the claim)."""
    if loc is None:
        return []
    at = (loc.line, loc.column)
    exact = [a for a, hit, _ in places if (hit.line, hit.column) == at]
    if exact:
        return exact
    return [
        a
        for a, _, s in places
        if (s.line, s.column) <= at <= (s.end_line or s.line, s.end_column or s.column)
    ]


def lint_articles(
    linter: Linter, results: Iterable[FileResult], findings: Sequence[Finding] | None = None
) -> list[Article]:
    """Every linted file that could be read, in order, in the article view. ``findings``
    (default: each result's own) are shown with the file they are located in."""
    readable = [r for r in results if r.document is not None]
    return [
        linted_article(
            linter,
            result,
            n + 1,
            None
            if findings is None
            else [f for f in findings if f.location and f.location.path == result.path],
        )
        for n, result in enumerate(readable)
    ]


def build_report(
    check: CheckReport, linted: Sequence[Article] = (), generated: date | None = None
) -> Report:
    """The whole report: the cross-check of the knowledge base, and any linted articles."""
    return Report(
        kb=display_path(check.kb.root),
        generated=generated or date.today(),
        claims=len(check.claims),
        findings=len(check.findings),
        legend=legend(),
        scorecards=scorecards(check),
        matrix=matrix(check),
        conflicts=conflicts(check),
        articles=curated_articles(check),
        linted=list(linted),
    )


__all__ = [
    "VERDICT_MARKS",
    "VERDICT_ORDER",
    "Article",
    "Highlight",
    "Report",
    "build_report",
    "claim_anchor",
    "lint_articles",
    "linted_article",
]
