"""The Python API beyond loading: check a knowledge base, lint a text.

Both return the same :class:`~ketcheck.models.Finding` objects the command line renders;
findings are frozen pydantic models and pickle, so a process pool or a cluster can pass them
around.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Iterable
from datetime import date as Date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ketcheck.check import CheckReport
    from ketcheck.config import Config
    from ketcheck.kb import KnowledgeBase
    from ketcheck.lint import Linter
    from ketcheck.models import Finding
    from ketcheck.text import Kind

_linters: dict[tuple[int, int], Linter] = {}


def check_kb(
    kb: KnowledgeBase, select: Iterable[str] | None = None, source: str | None = None
) -> CheckReport:
    """The cross-check of ``ketcheck check``: every rule over the knowledge base, a verdict
    per claim and a score per source (``select``: rule codes or prefixes; ``source``: only
    findings, claims and scores of that source)."""
    from ketcheck.check import cross_check

    return cross_check(kb, select=select, source=source)


def lint_text(
    text: str,
    kb: KnowledgeBase,
    *,
    path: str = "-",
    kind: Kind | None = None,
    config: Config | None = None,
    date: Date | str | None = None,
    jurisdiction: str | None = None,
) -> list[Finding]:
    """The findings ``ketcheck lint`` reports on ``text``, as if read from ``path``.

    ``kind`` (``txt``, ``md``, ``html``) defaults to what ``path``'s extension says.
    ``date`` and ``jurisdiction`` are the document's context (the date it is judged as of,
    its default jurisdiction); they are handed to the linter, and a linter that cannot take
    them raises :class:`TypeError` rather than ignore them. The linter built for ``kb`` and
    ``config`` is kept while ``kb`` lives, so linting many texts costs one set-up.
    """
    from ketcheck.text import kind_of, make_document

    doc = make_document(text, path, kind or kind_of(path))
    linter = _linter(kb, config)
    if isinstance(date, str):
        date = Date.fromisoformat(date)  # "2009-10-27"
    context = {k: v for k, v in (("date", date), ("jurisdiction", jurisdiction)) if v is not None}
    if context:
        _check_accepts(linter, context)
        return linter.check(doc, **context).findings  # type: ignore[arg-type]
    return linter.check(doc).findings


def _check_accepts(linter: Linter, context: dict[str, Any]) -> None:
    params = inspect.signature(linter.check).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return
    missing = sorted(k for k in context if k not in params)
    if missing:
        raise TypeError(f"lint_text: this version's linter does not take {', '.join(missing)} yet")


def _linter(kb: KnowledgeBase, config: Config | None) -> Linter:
    from ketcheck.lint import Linter

    key = (id(kb), id(config))
    found = _linters.get(key)
    if found is None or found.kb is not kb:
        found = _linters[key] = Linter(kb, config)
        weakref.finalize(kb, _linters.pop, key, None)
    return found
