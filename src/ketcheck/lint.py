"""``ketcheck lint``: the cross-check rules applied to claims found in new articles.

A document's statements (see :mod:`ketcheck.extract`) become claims of one more source in a
copy of the knowledge base; the same rules then run, so a draft is judged exactly as the
curated articles are, and can be seen siding with a minority of sources (KC101) or copying one
(KC302). Only findings located in the document are kept.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from ketcheck.check import run_rules
from ketcheck.config import Config
from ketcheck.context import document_context
from ketcheck.extract import Extractor, Statement
from ketcheck.kb import KnowledgeBase
from ketcheck.models import Claim, Finding, Source, SourceKind
from ketcheck.rules import Scope, all_rules, copied_text
from ketcheck.rules import get as get_rule
from ketcheck.suppress import Unused, apply, parse_suppressions, unused
from ketcheck.text import Document, DocumentError, iter_paths, load_document

DOCUMENT_SOURCE = "document"
_SPACES = re.compile(r"[ \t]{2,}")
# Rules that judge a whole sentence: one finding per sentence even when it holds many claims.
SENTENCE_RULES = frozenset(rule.code for rule in all_rules() if rule.scope is Scope.sentence)


def lint_codes() -> list[str]:
    """The rules that apply to documents (not those about the knowledge base's integrity)."""
    return [rule.code for rule in all_rules() if rule.documents]


@dataclass
class FileResult:
    """What linting one file produced: its document and findings, or why it was not read."""

    path: str
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    unused: list[Unused] = field(default_factory=list)


@dataclass
class LintReport:
    files: list[FileResult]

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    @property
    def documents(self) -> dict[str, Document]:
        return {r.path: r.document for r in self.files if r.document is not None}

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.files if r.error is not None]

    @property
    def unused(self) -> list[Unused]:
        return [u for r in self.files for u in r.unused]


class _DocumentIndex:
    """The knowledge base's line mapper for a document: offsets of the scanned text map
    through the document's own mapper, so HTML and Markdown positions are the file's."""

    def __init__(self, doc: Document):
        self.doc = doc

    def position(self, offset: int) -> tuple[int, int]:
        return self.doc.position(offset)

    def line_text(self, line: int) -> str:
        return self.doc.line(line)


