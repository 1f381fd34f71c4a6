"""Corpus audits: lint many documents in parallel on a Dask cluster, into partitioned tables.

An audit runs in four steps, one function each:

1. :func:`plan` reads the arguments (files, directories, JSON Lines files of crawler records
   ``{url, text, date?, jurisdiction?}``) and cuts the documents into partitions: runs of files,
   or byte ranges of one JSON Lines file. The plan depends only on the inputs, so a rerun cuts
   the same partitions.
2. :func:`open_output` creates the output directory, or reopens the one an earlier run of the
   same audit left, and tells which partitions are already written (a rerun resumes).
3. :func:`run` lints the remaining partitions on a dask.distributed cluster. Each worker builds
   its :class:`~ketcheck.lint.Linter` once, in a worker plugin, never per task; a task lints one
   partition and writes its two tables, findings and one row per document, each atomically. A
   task that dies half-way therefore leaves nothing behind, and the task Dask reschedules, or a
   rerun, writes the whole partition again.
4. :func:`summarize` reads the written tables back: documents, findings by rule, the worst.

Workers read the inputs and write the output themselves, as dask's own ``read_text`` and
``to_parquet`` do: on a cluster of several machines the inputs and the output directory must be
on a filesystem every worker sees at the same path. The knowledge base travels inside the
plugin, so workers need ketcheck installed but not the knowledge-base files.

A document that cannot be read or linted becomes a document row with ``error`` set; the audit
goes on. Tables are Parquet (pyarrow) or JSON Lines, with the columns in :data:`FINDING_COLUMNS`
and :data:`DOCUMENT_COLUMNS`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib
import inspect
import json
import logging
import math
import os
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from ketcheck import __version__
from ketcheck.config import Config
from ketcheck.kb import CLAIMS_FILE, FACTS_FILE, VOCABULARY_FILE, KnowledgeBase
from ketcheck.lint import Linter
from ketcheck.models import Finding, Severity
from ketcheck.text import Document, DocumentError, document_from_bytes, iter_paths, load_document

try:
    from distributed import WorkerPlugin
except ImportError:  # the audit extra is absent: missing_extras() says so before any use
    WorkerPlugin = object  # type: ignore[misc,assignment]

if TYPE_CHECKING:
    from distributed import Client

Format = Literal["parquet", "jsonl"]
FORMATS: tuple[Format, ...] = ("parquet", "jsonl")
INSTALL_HINT = "pip install 'ketcheck[audit]'"

# Column name -> type, in output order. Types are "string" or "int"; every column may be null.
FINDING_COLUMNS: dict[str, str] = {
    "document": "string",  # the file's path as given, or the record's url
    "rule": "string",
    "name": "string",
    "severity": "string",
    "message": "string",
    "property": "string",
    "value": "string",
    "line": "int",
    "column": "int",
    "quote": "string",
    "reference": "string",  # reference fact id
}
DOCUMENT_COLUMNS: dict[str, str] = {
    "document": "string",
    "input": "string",  # the argument it came from: the file itself, or the JSON Lines file
    "record": "int",  # line of the record in that JSON Lines file; null for files
    "date": "string",  # the record's date (YYYY-MM-DD)
    "jurisdiction": "string",
    "findings": "int",
    "error_findings": "int",
    "warning_findings": "int",
    "info_findings": "int",
    "error": "string",  # why the document could not be linted; null when it was
}
TABLES = {"findings": FINDING_COLUMNS, "documents": DOCUMENT_COLUMNS}

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MANIFEST = "audit.json"
# Partition size: about PARTITIONS_WANTED partitions, so a few dozen workers stay busy to the
# end, but never so small that Dask's per-task cost (milliseconds) shows, nor so large that a
# rescheduled task redoes much work or a worker holds much text at once.
PARTITIONS_WANTED = 64
MIN_PARTITION_DOCUMENTS = 8
MAX_PARTITION_DOCUMENTS = 256
MAX_PARTITION_BYTES = 16 * 1024 * 1024

log = logging.getLogger(__name__)


class AuditError(Exception):
    """An audit that cannot start or go on; ``str()`` is the one-line CLI message."""


def _importable(module: str) -> bool:
    # an import, not a look-up: a package that is present but broken counts as missing
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def missing_extras(fmt: Format | None = None) -> list[str]:
    """The modules of the ``audit`` extra that this installation lacks for ``fmt``."""
    missing = [] if _importable("distributed") else ["dask.distributed"]
    if fmt == "parquet" and not _importable("pyarrow"):
        missing.append("pyarrow")
    return missing


def default_format() -> Format:
    return "parquet" if _importable("pyarrow") else "jsonl"


# --- planning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileItem:
    display: str  # as lint shows it: the path as found from the argument
    path: str  # absolute, for workers whose working directory is not ours
    size: int


@dataclass(frozen=True)
class RecordRange:
    """Lines ``line``... of a JSON Lines file, bytes ``start`` to ``end``."""

    display: str
    path: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Partition:
    index: int
    documents: int
    files: tuple[FileItem, ...] = ()
    records: RecordRange | None = None

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass(frozen=True)
class Plan:
    partitions: tuple[Partition, ...]

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.partitions)


def partition_size(documents: int) -> int:
    wanted = math.ceil(documents / PARTITIONS_WANTED)
    return max(MIN_PARTITION_DOCUMENTS, min(MAX_PARTITION_DOCUMENTS, wanted))


class _Records(NamedTuple):
    display: str
    path: str
    lines: list[tuple[int, int, int]]  # (start, end, line) of each record


def plan(paths: Sequence[str], exclude: Iterable[str] = ()) -> Plan:
    """Partitions of the documents named by ``paths``, in argument order, each document once.

    Files and directories are expanded as ``ketcheck lint`` expands them; a file ending in
    ``.jsonl`` or ``.ndjson`` holds one record per line. Raises :class:`AuditError` for an
    argument that names nothing readable: better to stop now than after hours of linting.
    """
    groups: list[list[FileItem] | _Records] = []
    seen: set[str] = set()
    for arg in paths:
        if arg == "-":
            raise AuditError("-: an audit reads files (save standard input to a file first)")
        if Path(arg).suffix.lower() in JSONL_SUFFIXES and Path(arg).is_file():
            path = os.path.abspath(arg)
            if path not in seen:
                seen.add(path)
                groups.append(_Records(arg, path, _record_lines(arg)))
            continue
        try:
            found = list(iter_paths([arg], exclude=exclude))
        except DocumentError as exc:
            raise AuditError(str(exc)) from None
        run = []
        for p in found:
            path = os.path.abspath(p)
            if path not in seen:
                seen.add(path)
                run.append(FileItem(str(p), path, _size(p)))
        groups.append(run)
    total = sum(len(g.lines) if isinstance(g, _Records) else len(g) for g in groups)
    size = partition_size(total)
    partitions: list[Partition] = []
    for group in groups:
        if isinstance(group, _Records):
            for lines in _chunks(group.lines, size, lambda s: s[1] - s[0]):
                rng = RecordRange(group.display, group.path, lines[0][0], lines[-1][1], lines[0][2])
                partitions.append(Partition(len(partitions), len(lines), records=rng))
        else:
            for items in _chunks(group, size, lambda f: f.size):
                partitions.append(Partition(len(partitions), len(items), files=tuple(items)))
    return Plan(tuple(partitions))


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0  # the worker's read says why, in the document's row


T = TypeVar("T")


def _chunks(items: list[T], size: int, weight: Callable[[T], int]) -> Iterator[list[T]]:
    """Runs of at most ``size`` items and, past the first item, MAX_PARTITION_BYTES."""
    chunk: list[T] = []
    total = 0
    for item in items:
        if chunk and (len(chunk) == size or total + weight(item) > MAX_PARTITION_BYTES):
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += weight(item)
    if chunk:
        yield chunk


def _record_lines(path: str) -> list[tuple[int, int, int]]:
    """(start, end, line) of every non-blank line: one scan, no parsing (workers parse)."""
    spans = []
    offset = 0
    try:
        with open(path, "rb") as f:
            for number, line in enumerate(f, start=1):
                if line.strip():
                    spans.append((offset, offset + len(line), number))
                offset += len(line)
    except OSError as exc:
        raise AuditError(f"{path}: {(exc.strerror or str(exc)).lower()}") from None
    return spans


def fingerprint(audit_plan: Plan, kb: KnowledgeBase, config: Config) -> str:
    """What the written partitions depend on: inputs, settings, knowledge base, version.

    A rerun resumes only when this is unchanged; otherwise old and new rows would mix.
    """
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(json.dumps([asdict(p) for p in audit_plan.partitions], sort_keys=True).encode())
    h.update(config.model_dump_json().encode())
    for name in (VOCABULARY_FILE, FACTS_FILE, CLAIMS_FILE):
        h.update((kb.root / name).read_bytes())
    for source_id in sorted(kb.texts):
        h.update(source_id.encode() + b"\0" + kb.texts[source_id].encode())
    return h.hexdigest()


# --- output directory -------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """An audit's output directory: ``audit.json`` and ``findings/``, ``documents/`` tables."""

    root: Path
    format: Format

    def part(self, table: str, partition: Partition) -> Path:
        suffix = "parquet" if self.format == "parquet" else "jsonl"
        return self.root / table / f"{partition.name}.{suffix}"

    def written(self, audit_plan: Plan) -> set[int]:
        """Partitions already complete: their documents table, written last, exists."""
        return {p.index for p in audit_plan.partitions if self.part("documents", p).exists()}

    def files(self, table: str) -> list[Path]:
        """The table's files of complete partitions (findings without documents: half-written)."""
        found = sorted((self.root / table).glob(f"part-*.{self.format}"))
        return [p for p in found if (self.root / "documents" / p.name).exists()]

    def remove_leftovers(self) -> None:
        """Temporary files of tasks that died while writing (their partition was redone)."""
        for table in TABLES:
            for tmp in (self.root / table).glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def open_output(out: Path, audit_plan: Plan, fmt: Format | None, identity: str) -> Output:
    """The output directory for this audit, created or reopened to resume.

    ``identity`` is the audit's :func:`fingerprint`. A directory holding anything else, or an
    audit of other inputs, is refused: nothing already there is overwritten or deleted.
    """
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            meta = json.loads(manifest.read_text(encoding="utf-8"))
            old_identity, old_format = meta["fingerprint"], meta["format"]
        except (OSError, ValueError, KeyError, TypeError):
            raise AuditError(f"{manifest}: not an audit manifest") from None
        if old_identity != identity:
            raise AuditError(
                f"{out}: holds an audit of other inputs, settings or knowledge base "
                "(use another --out, or delete it to start over)"
            )
        if fmt is not None and fmt != old_format:
            raise AuditError(f"{out}: holds {old_format} tables (rerun with --format {old_format})")
        return Output(out, old_format)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise AuditError(f"{out}: exists and is not an audit directory (use another --out)")
    chosen = fmt or default_format()
    for table in TABLES:
        (out / table).mkdir(parents=True, exist_ok=True)
    meta = {
        "ketcheck": __version__,
        "format": chosen,
        "fingerprint": identity,
        "documents": audit_plan.documents,
        "partitions": len(audit_plan.partitions),
        "tables": TABLES,
    }
    _atomic_text(manifest, json.dumps(meta, indent=2) + "\n")
    return Output(out, chosen)


