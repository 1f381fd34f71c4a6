"""KC401 control-status-terminology: the wrong legal term for a control status.

Each jurisdiction has its own words: the US places drugs in *Schedules* I-V, the UK in
*Classes* A-C (and, separately, in Schedules of its regulations). Mixing them ("a class III
drug" for the US schedule) misstates the law even when the level is right. A property lists
its wrong terms as ``misnomers`` (regex and message) in the vocabulary; they are searched in
the quotes of claims that assert that property, and the finding points at the wrong words.

Would PASS (us_schedule)::

    "The drug is a Schedule III non-narcotic"

Would FAIL::

    "it is a class III scheduled drug"
    # KC401 “class III”: US federal control status is a "Schedule", not a "class"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ketcheck.kb import KnowledgeBase
from ketcheck.models import Finding, Misnomer, Property, Severity
from ketcheck.rules.base import Example, Rule, Scope, claim_finding
from ketcheck.rules.cues import plain


def misnomers_in(prop: Property, text: str) -> Iterator[tuple[re.Match[str], Misnomer]]:
    """Each of the property's misnomers found in ``text`` (a quote, or a linted sentence)."""
    text = plain(text)
    for misnomer in prop.misnomers:
        match = re.search(misnomer.regex, text, re.IGNORECASE)
        if match is not None:
            yield match, misnomer


def check(kb: KnowledgeBase) -> Iterator[Finding]:
    for claim in kb.claims:
        if claim.reported:
            continue
        for name in dict.fromkeys(a.property for a in claim.assertions):
            prop = kb.prop(name)
            for match, misnomer in misnomers_in(prop, claim.quote):
                yield claim_finding(
                    RULE,
                    kb,
                    claim,
                    f"“{match.group()}”: {misnomer.message}",
                    span=match.span(),
                    property=name,
                    fix=f"use the {prop.label} term",
                )


RULE = Rule(
    code="KC401",
    name="control-status-terminology",
    severity=Severity.warning,
    summary="Control-status terminology mixed up (a US class, a UK schedule)",
    scope=Scope.claim,
    check=check,
    doc=__doc__ or "",
    examples=(
        Example("Ketamine is a Schedule III drug.", fails=False),
        Example("Ketamine is a class III drug.", fails=True),
    ),
)