class Linter:
    """Lints documents against one knowledge base; build once, reuse for many files."""

    def __init__(
        self, kb: KnowledgeBase, config: Config | None = None, *, on: datetime.date | None = None
    ):
        self.kb = kb
        self.config = config or Config()
        self.on = on  # judge every document as of this day (default: each page's own date)
        self.extractor = Extractor(kb.vocabulary)
        self.codes = [c for c in lint_codes() if self.config.is_enabled(c)]
        # a rule yields to others on the claims they decide, so those run whenever it does;
        # config.adjust then drops the findings of the ones the user switched off
        needed = {code for c in self.codes for code in get_rule(c).yields_to}
        self._scheduled = sorted(set(self.codes) | needed)
        # the jurisdictions the reference speaks of, per property: a statement about another
        # one is not judged (never against another country's law)
        self._jurisdictions: dict[str, set[str]] = {}
        for fact in kb.facts:
            if "jurisdiction" in fact.qualifiers:
                self._jurisdictions.setdefault(fact.property, set()).add(
                    fact.qualifiers["jurisdiction"]
                )
        # a document whose words are a curated source's is that source: compare words, so
        # re-wrapped or re-saved copies count too (split once here, not per document)
        self._source_words = {sid: text.split() for sid, text in kb.texts.items()}

    def document_kb(
        self,
        doc: Document,
        statements: Sequence[Statement],
        copies: set[str] | None = None,
    ) -> KnowledgeBase:
        """The knowledge base plus ``doc`` as one more source whose claims are its statements.

        A source whose text *is* the document (an article already curated) is left out: the
        document is judged against the other sources, not found to copy itself.
        """
        kb = self._without(self._copies_of(doc) if copies is None else copies)
        # Only claims on the properties the document speaks to can take part in its
        # findings; leaving the rest out keeps per-document work small.
        spoken = {s.assertion.property for s in statements}
        kb_claims = [c for c in kb.claims if any(a.property in spoken for a in c.assertions)]
        source = Source(
            id=DOCUMENT_SOURCE,
            title=doc.path,
            publisher="linted document",
            kind=SourceKind.blog,
            sells_treatment=False,
            path=doc.path,
            retrieved=datetime.date.today(),
        )
        claims = []
        spans = dict(kb.quote_spans)
        for n, statement in enumerate(statements):
            prop = kb.vocabulary.properties[statement.assertion.property]
            claim = Claim(
                id=f"{DOCUMENT_SOURCE}-{n + 1}",
                source=DOCUMENT_SOURCE,
                quote=doc.text[statement.sentence_start : statement.sentence_end],
                topic=prop.topic,
                assertions=[statement.assertion],
                support=statement.support,
                reported=statement.reported,
            )
            claims.append(claim)
            spans[claim.id] = (statement.sentence_start, statement.sentence_end)
        return dataclasses.replace(
            kb,
            sources={**kb.sources, DOCUMENT_SOURCE: source},
            claims=[*kb_claims, *claims],
            texts={**kb.texts, DOCUMENT_SOURCE: doc.text},
            quote_spans=spans,
            path_overrides={**kb.path_overrides, DOCUMENT_SOURCE: doc.path},
            focus=DOCUMENT_SOURCE,
            _indexes={**kb._indexes, DOCUMENT_SOURCE: _DocumentIndex(doc)},
        )

    def _copies_of(self, doc: Document) -> set[str]:
        words = doc.original.split()
        return {sid for sid, known in self._source_words.items() if known == words}

    def _without(self, same: set[str]) -> KnowledgeBase:
        if not same:
            return self.kb
        kb = self.kb
        return dataclasses.replace(
            kb,
            sources={k: v for k, v in kb.sources.items() if k not in same},
            claims=[c for c in kb.claims if c.source not in same],
            texts={k: v for k, v in kb.texts.items() if k not in same},
        )

    def in_context(
        self,
        doc: Document,
        statements: Sequence[Statement],
        *,
        on: datetime.date | None = None,
        jurisdiction: str | None = None,
    ) -> list[Statement]:
        """The statements to judge, each carrying its context: the day it speaks of (the
        page's date, or the year a past statement names), whether it is a possible or rare
        effect, and its jurisdiction (its own, else the page's). Statements about a
        jurisdiction the reference does not cover are left unjudged."""
        named = [
            s.assertion.qualifiers["jurisdiction"]
            for s in statements
            if "jurisdiction" in s.assertion.qualifiers
        ]
        context = document_context(
            doc,
            self.kb.vocabulary.regions,
            named,
            on=on or self.on,
            jurisdiction=jurisdiction or self.config.jurisdiction,
        )
        judged = []
        for statement in statements:
            assertion = statement.assertion
            prop = self.kb.vocabulary.properties[assertion.property]
            qualifiers = dict(assertion.qualifiers)
            if "jurisdiction" in prop.qualifiers:
                where = qualifiers.get("jurisdiction") or context.jurisdiction
                covered = self._jurisdictions.get(assertion.property)
                if where and covered and where not in covered:
                    continue
                if where:
                    qualifiers["jurisdiction"] = where
            as_of = context.date
            if statement.past and statement.year:
                as_of = datetime.date(statement.year, 12, 31)
            judged.append(
                dataclasses.replace(
                    statement,
                    assertion=assertion.model_copy(
                        update={
                            "qualifiers": qualifiers,
                            "as_of": as_of,
                            "possible": statement.possible or statement.frequency == "rare",
                        }
                    ),
                )
            )
        return judged

    def check(
        self,
        doc: Document,
        *,
        date: datetime.date | None = None,
        jurisdiction: str | None = None,
    ) -> FileResult:
        """Findings for one document, suppressions applied, severities from the config.

        ``date`` and ``jurisdiction`` override the page's own date and jurisdiction."""
        statements = self.in_context(
            doc, self.extractor.statements(doc), on=date, jurisdiction=jurisdiction
        )
        findings: list[Finding] = []
        copies = self._copies_of(doc)
        if statements:
            merged = self.document_kb(doc, statements, copies)
            raw = run_rules(merged, select=self._scheduled)
            findings = _passages(self._own(doc, statements, merged, raw))
        findings += [
            copied_text.whole_copy(sid, self.kb.sources[sid].title, doc.path)
            for sid in sorted(copies)
            if copied_text.RULE.code in self.codes
        ]
        findings = self.config.adjust(findings)
        suppressions = parse_suppressions(doc)
        kept, used = apply(findings, suppressions)
        idle = unused(suppressions, used) if self.config.strict else []
        return FileResult(doc.path, doc, sorted(kept, key=Finding.sort_key), unused=idle)

    def _own(
        self,
        doc: Document,
        statements: Sequence[Statement],
        merged: KnowledgeBase,
        findings: Iterable[Finding],
    ) -> list[Finding]:
        """Findings located in ``doc``, pointed at the words that made the claim, deduplicated."""
        hits = {
            f"{DOCUMENT_SOURCE}-{n + 1}": doc.location(s.start, s.end)
            for n, s in enumerate(statements)
        }
        sentence_of = {claim_id: merged.location(merged.claim(claim_id)) for claim_id in hits}
        findings = list(findings)
        decided_by: dict[str, set[str]] = {}
        for f in findings:
            decided_by.setdefault(f.rule, set()).update(c for c in f.claims if c in hits)
        seen: dict[tuple[str, int, int, str], int] = {}
        own: list[Finding] = []
        for finding in findings:
            rule = get_rule(finding.rule)
            if any(decided_by.get(code, set()) & set(finding.claims) for code in rule.yields_to):
                continue
            loc = finding.location
            if loc is None or loc.path != doc.path or DOCUMENT_SOURCE not in finding.sources:
                continue
            mine = [c for c in finding.claims if c in hits]
            update: dict = {}
            if finding.rule not in SENTENCE_RULES and mine and loc == sentence_of[mine[0]]:
                loc = update["location"] = hits[mine[0]]
            # markup was blanked in place: collapse the runs of spaces it leaves in quotes
            update["message"] = _SPACES.sub(" ", finding.message)
            if finding.quote:
                update["quote"] = _SPACES.sub(" ", finding.quote).strip()
            # claim and source ids in findings name the knowledge base; the document is the path
            update["claims"] = tuple(c for c in finding.claims if c not in hits)
            update["sources"] = tuple(x for x in finding.sources if x != DOCUMENT_SOURCE)
            update["severity"] = rule.document_severity or finding.severity
            finding = finding.model_copy(update=update)
            # sentence rules: one finding per place, however many claims the sentence holds
            message = "" if finding.rule in SENTENCE_RULES else finding.message
            key = (finding.rule, loc.line, loc.column, message)
            if key not in seen:
                seen[key] = len(own)
                own.append(finding)
            elif finding.reference and not own[seen[key]].reference:
                own[seen[key]] = finding  # of two at one place, keep the one with evidence
        return own


