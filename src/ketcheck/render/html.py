"""The HTML report and lint's article view: one self-contained page each.

Jinja2 templates in ``render/templates`` with autoescaping on for everything, so every piece
of article text, quote and message is escaped; the page loads nothing and runs no script (its
Content-Security-Policy forbids both). What the page shows is computed in
:mod:`ketcheck.report`; the templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined

from ketcheck import __version__
from ketcheck.report import Article, Report, legend

_ENV = Environment(
    loader=PackageLoader("ketcheck.render", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a misspelt field fails the test run instead of vanishing
    trim_blocks=True,
    lstrip_blocks=True,
)


def report(content: Report, title: str = "ketcheck report") -> str:
    """The full report: scorecards, matrix, conflicts, articles, linted articles."""
    template = _ENV.get_template("report.html.j2")
    return template.render(report=content, title=title, version=__version__) + "\n"


def articles(
    items: Sequence[Article], generated: date | None = None, title: str = "ketcheck lint"
) -> str:
    """Only the article view, for ``ketcheck lint --format html``."""
    template = _ENV.get_template("lint.html.j2")
    return (
        template.render(
            articles=list(items),
            legend=legend(),
            generated=generated or date.today(),
            title=title,
            version=__version__,
        )
        + "\n"
    )
