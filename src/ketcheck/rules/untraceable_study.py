"""KC203 untraceable-study: a study the article names matches no reference study.

A claim names a study when its ``support.kind`` is ``named-study``, or, where support was not
curated (``kind: none``, as for claims extracted by ``lint``), when its quote or
``support.text`` matches one of the vocabulary's ``cues.citation_markers`` ("a 2018 study
published in …"). It can be traced when some reference fact's ``study_patterns`` match that
text and that fact, or another fact with the same ``study`` label, speaks to one of the
claim's properties. A study that matches by year or journal but is about something else is
named in the message ("the only reference study matching … is …, which is about …"). Claims
whose ``support.fact`` the curator set, or that cite a full reference, are traced already.

Would PASS (a fact with ``study_patterns: ['cocaine']`` about ``study_ketamine_schedule``)::

    "In a recent study, people with cocaine addictions received one infusion"

Would FAIL::

    "A 2018 study published in the American Journal of Psychiatry found that a single dose of
    ketamine reduced cravings"
    # KC203 the only reference study matching “A 2018 study published in the American Journal
    #       of Psychiatry” is Williams 2018, which is about receptor action, not effect on cravings
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Claim, Fact, Finding, Severity
from ketcheck.rules.base import Example, Rule, Scope, claim_finding, per_kb
from ketcheck.rules.cues import CueSet, cue_set, plain
from ketcheck.rules.groups import join_names
from ketcheck.rules.support import names_a_study, traced

_NAME_WORD = re.compile(r"\s+(?:[A-Z][\w'-]*|of|the|and|for|in|on|&)\b")


@per_kb
def study_patterns(kb: KnowledgeBase) -> list[tuple[Fact, list[re.Pattern[str]]]]:
    out = []
    for fact in kb.facts:
        compiled = []
        for regex in fact.study_patterns:
            try:
                compiled.append(re.compile(regex, re.IGNORECASE))
            except re.error:
                continue
        if compiled:
            out.append((fact, compiled))
    return out


def cited_span(text: str, cues: CueSet) -> tuple[int, int] | None:
    """Where the study is named: from the first citation marker to the last, plus a title."""
    text = plain(text)
    spans = [m.span() for p in cues.citation_markers for m in p.finditer(text)]
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    while (more := _NAME_WORD.match(text, end)) is not None:
        end = more.end()
    while text[start:end].split()[-1].lower() in {"of", "the", "and", "for", "in", "on", "&"}:
        end = start + len(text[start:end].rsplit(None, 1)[0])
    return start, end


def _study(fact: Fact) -> str:
    return fact.study or fact.id


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    cues = cue_set(kb)
    for claim in kb.claims:
        if claim.reported or traced(claim) or not names_a_study(claim, cues):
            continue
        untraced = _untraced(RULE, kb, claim, cues)
        if untraced is not None:
            yield untraced


def _untraced(rule: Rule, kb: KnowledgeBase, claim: Claim, cues: CueSet) -> Finding | None:
    """The finding for a claim whose named study cannot be traced to its point, if so."""
    texts = [t for t in (claim.support.text, claim.quote) if t]
    matched = [
        f for f, patterns in study_patterns(kb) if any(p.search(t) for p in patterns for t in texts)
    ]
    studies = {_study(f) for f in matched}
    about = [f for f in kb.facts if f in matched or (f.study and f.study in studies)]
    wanted = {a.property for a in claim.assertions}
    if any(f.property in wanted for f in about):
        return None
    span = cited_span(claim.quote, cues)
    cited = claim.quote[span[0] : span[1]] if span else (claim.support.text or claim.quote)
    # the carrier of sentence-level checks is no topic a study is about
    named = [p for p in sorted(wanted) if p != kb.vocabulary.statement_property]
    labels = list(dict.fromkeys(kb.prop(p).label for p in named))
    claim_labels = join_names(labels) if labels else ""
    if matched:
        names = join_names(sorted(studies))
        topics = join_names(list(dict.fromkeys(kb.prop(f.property).label for f in about)))
        verb = "is" if len(studies) == 1 else "are"
        message = (
            f"the only reference {'study' if len(studies) == 1 else 'studies'} matching "
            f"“{cited}” {verb} {names}, which {verb} about {topics}"
            + (f", not {claim_labels}" if claim_labels else "")
        )
    else:
        message = f"the cited study “{cited}” matches no reference study" + (
            f" on {claim_labels}" if claim_labels else ""
        )
    return claim_finding(
        rule,
        kb,
        claim,
        message,
        span=span,
        reference=matched[0].id if matched else None,
        fix="cite the study by authors, journal, year and DOI, or drop the reference to it",
    )


RULE = Rule(
    code="KC203",
    name="untraceable-study",
    severity=Severity.warning,
    summary="A cited study matches no reference citation",
    scope=Scope.sentence,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example(
            "Ketamine reduced cravings in one trial of 55 people "
            "(Dakwar et al., 2019, American Journal of Psychiatry).",
            fails=False,
        ),
        Example(
            "A 2018 study published in the American Journal of Psychiatry found that "
            "ketamine reduces cravings.",
            fails=True,
        ),
    ),
)