def _passages(findings: list[Finding]) -> list[Finding]:
    """One finding per passage for rules declared so: consecutive findings (a blank line apart
    at most) naming the same sources become one, spanning the passage."""
    open_run: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
    out: list[Finding | list[Finding]] = []
    for finding in sorted(findings, key=Finding.sort_key):
        loc = finding.location
        if not get_rule(finding.rule).passages or loc is None:
            out.append(finding)
            continue
        key = (finding.rule, finding.sources)
        run = open_run.get(key)
        previous = run[-1].location if run else None
        if run and previous is not None and loc.line <= (previous.end_line or previous.line) + 2:
            run.append(finding)
            continue
        open_run[key] = [finding]
        out.append(open_run[key])
    return [item if isinstance(item, Finding) else _passage(item) for item in out]


def _passage(run: list[Finding]) -> Finding:
    first, last = run[0], run[-1]
    if len(run) == 1 or first.location is None or last.location is None:
        return first
    end = last.location
    return first.model_copy(
        update={
            "message": f"{first.message} (the first of {len(run)} copied sentences, to line "
            f"{end.end_line or end.line})",
            "location": first.location.model_copy(
                update={"end_line": end.end_line or end.line, "end_column": end.end_column}
            ),
            "claims": tuple(dict.fromkeys(c for f in run for c in f.claims)),
        }
    )


# --- many files -------------------------------------------------------------------------------

_worker: Linter | None = None


def _init_worker(linter: Linter) -> None:
    global _worker
    _worker = linter


def _check_path(path: str) -> FileResult:
    assert _worker is not None
    return check_path(_worker, path)


def check_path(linter: Linter, path: str) -> FileResult:
    try:
        doc = load_document(path)
    except DocumentError as exc:
        return FileResult(path, error=str(exc))
    return linter.check(doc)


def expand(paths: Iterable[str], exclude: Iterable[str] = ()) -> tuple[list[str], list[FileResult]]:
    """The files to lint (directories recursively, each once, in argument order; ``-`` is
    standard input), and a result carrying the error for each argument that names nothing
    readable."""
    files: list[str] = []
    errors: list[FileResult] = []
    seen: set[str] = set()
    exclude = list(exclude)
    for arg in paths:
        try:
            found = ["-"] if arg == "-" else [str(p) for p in iter_paths([arg], exclude=exclude)]
        except DocumentError as exc:
            errors.append(FileResult(arg, error=str(exc)))
            continue
        for path in found:
            if path not in seen:
                seen.add(path)
                files.append(path)
    return files, errors


def lint_paths(
    linter: Linter,
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> LintReport:
    """Lint every file; results keep the order of ``paths`` whatever ``jobs`` is."""
    results: list[FileResult] = []
    files = list(paths)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    if workers == 1:
        for path in files:
            results.append(check_path(linter, path))
            if progress:
                progress(1)
    else:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(linter,)) as pool:
            for result in pool.map(
                _check_path, files, chunksize=max(1, len(files) // (workers * 4))
            ):
                results.append(result)
                if progress:
                    progress(1)
    return LintReport(results)
