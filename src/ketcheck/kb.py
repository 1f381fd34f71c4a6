"""Find, load and validate the knowledge base: vocabulary, sources, claims and reference facts.

Every problem is collected before anything is raised, so one run of ``ketcheck validate`` shows
them all, each as ``file:line:col: message`` (the style of compilers and yamllint).
"""

from __future__ import annotations

import difflib
import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ketcheck.models import (
    Assertion,
    Claim,
    Fact,
    Frequency,
    Location,
    Property,
    PropertyKind,
    Source,
    Strict,
    Vocabulary,
)
from ketcheck.offsets import LineIndex
from ketcheck.yamlsource import (
    InputError,
    Problem,
    YamlDocument,
    load_yaml,
    one_line,
    read_text,
)

ENV_VAR = "KETCHECK_KB"
CLAIMS_FILE = "claims.yaml"
FACTS_FILE = "facts.yaml"
VOCABULARY_FILE = "vocabulary.yaml"


# --- discovery --------------------------------------------------------------------------------


def bundled_kb() -> Path | None:
    """The knowledge base shipped with the installed package, if there is one.

    A wheel carries it as ``ketcheck/_data``. An editable install (``pip install -e .``)
    imports the package from the repository's ``src/`` and has no ``_data``: its knowledge
    base is the repository's ``data/`` beside ``src/``, so both installs find the same one.
    """
    package = Path(str(resources.files("ketcheck")))
    candidates = [package / "_data"]
    if package.parent.name == "src":
        candidates.append(package.parent.parent / "data")
    return next((c for c in candidates if (c / CLAIMS_FILE).is_file()), None)


