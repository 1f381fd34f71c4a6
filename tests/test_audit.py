"""`ketcheck audit`: a generated corpus on a LocalCluster of 2 worker processes gives exactly
the findings of `ketcheck lint`; reruns resume; JSON Lines records; errors become rows."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import audit_corpus
from ketcheck import audit, load_kb
from ketcheck.cli import app
from ketcheck.config import Config
from ketcheck.lint import Linter
from ketcheck.text import Document

KB = str(audit_corpus.SHIPPED_KB)
FINDING_COLUMNS = [
    "document",
    "rule",
    "name",
    "severity",
    "message",
    "property",
    "value",
    "line",
    "column",
    "quote",
    "reference",
]
DOCUMENT_COLUMNS = [
    "document",
    "input",
    "record",
    "date",
    "jurisdiction",
    "findings",
    "error_findings",
    "warning_findings",
    "info_findings",
    "error",
]


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    return pq.read_table(out / table).to_pylist()


def comparable(finding_rows: list[dict[str, Any]]) -> list[tuple]:
    keys = ("document", "line", "column", "rule", "name", "severity", "message")
    rest = ("property", "quote", "reference")
    return sorted(tuple(r[k] for k in keys + rest) for r in finding_rows)


def from_lint(items: list[dict[str, Any]]) -> list[tuple]:
    return comparable([{**i, "document": i["path"]} for i in items])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit")
    audit_corpus.build(root / "corpus")
    return root


@pytest.fixture(scope="module")
def audited(corpus: Path) -> tuple[Path, Any]:
    """One audit of the corpus on a LocalCluster of 2 worker processes, run from ``corpus``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(corpus)
        mp.setenv("NO_COLOR", "1")
        mp.setenv("COLUMNS", "120")
        argv = ["audit", "corpus", "--out", "out", "--workers", "2", "--kb", KB, "--isolated"]
        result = CliRunner().invoke(app, argv)
    return corpus / "out", result


