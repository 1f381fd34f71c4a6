"""Throughput of `ketcheck lint` against proselint on the same corpora, side by side.

Three corpora of about the same size, each written to files under benchmarks/.work/:

- ``seeds``: the seed articles repeated and cut into files (claim-dense, every sentence a
  near-copy of a curated source);
- ``prose``: ordinary English prose (the docstrings of standard-library modules and the
  licence texts of installed packages, as this interpreter has them) with about one sentence
  in twenty a ketamine claim, drawn from distinct generated claim sentences;
- ``dense``: distinct claim sentences and nothing else, no sentence repeated, so every
  sentence is parsed.

The claim sentences are generated from the shipped vocabulary (each property's values under a
few sentence frames), never from the development set. Each tool runs once per corpus as one
process (``--jobs 1``), the two interleaved, and the best of ``--repeat`` runs is kept.
Run from the repository root:

    python benchmarks/lint_throughput.py [--megabytes 0.25] [--repeat 3] [--corpus prose]
    python benchmarks/lint_throughput.py --ketcheck-src ../old-checkout/src   # before/after

Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import random
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
PROSELINT = "proselint==0.16.0"
FILES = 40
# standard-library modules with long docstrings of ordinary technical English
PROSE_MODULES = (
    *("argparse", "asyncio", "collections", "concurrent.futures", "csv", "datetime", "decimal"),
    *("difflib", "email", "functools", "http.client", "inspect", "itertools", "json"),
    *("logging", "multiprocessing", "os", "pathlib", "pickle", "random", "re", "shutil"),
    *("socket", "sqlite3", "statistics", "string", "subprocess", "tarfile", "threading"),
    *("typing", "unittest", "urllib.request", "zipfile"),
)
FRAMES = (
    "{subject} is {article} {value}.",
    "Many readers ask whether {subject} is {article} {value}.",
    "Clinicians describe {subject} as {article} {value} in their notes.",
    "According to this page, {subject} is not {article} {value}.",
    "In practice, {subject} {verb} {value} in some patients.",
)


def claim_sentences(count: int, seed: int = 7) -> list[str]:
    """Distinct sentences about the subject, one value alias under one frame each."""
    from ketcheck import load_kb

    vocabulary = load_kb(ROOT / "data").vocabulary
    aliases = sorted(
        {
            alias
            for prop in vocabulary.properties.values()
            for value in prop.values.values()
            for alias in value.aliases
            if len(alias) > 3 and not alias.startswith(("a ", "an ", "not "))
        }
    )
    subjects = [vocabulary.subject.capitalize(), "The drug", "This medication", "It"]
    sentences = []
    rng = random.Random(seed)
    for n in range(count):
        alias = aliases[n % len(aliases)]
        frame = FRAMES[(n // len(aliases)) % len(FRAMES)]
        subject = subjects[n % len(subjects)]
        article = "an" if alias[0] in "aeiou" else "a"
        verb = rng.choice(["causes", "shows", "brings", "leads to"])
        sentence = frame.format(subject=subject, article=article, value=alias, verb=verb)
        sentences.append(f"{sentence[0].upper()}{sentence[1:]} (case {n}.)")
    return sentences


def prose_sentences() -> list[str]:
    texts = []
    for name in PROSE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for _, member in inspect.getmembers(module):
            doc = inspect.getdoc(member)
            if doc and len(doc) > 200:
                texts.append(doc)
    site = Path(sys.prefix).glob("lib/python*/site-packages/*.dist-info")
    for info in sorted(site):
        for licence in sorted([*info.glob("LICEN[CS]E*"), *info.glob("licenses/**/*")]):
            if licence.is_file():
                texts.append(licence.read_text(encoding="utf-8", errors="replace"))
    sentences = []
    for text in dict.fromkeys(texts):
        for part in text.split(". "):
            part = " ".join(part.split())
            if 30 < len(part) < 400:
                sentences.append(part.rstrip(".") + ".")
    return list(dict.fromkeys(sentences))


def write_files(target: Path, sentences: list[str], megabytes: float) -> int:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    per_file = int(megabytes * 1_000_000 / FILES)
    total, i = 0, 0
    for n in range(FILES):
        if i >= len(sentences):
            break
        parts, size = [], 0
        while size < per_file and i < len(sentences):
            parts.append(sentences[i])
            size += len(sentences[i]) + 1
            i += 1
            if i % 6 == 0:
                parts.append("\n")
        body = " ".join(parts).replace(" \n ", "\n\n") + "\n"
        (target / f"article_{n:03d}.txt").write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


def build(corpus: str, megabytes: float) -> tuple[Path, int]:
    target = WORK / f"corpus-{corpus}"
    if corpus == "seeds":
        seeds = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
        paragraphs = [p for s in seeds for p in s.split("\n\n") if p.strip()]
        count = int(megabytes * 1_000_000 / (sum(map(len, paragraphs)) / len(paragraphs))) + 1
        sentences = [paragraphs[i % len(paragraphs)] for i in range(count)]
    elif corpus == "prose":
        prose = prose_sentences()
        claims = claim_sentences(len(prose) // 19 + 1)
        sentences = []
        for n, sentence in enumerate(prose):
            sentences.append(sentence)
            if n % 19 == 18:
                sentences.append(claims[n // 19])
    else:
        sentences = claim_sentences(int(megabytes * 1_000_000 / 60))
    return target, write_files(target, sentences, megabytes)


def proselint_binary() -> Path:
    env_dir = WORK / "proselint-venv"
    binary = env_dir / "bin" / "proselint"
    if not binary.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        subprocess.run([str(env_dir / "bin" / "pip"), "install", "--quiet", PROSELINT], check=True)
    return binary


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=0.25)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", choices=["seeds", "prose", "dense"], action="append")
    parser.add_argument(
        "--ketcheck-src",
        type=Path,
        help="lint with the ketcheck package under this src/ (an older checkout), same corpora",
    )
    args = parser.parse_args()
    env = dict(os.environ)
    if args.ketcheck_src:
        env["PYTHONPATH"] = str(args.ketcheck_src.resolve())
    proselint = str(proselint_binary())
    print(f"{'corpus':8} {'MB':>5} {'ketcheck MB/s':>14} {'proselint MB/s':>15} {'ratio':>6}")
    for corpus in args.corpus or ["seeds", "prose", "dense"]:
        target, size = build(corpus, args.megabytes)
        paths = sorted(str(p) for p in target.glob("*.txt"))
        ours = [
            sys.executable,
            "-m",
            "ketcheck",
            "lint",
            "--jobs",
            "1",
            "--format",
            "json",
            "--quiet",
        ]
        if args.ketcheck_src:  # the older checkout's own knowledge base, as it shipped
            ours += ["--kb", str(args.ketcheck_src.resolve().parent / "data")]
        ours += paths
        theirs = [proselint, "check", "--output-format", "json", *paths]
        best_ours = best_theirs = float("inf")
        for _ in range(args.repeat):  # interleaved, so both meet the same load
            best_ours = min(best_ours, timed(ours, env))
            best_theirs = min(best_theirs, timed(theirs))
        mb = size / 1_000_000
        print(
            f"{corpus:8} {mb:5.2f} {mb / best_ours:14.3f} {mb / best_theirs:15.3f}"
            f" {best_theirs / best_ours:5.2f}x"
        )


if __name__ == "__main__":
    main()
