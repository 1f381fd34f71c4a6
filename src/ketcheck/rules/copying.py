"""Near-duplicate sentences between source texts: copied text is not independent evidence.

Each text is cut into sentences (at ``.``/``!``/``?`` before a capital, and at line breaks).
A sentence is reduced to its content words: lower-cased, stop words dropped, a plural ``s``
folded; sentences with fewer than :data:`MIN_WORDS` content words are skipped.

Two sentences from different sources are a copy when the runs of at least
:data:`MIN_RUN` consecutive content words they share, in the same order
(:class:`difflib.SequenceMatcher` matching blocks), cover at least :data:`THRESHOLD` of the
shorter sentence's content words. Requiring runs, not loose words, keeps sentences that merely
share a topic apart, while light rewording survives: in “got ketamine through an IV for 5 days,
in addition to 5 weeks of mindfulness relapse prevention therapy” / “received a ketamine
infusion through an IV for 5 days, alongside mindfulness relapse prevention therapy (for 5
weeks)” the runs “people cocaine addiction”, “through iv 5 day” and “mindfulness relapse
prevention therapy” cover 11 of the shorter sentence's 16 content words (0.69); on the shipped
sources the next most similar pair scores 0.5.

Speed: sentences are indexed by their content-word bigrams, and only pairs sharing at least
two bigrams are compared (a pair below that cannot reach the threshold); bigrams found in more
than :data:`MAX_POSTINGS` sentences are skipped as uninformative.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations, pairwise

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Claim
from ketcheck.rules.base import per_kb

MIN_WORDS = 6
MIN_RUN = 2
MIN_SHARED_BIGRAMS = 2
MAX_POSTINGS = 50
THRESHOLD = 0.6

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"“'‘(]?[A-Z0-9])|\n")
_ABBREVIATION_WORDS = "dr mr mrs ms prof st vs etc al fig no approx inc ltd jr sr e.g i.e"
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = (
    "a an and are as at be been but by for from had has have he her his in into is it its of on "
    "or our she so that the their them then there these they this to was were which while who "
    "will with you your"
)
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class Sentence:
    source: str
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # content words, folded


@dataclass(frozen=True)
class CopiedPair:
    """Two sentences from different sources, one a near-copy of the other."""

    first: Sentence  # from the source listed earlier in the knowledge base
    second: Sentence
    score: float  # share of the shorter sentence's content words in shared runs


def _fold(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: cut at line breaks and at end punctuation before a capital or digit,
    but not after an abbreviation ("Dr.", "et al.") or a single letter ("U.S.")."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n":
            before = text[start : match.start()].split()
            word = before[-1].lower().rstrip(".") if before else ""
            if word in _ABBREVIATIONS or len(word.replace(".", "")) == 1:
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=64)
def sentences(source: str, text: str) -> list[Sentence]:
    """The sentences of ``text`` long enough to compare, with their offsets.

    Cached: linting compares every document with the same knowledge-base texts.
    """
    out = []
    for begin, end in _spans(text):
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start = begin + chunk.index(stripped[0])
        words = tuple(_fold(w) for w in _WORD.findall(stripped.lower()) if w not in _STOP)
        if len(words) >= MIN_WORDS:
            out.append(Sentence(source, start, start + len(stripped), stripped, words))
    return out


def _bigrams(words: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def similarity(left: Sentence, right: Sentence) -> float:
    """Share of the shorter sentence's content words in runs both share, in order."""
    matcher = SequenceMatcher(None, left.words, right.words, autojunk=False)
    shared = sum(b.size for b in matcher.get_matching_blocks() if b.size >= MIN_RUN)
    return shared / min(len(left.words), len(right.words))


@per_kb
def copied_pairs(kb: KnowledgeBase) -> list[CopiedPair]:
    """Every pair of near-duplicate sentences between two different sources."""
    order = {sid: n for n, sid in enumerate(kb.sources)}
    all_sentences = [s for sid in kb.sources for s in sentences(sid, kb.texts.get(sid, ""))]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, sentence in enumerate(all_sentences):
        for bigram in _bigrams(sentence.words):
            postings[bigram].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for hits in postings.values():
        if len(hits) > MAX_POSTINGS:
            continue
        for i, j in combinations(hits, 2):
            if all_sentences[i].source != all_sentences[j].source:
                shared[(i, j)] += 1
    pairs = []
    for (i, j), count in shared.items():
        if count < MIN_SHARED_BIGRAMS:
            continue
        left, right = all_sentences[i], all_sentences[j]
        score = similarity(left, right)
        if score >= THRESHOLD:
            first, second = sorted((left, right), key=lambda s: (order[s.source], s.start))
            pairs.append(CopiedPair(first, second, score))
    return sorted(pairs, key=lambda p: (order[p.first.source], p.first.start, p.second.start))


@per_kb
def _located_claims(kb: KnowledgeBase) -> dict[str, list[tuple[int, int, Claim]]]:
    by_source: dict[str, list[tuple[int, int, Claim]]] = defaultdict(list)
    for claim in kb.claims:
        span = kb.quote_spans.get(claim.id)
        if span:
            by_source[claim.source].append((span[0], span[1], claim))
    return by_source


def claims_in(kb: KnowledgeBase, sentence: Sentence) -> list[Claim]:
    """The claims whose quotes overlap ``sentence``."""
    return [
        claim
        for start, end, claim in _located_claims(kb).get(sentence.source, ())
        if start < sentence.end and end > sentence.start
    ]


@per_kb
def copied_claims(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Claim id -> ids of claims in other sources that sit in text copied with it."""
    links: dict[str, set[str]] = defaultdict(set)
    for pair in copied_pairs(kb):
        left, right = claims_in(kb, pair.first), claims_in(kb, pair.second)
        for a in left:
            for b in right:
                links[a.id].add(b.id)
                links[b.id].add(a.id)
    return dict(links)


@per_kb
def copying_sources(kb: KnowledgeBase) -> set[frozenset[str]]:
    """Pairs of sources that share at least one copied sentence."""
    return {frozenset((p.first.source, p.second.source)) for p in copied_pairs(kb)}
