"""The vocabulary's cue lists, compiled once per knowledge base and matched against claim text.

Phrase cues (hedges, vague attributions, certainty, negation) match as whole words, ignoring
case, with any run of spaces between their words; regex cues (statistics, citation markers)
are searched as written, ignoring case. Curly quotes match straight ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ketcheck.kb import KnowledgeBase

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_CLAUSE_END = re.compile(r"[,;:.!?()]")
_NEGATION_WINDOW = 4  # words before a cue that a negation may stand in ("not a guaranteed cure")


def plain(text: str) -> str:
    """``text`` with curly quotes made straight (same length, so offsets still hold)."""
    return text.translate(_QUOTES)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of ``phrases`` as whole words; longest phrase first."""
    alternatives = sorted({plain(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alternatives)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)


@dataclass(frozen=True)
class CueSet:
    hedges: re.Pattern[str] | None
    vague_attributions: re.Pattern[str] | None
    certainty: re.Pattern[str] | None
    pre_negation: re.Pattern[str] | None
    pseudo_negation: re.Pattern[str] | None
    reported_speech: re.Pattern[str] | None
    statistics: tuple[re.Pattern[str], ...]
    citation_markers: tuple[re.Pattern[str], ...]
    # Many claims share one sentence (lint makes a claim per hit): answer each text once.
    _memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def _cached(self, kind: str, text: str, compute):
        key = (kind, text)
        if key not in self._memo:
            if len(self._memo) > 20_000:
                self._memo.clear()
            self._memo[key] = compute(text)
        return self._memo[key]

    def statistic(self, text: str) -> re.Match[str] | None:
        return self._cached("statistic", text, lambda t: first_match(self.statistics, t))

    def citation_marker(self, text: str) -> re.Match[str] | None:
        return self._cached("citation", text, lambda t: first_match(self.citation_markers, t))

    def vague_attribution(self, text: str) -> re.Match[str] | None:
        if not self.vague_attributions:
            return None
        pattern = self.vague_attributions
        return self._cached("vague", text, lambda t: pattern.search(plain(t)))

    def certainties(self, text: str) -> list[re.Match[str]]:
        """Certainty cues in ``text`` that no negation just before them takes back."""
        if self.certainty is None:
            return []
        pattern = self.certainty

        def compute(raw: str) -> list[re.Match[str]]:
            folded = plain(raw)
            return [m for m in pattern.finditer(folded) if not self.negated(folded, m.start())]

        return self._cached("certainty", text, compute)

    def negated(self, text: str, start: int) -> bool:
        """Whether a negation cue stands in the few words before ``start``, in the same clause."""
        if self.pre_negation is None:
            return False
        before = _CLAUSE_END.split(text[:start])[-1]
        window = " ".join(before.split()[-_NEGATION_WINDOW:])
        if self.pseudo_negation is not None:
            window = self.pseudo_negation.sub(" ", window)
        return self.pre_negation.search(window) is not None


def first_match(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    text = plain(text)
    found = [m for p in patterns if (m := p.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


_CUE_SETS: dict[int, tuple[object, CueSet]] = {}


def cue_set(kb: KnowledgeBase) -> CueSet:
    """The compiled cues of the knowledge base's vocabulary (compiled once per vocabulary:
    lint builds a knowledge base per document, all sharing one vocabulary)."""
    cues = kb.vocabulary.cues
    known = _CUE_SETS.get(id(cues))
    if known is not None and known[0] is cues:
        return known[1]
    compiled = _compile(cues)
    _CUE_SETS[id(cues)] = (cues, compiled)
    return compiled


def _compile(cues) -> CueSet:
    return CueSet(
        hedges=phrase_pattern(cues.hedges),
        vague_attributions=phrase_pattern(cues.vague_attributions),
        certainty=phrase_pattern(cues.certainty),
        pre_negation=phrase_pattern(cues.pre_negation),
        pseudo_negation=phrase_pattern(cues.pseudo_negation),
        reported_speech=phrase_pattern(cues.reported_speech),
        statistics=tuple(re.compile(r, re.IGNORECASE) for r in cues.statistics),
        citation_markers=tuple(re.compile(r, re.IGNORECASE) for r in cues.citation_markers),
    )
