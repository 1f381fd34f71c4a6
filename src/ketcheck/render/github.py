"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

GitHub shows at most 10 errors and 10 warnings per step as annotations and drops the rest
silently; SARIF (``--format sarif``) is the complete channel. Escaping follows GitHub's
runner: in the message ``%`` first, then CR and LF; property values also ``:`` and ``,``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ketcheck.models import Finding, Severity

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (everything after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``…)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command line for a finding."""
    props: list[tuple[str, object]] = []
    loc = finding.location
    if loc is not None:
        props += [("file", loc.path.replace("\\", "/")), ("line", loc.line), ("col", loc.column)]
        if loc.end_line is not None:
            props.append(("endLine", loc.end_line))
        if loc.end_column is not None:
            props.append(("endColumn", loc.end_column))
    props.append(("title", finding.rule))  # the form GitHub's docs and our users grep for
    head = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    message = finding.message + (f"\nhelp: {finding.fix}" if finding.fix else "")
    if finding.citation:  # annotations show only the message: it carries the evidence
        message += f"\nreference: {finding.citation}"
    return f"::{COMMANDS[finding.severity]} {head}::{escape_data(message)}"


def render(findings: Iterable[Finding]) -> str:
    """All annotations, one per line, sorted; empty string when there is nothing to report."""
    lines = [annotation(f) for f in sorted(findings, key=Finding.sort_key)]
    return "".join(line + "\n" for line in lines)
