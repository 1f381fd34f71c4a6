"""`ketcheck audit --scheduler`: a scheduler and two workers started as separate processes on
127.0.0.1, one worker killed mid-run; the output is still complete and correct."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import audit_corpus
from ketcheck import load_kb
from ketcheck.lint import Linter
from ketcheck.models import Finding
from ketcheck.text import document_from_bytes, iter_paths, load_document

KB = str(audit_corpus.SHIPPED_KB)
WAIT = 90  # seconds; generous, for a busy machine


def _start(argv: list[str], cwd: Path, log: Path) -> subprocess.Popen:
    # a session of its own, so that the whole worker can be killed at once, as a machine dies
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", *argv],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _until(condition, what: str, timeout: float = WAIT) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """A scheduler on 127.0.0.1 (address read from its scheduler file) and two workers,
    whose working directory is not the audit's."""
    scheduler_file = tmp_path / "scheduler.json"
    elsewhere = tmp_path / "workers"
    elsewhere.mkdir()
    procs = [
        _start(
            [
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
            tmp_path,
            tmp_path / "scheduler.log",
        )
    ]
    try:
        _until(lambda: scheduler_file.exists() and scheduler_file.stat().st_size, "the scheduler")
        _until(lambda: "address" in scheduler_file.read_text(), "the scheduler file")
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for name in ("w1", "w2"):
            argv = ["distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file)]
            argv += ["--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard"]
            procs.append(_start([*argv, "--name", name], elsewhere, tmp_path / f"{name}.log"))
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=WAIT)
        yield address, procs[1:]
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _key(f: Finding) -> tuple:
    loc = f.location
    assert loc is not None
    row = (loc.path, loc.line, loc.column, f.rule, f.name, f.severity.value, f.message)
    return (*row, f.property, f.quote, f.reference)


def _row_key(r: dict) -> tuple:
    keys = ("document", "line", "column", "rule", "name", "severity", "message")
    return tuple(r[k] for k in (*keys, "property", "quote", "reference"))


def test_audit_on_a_cluster_survives_a_worker_killed_mid_run(
    cluster: tuple[str, list[subprocess.Popen]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address, (doomed, survivor) = cluster
    audit_corpus.build(tmp_path / "corpus")
    texts = audit_corpus.texts(count=40)
    records = "".join(
        json.dumps({"url": f"https://crawl.example/{n}", "text": t}) + "\n"
        for n, t in enumerate(texts)
    )
    (tmp_path / "crawl.jsonl").write_text(records, encoding="utf-8")
    argv = ["ketcheck", "audit", "corpus", "crawl.jsonl", "--out", "out", "--scheduler", address]
    argv += ["--kb", KB, "--isolated", "--format", "jsonl"]
    run = _start(argv, tmp_path, tmp_path / "audit.log")
    documents = tmp_path / "out" / "documents"
    try:
        _until(lambda: documents.exists() and any(documents.glob("part-*.jsonl")), "a partition")
        os.killpg(doomed.pid, signal.SIGKILL)
        written_at_kill = len(list(documents.glob("part-*.jsonl")))
        assert run.poll() is None, "the audit ended before the worker could be killed"
        doomed.wait()
        assert run.wait(timeout=240) == 0, (tmp_path / "audit.log").read_text()
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    log = (tmp_path / "audit.log").read_text()
    assert "(2 workers)" in log
    assert "36 partitions, 0 already written" in log
    assert written_at_kill < 36
    assert survivor.poll() is None

    manifest = json.loads((tmp_path / "out" / "audit.json").read_text())
    assert manifest["partitions"] == 36
    assert len(list(documents.glob("part-*.jsonl"))) == 36
    assert not list((tmp_path / "out").rglob("*.tmp"))
    doc_rows = [
        json.loads(line)
        for part in sorted(documents.glob("part-*.jsonl"))
        for line in part.read_text().splitlines()
    ]
    finding_rows = [
        json.loads(line)
        for part in sorted((tmp_path / "out" / "findings").glob("part-*.jsonl"))
        for line in part.read_text().splitlines()
    ]
    # complete: every document exactly once
    assert len(doc_rows) == 243 + 40
    assert len({d["document"] for d in doc_rows}) == 243 + 40
    assert sum(1 for d in doc_rows if d["error"]) == 3
    # correct: the findings the linter gives each file and each record's text
    monkeypatch.chdir(tmp_path)
    linter = Linter(load_kb(KB))
    expected = []
    for path in iter_paths(["corpus"]):
        if str(path.relative_to("corpus")) not in audit_corpus.UNREADABLE:
            expected += [_key(f) for f in linter.check(load_document(path)).findings]
    for n, text in enumerate(texts):
        doc = document_from_bytes(text.encode(), f"https://crawl.example/{n}", "txt")
        expected += [_key(f) for f in linter.check(doc).findings]
    assert sorted(_row_key(r) for r in finding_rows) == sorted(expected)
    assert len(expected) > 500