def _temporary(path: Path) -> Path:
    # unique per writer: a rescheduled task and a slow first attempt never share a file
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")


def _atomic_text(path: Path, text: str) -> None:
    tmp = _temporary(path)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_table(
    rows: list[dict[str, Any]], columns: dict[str, str], path: Path, fmt: Format
) -> None:
    """Write ``rows`` to ``path`` atomically (readers never see half a file)."""
    tmp = _temporary(path)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"string": pa.string(), "int": pa.int64()}
        schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    else:
        with tmp.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def read_table(output: Output, table: str, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Every row of ``table`` (only ``columns``), partition after partition."""
    for path in output.files(table):
        if output.format == "parquet":
            import pyarrow.parquet as pq

            yield from pq.read_table(path, columns=list(columns)).to_pylist()
        else:
            with path.open(encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    yield {c: row.get(c) for c in columns}


# --- linting one partition (runs on a worker) -------------------------------------------------

PLUGIN_NAME = "ketcheck-linter"


class LinterPlugin(WorkerPlugin):
    """Builds the worker's :class:`Linter` once, when the worker starts or joins the cluster."""

    name = PLUGIN_NAME

    def __init__(self, kb: KnowledgeBase, config: Config) -> None:
        self.kb = kb
        self.config = config
        self.linter: Linter | None = None

    def setup(self, worker: Any) -> None:
        self.linter = Linter(self.kb, self.config)


def _worker_linter() -> Linter:
    from distributed import get_worker

    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, LinterPlugin) and plugin.linter is not None
    return plugin.linter