def find_kb(explicit: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """Resolve the knowledge-base directory.

    Order: ``explicit`` (a directory or its claims.yaml) > ``$KETCHECK_KB`` > a ``data/``
    directory holding claims.yaml found walking up from ``cwd`` > the bundled copy.
    """
    for given, origin in ((explicit, "--kb"), (os.environ.get(ENV_VAR) or None, ENV_VAR)):
        if given is None:
            continue
        path = Path(given).expanduser()
        if path.is_file() and path.name.endswith((".yaml", ".yml")):
            path = path.parent
        if not (path / CLAIMS_FILE).is_file():
            what = "does not exist" if not path.exists() else f"has no {CLAIMS_FILE}"
            raise InputError([Problem(str(given), 0, 0, f"knowledge base ({origin}) {what}")])
        return path
    here = (cwd or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / "data" / CLAIMS_FILE).is_file():
            return directory / "data"
    bundled = bundled_kb()
    if bundled is None:
        raise InputError([Problem(str(here), 0, 0, "no knowledge base found (use --kb PATH)")])
    return bundled


def display_path(path: Path) -> str:
    """A path as users want to see it: relative to the working directory when below it,
    else absolute (so the bundled copy reads ``/…/site-packages/…``, never ``tmp/…``)."""
    resolved, cwd = path.resolve(), Path.cwd().resolve()
    if cwd == Path(cwd.anchor):  # relative to / reads as a mangled absolute path
        return resolved.as_posix()
    try:
        return resolved.relative_to(cwd).as_posix()
    except ValueError:
        return resolved.as_posix()


# --- the loaded knowledge base ----------------------------------------------------------------


@dataclass
class KnowledgeBase:
    """The validated knowledge base. Build it with :func:`load_kb`."""

    root: Path
    vocabulary: Vocabulary
    sources: dict[str, Source]
    claims: list[Claim]
    facts: list[Fact]
    texts: dict[str, str] = field(repr=False)
    quote_spans: dict[str, tuple[int, int] | None] = field(repr=False)
    claim_lines: dict[str, int] = field(repr=False)  # line of each claim's entry in claims.yaml
    quote_marks: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    # The file of each claim's entry when it is not claims.yaml (claims/*.yaml), relative to
    # root (shown relative to the working directory, like every path).
    claim_files: dict[str, str] = field(default_factory=dict, repr=False)
    # Where a source is shown from somewhere other than root/path (a linted document), and
    # how its offsets map to lines (a document's own mapper, which knows its markup).
    path_overrides: dict[str, str] = field(default_factory=dict, repr=False)
    # The one source whose findings are wanted (lint: the document); rules may skip work
    # that cannot yield a finding about it. None: every source matters.
    focus: str | None = None
    _indexes: dict[str, Any] = field(default_factory=dict, repr=False)
    _facts_index: tuple[list[Fact], dict[str, list[Fact]]] | None = field(default=None, repr=False)
    _paths: dict[str, str] = field(default_factory=dict, repr=False)
    # The search index (a serialized SQLite FTS5 database) of this claims list, built by
    # ketcheck.search on first use and kept in the compiled cache.
    search_index: tuple[list[Claim], bytes] | None = field(default=None, repr=False)
    # Every claim's verdict (claim id -> query.Judgement) for this claims list, filled by
    # the compiled cache so that listings need not judge again.
    verdicts: tuple[list[Claim], dict[str, Any]] | None = field(default=None, repr=False)
    # Lookups built once per claims list (lint swaps in a list of its own with replace()).
    _claims_index: tuple[list[Claim], dict[str, Claim], dict[str, list[Claim]]] | None = field(
        default=None, repr=False
    )

    @property
    def claims_path(self) -> str:
        return display_path(self.root / CLAIMS_FILE)

    def entry_path(self, claim_id: str) -> str:
        """The file holding the claim's entry: claims.yaml or one of claims/*.yaml."""
        relative = self.claim_files.get(claim_id)
        return display_path(self.root / relative) if relative else self.claims_path

    def _claim_lookup(self) -> tuple[dict[str, Claim], dict[str, list[Claim]]]:
        index = self._claims_index
        if index is None or index[0] is not self.claims:
            by_id: dict[str, Claim] = {}
            by_source: dict[str, list[Claim]] = {}
            for claim in self.claims:
                by_id.setdefault(claim.id, claim)
                by_source.setdefault(claim.source, []).append(claim)
            index = self._claims_index = (self.claims, by_id, by_source)
        return index[1], index[2]

    def claim(self, claim_id: str) -> Claim:
        return self._claim_lookup()[0][claim_id]

    def fact(self, fact_id: str) -> Fact:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def prop(self, name: str) -> Property:
        return self.vocabulary.properties[name]

    def facts_about(self, prop: str, on: date | None = None, rare: bool = False) -> list[Fact]:
        """The reference facts on one property that judge a claim made ``on`` a day (default
        today): facts whose validity period excludes the day are left out ("Class C" until
        2014), and so are rare-effect facts unless ``rare`` (the claim is of a possible effect),
        so that "in rare cases it slows the heart" never makes "it slows the heart" true.
        Indexed: rules ask this for every assertion."""
        index = self._facts_index
        if index is None or index[0] is not self.facts:
            by_prop: dict[str, list[Fact]] = {}
            for fact in self.facts:
                by_prop.setdefault(fact.property, []).append(fact)
            index = self._facts_index = (self.facts, by_prop)
        day = on or date.today()
        return [
            fact
            for fact in index[1].get(prop, [])
            if fact.holds_on(day) and (rare or fact.frequency is not Frequency.rare)
        ]

    def source_path(self, source_id: str) -> str:
        if source_id in self.path_overrides:
            return self.path_overrides[source_id]
        if source_id not in self._paths:  # resolving paths is slow; rules ask often
            self._paths[source_id] = display_path(self.root / self.sources[source_id].path)
        return self._paths[source_id]

    def line_index(self, source_id: str) -> LineIndex:
        if source_id not in self._indexes:
            self._indexes[source_id] = LineIndex(self.texts[source_id])
        return self._indexes[source_id]

    def location(self, claim: Claim) -> Location:
        """Where the claim's quote stands in its source text (or its entry in claims.yaml)."""
        span = self.quote_spans.get(claim.id)
        if span is None:
            path = self.entry_path(claim.id)
            return Location(path=path, line=self.claim_lines.get(claim.id, 1), column=1)
        index = self.line_index(claim.source)
        line, column = index.position(span[0])
        end_line, end_column = index.position(span[1])
        return Location(
            path=self.source_path(claim.source),
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )

    def claims_of(self, source_id: str) -> list[Claim]:
        return list(self._claim_lookup()[1].get(source_id, ()))


# --- loading ----------------------------------------------------------------------------------

CLAIMS_DIR = "claims"  # a large knowledge base may split its sources and claims over claims/*.yaml
TOP_LEVEL = {CLAIMS_FILE: ("sources", "claims"), FACTS_FILE: ("facts",)}


def kb_files(directory: Path) -> list[Path]:
    """Every file the knowledge base is read from, in reading order: vocabulary, facts,
    claims.yaml, then claims/*.yaml sorted by name."""
    extra = (
        sorted((directory / CLAIMS_DIR).glob("*.yaml")) if (directory / CLAIMS_DIR).is_dir() else []
    )
    return [directory / VOCABULARY_FILE, directory / FACTS_FILE, directory / CLAIMS_FILE, *extra]


@dataclass
class _Entries:
    """Items of one kind gathered over several files: (document, index in its list, model)."""

    items: list[tuple[YamlDocument, int, Any]] = field(default_factory=list)

    def ids(self) -> set[str]:
        return {item.id for _, _, item in self.items}


def load_kb(
    root: str | os.PathLike[str] | None = None, *, cache: bool | None = None, full: bool = False
) -> KnowledgeBase:
    """Load and validate the knowledge base at ``root`` (found by :func:`find_kb` if None).

    ``cache``: read the compiled copy from the user cache directory when it is current, and
    store it after a full load (see :mod:`ketcheck.cache`); None follows the process default
    (off in a library, on in the command line). ``full``: always load and validate from the
    files (the cache is still refreshed). Raises :class:`InputError` listing every problem.
    """
    from ketcheck import cache as compiled

    directory = find_kb(root)
    with _no_gc():
        if not compiled.enabled(cache):
            return _load(directory)
        return compiled.load(directory, lambda: _load(directory), trust=not full)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Loading builds millions of small objects and no cycles: the cycle collector would
    re-scan them all many times over for nothing (a third of the time on large files)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(directory: Path) -> KnowledgeBase:
    problems: list[Problem] = []
    files = kb_files(directory)
    docs: list[YamlDocument] = []
    for path in files[:2]:
        try:
            docs.append(load_yaml(path, display_path(path)))
        except InputError as exc:
            problems.extend(exc.problems)
    vocab_doc = facts_doc = vocabulary = None
    facts: list[tuple[int, Any]] = []
    if not problems:
        vocab_doc, facts_doc = docs
        vocabulary = _validate(vocab_doc, Vocabulary, (), problems)
        _top_level(facts_doc, TOP_LEVEL[FACTS_FILE], problems)
        facts = _validate_list(facts_doc, "facts", Fact, problems)
    sources, claims = _Entries(), _Entries()
    marks: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    split = len(files) > 3
    unreadable = bool(problems)  # a file that is not YAML: nothing else is worth checking
    # ids written in the claims files, valid entries or not (see the unknown-id checks)
    written_sources: set[str] = set()
    # One claims file at a time: its node tree is released before the next is read.
    for path in files[2:]:
        try:
            doc = load_yaml(path, display_path(path))
        except InputError as exc:
            problems.extend(exc.problems)
            unreadable = True
            continue
        _top_level(doc, TOP_LEVEL[CLAIMS_FILE], problems)
        first = len(claims.items)
        for key, into, model in (("sources", sources, Source), ("claims", claims, Claim)):
            if split and isinstance(doc.data, dict) and key not in doc.data:
                continue  # split over several files: each holds some of the lists
            got = _validate_list(doc, key, model, problems)
            into.items.extend((doc, index, item) for index, item in got)
        marks.extend(
            (item.id, doc.mark(("claims", i)), doc.mark(("claims", i, "quote")))
            for _, i, item in claims.items[first:]
        )
        written_sources |= _ids(doc, "sources")
        doc.data = None  # validated into models; the raw data is not needed again
        doc.release()  # marks taken; the tree comes back only to report a problem
    if unreadable or vocab_doc is None or facts_doc is None or vocabulary is None:
        raise InputError(problems)
    main_claims = display_path(files[2])
    relative = {display_path(p): p.relative_to(directory).as_posix() for p in files[2:]}

    checker = _Checker(vocabulary, problems)
    checker.vocabulary(vocab_doc)
    checker.unique("sources", sources.items)
    checker.unique("claims", claims.items)
    checker.unique("facts", [(facts_doc, i, f) for i, f in facts])
    source_ids = sources.ids()
    fact_ids = [f.id for _, f in facts]
    known_facts = set(fact_ids)
    # Entries already reported as invalid still name their id: claims citing them are not
    # "unknown" too (one missing key must give one error, not one per claim).
    written_facts = _ids(facts_doc, "facts")
    for index, fact in facts:
        checker.assertion_like(facts_doc, ("facts", index), fact, f"fact '{one_line(fact.id)}'")
    for doc, index, claim in claims.items:
        where = ("claims", index)
        if claim.source not in source_ids and claim.source not in written_sources:
            checker.unknown(doc, (*where, "source"), "source", claim.source, source_ids)
        if claim.topic not in vocabulary.topics:
            checker.unknown(doc, (*where, "topic"), "topic", claim.topic, vocabulary.topics)
        for n, assertion in enumerate(claim.assertions):
            checker.assertion_like(
                doc, (*where, "assertions", n), assertion, f"claim '{one_line(claim.id)}'"
            )
        fact_id = claim.support.fact
        if fact_id and fact_id not in known_facts and fact_id not in written_facts:
            checker.unknown(doc, (*where, "support", "fact"), "fact", fact_id, fact_ids)

    texts: dict[str, str] = {}
    for doc, index, source in sources.items:
        try:
            texts[source.id] = read_source(directory, source.path)
        except InputError as exc:
            reason = exc.problems[0].message
            label = f"source '{one_line(source.id)}': {reason}"
            problems.append(doc.problem(("sources", index, "path"), label))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.path, p.line, p.column)))

    claim_list = [c for _, _, c in claims.items]
    spans = {c.id: _find_quote(texts[c.source], c.quote) for c in claim_list}
    lines = {claim_id: line for claim_id, (line, _), _ in marks}
    quote_marks = {claim_id: quote for claim_id, _, quote in marks}
    entry_files = {
        c.id: relative[doc.path] for doc, _, c in claims.items if doc.path != main_claims
    }
    return KnowledgeBase(
        root=directory,
        vocabulary=vocabulary,
        sources={s.id: s for _, _, s in sources.items},
        claims=claim_list,
        facts=[f for _, f in facts],
        texts=texts,
        quote_spans=spans,
        claim_lines=lines,
        quote_marks=quote_marks,
        claim_files=entry_files,
    )


