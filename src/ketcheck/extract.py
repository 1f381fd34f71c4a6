"""Free text → structured assertions, driven entirely by the vocabulary.

Most text carries no claim, so the whole document is scanned once with one trie-compiled
regex of every value phrase (plus each property's own patterns), and sentences are cut only
around the hits. Each hit is then read in its sentence:

- **subject**: the sentence (or, for a short list item, the text just before it) must name the
  vocabulary's subject, so "opioids lower blood pressure" is not read as a claim about it;
- **trigger**: properties marked ``needs_trigger`` also need one of their own aliases nearby
  ("approved" for FDA-approved uses), because their values are common words;
- **polarity** (NegEx): a pre-negation cue within a few words before the hit, or a
  post-negation cue after it, in the same clause (scope ends at terminators such as "but",
  ";"), negates it; pseudo-negations ("not only", "no doubt") do not;
- **hedges** ("may", "some studies suggest") mark the assertion as hedged;
- **reported speech** ("it is a myth that…", "is often referred to as…") marks statements the
  article does not make itself.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, cast

from ketcheck.language import ClauseCues, Reading, parse_sentences, read_value
from ketcheck.language.parser import ParserUnavailable
from ketcheck.models import (
    Assertion,
    Polarity,
    Property,
    PropertyKind,
    Support,
    SupportKind,
    Vocabulary,
    normalise_space,
)
from ketcheck.phrases import phrase_key, phrase_regex
from ketcheck.text import Document, iter_sentences, sentence_span

_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
NUMBER_WORDS = {word: str(n) for n, word in enumerate(_WORDS.split())}
# English verbs that show a noun is the subject of its clause ("Methadone is ...").
_SUBJECT_VERB = (
    r"(?:\s*,[^,]{0,40},)?\s+(?:\w+ly\s+)?(?:is|are|was|were|has|have|had|can|could|may|might|"
    r"will|does|do|did|acts?|works?|remains?|blocks?|activates?|binds?|causes?|lowers?|"
    r"raises?|reduces?|increases?|decreases?|produces?|slows?|treats?|helps?)\b"
)
# Statements about the past: "(moved) from Class C to Class B", "before 1999 it was ...".
_FROM_VALUE = re.compile(r"\bfrom\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_TO_LATER = re.compile(r"^[^.;]*?\bto\b", re.IGNORECASE)
_BEFORE_YEAR = re.compile(
    r"\b(?:before|until|till|prior\s+to|up\s+to)\s+(?:(?:the\s+)?(?:early|late|mid)\s+)?(?:19|20)\d{2}s?\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"[“\"]([^”\"]{8,})[”\"]")
NEGATION_WINDOW = 6  # words before a hit that a pre-negation cue may stand in (NegEx uses 5-6)
SUBJECT_LOOKBACK = 1200  # characters before a sentence searched for the subject it continues
MAX_PARSED_SENTENCE = 1500  # characters; longer "sentences" (lists, tables) are read by cues alone


@dataclass(frozen=True)
class Hit:
    """One place where the text names a property value."""

    prop: str
    value: str | float
    start: int  # offsets in Document.text
    end: int
    qualifiers: tuple[tuple[str, str], ...] = ()
    polarity: Polarity = Polarity.affirmed
    requires: tuple[str, ...] = ()  # qualifier keys the sentence must supply
    patterned: bool = False  # found by a property pattern, whose match may span a negation


@dataclass(frozen=True)
class Statement:
    """An assertion found in free text, read in its sentence."""

    assertion: Assertion
    start: int  # the hit, offsets in Document.text
    end: int
    sentence_start: int
    sentence_end: int
    sentence: str  # markup-free, white space collapsed
    support: Support
    reported: bool
    possible: bool = False  # "can cause", "may raise": a possible effect, not the typical one
    frequency: str | None = None  # "rare" ("in rare cases") or "common"
    past: bool = False  # the clause is in the past tense
    year: int | None = None  # the year the clause names ("in 2006 it became Class C")


class Extractor:
    """Compiled extraction machinery for one vocabulary; build once, use for many documents."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self._by_phrase: dict[str, list[tuple[str, str]]] = {}
        for name, prop in vocabulary.properties.items():
            for value_name, value in prop.values.items():
                for alias in value.aliases:
                    self._by_phrase.setdefault(phrase_key(alias), []).append((name, value_name))
        phrases = [
            alias
            for prop in vocabulary.properties.values()
            for value in prop.values.values()
            for alias in value.aliases
        ]
        self._values = phrase_regex(phrases)
        self._patterns = [
            (name, pattern, re.compile(pattern.regex, re.IGNORECASE))
            for name, prop in vocabulary.properties.items()
            for pattern in prop.patterns
        ]
        self._subject = phrase_regex([vocabulary.subject, *vocabulary.subject_aliases])
        # another subject counts only where it is the subject of its clause (followed by a verb):
        # "ketamine reduced cocaine use" is still about ketamine
        others = phrase_regex(vocabulary.other_subjects).pattern
        self._other_subject = re.compile(f"(?:{others}){_SUBJECT_VERB}", re.IGNORECASE)
        self._triggers = {
            name: phrase_regex(prop.aliases)
            for name, prop in vocabulary.properties.items()
            if prop.needs_trigger
        }
        self._qualifier_of: dict[str, tuple[str, str]] = {}
        for key, cue_values in vocabulary.qualifier_cues.items():
            for cue_value, phrases in cue_values.items():
                for phrase in phrases:
                    self._qualifier_of.setdefault(phrase_key(phrase), (key, cue_value))
        self._qualifiers = phrase_regex(
            [
                p
                for values in vocabulary.qualifier_cues.values()
                for ps in values.values()
                for p in ps
            ]
        )
        cues = vocabulary.cues
        self._pre_negation = phrase_regex(cues.pre_negation)
        self._post_negation = phrase_regex(cues.post_negation)
        self._pseudo_negation = phrase_regex(cues.pseudo_negation)
        self._terminators = phrase_regex(cues.scope_terminators)
        self._hedges = phrase_regex(cues.hedges)
        self._reported = phrase_regex(cues.reported_speech)
        self._refutations = phrase_regex(cues.refutations)
        self._attributions = phrase_regex(cues.attributions)
        self._statistics = [re.compile(r, re.IGNORECASE) for r in cues.statistics]
        self._vague = phrase_regex(cues.vague_attributions)
        self._citations = [re.compile(r, re.IGNORECASE) for r in cues.citation_markers]
        self._clause_cues = _clause_cues(vocabulary)
        # phrases of several words that do not negate a verb ("no evidence that", "free of");
        # "is not", "does not" are read on the predicate itself
        phrases = [
            c
            for c in cues.pre_negation
            if " " in c.strip()
            and not {"not", "n't"} & set(c.lower().replace("n't", " n't").split())
        ]
        self._negation_phrases = phrase_regex(phrases) if phrases else None
        self._named_other = phrase_regex(vocabulary.other_subjects)

    # --- hits ---------------------------------------------------------------------------------

    def hits(self, text: str) -> list[Hit]:
        """Every place ``text`` names a property value, in text order, overlaps resolved."""
        found: list[Hit] = []
        for match in self._values.finditer(text):
            for prop, value in self._by_phrase.get(phrase_key(match.group()), ()):
                found.append(Hit(prop, value, match.start(), match.end()))
        for prop, pattern, regex in self._patterns:
            for match in regex.finditer(text):
                said = self._pattern_value(self.vocabulary.properties[prop], pattern, match)
                if said is None:
                    continue
                found.append(
                    Hit(
                        prop,
                        said,
                        match.start(),
                        match.end(),
                        tuple(pattern.qualifiers.items()),
                        Polarity(pattern.polarity),
                        tuple(pattern.requires),
                        patterned=True,
                    )
                )
        return _drop_shadowed(sorted(found, key=lambda h: (h.start, -(h.end - h.start))))

    def _pattern_value(self, prop: Property, pattern, match: re.Match[str]) -> str | float | None:
        groups = match.groupdict()
        if prop.kind is PropertyKind.numeric:
            number = groups.get("number") or pattern.value
            if number is None:
                return None
            factor = 1.0
            unit = (groups.get("unit") or "").lower().strip()
            if unit:
                factor = prop.units.get(unit, prop.units.get(unit.rstrip("s"), 1.0))
            number = NUMBER_WORDS.get(number.lower(), number.replace(",", ""))
            return float(number) * factor
        if pattern.value is not None:
            return pattern.value
        said = groups.get("value")
        if said is None:
            return None
        for candidate, value in prop.values.items():
            if phrase_key(said) in {phrase_key(a) for a in (candidate, *value.aliases)}:
                return candidate
        return None

    # --- statements ---------------------------------------------------------------------------

    def statements(self, doc: Document) -> list[Statement]:
        """The document's assertions about the subject, one per hit, in text order."""
        text = doc.text
        out: list[Statement] = []
        hits = self.hits(text)
        sentences = _Sentences(doc)
        context: dict[tuple[int, int], _SentenceContext] = {}
        whole = [sentences.around(hit.start, hit.end) for hit in hits]
        spans = [_bounded(text, span, hit) for span, hit in zip(whole, hits, strict=True)]
        # a window of a run-on "sentence" is read by the cues alone: parsing overlapping
        # windows would parse the same text many times
        windows = {b for a, b in zip(whole, spans, strict=True) if a != b}
        for s_start, s_end in spans:
            if (s_start, s_end) not in context:
                ctx = self._context(doc, s_start, s_end)
                before = sentences.before(s_start)
                if before is not None and _same_paragraph(doc, before[1], s_start):
                    known = context.get(before)
                    carried = known.qualifiers if known else self._qualifiers_in(text, *before)
                    ctx = self._carry(ctx, carried)
                context[(s_start, s_end)] = ctx
        # parse only what the scan cannot rule out: a sentence that names the subject, or
        # whose hits the text around them could make claims about it
        worth = [
            not context[span].question
            and span not in windows
            and (
                bool(context[span].named) or self._about_subject(context[span], hit.start - span[0])
            )
            for hit, span in zip(hits, spans, strict=True)
        ]
        parsed = self._parse(
            text,
            [h for h, w in zip(hits, worth, strict=True) if w],
            [s for s, w in zip(spans, worth, strict=True) if w],
        )
        by_sentence: dict[tuple[int, int], list[Hit]] = {}
        for hit, span in zip(hits, spans, strict=True):
            by_sentence.setdefault(span, []).append(hit)
        for hit, (s_start, s_end) in zip(hits, spans, strict=True):
            sentence = text[s_start:s_end]
            ctx = context[(s_start, s_end)]
            rel_start, rel_end = hit.start - s_start, hit.end - s_start
            if ctx.question:
                continue
            values = [(h.start - s_start, h.end - s_start) for h in by_sentence[(s_start, s_end)]]
            reading = self._read(
                parsed.get((s_start, s_end)), rel_start, rel_end, hit.patterned, values
            )
            if (
                reading is not None
                and reading.role == "modifier"
                and _is_predicate_phrase(hit, text)
            ):
                # a pattern or a phrase of three or more words spells out a whole predicate
                # ("activates opioid receptors"): if the parse makes it a modifier, the parse
                # is the likelier mistake
                reading = None
            if not self._is_about_subject(reading, ctx, rel_start):
                continue
            prop = self.vocabulary.properties[hit.prop]
            if hit.prop in self._triggers:
                # the trigger must be in the value's own clause: "used off-label for
                # depression; its approval covers only anesthesia" approves no depression use
                lo, hi = reading.clause if reading is not None else (0, len(sentence))
                if not self._triggers[hit.prop].search(sentence, lo, hi):
                    continue
            polarity = hit.polarity
            if reading is not None:
                # a negation phrase ahead of the value in its clause ("there is no evidence
                # that ...") negates it even where the parse attaches it elsewhere
                lo = reading.clause[0]
                negated = reading.negated or bool(
                    self._negation_phrases
                    and lo < rel_start
                    and self._negation_phrases.search(sentence, lo, rel_start)
                )
            else:  # no parse: NegEx cues (a pattern's match may hold the negation itself)
                negated = self._negated(sentence, rel_start, rel_end, inside=hit.patterned)
            if negated:
                polarity = Polarity.negated if polarity is Polarity.affirmed else Polarity.affirmed
            qualifiers = dict(hit.qualifiers)
            for key_name, value in ctx.qualifiers:
                if key_name in prop.qualifiers and key_name not in qualifiers:
                    qualifiers[key_name] = value
            if any(key_name not in qualifiers for key_name in hit.requires):
                continue
            assertion = Assertion(
                property=hit.prop,
                value=hit.value,
                unit=prop.unit if prop.kind is PropertyKind.numeric else None,
                polarity=polarity,
                hedged=ctx.hedged,
                qualifiers=qualifiers,
            )
            out.append(
                Statement(
                    assertion=assertion,
                    start=hit.start,
                    end=hit.end,
                    sentence_start=s_start,
                    sentence_end=s_end,
                    sentence=ctx.normalised,
                    support=ctx.support,
                    reported=self._is_reported(sentence, ctx, rel_start, rel_end),
                    possible=bool(reading and reading.possible),
                    frequency=reading.frequency if reading else None,
                    past=bool(reading and reading.past),
                    year=reading.year if reading else None,
                )
            )
        out.extend(self._carriers(doc, sentences, context, out))
        return sorted(out, key=lambda st: (st.start, st.end))

    def _parse(
        self, text: str, hits: list[Hit], spans: list[tuple[int, int]]
    ) -> dict[tuple[int, int], object]:
        """Parse each sentence that holds a hit once, with its value phrases kept whole."""
        merges: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for hit, span in zip(hits, spans, strict=True):
            todo = merges.setdefault(span, [])
            if not hit.patterned and span[0] <= hit.start and hit.end <= span[1]:
                todo.append((hit.start - span[0], hit.end - span[0]))
        keys = list(merges)  # sentences, or windows no longer than MAX_PARSED_SENTENCE
        squeezed = [_Squeezed(text[a:b]) for a, b in keys]
        items = [
            (sq.text, [(sq.fwd[x], sq.fwd[y]) for x, y in merges[k]])
            for sq, k in zip(squeezed, keys, strict=True)
        ]
        try:
            docs = parse_sentences(items)
        except ParserUnavailable:
            return {}
        return {k: (doc, sq) for k, doc, sq in zip(keys, docs, squeezed, strict=True)}

    def _is_about_subject(self, reading: Reading | None, ctx: _SentenceContext, at: int) -> bool:
        """The parse decides where it can; where the clause names no subject of its own (a
        pronoun, a heading, a list item), the text around it does."""
        if reading is None:
            return self._about_subject(ctx, at)
        if reading.role == "modifier" or reading.subject in ("other", "unknown"):
            return False
        return reading.subject == "ours" or self._about_subject(ctx, at)

    def _read(
        self,
        parsed: object,
        start: int,
        end: int,
        patterned: bool,
        values: list[tuple[int, int]],
    ) -> Reading | None:
        if parsed is None:
            return None
        doc, sq = cast("tuple[Any, _Squeezed]", parsed)
        reading = read_value(
            doc,
            sq.fwd[start],
            sq.fwd[end],
            self._clause_cues,
            lambda t: bool(self._subject.search(t)),
            lambda t: bool(self._named_other.search(t)),
            whole_match=patterned,
            values=[(sq.fwd[a], sq.fwd[b]) for a, b in values],
        )
        if reading is None:
            return None
        lo, hi = reading.clause
        return dataclasses.replace(reading, clause=(sq.back[lo], sq.back[hi]))

    def _carriers(
        self,
        doc: Document,
        sentences: _Sentences,
        context: dict[tuple[int, int], _SentenceContext],
        found: list[Statement],
    ) -> list[Statement]:
        """Statements for sentences with a figure, a named study or a vague attribution but no
        recognised property, so the sentence-level checks (KC201-KC203) still see them."""
        carrier = self.vocabulary.statement_property
        if carrier is None or carrier not in self.vocabulary.properties:
            return []
        value = next(iter(self.vocabulary.properties[carrier].values), None)
        if value is None:
            return []
        covered = {(st.sentence_start, st.sentence_end) for st in found}
        cues = [m for r in (*self._statistics, *self._citations) for m in r.finditer(doc.text)]
        cues += list(self._vague.finditer(doc.text))
        out = []
        for match in sorted(cues, key=lambda m: m.start()):
            span = sentences.around(match.start(), match.end())
            if span in covered:
                continue
            covered.add(span)
            ctx = context.get(span) or self._context(doc, *span)
            rel = match.start() - span[0]
            if ctx.question or not self._about_subject(ctx, rel):
                continue
            sentence = doc.text[span[0] : span[1]]
            out.append(
                Statement(
                    assertion=Assertion(property=carrier, value=value, hedged=ctx.hedged),
                    start=match.start(),
                    end=match.end(),
                    sentence_start=span[0],
                    sentence_end=span[1],
                    sentence=ctx.normalised,
                    support=ctx.support,
                    reported=self._is_reported(sentence, ctx, rel, match.end() - span[0]),
                )
            )
        return out

    def _context(self, doc: Document, start: int, end: int) -> _SentenceContext:
        """What holds for every hit in one sentence (computed once per sentence)."""
        sentence = doc.text[start:end]
        named = [m.start() for m in self._subject.finditer(sentence)]
        others = [m.start() for m in self._other_subject.finditer(sentence)]
        before = doc.text[max(0, start - SUBJECT_LOOKBACK) : start]
        last_named = max((m.start() for m in self._subject.finditer(before)), default=-1)
        last_other = max((m.start() for m in self._other_subject.finditer(before)), default=-1)
        return _SentenceContext(
            named=tuple(named),
            others=tuple(others),
            continues_subject=last_named > last_other,
            question=sentence.rstrip().rstrip("\"'”’)").endswith("?"),
            quotations=tuple(m.span() for m in _QUOTATION.finditer(sentence)),
            attributed=bool(self._attributions.search(sentence)),
            qualifiers=self._qualifiers_in(doc.text, start, end),
            hedged=bool(self._hedges.search(sentence)),
            support=self.support(doc, start, end),
            normalised=normalise_space(sentence),
        )

    def _qualifiers_in(self, text: str, start: int, end: int) -> tuple[tuple[str, str], ...]:
        found: dict[str, str] = {}
        for match in self._qualifiers.finditer(text, start, end):
            key_name, value = self._qualifier_of[phrase_key(match.group())]
            found.setdefault(key_name, value)  # the first mention of each qualifier counts
        return tuple(found.items())

    def _carry(
        self, ctx: _SentenceContext, before: tuple[tuple[str, str], ...]
    ) -> _SentenceContext:
        """``ctx`` with the carried qualifiers it lacks taken from the sentence before."""
        own = dict(ctx.qualifiers)
        taken = {
            key: value
            for key, value in before
            if key in self.vocabulary.carried_qualifiers and key not in own
        }
        if not taken:
            return ctx
        return dataclasses.replace(ctx, qualifiers=tuple({**own, **taken}.items()))

    def support(self, doc: Document, start: int, end: int) -> Support:
        """What a sentence offers as support: a link or DOI, a named study, a vague attribution."""
        sentence = doc.text[start:end]
        original = doc.original[doc.original_offset(start) : doc.original_offset(end)]
        if re.search(r"https?://|\bdoi(?:\.org/|:\s*)10\.|\bPMID:?\s*\d", original, re.I):
            return Support(kind=SupportKind.citation, text=normalise_space(sentence))
        for regex in self._citations:
            match = regex.search(sentence)
            if match:
                return Support(kind=SupportKind.named_study, text=normalise_space(match.group()))
        match = self._vague.search(sentence)
        if match:
            return Support(kind=SupportKind.vague, text=normalise_space(match.group()))
        return Support()

    @staticmethod
    def _about_subject(ctx: _SentenceContext, offset: int) -> bool:
        """Whether the statement at ``offset`` of its sentence is about the subject.

        The nearest subject named before it decides ("..., while heroin is Schedule I" is about
        heroin); a sentence that names none continues the text before it ("The immediate
        effects are...") or is a list item under a heading that named it.
        """
        named = max((p for p in ctx.named if p < offset), default=-1)
        other = max((p for p in ctx.others if p < offset), default=-1)
        if named >= 0 or other >= 0:
            return named > other
        if ctx.named:  # named only after the statement: "Elevated pressure is common with it"
            return True
        if ctx.others:
            return False
        return ctx.continues_subject

    def _negated(self, sentence: str, start: int, end: int, inside: bool = False) -> bool:
        """NegEx: a pre-negation cue reaching into the few words before the hit (or, with
        ``inside``, within a pattern's own match: "is not an opioid"), or a post-negation cue
        after it, in the same clause."""
        scope_start = 0
        for match in self._terminators.finditer(sentence, 0, start):
            scope_start = match.end()
        before = sentence[scope_start:start]
        window_start = _start_of_last_words(before, NEGATION_WINDOW)
        pseudo = [m.span() for m in self._pseudo_negation.finditer(before)]
        for match in self._pre_negation.finditer(before):
            if match.end() > window_start and not any(a <= match.start() < b for a, b in pseudo):
                return True
        if inside and self._pre_negation.search(sentence, start, end):
            return True
        scope_end = len(sentence)
        terminator = self._terminators.search(sentence, end)
        if terminator:
            scope_end = terminator.start()
        return bool(self._post_negation.search(sentence, end, scope_end))

    def _is_reported(self, sentence: str, ctx: _SentenceContext, start: int, end: int) -> bool:
        """Not the article's own statement about the present: reported to refute it ("it is a
        myth that ...", "..., but that is wrong"), quoted from someone the sentence names, or
        about the past ("before 1999 ...", the old value in "from Class C to Class B")."""
        if any(m.start() < start for m in self._reported.finditer(sentence)):
            return True
        if self._refutations.search(sentence, end):
            return True
        if _BEFORE_YEAR.search(sentence):  # a statement about how things were
            return True
        if _FROM_VALUE.search(sentence[:start]) and _TO_LATER.search(sentence[end:]):
            return True  # the old value of a change ("from Class C to Class B")
        return ctx.attributed and any(a <= start < b for a, b in ctx.quotations)


