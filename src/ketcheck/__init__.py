"""ketcheck: a claim checker for health articles.

Use it from Python::

    import ketcheck
    kb = ketcheck.load_kb()                  # found like the command line finds it
    report = ketcheck.check_kb(kb)           # findings, verdicts, a score per source
    findings = ketcheck.lint_text("Ketamine is a Schedule I drug.", kb, path="draft.txt")

Names are imported on first use (PEP 562), so ``import ketcheck`` and the command line's
start-up pay only for what they touch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "CheckReport": "ketcheck.check",
    "Claim": "ketcheck.models",
    "Fact": "ketcheck.models",
    "Finding": "ketcheck.models",
    "InputError": "ketcheck.yamlsource",
    "KnowledgeBase": "ketcheck.kb",
    "Problem": "ketcheck.yamlsource",
    "Severity": "ketcheck.models",
    "Source": "ketcheck.models",
    "Verdict": "ketcheck.models",
    "check_kb": "ketcheck.api",
    "find_kb": "ketcheck.kb",
    "lint_text": "ketcheck.api",
    "load_kb": "ketcheck.kb",
}

__all__ = [
    "CheckReport",
    "Claim",
    "Fact",
    "Finding",
    "InputError",
    "KnowledgeBase",
    "Problem",
    "Severity",
    "Source",
    "Verdict",
    "__version__",
    "check_kb",
    "find_kb",
    "lint_text",
    "load_kb",
]

if TYPE_CHECKING:
    from ketcheck.api import check_kb, lint_text
    from ketcheck.check import CheckReport
    from ketcheck.kb import KnowledgeBase, find_kb, load_kb
    from ketcheck.models import Claim, Fact, Finding, Severity, Source, Verdict
    from ketcheck.yamlsource import InputError, Problem


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ketcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
