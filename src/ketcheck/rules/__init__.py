"""The explicit rule registry: code -> declared rule. No discovery by file glob."""

from __future__ import annotations

import inspect
from typing import Any

from ketcheck.rules import (
    absolute_certainty,
    contradicts_reference,
    control_status_terminology,
    copied_text,
    cross_source_conflict,
    misleading,
    number_out_of_tolerance,
    quote_in_source,
    self_contradiction,
    unsourced_statistic,
    untraceable_study,
    vague_attribution,
)
from ketcheck.rules.base import Rule, Scope

_RULES: dict[str, Rule] = {
    module.RULE.code: module.RULE
    for module in (
        cross_source_conflict,  # KC101
        self_contradiction,  # KC102
        contradicts_reference,  # KC103
        number_out_of_tolerance,  # KC104
        misleading,  # KC105
        unsourced_statistic,  # KC201
        vague_attribution,  # KC202
        untraceable_study,  # KC203
        absolute_certainty,  # KC204
        quote_in_source,  # KC301
        copied_text,  # KC302
        control_status_terminology,  # KC401
    )
}


def get(code: str) -> Rule:
    try:
        return _RULES[code]
    except KeyError:
        raise KeyError(f'no such rule: "{code}"') from None


def all_rules() -> list[Rule]:
    return [_RULES[code] for code in sorted(_RULES)]


def rule_infos() -> list[dict[str, Any]]:
    """Each rule's metadata, from its module, for SARIF and the docs.

    Keys: ``code``, ``name``, ``short`` (SUMMARY), ``full`` (the docstring's first paragraph
    after its title line), ``severity`` and ``help`` (the whole docstring, with its examples).
    """
    infos = []
    for rule in all_rules():
        doc = inspect.cleandoc(rule.doc)
        paragraphs = doc.split("\n\n")
        full = " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else rule.summary
        infos.append(
            {
                "code": rule.code,
                "name": rule.name,
                "short": rule.summary,
                "full": full,
                "severity": rule.severity,
                "help": doc,
            }
        )
    return infos


INTEGRITY_RULES = [quote_in_source.RULE]
# what `ketcheck conflicts` shows: disagreements, copied text and terminology
CONFLICT_RULES = [
    m.RULE
    for m in (
        cross_source_conflict,
        self_contradiction,
        contradicts_reference,
        number_out_of_tolerance,
        misleading,
        copied_text,
        control_status_terminology,
    )
]
# claims that invoke evidence they do not give: these make a verdict "unsupported"
SUPPORT_RULES = [m.RULE for m in (unsourced_statistic, vague_attribution, untraceable_study)]
# rules whose findings are drawn in conflict groups (one finding per group)
GROUP_RULES = [m.RULE for m in (cross_source_conflict, self_contradiction, number_out_of_tolerance)]
# support findings by strength, for the verdict a claim gets without a fact decision
UNSUPPORTED_BY = [m.RULE for m in (untraceable_study, unsourced_statistic, vague_attribution)]
TRACE_RULE = untraceable_study.RULE
CERTAINTY_RULE = absolute_certainty.RULE

__all__ = ["Rule", "Scope", "all_rules", "get", "rule_infos"]
