"""KC302 copied-text: a sentence copied, or nearly so, between two sources.

Agreement between sources is evidence only when they are independent; a sentence one source
lifted from another (or both from a third) counts once. Sentences are compared on their
content words, and lightly reworded copies still match (see :mod:`ketcheck.rules.copying`
for the method and threshold). The finding is located in the source listed later in the
knowledge base (a linted document comes after the knowledge base's own sources), points at
the other copy, names the claims that sit in the copied sentences, and says which points
their agreement is not independent on.

Would PASS::

    alpha: "Ketamine is used as an anesthetic by medical practitioners."
    beta:  "Ketamine is an anesthetic medication used by medical practitioners."
           # shared runs cover too little of the sentence

Would FAIL::

    alpha: "The people who had cocaine addictions got ketamine through an IV for 5 days, in
            addition to 5 weeks of mindfulness relapse prevention therapy."
    beta:  "In a recent study, people with cocaine addictions received a ketamine infusion
            through an IV for 5 days, alongside mindfulness relapse prevention therapy …"
    # KC302 near-copy of alpha line 1 (69% of the shorter sentence)
"""

from __future__ import annotations

from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Location, Severity
from ketcheck.rules.base import Example, Rule, Scope, finding, span_location
from ketcheck.rules.copying import claims_in, copied_pairs


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    for pair in copied_pairs(kb):
        original = span_location(kb, pair.first.source, pair.first.start, pair.first.end)
        copy = span_location(kb, pair.second.source, pair.second.start, pair.second.end)
        claims = [*claims_in(kb, pair.first), *claims_in(kb, pair.second)]
        message = (
            f"near-copy of {pair.first.source} line {original.line} "
            f"({pair.score:.0%} of the shorter sentence): “{pair.first.text}”"
        )
        points = list(
            dict.fromkeys(kb.prop(a.property).label for c in claims for a in c.assertions)
        )
        curated = [c for c in claims if c.source != kb.focus]  # a linted document's have no ids
        if curated:
            message += f"; claims in the copied text: {', '.join(c.id for c in curated)}"
        if points:
            message += f"; agreement on {', '.join(points)} is not independent"
        yield finding(
            RULE,
            message,
            location=copy,
            claims=tuple(c.id for c in claims),
            sources=(pair.first.source, pair.second.source),
            quote=pair.second.text,
            property=claims[0].assertions[0].property if claims else None,
            related=(original,),
        )


RULE = Rule(
    code="KC302",
    name="copied-text",
    severity=Severity.info,
    summary="Text copied between sources (agreement that is not independent)",
    scope=Scope.sentence,
    check=check,
    doc=__doc__ or "",
    passages=True,
    examples=(
        Example("Ketamine may reduce cravings.", fails=False),
        Example("After the ketamine infusions, all users abstained from using heroin.", fails=True),
    ),
)


def whole_copy(source: str, title: str, path: str) -> Finding:
    """The finding for a linted document whose words are all a curated source's."""
    return finding(
        RULE,
        f"the whole document is a copy of curated source {source} (“{title}”): agreement with "
        "it is not independent, and it is judged against the other sources only",
        location=Location(path=path, line=1, column=1),
        sources=(source,),
    )
