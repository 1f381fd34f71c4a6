"""The vocabulary's cue lists, compiled once per knowledge base and matched against claim text.

Phrase cues (hedges, vague attributions, certainty, negation) match as whole words, ignoring
case, with any run of spaces between their words; regex cues (statistics, citation markers)
are searched as written, ignoring case. Curly quotes match straight ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ketcheck.kb import KnowledgeBase
from ketcheck.rules.base import per_kb

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

    def statistic(self, text: str) -> re.Match[str] | None:
        return first_match(self.statistics, text)

    def citation_marker(self, text: str) -> re.Match[str] | None:
        return first_match(self.citation_markers, text)

    def vague_attribution(self, text: str) -> re.Match[str] | None:
        return self.vague_attributions.search(plain(text)) if self.vague_attributions else None

    def certainties(self, text: str) -> list[re.Match[str]]:
        """Certainty cues in ``text`` that no negation just before them takes back."""
        if self.certainty is None:
            return []
        text = plain(text)
        return [m for m in self.certainty.finditer(text) if not self.negated(text, m.start())]

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


@per_kb
def cue_set(kb: KnowledgeBase) -> CueSet:
    cues = kb.vocabulary.cues
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
