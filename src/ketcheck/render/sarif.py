"""SARIF 2.1.0 for GitHub code scanning and other viewers: the complete, scalable channel.

Workflow-command annotations are capped by GitHub; an uploaded SARIF file is not, so it
carries everything: every rule with its short and full description and help, repo-relative
URIs under ``%SRCROOT%``, full regions (columns are code points, declared by ``columnKind``)
and ``partialFingerprints`` that leave out the line number, so an alert survives edits
elsewhere in the file.

Rule metadata comes from the caller as :class:`RuleInfo` objects or plain mappings with the
same keys; this module never imports the rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ketcheck.models import Finding, Location, Severity, normalise_space

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
FINGERPRINT = "ketcheck/v1"


@dataclass(frozen=True)
class RuleInfo:
    """What SARIF needs to know about a rule; mappings with these keys are accepted too."""

    code: str
    name: str
    short: str  # one line
    full: str = ""  # a paragraph; defaults to ``short``
    severity: Severity | str = Severity.warning
    help: str | None = None  # Markdown; defaults to ``full``
    tags: tuple[str, ...] = ()
    help_uri: str | None = None

    @classmethod
    def coerce(cls, rule: RuleInfo | Mapping[str, Any]) -> RuleInfo:
        if isinstance(rule, RuleInfo):
            return rule
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in rule.items() if k in names})


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    full = rule.full or rule.short
    help_md = rule.help or full
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": full},
        "help": {"text": help_md, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[Severity(rule.severity)]},
        "properties": {"tags": ["ketcheck", *rule.tags]},
    }
    if rule.help_uri:
        out["helpUri"] = rule.help_uri
    return out


def _artifact(path: str, root: str | None) -> dict[str, str]:
    """Repo-relative POSIX URI under %SRCROOT%; absolute paths outside ``root`` as file URIs."""
    p = PurePath(path)
    if p.is_absolute():
        if root is not None and p.is_relative_to(root):
            p = p.relative_to(root)
        else:
            return {"uri": p.as_uri()}
    posix = p.as_posix().removeprefix("./")
    return {"uri": quote(posix, safe="/"), "uriBaseId": "%SRCROOT%"}


def _physical(loc: Location, root: str | None) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line is not None:
        region["endLine"] = loc.end_line
    if loc.end_column is not None:
        region["endColumn"] = loc.end_column
    return {"artifactLocation": _artifact(loc.path, root), "region": region}


def fingerprint(finding: Finding) -> str:
    """Hash of rule, path and normalised quote (or message): no line numbers on purpose."""
    path = finding.location.path if finding.location else ""
    words = normalise_space(finding.quote or finding.message).lower()
    return hashlib.sha256(f"{finding.rule}\0{path}\0{words}".encode()).hexdigest()


def _result(finding: Finding, index: int, key: str, root: str | None) -> dict[str, Any]:
    message = finding.message + (f"\nhelp: {finding.fix}" if finding.fix else "")
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
    }
    if finding.location is not None:
        out["locations"] = [{"physicalLocation": _physical(finding.location, root)}]
    out["partialFingerprints"] = {FINGERPRINT: key}
    if finding.related:
        out["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(loc, root), "message": {"text": "related"}}
            for i, loc in enumerate(finding.related, start=1)
        ]
    extra = {
        "property": finding.property,
        "claims": list(finding.claims),
        "sources": list(finding.sources),
        "quote": finding.quote,
        "reference": finding.reference,
        "citation": finding.citation,
    }
    out["properties"] = {k: v for k, v in extra.items() if v not in (None, [])}
    return out


def render(
    findings: Iterable[Finding],
    rules: Iterable[RuleInfo | Mapping[str, Any]] = (),
    *,
    version: str = "0.0.0",
    root: str | None = None,
    information_uri: str | None = None,
) -> str:
    """One SARIF log with one run. ``root`` (absolute) becomes ``%SRCROOT%``.

    Every rule passed in is listed, used or not; a finding whose rule is not among them
    gets a minimal descriptor so that ``ruleIndex`` always resolves.
    """
    descriptors = [_descriptor(RuleInfo.coerce(r)) for r in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    seen: dict[str, int] = {}
    for f in sorted(findings, key=Finding.sort_key):
        if f.rule not in index:
            index[f.rule] = len(descriptors)
            stub = RuleInfo(f.rule, f.name, f.name, severity=f.severity)
            descriptors.append(_descriptor(stub))
        key = fingerprint(f)
        seen[key] = seen.get(key, 0) + 1  # identical findings in one file: keep keys distinct
        results.append(_result(f, index[f.rule], f"{key}:{seen[key]}", root))
    driver: dict[str, Any] = {
        "name": "ketcheck",
        "version": version,
        "semanticVersion": version,
        "rules": descriptors,
    }
    if information_uri:
        driver["informationUri"] = information_uri
    run: dict[str, Any] = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
    if root is not None and PurePath(root).is_absolute():
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": PurePath(root).as_uri().rstrip("/") + "/"}
        }
    run["results"] = results
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