@dataclass(frozen=True)
class PartitionResult:
    index: int
    documents: int
    findings: int
    failed: int


def lint_partition(partition: Partition, out: str, fmt: Format) -> PartitionResult:
    """The task: lint ``partition`` with this worker's linter and write its two tables."""
    return write_partition(_worker_linter(), partition, Output(Path(out), fmt))


def write_partition(linter: Linter, partition: Partition, output: Output) -> PartitionResult:
    findings, documents = lint_documents(linter, partition)
    # findings first: a partition counts as written once its documents table exists
    write_table(findings, FINDING_COLUMNS, output.part("findings", partition), output.format)
    write_table(documents, DOCUMENT_COLUMNS, output.part("documents", partition), output.format)
    failed = sum(1 for d in documents if d["error"] is not None)
    return PartitionResult(partition.index, len(documents), len(findings), failed)


@dataclass
class _Entry:
    """One document to lint, or the reason it cannot be: the future document row."""

    document: str
    input: str
    record: int | None = None
    date: str | None = None
    jurisdiction: str | None = None
    load: Callable[[], Document] | None = None
    error: str | None = None
    context: dict[str, Any] = field(default_factory=dict)


def lint_documents(
    linter: Linter, partition: Partition
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Finding rows and document rows for every document of ``partition``."""
    findings: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    accepted = _context_parameters(linter)
    for entry in _entries(partition):
        counts: Counter[Severity] = Counter()
        error = entry.error
        if error is None and entry.load is not None:
            try:
                doc = entry.load()
                context = {k: v for k, v in entry.context.items() if k in accepted}
                result = linter.check(doc, **context)
            except DocumentError as exc:
                error = str(exc)
            except Exception as exc:  # a bug on one document must not stop a corpus audit
                log.debug("linting %s failed", entry.document, exc_info=True)
                error = f"{entry.document}: {_internal_error(exc)}"
            else:
                for finding in result.findings:
                    findings.append(finding_row(entry.document, finding))
                    counts[finding.severity] += 1
        documents.append(
            {
                "document": entry.document,
                "input": entry.input,
                "record": entry.record,
                "date": entry.date,
                "jurisdiction": entry.jurisdiction,
                "findings": sum(counts.values()),
                "error_findings": counts[Severity.error],
                "warning_findings": counts[Severity.warning],
                "info_findings": counts[Severity.info],
                "error": error,
            }
        )
    return findings, documents


def _internal_error(exc: Exception) -> str:
    """A bug, in one line that says where it happened (for the bug report)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"internal error: {type(exc).__name__}: {exc}{where}"


def finding_row(document: str, finding: Finding) -> dict[str, Any]:
    loc = finding.location
    # Finding carries no value of its own today; the column fills when the model gains one.
    value = getattr(finding, "value", None)
    return {
        "document": loc.path if loc else document,
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "property": finding.property,
        "value": None if value is None else str(value),
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "quote": finding.quote,
        "reference": finding.reference,
    }


def _context_parameters(linter: Linter) -> frozenset[str]:
    """Which of a record's ``date``/``jurisdiction`` the linter's ``check`` takes."""
    params = inspect.signature(linter.check).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return frozenset({"date", "jurisdiction"})
    return frozenset({"date", "jurisdiction"} & {p.name for p in params})


def _entries(partition: Partition) -> Iterator[_Entry]:
    for item in partition.files:
        yield _Entry(item.display, item.display, load=functools.partial(_load_file, item))
    if partition.records is not None:
        yield from _record_entries(partition.records)


def _load_file(item: FileItem) -> Document:
    """Read by absolute path (a worker's working directory is not ours); name the document,
    its findings and its errors by the path as the user gave it, as lint does."""
    try:
        doc = load_document(item.path)
    except DocumentError as exc:
        raise DocumentError(item.display, exc.message, exc.line) from None
    return dataclasses.replace(doc, path=item.display)


def _record_entries(rng: RecordRange) -> Iterator[_Entry]:
    try:
        with open(rng.path, "rb") as f:
            f.seek(rng.start)
            data = f.read(rng.end - rng.start)
    except OSError as exc:
        # the file went away since planning: one row says so for the whole range
        where = f"{rng.display}:{rng.line}"
        reason = (exc.strerror or str(exc)).lower()
        yield _Entry(where, rng.display, rng.line, error=f"{where}: {reason}")
        return
    number = rng.line
    for raw in data.splitlines(keepends=True):
        if raw.strip():
            yield _record_entry(rng.display, number, raw)
        number += 1


def _record_entry(display: str, number: int, raw: bytes) -> _Entry:
    where = f"{display}:{number}"
    entry = _Entry(where, display, number)
    try:
        record = json.loads(raw)
    except ValueError as exc:
        entry.error = f"{where}: not a JSON record ({exc})"
        return entry
    if not isinstance(record, dict):
        entry.error = f"{where}: a record is a JSON object with 'url' and 'text'"
        return entry
    url, text = record.get("url"), record.get("text")
    if isinstance(url, str) and url.strip():
        entry.document = url
    problems = []
    if not isinstance(url, str) or not url.strip():
        problems.append("'url' is missing or not a string")
    if not isinstance(text, str):
        problems.append("'text' is missing or not a string")
    for key in ("date", "jurisdiction"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"'{key}' is not a string")
    if problems:
        entry.error = f"{where}: {'; '.join(problems)}"
        return entry
    if record.get("jurisdiction") is not None:
        entry.jurisdiction = entry.context["jurisdiction"] = record["jurisdiction"]
    if record.get("date") is not None:
        day = _parse_date(record["date"])
        if day is None:
            entry.error = f"{where}: date {record['date']!r} is not an ISO date (YYYY-MM-DD)"
            return entry
        entry.date = day.isoformat()
        entry.context["date"] = day
    assert isinstance(text, str)
    entry.load = functools.partial(_record_document, text, entry.document, where)
    return entry


def _record_document(text: str, url: str, where: str) -> Document:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DocumentError(
            where, f"text holds an unpaired surrogate at offset {exc.start}"
        ) from None
    return document_from_bytes(data, url, "txt")


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


# --- running on a cluster ---------------------------------------------------------------------


@contextlib.contextmanager
def cluster(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``workers`` processes.

    The LocalCluster listens on 127.0.0.1 only, one thread per worker process: linting is
    pure Python, so threads would only queue for the interpreter lock.
    """
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise AuditError(f"{scheduler}: cannot reach the scheduler ({exc})") from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            # what matters reaches the user through the tasks' results (failed partitions);
            # the cluster's own logs (heartbeats lost while it shuts down) are noise here
            silence_logs=logging.CRITICAL,
        ) as local,
        Client(local) as client,
    ):
        yield client


def dashboard(client: Client) -> str | None:
    """The dashboard's address, or None when the scheduler has none (bokeh not installed)."""
    try:
        has = client.run_on_scheduler(_scheduler_has_dashboard)
    except Exception:  # a scheduler that refuses to run code: assume the usual dashboard
        has = True
    return client.dashboard_link if has else None


def _scheduler_has_dashboard() -> bool:
    return _importable("bokeh")


@dataclass
class RunReport:
    todo: int  # partitions this run set out to lint
    skipped: int  # partitions an earlier run had written
    failed: dict[str, str] = field(default_factory=dict)  # partition name -> why


def run(
    client: Client,
    audit_plan: Plan,
    output: Output,
    kb: KnowledgeBase,
    config: Config,
    *,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Lint the partitions not yet written; ``progress`` gets each partition's document count.

    A partition whose task fails (after Dask's own retries of tasks whose worker died) is
    reported in the result and left unwritten, so that a rerun tries it again.
    """
    done = output.written(audit_plan)
    todo = [p for p in audit_plan.partitions if p.index not in done]
    report = RunReport(len(todo), len(done))
    if todo:
        client.register_plugin(LinterPlugin(kb, config))
        try:
            _lint_all(client, todo, output, report, progress)
        finally:
            # a shared cluster outlives the audit: do not leave the knowledge base on its workers
            # (unless the scheduler is gone, taking the plugin with it)
            with contextlib.suppress(OSError, TimeoutError):
                client.unregister_worker_plugin(PLUGIN_NAME)
    output.remove_leftovers()
    return report


def _lint_all(
    client: Client,
    todo: list[Partition],
    output: Output,
    report: RunReport,
    progress: Callable[[int], None] | None,
) -> None:
    from distributed import as_completed

    root = str(output.root.resolve())
    futures = {client.submit(lint_partition, p, root, output.format, pure=False): p for p in todo}
    for future in as_completed(futures):
        partition = futures[future]
        try:
            future.result()
        except Exception as exc:
            report.failed[partition.name] = f"{type(exc).__name__}: {exc}"
        if progress:
            progress(partition.documents)


# --- summary ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleCount:
    rule: str
    name: str
    findings: int
    documents: int


@dataclass(frozen=True)
class Summary:
    documents: int
    failed: int
    findings: int
    by_rule: list[RuleCount]
    worst: list[dict[str, Any]]  # document rows, most error, then warning findings first
    failures: list[dict[str, Any]]  # the first document rows with an error


def summarize(output: Output, top: int = 10) -> Summary:
    """Totals over everything written in ``output`` (this run's and earlier runs')."""
    rows = list(read_table(output, "documents", list(DOCUMENT_COLUMNS)))
    per_rule: Counter[str] = Counter()
    names: dict[str, str] = {}
    docs_per_rule: dict[str, set[str]] = {}
    for f in read_table(output, "findings", ["document", "rule", "name"]):
        per_rule[f["rule"]] += 1
        names.setdefault(f["rule"], f["name"])
        docs_per_rule.setdefault(f["rule"], set()).add(f["document"])
    by_rule = [
        RuleCount(rule, names[rule], n, len(docs_per_rule[rule]))
        for rule, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    linted = [r for r in rows if r["error"] is None and r["findings"]]
    worst = sorted(
        linted,
        key=lambda r: (-r["error_findings"], -r["warning_findings"], -r["findings"], r["document"]),
    )[:top]
    failures = [r for r in rows if r["error"] is not None]
    return Summary(
        documents=len(rows),
        failed=len(failures),
        findings=sum(per_rule.values()),
        by_rule=by_rule,
        worst=worst,
        failures=failures[:top],
    )
