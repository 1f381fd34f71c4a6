"""ketcheck: a claim checker for health articles.

Use it from Python::

    from ketcheck import load_kb
    kb = load_kb()            # the knowledge base found like the CLI finds it
    print(len(kb.claims))
"""

from ketcheck.kb import KnowledgeBase, find_kb, load_kb
from ketcheck.models import Claim, Fact, Finding, Severity, Source, Verdict
from ketcheck.yamlsource import InputError, Problem

__version__ = "0.1.0"

__all__ = [
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
    "find_kb",
    "load_kb",
]
