"""Documents per second of `ketcheck audit` on a LocalCluster of 1 and of 2 worker processes.

Builds one corpus of short articles cut from the seed articles' paragraphs (under
benchmarks/.work/audit-corpus/), audits it into a fresh output directory per worker count, and
prints documents/s for each, the speed-up, and documents per CPU-second of the workers (equal
at 1 and 2 workers when spreading the audit costs nothing; on a machine shared with other work
it tells the audit's own overhead from the load of the moment), next to the speed-up that
plain Python processes get on this machine at that moment. The timing covers the audit
(plugin registration, linting, writing the tables); starting the cluster is timed apart, since
a long audit pays it once. Run from the repository root (needs the audit extra):

    python benchmarks/audit.py [--documents 320] [--workers 1 2] [--repeat 1]

Not part of the test suite: timings depend on the machine and on what else it is running.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ketcheck import audit, load_kb
from ketcheck.config import Config

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"


def build_corpus(target: Path, documents: int, seed: int = 7) -> int:
    """``documents`` articles of 2-4 seed paragraphs each; returns the corpus size in bytes."""
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))
    ]
    pool = [" ".join(p.split()) for t in texts for p in t.split("\n\n") if len(p.split()) > 8]
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    total = 0
    for n in range(documents):
        body = "\n\n".join(rng.sample(pool, rng.randint(2, 4))) + "\n"
        (target / f"article-{n:04d}.txt").write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


def measure(corpus: Path, workers: int, out: Path) -> tuple[float, float, float, int]:
    """(seconds to start the cluster, seconds to audit, CPU seconds the workers spent on it,
    documents audited)."""
    kb = load_kb(ROOT / "data")
    config = Config()
    plan = audit.plan([str(corpus)])
    if out.exists():
        shutil.rmtree(out)
    output = audit.open_output(out, plan, "parquet", audit.fingerprint(plan, kb, config))
    started = time.perf_counter()
    with audit.cluster(workers=workers) as client:
        cpu_before = client.run(time.process_time)
        ready = time.perf_counter()
        report = audit.run(client, plan, output, kb, config)
        done = time.perf_counter()
        cpu = sum(client.run(time.process_time).values()) - sum(cpu_before.values())
    assert not report.failed, report.failed
    return ready - started, done - ready, cpu, plan.documents


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def machine_speedup(workers: int, n: int = 3_000_000) -> float:
    """How much more plain Python work ``workers`` processes do than one, right now: the
    ceiling this machine (shared, virtual) puts on any speed-up at that moment."""
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_spin, [1000] * workers))  # start the processes before timing
        started = time.perf_counter()
        list(pool.map(_spin, [n] * workers))
        parallel = time.perf_counter() - started
        started = time.perf_counter()
        list(pool.map(_spin, [n]))
        one = time.perf_counter() - started
    return workers * one / parallel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=320)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count (best kept)")
    args = parser.parse_args()
    corpus = WORK / "audit-corpus"
    size = build_corpus(corpus, args.documents)
    print(f"corpus: {args.documents} documents, {size / 1e6:.2f} MB, in {corpus}")
    best: dict[int, tuple[float, float, float, int]] = {}
    # interleaved (1, 2, 1, 2, ...), best of each kept: on a shared machine the load of the
    # moment otherwise decides the ratio
    for _ in range(args.repeat):
        for workers in args.workers:
            got = measure(corpus, workers, WORK / f"audit-out-{workers}")
            if workers not in best or got[1] < best[workers][1]:
                best[workers] = got
    rates = {}
    for workers, (startup, seconds, cpu, documents) in best.items():
        rates[workers] = documents / seconds
        print(
            f"{workers} worker{'s' if workers > 1 else ' '}: {rates[workers]:6.1f} documents/s "
            f"({documents} in {seconds:.2f} s, {documents / cpu:.1f} documents per worker "
            f"CPU-second; cluster start {startup:.2f} s)"
        )
    if 1 in rates:
        for workers, rate in rates.items():
            if workers != 1:
                print(
                    f"speed-up at {workers} workers: {rate / rates[1]:.2f}x (this machine, now: "
                    f"{machine_speedup(workers):.2f}x for {workers} plain Python processes)"
                )


if __name__ == "__main__":
    main()
