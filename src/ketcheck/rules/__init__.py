"""The explicit rule registry: code -> rule module. No discovery by file glob."""

from __future__ import annotations

from types import ModuleType

from ketcheck.rules import quote_in_source

_RULES: dict[str, ModuleType] = {
    quote_in_source.CODE: quote_in_source,
}


def get(code: str) -> ModuleType:
    try:
        return _RULES[code]
    except KeyError:
        raise KeyError(f'no such rule: "{code}"') from None


def all_rules() -> list[ModuleType]:
    return [_RULES[code] for code in sorted(_RULES)]


INTEGRITY_RULES = [quote_in_source]
