"""The explicit registry: every rule documented the same way, and its metadata for SARIF."""

from __future__ import annotations

import pytest

from ketcheck.models import Severity
from ketcheck.rules import all_rules, get, rule_infos

CODES = [
    "KC101", "KC102", "KC103", "KC104", "KC105", "KC201", "KC202", "KC203", "KC204",
    "KC301", "KC302", "KC401",
]  # fmt: skip


def test_registry_holds_every_contract_code() -> None:
    assert [r.code for r in all_rules()] == CODES


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_each_rule_is_documented(rule) -> None:
    doc = rule.doc
    assert doc.startswith(f"{rule.code} {rule.name}: ")
    assert "Would PASS" in doc and "Would FAIL" in doc
    assert isinstance(rule.severity, Severity) and rule.summary
    assert callable(rule.check)


def test_unknown_rule() -> None:
    with pytest.raises(KeyError, match='no such rule: "KC999"'):
        get("KC999")


def test_rule_infos_for_sarif() -> None:
    infos = {i["code"]: i for i in rule_infos()}
    assert set(infos) == set(CODES)
    kc302 = infos["KC302"]
    assert kc302["name"] == "copied-text" and kc302["severity"] is Severity.info
    assert kc302["full"].startswith("Agreement between sources is evidence only when")
    assert "Would FAIL" in kc302["help"]
