"""Throughput of `ketcheck lint` against proselint on the same ~1 MB corpus.

Builds a corpus of the seed articles repeated into 160 files (about 1 MB in all), installs
proselint into its own virtual environment under benchmarks/.work/, runs each tool once as one
process over all files, and prints MB/s for both and the ratio. Run from the repository root:

    python benchmarks/lint_throughput.py [--files 160] [--megabytes 1.0] [--repeat 3]

Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
PROSELINT = "proselint==0.16.0"


def build_corpus(target: Path, files: int, megabytes: float) -> int:
    """The seed articles repeated and cut at paragraph ends into ``files`` files."""
    seeds = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))
    ]
    per_file = int(megabytes * 1_000_000 / files)
    paragraphs = [p for seed in seeds for p in seed.split("\n\n") if p.strip()]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    total, i = 0, 0
    for n in range(files):
        parts, size = [], 0
        while size < per_file:
            paragraph = paragraphs[i % len(paragraphs)]
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
            i += 1
        body = "\n\n".join(parts) + "\n"
        (target / f"article_{n:03d}.txt").write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


def proselint_binary() -> Path:
    env_dir = WORK / "proselint-venv"
    binary = env_dir / "bin" / "proselint"
    if not binary.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        pip = env_dir / "bin" / "pip"
        subprocess.run([str(pip), "install", "--quiet", PROSELINT], check=True)
    return binary


def timed(command: list[str], repeat: int) -> float:
    """Best wall time of ``repeat`` runs (exit codes 0 and 1 both mean 'ran fine')."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=160)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    corpus = WORK / "corpus"
    size = build_corpus(corpus, args.files, args.megabytes)
    paths = sorted(str(p) for p in corpus.glob("*.txt"))
    megabytes = size / 1_000_000
    print(f"corpus: {len(paths)} files, {megabytes:.2f} MB")

    ketcheck = [sys.executable, "-m", "ketcheck", "lint", "--format", "json", "--quiet", *paths]
    ketcheck_time = timed(ketcheck, args.repeat)
    print(f"ketcheck lint : {ketcheck_time:7.2f} s  {megabytes / ketcheck_time:8.2f} MB/s")

    proselint = [str(proselint_binary()), "check", "--output-format", "json", *paths]
    proselint_time = timed(proselint, args.repeat)
    print(f"proselint     : {proselint_time:7.2f} s  {megabytes / proselint_time:8.2f} MB/s")
    print(f"ratio         : {proselint_time / ketcheck_time:7.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