@dataclass(frozen=True)
class _SentenceContext:
    named: tuple[int, ...]  # where the sentence names the subject
    others: tuple[int, ...]  # where another subject is the subject of a clause
    continues_subject: bool  # the text just before last named ours, not another
    question: bool
    quotations: tuple[tuple[int, int], ...]
    attributed: bool
    qualifiers: tuple[tuple[str, str], ...]
    hedged: bool
    support: Support
    normalised: str


class _Sentences:
    """Sentence spans of a document, found lazily and looked up by offset."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    def around(self, start: int, end: int) -> tuple[int, int]:
        if self._spans is None:
            self._spans = list(iter_sentences(self.doc))
            self._starts = [s for s, _ in self._spans]
        i = bisect_right(self._starts, start) - 1
        if i >= 0:
            s, e = self._spans[i]
            if s <= start and end <= e:
                return s, e
        return sentence_span(self.doc, start, end)  # a hit across a sentence end

    def before(self, start: int) -> tuple[int, int] | None:
        """The sentence that ends before offset ``start``."""
        if self._spans is None:
            self.around(start, start)
        assert self._spans is not None
        i = bisect_right(self._starts, start) - 2
        return self._spans[i] if i >= 0 else None


def _same_paragraph(doc: Document, end: int, start: int) -> bool:
    """No blank line or block boundary between offset ``end`` and offset ``start``."""
    between = doc.text[end:start]
    if re.search(r"\n[ \t]*\n", between):
        return False
    i = bisect_right(doc.breaks, end)
    return not (i < len(doc.breaks) and doc.breaks[i] <= start)


def _start_of_last_words(text: str, count: int) -> int:
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    return starts[-count] if len(starts) >= count else 0


def _drop_shadowed(hits: list[Hit]) -> list[Hit]:
    """Where hits of one property overlap, keep the longest (the hits arrive longest first)."""
    kept: list[Hit] = []
    for hit in hits:
        shadowed = any(
            k.prop == hit.prop
            and (
                (k.start <= hit.start and hit.end <= k.end)
                or (k.value == hit.value and k.start < hit.end and hit.start < k.end)
            )
            for k in kept[-8:]
        )
        if not shadowed:
            kept.append(hit)
    return kept


def _clause_cues(vocabulary: Vocabulary) -> ClauseCues:
    cues = vocabulary.cues
    single = frozenset(c.lower() for c in cues.pre_negation if " " not in c.strip())
    suffixes = [re.escape(x) for x in cues.modifier_suffixes]
    return ClauseCues(
        negations=single,
        pseudo_negations=tuple(p.lower() for p in cues.pseudo_negation),
        negating_verbs=frozenset(v.lower() for v in cues.negating_verbs),
        possibility=frozenset(v.lower() for v in cues.possibility),
        rare=phrase_regex(cues.rare_frequency) if cues.rare_frequency else None,
        common=phrase_regex(cues.common_frequency) if cues.common_frequency else None,
        generic_heads=frozenset(v.lower() for v in cues.generic_heads),
        references=frozenset(v.lower() for v in cues.subject_references),
        modifier_suffix=re.compile(rf"(?:{'|'.join(suffixes)})\b", re.IGNORECASE)
        if suffixes
        else None,
    )


class _Squeezed:
    """A sentence with runs of white space (blanked markup, line breaks) made single spaces,
    as the parser was trained on, and the offset maps both ways."""

    def __init__(self, sentence: str):
        chars: list[str] = []
        self.fwd: list[int] = []  # sentence offset -> squeezed offset (one past the end too)
        self.back: list[int] = []  # squeezed offset -> sentence offset
        for i, char in enumerate(sentence):
            self.fwd.append(len(chars))
            if char.isspace():
                if chars and chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            self.back.append(i)
        self.fwd.append(len(chars))
        self.back.append(len(sentence))
        self.text = "".join(chars)


def _is_predicate_phrase(hit: Hit, text: str) -> bool:
    return hit.patterned or len(text[hit.start : hit.end].split()) >= 3


def _bounded(text: str, span: tuple[int, int], hit: Hit) -> tuple[int, int]:
    """The hit's sentence, or, where a "sentence" runs on past what any sentence is (a list, a
    table, text without stops), a window of it around the hit: each hit is then read in a
    bounded stretch of text, so the cost stays linear in the document's length."""
    start, end = span
    if end - start <= MAX_PARSED_SENTENCE:
        return span
    half = MAX_PARSED_SENTENCE // 4
    lo = max(start, hit.start - half)
    hi = min(end, hit.end + half)
    # move the edges to white space, so no word is cut
    space = text.rfind(" ", start, lo + 1)
    lo = space + 1 if space > start and lo - space < 40 else lo
    space = text.find(" ", hi, end)
    hi = space if 0 <= space - hi < 40 else hi
    return lo, hi
