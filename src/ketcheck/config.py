"""Project configuration: ``ketcheck.toml`` or ``[tool.ketcheck]`` in ``pyproject.toml``.

Discovery walks up from a start directory to the filesystem root and takes the first
directory holding either file; ``ketcheck.toml`` wins over ``pyproject.toml`` in the same
directory, and a ``pyproject.toml`` without a ``[tool.ketcheck]`` table is skipped (as ruff
does). In ``ketcheck.toml`` the settings are top-level keys, like ``ruff.toml``; a
``[tool.ketcheck]`` table there is an error with a hint, so there is one way to write it.

Keys (kebab-case)::

    select = ["KC1", "KC201"]     # codes or prefixes; default: every rule ("ALL" also works)
    ignore = ["KC204"]            # codes or prefixes switched off
    severity = { KC201 = "info" } # code or prefix -> error | warning | info
    fail-on = "error"             # exit 1 at or above this level (default: error)
    kb = "data"                   # knowledge base, relative to the config file
    format = "text"               # text | json | sarif | github | html
    exclude = ["drafts/*"]        # globs over document paths (as displayed) or names
    strict = false                # also report unused suppressions
    reviewer = "Example Checks"   # ClaimReview export: the reviewing organisation's name
    reviewer-url = "https://example.org/"             # ... and its address
    report-url = "https://example.org/report.html"    # the published report each review
                                                      # links into (default: reviewer-url)

Selection follows ruff: the most specific matching entry of ``select`` and ``ignore`` decides,
and ``ignore`` wins a tie. Precedence: defaults < config file < command-line flags.
The file is hand-written, so unknown keys and unknown rule codes are errors that name the
file, the line and a close match, never silently ignored.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr, StringConstraints, ValidationError

from ketcheck.models import Finding, Severity

Format = Literal["text", "json", "sarif", "github", "html"]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class ConfigError(Exception):
    """Invalid configuration; every line of ``str()`` reads ``<file>:<line>: <what>``."""

    def __init__(self, path: Path | str, problems: Sequence[tuple[int | None, str]]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(
            "\n".join(
                f"{self.path}:{line}: {msg}" if line else f"{self.path}: {msg}"
                for line, msg in self.problems
            )
        )


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """Effective settings. Unknown keys are forbidden: a typo must not be silently ignored."""

    # Files are checked against the kebab-case names before validation (see ``validate``), so
    # accepting field names here only serves Python callers: ``Config(fail_on=...)``.
    model_config = ConfigDict(
        extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True
    )

    select: list[str] | None = None  # None: every rule
    ignore: list[str] = []
    severity: dict[str, Severity] = {}
    fail_on: Severity = Severity.error
    kb: Path | None = None
    format: Format | None = None  # None: the command's own default
    exclude: list[str] = []
    strict: bool = False
    jurisdiction: str | None = None  # lint: the default jurisdiction of documents ("US", "UK")
    reviewer: str | None = None  # ClaimReview ``author``: who publishes the reviews
    reviewer_url: WebAddress | None = None
    report_url: WebAddress | None = None
    _source: Path | None = PrivateAttr(default=None)
    _lines: dict[str, int | None] = PrivateAttr(default_factory=dict)
    _flags: frozenset[str] = PrivateAttr(default=frozenset())  # set on the command line

    @property
    def source(self) -> Path | None:
        """The file these settings were read from, if any."""
        return self._source

    def origins(self) -> list[tuple[str, Any, str]]:
        """(key, value, where it came from) for every setting: ``default``, ``file:line``
        or ``command line`` (``ignore`` adds to the file's list: both are named)."""
        out = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            origin = "default"
            if name in self._flags and not (name == "ignore" and name in self._lines):
                origin = "command line"
            elif name in self.model_fields_set and self._source is not None:
                line = self._lines.get(name)
                origin = f"{self._source}:{line}" if line else str(self._source)
                if name in self._flags:
                    origin += " and command line"
            out.append((_kebab(name), value, origin))
        return out

    def is_enabled(self, code: str) -> bool:
        """Whether rule ``code`` runs: the longest matching select/ignore entry decides."""
        chosen = _longest(self.select if self.select is not None else ["ALL"], code)
        dropped = _longest(self.ignore, code)
        return chosen >= 0 and chosen > dropped

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The configured level for ``code`` (longest matching prefix), else ``default``."""
        best = max(
            ((len(k), v) for k, v in self.severity.items() if _matches(k, code)),
            default=None,
            key=lambda kv: kv[0],
        )
        return best[1] if best else default

    def fails(self, severity: Severity) -> bool:
        """Whether a finding at ``severity`` makes the run exit 1."""
        return severity.rank >= self.fail_on.rank

    def adjust(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop findings of disabled rules and restamp severities from the config."""
        out = []
        for f in findings:
            if not self.is_enabled(f.rule):
                continue
            level = self.severity_for(f.rule, f.severity)
            out.append(f if level == f.severity else f.model_copy(update={"severity": level}))
        return out


def _matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def _longest(selectors: Iterable[str], code: str) -> int:
    """Length of the most specific selector matching ``code`` (ALL counts as 0), or -1."""
    lengths = [0 if s == "ALL" else len(s) for s in selectors if _matches(s, code)]
    return max(lengths, default=-1)


def find_config(start: Path | str) -> Path | None:
    """The nearest config file at or above ``start``, or None."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / "ketcheck.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _has_table(candidate):
            return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge; a broken pyproject is reported by its own tools
    return isinstance(data.get("tool"), dict) and "ketcheck" in data["tool"]


def load_config(path: Path | str, known_codes: Collection[str]) -> Config:
    """Read and validate one config file; ``kb`` becomes relative to the file's directory."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except OSError as exc:
        raise ConfigError(path, [(None, (exc.strerror or str(exc)).lower())]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, [(None, f"invalid UTF-8 at byte {exc.start}")]) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            path, [(int(line[1]) if line else None, f"invalid TOML: {exc}")]
        ) from None
    section_at = 0
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("ketcheck", {})
        header = re.search(r"^\s*\[tool\.ketcheck\]", raw, re.M)
        section_at = header.start() if header else 0
    config = validate(data, known_codes, path=path, raw=raw, section_at=section_at)
    if config.kb is not None and not config.kb.is_absolute():
        config = config.model_copy(update={"kb": (path.parent / config.kb).resolve()})
    config._source = path
    config._lines = {n: _line_of(raw, _kebab(n), section_at) for n in config.model_fields_set}
    return config


