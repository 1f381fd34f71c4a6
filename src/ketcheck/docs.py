"""Documentation generated from the code: the README's rule reference and ``ketcheck rules``.

A rule module's docstring is its user documentation (as in yamllint): a title line, what the
rule checks, and "Would PASS" / "Would FAIL" examples as ``::`` literal blocks. This module
turns those docstrings into Markdown, so the README's "Rules" section (between
:data:`START` and :data:`END`) is generated and cannot drift from the code::

    python -m ketcheck.docs --write    # regenerate the section in README.md
    python -m ketcheck.docs --check    # exit 1 when README.md is stale (CI, tests)

``KC900`` (an unused suppression, reported under ``--strict``) is not a rule of the registry
(it judges comments, not claims) but is documented the same way, from :data:`UNUSED_SUPPRESSION`.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ketcheck.models import Severity
from ketcheck.rules import rule_infos

START = "<!-- rules:start -->"
END = "<!-- rules:end -->"

_UNUSED_DOC = """\
KC900 unused-suppression: a suppression comment that silences nothing.

A code in a directive that names no rule (``ignore[KC2O1]``) is always reported, with a close
match: it silences nothing and hides a typo. Under ``--strict`` (or ``strict = true`` in the
configuration), like ruff's RUF100, so is a ``ketcheck: ignore[...]``, ``off`` block or
``ignore-file`` directive whose rules report nothing where it applies: it hides nothing today
and would hide a new finding tomorrow, so remove it, or remove the codes the message names.
KC900 judges comments, not claims, so it is not in the rule registry, but ``--select``,
``--ignore`` and ``severity`` take it like any code.

Would PASS (the directive silences the KC201 finding on the next line)::

    <!-- ketcheck: ignore[KC201] -->
    Ketamine reduces cravings in 80% of patients.

Would FAIL::

    <!-- ketcheck: ignore[KC201] -->
    Ketamine is a dissociative anesthetic.
    # KC900 unused suppression for KC201 in 'ketcheck: ignore[KC201]' (under --strict)
    <!-- ketcheck: ignore[KC2O1] -->
    # KC900 unknown rule code 'KC2O1' in 'ketcheck: ignore[KC2O1]' (did you mean 'KC201'?)
"""

UNUSED_SUPPRESSION: dict[str, Any] = {
    "code": "KC900",
    "name": "unused-suppression",
    "short": "A suppression comment silences nothing: an unknown code, or unused under --strict",
    "full": " ".join(_UNUSED_DOC.split("\n\n")[1].split()),
    "severity": Severity.warning,
    "help": _UNUSED_DOC.strip(),
}


def rule_docs() -> list[dict[str, Any]]:
    """Every documented code: the registry's rules in code order, then KC900."""
    return [*rule_infos(), UNUSED_SUPPRESSION]


