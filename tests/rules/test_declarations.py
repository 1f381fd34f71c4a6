"""Every rule is declared once, and its declared examples hold when linted."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

from ketcheck import load_kb
from ketcheck.lint import Linter
from ketcheck.rules import Rule, Scope, all_rules
from ketcheck.text import make_document

REPO = Path(__file__).parent.parent.parent
SRC = REPO / "src" / "ketcheck"
DOCUMENT_RULES = [rule for rule in all_rules() if rule.documents]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_kb(REPO / "data"))


def test_every_rule_is_a_declaration() -> None:
    for rule in all_rules():
        assert isinstance(rule, Rule) and isinstance(rule.scope, Scope)
        assert rule.doc.startswith(f"{rule.code} {rule.name}: ")
        assert all(code in {r.code for r in all_rules()} for code in rule.yields_to)


@pytest.mark.parametrize("rule", DOCUMENT_RULES, ids=lambda r: r.code)
def test_rule_has_passing_and_failing_examples(rule: Rule) -> None:
    assert {e.fails for e in rule.examples} == {True, False}, rule.code


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in DOCUMENT_RULES for example in rule.examples],
    ids=lambda x: getattr(x, "code", None) or getattr(x, "text", "")[:40],
)
def test_examples_hold(linter: Linter, rule: Rule, example) -> None:  # type: ignore[no-untyped-def]
    found = {f.rule for f in linter.check(make_document(example.text, "example.txt")).findings}
    assert (rule.code in found) is example.fails, (example.text, found)


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String literals (not docstrings or comments) that are a rule code."""
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
    codes = {rule.code for rule in all_rules()}
    for n, tok in enumerate(tokens):
        if tok.type != tokenize.STRING:
            continue
        before = next(
            (t for t in reversed(tokens[:n]) if t.type not in (tokenize.NL, tokenize.INDENT)),
            None,
        )
        is_docstring = (
            before is None
            or before.type in (tokenize.NEWLINE, tokenize.DEDENT)
            or (before.type == tokenize.OP and before.string == ":")
        )
        text = tok.string.strip("\"'rbfu")
        if not is_docstring and text in codes:
            found.append((tok.start[0], text))
    return found


def test_no_rule_code_string_outside_its_declaration() -> None:
    stray = {}
    for path in sorted(SRC.rglob("*.py")):
        for line, code in _code_strings(path):
            module = path.stem
            owner = next(r for r in all_rules() if r.code == code)
            # the declaring module is the one whose RULE has this code
            if path.parent.name == "rules" and f'code="{code}"' in path.read_text("utf-8"):
                continue
            stray.setdefault(f"{path.relative_to(REPO)}:{line}", (code, module, owner.name))
    assert stray == {}


def test_a_study_cited_for_no_recognised_property_is_named_without_placeholders(
    linter: Linter,
) -> None:
    # before: "... matches no reference study on unspecified factual statement", or a crash
    # when the sentence held nothing but the carrier of sentence checks
    text = "A 2019 study found that 50% of people improved after ketamine treatment."
    messages = [f.message for f in linter.check(make_document(text, "x.txt")).findings]
    assert messages and all("unspecified" not in m for m in messages), messages