def _ids(doc: YamlDocument, key: str) -> set[str]:
    """The ids written in the list ``key`` of ``doc``, valid entries or not."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return set()
    return {str(i["id"]) for i in items if isinstance(i, dict) and i.get("id") is not None}


def read_source(directory: Path, path: str) -> str:
    """A source text, which must lie inside the knowledge-base directory: a ``path:`` is
    data, and must not make ketcheck read (and quote in KC301 messages) any file it likes."""
    base = directory.resolve()
    target = (directory / path).resolve()
    if not target.is_relative_to(base):
        raise InputError(
            [
                Problem(
                    path, 0, 0, f"path '{one_line(path)}' is outside the knowledge-base directory"
                )
            ]
        )
    return read_text(target, display_path(directory / path))


def _top_level(doc: YamlDocument, allowed: tuple[str, ...], problems: list[Problem]) -> None:
    """Unknown top-level keys are errors, as everywhere else in the knowledge base."""
    if not isinstance(doc.data, dict):
        return
    for key in doc.data:
        if key not in allowed:
            hint = did_you_mean(key, allowed)
            msg = f"unknown top-level key '{one_line(key)}'{hint} (allowed: {', '.join(allowed)})"
            problems.append(doc.problem((key,), msg))


def _find_quote(text: str, quote: str) -> tuple[int, int] | None:
    start = text.find(quote)
    return None if start < 0 else (start, start + len(quote))


CLOSEST_WORDS = 60  # a longer quote is matched (and its passage shown) by its first words
_CANDIDATES = 40  # windows compared closely, out of those sharing the most words


def closest_passage(text: str, quote: str) -> tuple[int, str]:
    """The passage of ``text`` most like ``quote`` (for KC301 messages): (offset, passage).

    Windows of the quote's length in words (one shorter, one longer too) are ranked by how
    many quote words they hold, in one pass; only the best few are compared character by
    character, so the cost is linear in the text and bounded in the quote.
    """
    words = list(re.finditer(r"\S+", text))
    quote_words = quote.split()[:CLOSEST_WORDS]
    n = len(quote_words)
    target = " ".join(quote_words).lower() if len(quote.split()) > CLOSEST_WORDS else quote.lower()
    wanted = {w.lower() for w in quote_words}
    hits = [1 if w.group().lower() in wanted else 0 for w in words]
    best = (0.0, 0, "")
    for size in {max(1, n - 1), max(1, n), n + 1}:
        count = max(1, len(words) - size + 1)
        scores, total = [], sum(hits[:size])
        for i in range(count):
            scores.append(total)
            if i + size < len(hits):
                total += hits[i + size] - hits[i]
        chosen = sorted(sorted(range(count), key=lambda i: -scores[i])[:_CANDIDATES])
        for i in chosen:
            chunk = words[i : i + size]
            if not chunk:
                continue
            start, end = chunk[0].start(), chunk[-1].end()
            candidate = text[start:end]
            ratio = difflib.SequenceMatcher(None, target, candidate.lower()).ratio()
            if ratio > best[0]:
                best = (ratio, start, candidate)
    return best[1], best[2]


# --- validation helpers -----------------------------------------------------------------------


_FRIENDLY = {
    "extra_forbidden": "unknown key (not allowed here)",
    "missing": "required key is missing",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "too_short": "must not be empty",
}


def _message(error: Any) -> str:  # a pydantic ErrorDetails
    kind = error["type"]
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"must be one of {expected}"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} does not have the required form"
    return _FRIENDLY.get(kind, error["msg"])


def _validate(
    doc: YamlDocument, model: type[BaseModel], loc: tuple, problems: list[Problem]
) -> Any:
    data = doc.data
    for key in loc:
        data = data[key]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = (*loc, *error["loc"])
            # pydantic appends the union branch name to the location; it is not a YAML key
            path = tuple(p for p in path if not (isinstance(p, str) and p.startswith("function-")))
            what = ".".join(str(p) for p in error["loc"]) or "document"
            problems.append(doc.problem(path, f"{what}: {_message(error)}"))
        return None


def _validate_list(
    doc: YamlDocument, key: str, model: type[Strict], problems: list[Problem]
) -> list[tuple[int, Any]]:
    if not isinstance(doc.data, dict) or key not in doc.data:
        problems.append(doc.problem((), f"top-level key '{key}' is missing"))
        return []
    items = doc.data[key]
    if not isinstance(items, list):
        problems.append(doc.problem((key,), f"'{key}' must be a list"))
        return []
    out = []
    for index, item in enumerate(items):
        label = item.get("id") if isinstance(item, dict) else None
        before = len(problems)
        value = _validate(doc, model, (key, index), problems)
        if label:
            for i in range(before, len(problems)):
                p = problems[i]
                problems[i] = Problem(
                    p.path, p.line, p.column, f"{key[:-1]} '{one_line(label)}': {p.message}"
                )
        if value is not None:
            out.append((index, value))
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Cross-reference checks that pydantic cannot do alone (ids, vocabulary, regexes)."""

    def __init__(self, vocabulary: Vocabulary, problems: list[Problem]):
        self.vocab = vocabulary
        self.problems = problems

    def unknown(
        self, doc: YamlDocument, loc: tuple, what: str, value: Any, known: Iterable
    ) -> None:
        known = list(known)
        shown = one_line(value)
        self.problems.append(
            doc.problem(loc, f"unknown {what} '{shown}'{did_you_mean(value, known)}")
        )

    def unique(self, key: str, items: list[tuple[YamlDocument, int, Any]]) -> None:
        seen: set[str] = set()
        for doc, index, item in items:
            if item.id in seen:
                self.problems.append(
                    doc.problem((key, index, "id"), f"duplicate id '{one_line(item.id)}'")
                )
            seen.add(item.id)

    def assertion_like(
        self, doc: YamlDocument, loc: tuple, item: Assertion | Fact, owner: str
    ) -> None:
        prefix = f"{owner}: "
        properties = self.vocab.properties
        prop = properties.get(item.property)
        if prop is None:
            hint = did_you_mean(item.property, properties)
            msg = f"{prefix}unknown property '{item.property}'{hint}"
            self.problems.append(doc.problem((*loc, "property"), msg))
            return
        if prop.kind is PropertyKind.numeric:
            if isinstance(item.value, str):
                msg = f"{prefix}property '{item.property}' is numeric: value must be a number"
                self.problems.append(doc.problem((*loc, "value"), msg))
        elif str(item.value) not in prop.values:
            value = str(item.value)
            msg = (
                f"{prefix}unknown value '{value}' for property '{item.property}'"
                f"{did_you_mean(value, prop.values)}"
            )
            self.problems.append(doc.problem((*loc, "value"), msg))
        for key in item.qualifiers:
            if key not in self.vocab.qualifier_keys:
                hint = did_you_mean(key, self.vocab.qualifier_keys)
                msg = f"{prefix}unknown qualifier '{key}'{hint}"
                self.problems.append(doc.problem((*loc, "qualifiers", key), msg))

    def vocabulary(self, doc: YamlDocument) -> None:
        for name, prop in self.vocab.properties.items():
            loc = ("properties", name)
            if prop.topic not in self.vocab.topics:
                self.unknown(doc, (*loc, "topic"), "topic", prop.topic, self.vocab.topics)
            for key in prop.qualifiers:
                if key not in self.vocab.qualifier_keys:
                    self.unknown(
                        doc, (*loc, "qualifiers"), "qualifier", key, self.vocab.qualifier_keys
                    )
            for value_name, value in prop.values.items():
                for other in value.excludes:
                    if other not in prop.values:
                        where = (*loc, "values", value_name, "excludes")
                        self.unknown(doc, where, f"value of '{name}'", other, prop.values)
            if prop.kind is PropertyKind.numeric and prop.unit is None:
                self.problems.append(doc.problem(loc, f"numeric property '{name}' needs a unit"))
            for n, pattern in enumerate(prop.patterns):
                self._regex(doc, (*loc, "patterns", n, "regex"), pattern.regex)
            for n, misnomer in enumerate(prop.misnomers):
                self._regex(doc, (*loc, "misnomers", n, "regex"), misnomer.regex)
        cues = self.vocab.cues
        for key in ("statistics", "citation_markers"):
            for n, regex in enumerate(getattr(cues, key)):
                self._regex(doc, ("cues", key, n), regex)

    def _regex(self, doc: YamlDocument, loc: tuple, regex: str) -> None:
        try:
            re.compile(regex)
        except re.error as exc:
            self.problems.append(doc.problem(loc, f"invalid regular expression: {exc}"))