@pytest.fixture(scope="module")
def linted(corpus: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """`ketcheck lint --format json` on the same files: findings, and stderr's error lines."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(corpus)
        argv = ["lint", "corpus", "--kb", KB, "--isolated", "--format", "json", "--jobs", "1"]
        result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2, result.output  # the three unreadable files
    return json.loads(result.stdout), result.stderr.splitlines()


def test_audit_on_two_local_workers_finds_exactly_what_lint_finds(audited, linted) -> None:
    out, result = audited
    assert result.exit_code == 0, result.output
    assert "documents in 31 partitions, 0 already written" in result.stderr
    assert "scheduler: tcp://127.0.0.1:" in result.stderr
    assert "(2 workers)" in result.stderr
    findings = rows(out, "findings")
    assert len(findings) > 500
    assert comparable(findings) == from_lint(linted[0])


def test_every_document_has_one_row_and_unreadable_ones_carry_lints_error(audited, linted) -> None:
    out, _ = audited
    documents = rows(out, "documents")
    assert len(documents) == 243
    assert len({d["document"] for d in documents}) == 243
    failed = sorted(f"ketcheck: error: {d['error']}" for d in documents if d["error"])
    assert failed == sorted(linted[1])
    assert {d["document"] for d in documents if d["error"]} == {
        f"corpus/{p}" for p in audit_corpus.UNREADABLE
    }
    per_document: dict[str, int] = {}
    for f in rows(out, "findings"):
        per_document[f["document"]] = per_document.get(f["document"], 0) + 1
    for d in documents:
        assert d["findings"] == per_document.get(d["document"], 0)
        assert d["findings"] == d["error_findings"] + d["warning_findings"] + d["info_findings"]
        assert d["input"] == d["document"] and d["record"] is None


def test_output_layout_and_schema(audited) -> None:
    out, _ = audited
    manifest = json.loads((out / "audit.json").read_text())
    assert manifest["format"] == "parquet" and manifest["partitions"] == 31
    assert manifest["documents"] == 243
    assert len(list((out / "findings").glob("part-*.parquet"))) == 31
    assert len(list((out / "documents").glob("part-*.parquet"))) == 31
    assert pq.read_schema(out / "findings" / "part-00000.parquet").names == FINDING_COLUMNS
    assert pq.read_schema(out / "documents" / "part-00000.parquet").names == DOCUMENT_COLUMNS
    assert not list(out.rglob("*.tmp"))


def test_summary_table(audited, linted) -> None:
    _, result = audited
    total = len(linted[0])
    assert f"243 documents audited into out: {total} findings in 240 linted documents" in (
        result.stdout
    )
    assert ", 3 could not be linted" in result.stdout
    for title in ("Findings by rule", "Worst documents", "Not linted (first few)"):
        assert title in result.stdout
    assert "contradicts-reference" in result.stdout


def test_rerun_resumes_only_the_missing_partitions(audited, corpus: Path, monkeypatch) -> None:
    out, _ = audited
    monkeypatch.chdir(corpus)
    argv = ["audit", "corpus", "--out", "out", "--workers", "1", "--kb", KB, "--isolated"]
    parts = sorted((out / "documents").glob("part-*.parquet"))
    before = {p: p.stat().st_mtime_ns for p in parts}
    # everything written: no cluster is started at all
    again = CliRunner().invoke(app, argv)
    assert again.exit_code == 0, again.output
    assert "31 partitions, 31 already written" in again.stderr
    assert "scheduler:" not in again.stderr
    assert {p: p.stat().st_mtime_ns for p in parts} == before
    # a partition whose documents table is missing counts as unwritten and is redone alone
    lost = out / "documents" / "part-00007.parquet"
    kept = pq.read_table(lost).to_pylist()
    lost.unlink()
    redo = CliRunner().invoke(app, argv)
    assert redo.exit_code == 0, redo.output
    assert "31 partitions, 30 already written" in redo.stderr
    assert pq.read_table(lost).to_pylist() == kept
    assert {p: p.stat().st_mtime_ns for p in parts if p != lost} == {
        p: t for p, t in before.items() if p != lost
    }


def test_rerun_with_other_inputs_or_format_is_refused(audited, corpus: Path, monkeypatch) -> None:
    assert audited[1].exit_code == 0  # the audit this test tries to overwrite
    monkeypatch.chdir(corpus)
    base = ["audit", "--out", "out", "--kb", KB, "--isolated"]
    other = CliRunner().invoke(app, [*base, "corpus/batch0"])
    assert other.exit_code == 2
    assert other.stderr == (
        "ketcheck: error: out: holds an audit of other inputs, settings or knowledge base "
        "(use another --out, or delete it to start over)\n"
    )
    fmt = CliRunner().invoke(app, [*base, "corpus", "--format", "jsonl"])
    assert fmt.exit_code == 2
    assert (
        fmt.stderr == "ketcheck: error: out: holds parquet tables (rerun with --format parquet)\n"
    )
    (corpus / "elsewhere").mkdir(exist_ok=True)
    (corpus / "elsewhere" / "notes.txt").write_text("mine\n")
    taken = CliRunner().invoke(app, ["audit", "corpus", "--out", "elsewhere", "--kb", KB])
    assert taken.exit_code == 2
    assert taken.stderr == (
        "ketcheck: error: elsewhere: exists and is not an audit directory (use another --out)\n"
    )
    assert (corpus / "elsewhere" / "notes.txt").read_text() == "mine\n"


def test_usage_errors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(app, ["audit", "nowhere", "--out", "out", "--kb", KB])
    assert missing.exit_code == 2
    assert missing.stderr == "ketcheck: error: nowhere: no such file or directory\n"
    assert not (tmp_path / "out").exists()
    both = runner.invoke(
        app, ["audit", "x", "--out", "o", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert both.exit_code == 2
    assert both.stderr == (
        "ketcheck: error: --workers and --scheduler exclude each other (a cluster has its workers)\n"
    )
    stdin = runner.invoke(app, ["audit", "-", "--out", "o", "--kb", KB])
    assert stdin.stderr == (
        "ketcheck: error: -: an audit reads files (save standard input to a file first)\n"
    )


def test_without_the_audit_extra_it_says_how_to_install_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    result = CliRunner().invoke(app, ["audit", "x", "--out", "o"])
    assert result.exit_code == 2
    assert result.stderr == (
        "ketcheck: error: audit needs dask.distributed: pip install 'ketcheck[audit]'\n"
    )
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = CliRunner().invoke(app, ["audit", "x", "--out", "o", "--format", "parquet"])
    assert result.stderr == (
        "ketcheck: error: audit needs dask.distributed and pyarrow: pip install 'ketcheck[audit]'\n"
    )
    assert audit.default_format() == "jsonl"


# --- the engine without a cluster ---------------------------------------------------------------


def test_partitions_are_runs_of_files_or_ranges_of_one_records_file(tmp_path: Path) -> None:
    for n in range(20):
        (tmp_path / f"a{n:02d}.txt").write_text(f"Article {n}.\n")
    records = tmp_path / "crawl.jsonl"
    records.write_text("".join(json.dumps({"url": f"u{n}", "text": "t"}) + "\n" for n in range(9)))
    plan = audit.plan([str(tmp_path / "a00.txt"), str(records), str(tmp_path)])
    shapes = [(len(p.files), p.records is not None, p.documents) for p in plan.partitions]
    # 1 file, then 9 records (8 + 1), then the other 19 files (8 + 8 + 3): a file named twice
    # is read once, and no partition mixes files and records
    assert shapes == [
        (1, False, 1),
        (0, True, 8),
        (0, True, 1),
        (8, False, 8),
        (8, False, 8),
        (3, False, 3),
    ]
    assert plan.documents == 29
    assert plan.partitions[2].records.line == 9  # type: ignore[union-attr]
    assert audit.partition_size(300) == 8
    assert audit.partition_size(10_000) == 157
    assert audit.partition_size(10_000_000) == 256


BOOM = next(
    n
    for n, line in enumerate(Path(__file__).read_text().splitlines(), 1)
    if 'raise RuntimeError("boom")' in line and "line" not in line
)


class Recording(Linter):
    """A linter whose check takes the document's context, as the lead's will."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.seen: list[tuple[str, date | None, str | None]] = []

    def check(self, doc: Document, *, date: date | None = None, jurisdiction: str | None = None):  # type: ignore[no-untyped-def,override]
        self.seen.append((doc.path, date, jurisdiction))
        if "boom" in doc.text:
            raise RuntimeError("boom")
        return super().check(doc)


def test_records_become_documents_named_by_url_with_their_context(tmp_path: Path) -> None:
    texts = audit_corpus.texts(count=3)
    lines = [
        json.dumps({"url": "https://a.example/1", "text": texts[0], "date": "2021-05-02"}),
        "",
        json.dumps({"url": "https://a.example/2", "text": texts[1], "jurisdiction": "US"}),
        "{not json",
        json.dumps({"url": "https://a.example/3"}),
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://a.example/4", "text": texts[2], "date": "2020-02-30"}),
        json.dumps({"url": "https://a.example/5", "text": "It goes boom.", "crawler": "x"}),
        json.dumps(
            {"url": "https://a.example/6", "text": texts[2], "date": "2019-01-01T10:00:00Z"}
        ),
    ]
    records = tmp_path / "crawl.jsonl"
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb = load_kb(KB)
    linter = Recording(kb, Config())
    (partition,) = audit.plan([str(records)]).partitions
    findings, documents = audit.lint_documents(linter, partition)
    where = str(records)
    assert [
        (d["document"], d["record"], d["date"], d["jurisdiction"], d["error"]) for d in documents
    ] == [
        ("https://a.example/1", 1, "2021-05-02", None, None),
        ("https://a.example/2", 3, None, "US", None),
        (
            f"{where}:4",
            4,
            None,
            None,
            f"{where}:4: not a JSON record (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        ),
        ("https://a.example/3", 5, None, None, f"{where}:5: 'text' is missing or not a string"),
        (
            f"{where}:6",
            6,
            None,
            None,
            f"{where}:6: a record is a JSON object with 'url' and 'text'",
        ),
        (
            "https://a.example/4",
            7,
            None,
            None,
            f"{where}:7: date '2020-02-30' is not an ISO date (YYYY-MM-DD)",
        ),
        (
            "https://a.example/5",
            8,
            None,
            None,
            f"https://a.example/5: internal error: RuntimeError: boom (at test_audit.py:{BOOM})",
        ),
        ("https://a.example/6", 9, "2019-01-01", None, None),
    ]
    assert linter.seen == [
        ("https://a.example/1", date(2021, 5, 2), None),
        ("https://a.example/2", None, "US"),
        ("https://a.example/5", None, None),
        ("https://a.example/6", date(2019, 1, 1), None),
    ]
    # a record is judged as its text would be in a file of its own
    plain = Linter(kb, Config())
    for url, text in (("https://a.example/1", texts[0]), ("https://a.example/6", texts[2])):
        doc = tmp_path / "one.txt"
        doc.write_text(text, encoding="utf-8")
        expected = [audit.finding_row(url, f) for f in plain.check(_renamed(doc, url)).findings]
        assert [f for f in findings if f["document"] == url] == expected
        assert expected


def _renamed(path: Path, name: str) -> Document:
    from ketcheck.text import document_from_bytes

    return document_from_bytes(path.read_bytes(), name, "txt")


def test_the_plain_linter_gets_no_context_it_cannot_take(tmp_path: Path) -> None:
    records = tmp_path / "crawl.jsonl"
    text = audit_corpus.texts(count=1)[0]
    records.write_text(json.dumps({"url": "u", "text": text, "date": "2021-01-01"}) + "\n")
    (partition,) = audit.plan([str(records)]).partitions
    _, documents = audit.lint_documents(Linter(load_kb(KB), Config()), partition)
    assert documents[0]["error"] is None and documents[0]["date"] == "2021-01-01"


def test_both_formats_read_back_the_rows_they_wrote(tmp_path: Path) -> None:
    finding = {"document": "d", "rule": "KC201", "line": 3, "extra": "dropped"}
    document = {"document": "d", "findings": 1, "error": None}
    for fmt in audit.FORMATS:
        output = audit.Output(tmp_path / fmt, fmt)
        part = audit.Partition(0, 1)
        for table in audit.TABLES:
            (output.root / table).mkdir(parents=True)
        audit.write_table([finding], audit.FINDING_COLUMNS, output.part("findings", part), fmt)
        # findings without their documents table: a half-written partition, not read
        assert list(audit.read_table(output, "findings", ["rule"])) == []
        audit.write_table([document], audit.DOCUMENT_COLUMNS, output.part("documents", part), fmt)
        (got,) = audit.read_table(output, "findings", ["document", "rule", "line", "value"])
        assert got == {"document": "d", "rule": "KC201", "line": 3, "value": None}
        (row,) = audit.read_table(output, "documents", ["document", "findings", "record"])
        assert row == {"document": "d", "findings": 1, "record": None}
        assert output.written(audit.Plan((part,))) == {0}


def test_each_worker_builds_its_linter_once_not_per_task(corpus: Path, monkeypatch) -> None:
    from distributed import Client, LocalCluster

    built: list[int] = []

    class Counted(Linter):
        def __init__(self, *args: Any) -> None:
            built.append(1)
            super().__init__(*args)

    # workers in this process (threads), so that they build the counted linter
    monkeypatch.setattr(audit, "Linter", Counted)
    kb, config = load_kb(KB), Config()
    plan = audit.plan([str(corpus / "corpus" / "batch1")])
    assert len(plan.partitions) == 10
    output = audit.open_output(corpus / "once", plan, "jsonl", audit.fingerprint(plan, kb, config))
    with (
        LocalCluster(
            n_workers=2,
            processes=False,
            threads_per_worker=1,
            dashboard_address=None,  # in-process transport: no network at all
        ) as local,
        Client(local) as client,
    ):
        seen: list[int] = []
        report = audit.run(client, plan, output, kb, config, progress=seen.append)
        assert audit.PLUGIN_NAME not in next(
            iter(client.run(lambda dask_worker: list(dask_worker.plugins)).values())
        )
    assert report.failed == {} and report.todo == 10
    assert sum(seen) == plan.documents == 80
    assert len(built) == 2
    assert len(output.written(plan)) == 10


def test_a_partition_that_cannot_be_written_is_reported_and_left_for_a_rerun(
    corpus: Path,
) -> None:
    from distributed import Client, LocalCluster

    kb, config = load_kb(KB), Config()
    plan = audit.plan([str(corpus / "corpus" / "bad")])
    output = audit.open_output(
        corpus / "broken", plan, "jsonl", audit.fingerprint(plan, kb, config)
    )
    (output.root / "findings").rmdir()
    (output.root / "findings").write_text("a file where the findings directory was\n")
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=None) as local,
        Client(local) as client,
    ):
        report = audit.run(client, plan, output, kb, config)
    assert report.todo == 1
    (name, why), *_ = report.failed.items()
    assert name == "part-00000" and why.startswith("NotADirectoryError: ")
    assert output.written(plan) == set()
