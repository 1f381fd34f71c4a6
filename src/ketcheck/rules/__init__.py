"""The explicit rule registry: code -> rule module. No discovery by file glob."""

from __future__ import annotations

import inspect
from types import ModuleType
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

_RULES: dict[str, ModuleType] = {
    rule.CODE: rule
    for rule in (
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


def get(code: str) -> ModuleType:
    try:
        return _RULES[code]
    except KeyError:
        raise KeyError(f'no such rule: "{code}"') from None


def all_rules() -> list[ModuleType]:
    return [_RULES[code] for code in sorted(_RULES)]


def rule_infos() -> list[dict[str, Any]]:
    """Each rule's metadata, from its module, for SARIF and the docs.

    Keys: ``code``, ``name``, ``short`` (SUMMARY), ``full`` (the docstring's first paragraph
    after its title line), ``severity`` and ``help`` (the whole docstring, with its examples).
    """
    infos = []
    for rule in all_rules():
        doc = inspect.cleandoc(rule.__doc__ or "")
        paragraphs = doc.split("\n\n")
        full = " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else rule.SUMMARY
        infos.append(
            {
                "code": rule.CODE,
                "name": rule.NAME,
                "short": rule.SUMMARY,
                "full": full,
                "severity": rule.SEVERITY,
                "help": doc,
            }
        )
    return infos


INTEGRITY_RULES = [quote_in_source]
# what `ketcheck conflicts` shows: disagreements, copied text and terminology
CONFLICT_RULES = [
    cross_source_conflict,
    self_contradiction,
    contradicts_reference,
    number_out_of_tolerance,
    misleading,
    copied_text,
    control_status_terminology,
]
# claims that invoke evidence they do not give: these make a verdict "unsupported"
SUPPORT_RULES = [unsourced_statistic, vague_attribution, untraceable_study]