class UnknownRule(KeyError):
    """No rule has this code; ``str()`` is the one-line message (with a close match)."""

    def __init__(self, code: str, known: Sequence[str]) -> None:
        close = difflib.get_close_matches(code, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.message = f"no such rule: '{code}'{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def find_rule(code: str) -> dict[str, Any]:
    """The documentation of one code (case-insensitive); :class:`UnknownRule` otherwise."""
    docs = {info["code"]: info for info in rule_docs()}
    wanted = code.strip().upper()
    if wanted not in docs:
        raise UnknownRule(code, list(docs))
    return docs[wanted]


# --- docstring → Markdown -----------------------------------------------------------------


def _inline(text: str) -> str:
    """reStructuredText inline markup as Markdown: ``code`` and :role:`target` → `code`."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", text)
    return re.sub(r"``(.+?)``", r"`\1`", text)


def _body(doc: str) -> list[str]:
    """The docstring after its title line, as Markdown lines (literal blocks fenced)."""
    lines = inspect.cleandoc(doc).splitlines()
    # drop the title line(s): the first paragraph repeats code and name
    while lines and lines[0].strip():
        lines.pop(0)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.rstrip().endswith("::"):
            out.append(_inline(line.rstrip()))
            i += 1
            continue
        intro = line.rstrip()[:-1]  # "Would PASS::" -> "Would PASS:"
        intro = re.sub(r"^(Would (?:PASS|FAIL))", r"**\1**", intro)
        out.append(_inline(intro))
        i += 1
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
            block.append(lines[i])
            i += 1
        while block and not block[-1].strip():
            block.pop()
        while block and not block[0].strip():
            block.pop(0)
        out += ["", "```text", *inspect.cleandoc("\n".join(block)).splitlines(), "```", ""]
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text).splitlines()


def _severity(info: dict[str, Any]) -> str:
    return Severity(info["severity"]).value


def rule_markdown(info: dict[str, Any], level: int = 3) -> str:
    """One rule's section: heading, summary and default severity, description, examples."""
    head = "#" * level
    lines = [
        f"{head} {info['code']} `{info['name']}`",
        "",
        f"{info['short'].rstrip('.')}. Default severity: **{_severity(info)}**.",
        "",
        *_body(info["help"]),
    ]
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown() -> str:
    """The README's "Rules" reference: a summary table, then one section per code."""
    docs = rule_docs()
    rows = [
        f"| [{d['code']}](#{_anchor(d)}) | `{d['name']}` | {_severity(d)} | {_cell(d['short'])} |"
        for d in docs
    ]
    parts = [
        "Generated from the rule registry by `python -m ketcheck.docs --write`; "
        "`ketcheck rules CODE` prints the same text.",
        "",
        "| code | name | default severity | summary |",
        "|---|---|---|---|",
        *rows,
        "",
        *(rule_markdown(d) for d in docs),
    ]
    return "\n".join(parts).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _anchor(info: dict[str, Any]) -> str:
    """GitHub's heading anchor for ``### KC101 `cross-source-conflict```."""
    title = f"{info['code']} {info['name']}".lower()
    return re.sub(r"[^a-z0-9 _-]", "", title).replace(" ", "-")


def rules_table() -> str:
    """Plain-text listing for ``ketcheck rules``: code, name, severity, summary."""
    docs = rule_docs()
    name_w = max(len(d["name"]) for d in docs)
    return "".join(
        f"{d['code']}  {d['name']:<{name_w}}  {_severity(d):<7}  {d['short']}\n" for d in docs
    )


# --- the README section ---------------------------------------------------------------------


def readme_section(readme: str) -> str:
    """The text between the markers (without them); ValueError when they are missing."""
    try:
        start = readme.index(START) + len(START)
        end = readme.index(END, start)
    except ValueError:
        raise ValueError(f"README has no {START} … {END} section") from None
    return readme[start:end].strip("\n") + "\n"


def update_readme(readme: str) -> str:
    """``readme`` with the generated rules reference between the markers."""
    readme_section(readme)  # raises when the markers are missing
    start = readme.index(START) + len(START)
    end = readme.index(END, start)
    return f"{readme[:start]}\n{rules_markdown()}{readme[end:]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ketcheck.docs",
        description="Print, check or regenerate the README's rules reference.",
    )
    parser.add_argument("readme", nargs="?", default="README.md", help="default: README.md")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the section in README")
    mode.add_argument("--check", action="store_true", help="exit 1 when README is stale")
    args = parser.parse_args(argv)
    if not (args.write or args.check):
        sys.stdout.write(rules_markdown())
        return 0
    path = Path(args.readme)
    try:
        current = path.read_text(encoding="utf-8")
        updated = update_readme(current)
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"ketcheck: error: {path}: {exc}\n")
        return 2
    if updated == current:
        return 0
    if args.check:
        sys.stderr.write(f"{path}: rules reference is stale; run python -m ketcheck.docs --write\n")
        return 1
    path.write_text(updated, encoding="utf-8")
    sys.stderr.write(f"{path}: rules reference updated\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