_KEY_AT = r"(?:^|[{{,])[ \t]*[\"']?{word}[\"']?[ \t]*=|^[ \t]*\[+[ \t]*{word}[ \t]*[\].]"
_VALUE_AT = r"[\"']{word}[\"']"


def _line_of(raw: str, needle: str, start: int, *, value: bool = False) -> int | None:
    """Best-effort line of a key (or a quoted value) in the raw text; tomllib keeps none."""
    word = re.escape(needle)
    pattern = (_VALUE_AT if value else _KEY_AT).format(word=word)
    m = re.compile(pattern, re.M).search(raw, start)
    return raw.count("\n", 0, m.end()) + 1 if m else None


def _unknown_codes(field: str, codes: Iterable[object], known: Collection[str]) -> list[str]:
    """Messages for entries of select/ignore/severity that match no known rule."""
    out = []
    for code in codes:
        if not isinstance(code, str) or code == "ALL" or any(k.startswith(code) for k in known):
            continue
        close = difflib.get_close_matches(code, sorted(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        out.append(f"{field}: unknown rule code or prefix '{code}'{hint}")
    return out


def validate(
    data: dict[str, Any],
    known_codes: Collection[str],
    *,
    path: Path | str = "<config>",
    raw: str = "",
    section_at: int = 0,
) -> Config:
    """Build a :class:`Config` from a parsed table, collecting every problem at once."""
    problems: list[tuple[int | None, str]] = []
    fields = sorted(_kebab(name) for name in Config.model_fields)
    for key in data:
        if key in fields:
            continue
        hint = ""
        if key == "tool" and Path(path).name == "ketcheck.toml":
            hint = " (in ketcheck.toml write the settings at top level, without [tool.ketcheck])"
        elif close := difflib.get_close_matches(key, fields, n=1):
            hint = f" (did you mean '{close[0]}'?)"
        problems.append((_line_of(raw, key, section_at), f"unknown key '{key}'{hint}"))
    for field in ("select", "ignore", "severity"):
        value = data.get(field)
        if isinstance(value, list | dict):
            for message in _unknown_codes(field, value, known_codes):
                code = message.split("'")[1]
                problems.append(
                    (_line_of(raw, code, section_at, value=field != "severity"), message)
                )
    config = None
    try:
        config = Config.model_validate({k: v for k, v in data.items() if k in fields})
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            name = [str(p) for p in err["loc"] if isinstance(p, str)][-1]
            line = _line_of(raw, name, section_at)
            problems.append((line, f"{where}: {err['msg'][:1].lower()}{err['msg'][1:]}"))
    if problems or config is None:
        problems.sort(key=lambda p: (p[0] is None, p[0] or 0))
        raise ConfigError(path, problems)
    return config


def merge(config: Config, **overrides: Any) -> Config:
    """Apply command-line overrides; ``None`` means "flag not given".

    Values replace the file's, except ``ignore`` (added to the file's list, so ``--ignore X``
    never re-enables a rule the project switched off) and ``severity`` (merged by code).
    """
    update: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in Config.model_fields:
            raise TypeError(f"unknown setting {key!r}")
        if key == "ignore":
            value = [*config.ignore, *value]
        elif key == "severity":
            value = {**config.severity, **{k: Severity(v) for k, v in value.items()}}
        elif key == "fail_on":
            value = Severity(value)
        update[key] = value
    merged = config.model_copy(update=update)
    merged._source, merged._lines = config.source, config._lines
    merged._flags = config._flags | set(update)
    return merged


def load_settings(
    start: Path | str,
    known_codes: Collection[str],
    *,
    config_path: Path | str | None = None,
    isolated: bool = False,
    **overrides: Any,
) -> Config:
    """Defaults < the discovered (or given) config file < ``overrides`` from the CLI."""
    for field in ("select", "ignore", "severity"):
        bad = _unknown_codes(field, overrides.get(field) or (), known_codes)
        if bad:
            raise ConfigError(f"--{field}", [(None, m.split(": ", 1)[1]) for m in bad])
    config = Config()
    if not isolated:
        path = Path(config_path) if config_path else find_config(start)
        if path is not None:
            config = load_config(path, known_codes)
    return merge(config, **overrides)
