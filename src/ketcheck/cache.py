"""The compiled knowledge base: loaded and validated once, then read back in one step.

Loading a large knowledge base (parsing YAML, validating every entry with pydantic, finding
every quote in its source) costs far more than reading back its result. The result is kept
as one versioned pickle in the user cache directory:

- **Key.** The SHA-256 of every regular file in the knowledge-base directory (names and
  contents: the loader reads nothing outside it), its resolved path, the ketcheck version and
  a fingerprint of ketcheck's own modules (so an edited checkout never reads results of other
  code). Any change gives another key; an old file is simply never asked for again.
- **Integrity.** The file starts with a magic line, the payload's length and its SHA-256; a
  truncated, corrupt or foreign file fails the check and is rebuilt, never trusted.
- **Atomic.** Written to a temporary file in the same directory, then renamed over the
  target: a reader sees the old file or the new one, and two processes building at once
  both end with a correct result.
- **Where.** ``$KETCHECK_CACHE_DIR``, else the platform's user cache directory
  (``$XDG_CACHE_HOME/ketcheck`` or ``~/.cache/ketcheck`` on Linux,
  ``~/Library/Caches/ketcheck`` on macOS, ``%LOCALAPPDATA%\\ketcheck\\Cache`` on Windows).
  Deleting the directory clears it. ``--no-cache`` (or ``KETCHECK_NO_CACHE=1``) bypasses it.

Only this module reads or writes the cache, and never inside the knowledge base.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ketcheck.kb import KnowledgeBase

FORMAT = 1
_MAGIC = b"ketcheck-kb-cache\n"
_ENV_DIR = "KETCHECK_CACHE_DIR"
_ENV_OFF = "KETCHECK_NO_CACHE"

# Whether load_kb() uses the cache when its caller does not say: off for library callers
# (nothing is written behind their back), switched on by the command line.
DEFAULT = False


def enabled(requested: bool | None = None) -> bool:
    if os.environ.get(_ENV_OFF, "") not in ("", "0"):
        return False
    return DEFAULT if requested is None else requested


def cache_dir() -> Path:
    given = os.environ.get(_ENV_DIR)
    if given:
        return Path(given).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "ketcheck" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ketcheck"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ketcheck"


def _code_fingerprint() -> bytes:
    """ketcheck's version and the size and modification time of each of its modules."""
    from ketcheck import __version__

    package = Path(__file__).parent
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.digest()


def content_key(directory: Path) -> str:
    """The cache key of the knowledge base in ``directory`` (see the module docstring)."""
    base = directory.resolve()
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(str(base).encode("utf-8", "surrogateescape") + b"\0")
    for path in _files(base):
        digest.update(path.relative_to(base).as_posix().encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        with open(path, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def _files(base: Path) -> list[Path]:
    """Regular files under ``base`` (hidden entries skipped; special files never opened)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            try:
                if stat.S_ISREG(path.stat().st_mode):
                    found.append(path)
            except OSError:
                continue  # a dangling link: the loader reports it if it is used
    return found


def _path(key: str, part: str = "kb") -> Path:
    return cache_dir() / f"{part}-{key[:40]}.pickle"


class _Claims(pickle.Pickler):
    """Pickles analyses with references to the knowledge base's own objects (claims, their
    assertions, facts, the knowledge base itself) instead of copies of them."""

    def __init__(self, handle: Any, kb: KnowledgeBase) -> None:
        super().__init__(handle, pickle.HIGHEST_PROTOCOL)
        self.ids: dict[int, tuple[str, ...]] = {id(kb): ("kb",)}
        for claim in kb.claims:
            self.ids[id(claim)] = ("claim", claim.id)
            for n, assertion in enumerate(claim.assertions):
                self.ids[id(assertion)] = ("assertion", claim.id, str(n))
        for fact in kb.facts:
            self.ids[id(fact)] = ("fact", fact.id)

    def persistent_id(self, obj: Any) -> tuple[str, ...] | None:
        return self.ids.get(id(obj))


class _Resolver(pickle.Unpickler):
    def __init__(self, handle: Any, kb: KnowledgeBase) -> None:
        super().__init__(handle)
        self.kb = kb

    def persistent_load(self, pid: Any) -> Any:
        kind = pid[0]
        if kind == "kb":
            return self.kb
        if kind == "claim":
            return self.kb.claim(pid[1])
        if kind == "assertion":
            return self.kb.claim(pid[1]).assertions[int(pid[2])]
        if kind == "fact":
            return self.kb.fact(pid[1])
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


class _Hashing:
    """A write-only file that hashes and counts what goes through it."""

    def __init__(self, handle: Any) -> None:
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.handle.write(data)


def _write_file(target: Path, dump: Callable[[Any], None]) -> None:
    """Write header and payload to a temporary file, then rename it over ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + bytes(40))  # length and digest, filled in below
            hashing = _Hashing(handle)
            dump(hashing)
            handle.seek(len(_MAGIC))
            handle.write(hashing.size.to_bytes(8, "big") + hashing.digest.digest())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _payload(path: Path) -> memoryview | None:
    """The checked payload of a cache file, or None if absent, truncated or corrupt."""
    try:
        blob = memoryview(path.read_bytes())
    except OSError:
        return None
    header_end = len(_MAGIC) + 8 + 32
    if len(blob) < header_end or bytes(blob[: len(_MAGIC)]) != _MAGIC:
        return None
    size = int.from_bytes(blob[len(_MAGIC) : len(_MAGIC) + 8], "big")
    payload = blob[header_end:]
    if (
        len(payload) != size
        or hashlib.sha256(payload).digest() != blob[len(_MAGIC) + 8 : header_end]
    ):
        return None
    return payload


def read(key: str) -> KnowledgeBase | None:
    """The knowledge base stored under ``key``, or None if absent, stale or damaged.

    The shared analyses stored beside it are read only when a command first asks for one.
    """
    payload = _payload(_path(key))
    if payload is None:
        return None
    try:
        stored = pickle.loads(payload)
    except Exception:  # damaged in a way the digest could not see, or another ketcheck's
        return None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != key:
        return None
    kb = stored.get("kb")
    if kb is None:
        return None
    loaded: dict[str, Any] = {}

    def analyses() -> dict[str, Any]:
        if not loaded:
            loaded.update(_read_analyses(key, kb) or {"": None})
        return loaded

    for name, analysis in _analyses().items():
        analysis.provide(kb, lambda kb, name=name: analyses().get(name))
    return kb


def _read_analyses(key: str, kb: KnowledgeBase) -> dict[str, Any] | None:
    payload = _payload(_path(key, "analyses"))
    if payload is None:
        return None
    try:
        stored = _Resolver(io.BytesIO(payload), kb).load()
    except Exception:
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored.get("analyses")


def _analyses() -> dict[str, Any]:
    """The knowledge-base-wide analyses compiled with it (rules compute them per knowledge
    base object, once): name -> the per-knowledge-base function."""
    from ketcheck.rules import copying, groups, reference

    return {
        "copied_pairs": copying.copied_pairs,
        "located_claims": copying._located_claims,
        "copied_claims": copying.copied_claims,
        "copying_sources": copying.copying_sources,
        "copy_partners": groups._copy_partners,
        "source_order": groups._source_order,
        "conflict_groups": groups.conflict_groups,
        "assessments": reference.assessments,
    }


def _compile(kb: KnowledgeBase) -> dict[str, Any]:
    from ketcheck.query import default_judge
    from ketcheck.search import build_index

    build_index(kb)  # a search then costs one query
    kb.verdicts = (kb.claims, default_judge()(kb))  # listings read verdicts
    found = {}
    for name, analysis in _analyses().items():
        value = analysis(kb)
        if name == "assessments":
            value.items()  # decided for every claim now, not on first use
        found[name] = value
    return found


def write(key: str, kb: KnowledgeBase) -> KnowledgeBase:
    """Compile ``kb`` and store it under ``key`` atomically; return the compiled copy.

    The knowledge base and its shared analyses go to two files, so that a command that needs
    no analysis (search, list) does not read them. A cache that cannot be written (read-only
    home, full disk) is skipped.
    """
    kb = _portable(kb)
    analyses = _compile(kb)
    try:
        _write_file(
            _path(key, "analyses"),
            lambda out: _Claims(out, kb).dump({"key": key, "analyses": analyses}),
        )
        _write_file(
            _path(key),
            lambda out: pickle.dump(
                {"format": FORMAT, "key": key, "kb": kb}, out, pickle.HIGHEST_PROTOCOL
            ),
        )
    except OSError:
        pass
    return kb


def _portable(kb: KnowledgeBase) -> KnowledgeBase:
    """A copy without what depends on the working directory or is cheap to rebuild."""
    import dataclasses

    return dataclasses.replace(kb, _paths={}, _indexes={}, _claims_index=None, _facts_index=None)


def load(
    directory: Path, build: Callable[[], KnowledgeBase], *, trust: bool = True
) -> KnowledgeBase:
    """The knowledge base in ``directory``: from the cache, else ``build()`` and store it.

    With ``trust=False`` it is always built (``validate``), and the cache refreshed. The key
    is taken before and after building; a knowledge base edited meanwhile is returned but
    not stored.
    """
    key = content_key(directory)
    kb = read(key) if trust else None
    if kb is not None:
        kb.root = directory  # as this run named it: the key holds the resolved path
        return kb
    kb = build()
    if content_key(directory) == key:
        kb = write(key, kb)
    return kb
