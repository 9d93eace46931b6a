"""Building the index (a separate command from serving it) and opening a finished one.

Layout under ``index_dir``::

    CURRENT                 name of the build being served (replaced atomically)
    builds/<name>/          manifest.json, chroma/ (local mode), bm25/, fitted.json
    builds/<name>.partial/  a build in progress; never read
    cache/embeddings.sqlite vectors by (embedder, text hash)
    build.lock              one builder at a time

A build writes into ``<name>.partial``, verifies it, renames it, and only then
replaces ``CURRENT``: a crash or a kill at any point leaves the previous build
serving. Vectors come from the embeddings shipped with the corpus first
(``shipped.py``), then from the cache; only what neither holds is embedded.
A build is up to date when its manifest's key (``freshness.py``) matches.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.errors import IndexBuildError, IndexNotReady
from assistant.retrieval.cache import CachingEmbeddings, EmbeddingCache
from assistant.retrieval.embeddings import embedder_identity, identity_for, make_embedder
from assistant.retrieval.fitted import FITTED_FILE, read_fitted, shipped_fit_path, write_fitted
from assistant.retrieval.freshness import index_key, stale_parts
from assistant.retrieval.lexical import TOKENIZER_VERSION, LexicalIndex
from assistant.retrieval.passages import Passage, build_passages
from assistant.retrieval.shipped import ShippedVectors
from assistant.retrieval.store import HNSW, Vectors, chroma_client, hnsw_not_applied, vector_store

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
KEEP_BUILDS = 2  # the current one and the one before, for readers still holding it


@dataclass
class BuildReport:
    build: str
    up_to_date: bool
    passages: int = 0
    embedded: int = 0  # texts neither shipped nor in the cache
    shipped: int = 0  # texts whose vectors came from the embeddings shipped with the corpus
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class OpenIndex:
    """A finished build, opened for reading."""

    path: Path
    manifest: dict[str, Any]
    vectors: Vectors
    lexical: LexicalIndex
    fitted: dict[str, Any] | None = None  # the models fitted for its embedder (fitted.py); None: none


# The build's fit step: given the verified, not yet served build folder and the embedder, the models
# fitted for it (run when no fit is shipped for the embedder; `assistant index` passes evals' fitter).
FitStep = Callable[[Path, Embeddings], dict[str, Any]]


def _store_target(settings: Settings) -> dict[str, str | None]:
    return {"mode": "server" if settings.chroma_url else "local", "url": settings.chroma_url}


def current_build(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return index_dir / "builds" / name if name else None


def read_manifest(build: Path) -> dict[str, Any]:
    try:
        data = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexNotReady(f"index build {build.name} has no readable manifest; run `assistant index`") from exc
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        raise IndexNotReady(f"index build {build.name} has an unknown manifest; run `assistant index`")
    return data


def is_up_to_date(settings: Settings, key: dict[str, Any]) -> bool:
    build = current_build(settings.index_dir)
    if build is None or not build.is_dir():
        return False
    try:
        manifest = read_manifest(build)
    except IndexNotReady:
        return False
    return not stale_parts(manifest, key)


def build_index(
    settings: Settings,
    *,
    force: bool = False,
    reembed: bool = False,
    embedder: Embeddings | None = None,
    progress: Callable[[int, int], None] | None = None,
    fit: FitStep | None = None,
) -> BuildReport:
    """Build the index if it is not up to date (``force``: build anyway; ``reembed``: embed every passage
    anew, using neither the shipped embeddings nor the cache; ``fit``: how to fit the models when none is
    shipped for the embedder)."""
    started = time.perf_counter()
    corpus = load_corpus(settings.corpus_dir)
    passages = build_passages(corpus)
    identity = embedder_identity(embedder) if embedder is not None else identity_for(settings)
    key = index_key(settings, passages, identity)
    if not (force or reembed) and is_up_to_date(settings, key):
        build = current_build(settings.index_dir)
        assert build is not None
        return BuildReport(build=build.name, up_to_date=True, seconds=time.perf_counter() - started)

    embedder = embedder or make_embedder(settings)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(settings.index_dir / "build.lock"), timeout=0):
            return _build_locked(settings, corpus, passages, embedder, key, started, progress, reembed, fit)
    except Timeout as exc:
        raise IndexBuildError("another `assistant index` is running on this index folder") from exc


def _build_locked(
    settings: Settings,
    corpus: Corpus,
    passages: list[Passage],
    embedder: Embeddings,
    key: dict[str, Any],
    started: float,
    progress: Callable[[int, int], None] | None,
    reembed: bool,
    fit: FitStep | None,
) -> BuildReport:
    builds = settings.index_dir / "builds"
    builds.mkdir(exist_ok=True)
    for stale in builds.glob("*.partial"):  # left by a build that was killed; we hold the lock
        shutil.rmtree(stale, ignore_errors=True)
    name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{corpus.fingerprint[:8]}"
    partial = builds / f"{name}.partial"
    partial.mkdir()
    timings: dict[str, float] = {}

    identity = key["embedder"]
    cache = EmbeddingCache(settings.index_dir / "cache" / "embeddings.sqlite")
    t0 = time.perf_counter()
    shipped = ShippedVectors({}) if reembed else ShippedVectors.load(settings.corpus_dir, identity)
    timings["read_shipped"] = time.perf_counter() - t0
    caching = CachingEmbeddings(embedder, cache, shipped=shipped, reuse=not reembed)
    if progress:
        caching.on_batch = lambda done: progress(done, len(passages))
    t0 = time.perf_counter()
    collection = f"{settings.chroma_collection}-{name}".lower()[:60]
    client = chroma_client(settings.chroma_url, partial / "chroma")
    store = vector_store(client, collection, caching, create=True)
    ids = [p.id for p in passages]
    store.add_texts([p.text for p in passages], metadatas=[p.metadata for p in passages], ids=ids)
    timings["embed_and_store"] = time.perf_counter() - t0
    cache.close()

    t0 = time.perf_counter()
    lexical = LexicalIndex.build(passages)
    (partial / "bm25").mkdir()
    lexical.save(partial / "bm25")
    timings["bm25"] = time.perf_counter() - t0

    manifest = {
        "version": MANIFEST_VERSION,
        "build": name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "key": key,
        "corpus_fingerprint": corpus.fingerprint,
        "embedder": identity,
        "tokenizer": TOKENIZER_VERSION,
        "units": sum(1 for _ in corpus.units()),
        "passages": len(passages),
        "store": {**_store_target(settings), "collection": collection, "hnsw": HNSW},
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    t0 = time.perf_counter()
    _verify(partial, manifest, client, collection, embedder)
    timings["verify"] = time.perf_counter() - t0
    del store, client

    t0 = time.perf_counter()
    fitted = read_fitted(shipped_fit_path(settings.corpus_dir, identity), identity)
    if fitted is None and fit is not None:
        fitted = fit(partial, embedder)
        timings["fit"] = time.perf_counter() - t0
    if fitted is not None:
        write_fitted(partial / FITTED_FILE, fitted)
    else:
        log.warning("no fitted models for %s: the build has none (run `assistant fit`)", identity)

    final = builds / name
    partial.rename(final)
    _point_current(settings.index_dir, name)
    _prune(settings, builds, keep=name)
    return BuildReport(
        build=name,
        up_to_date=False,
        passages=len(passages),
        embedded=caching.misses,
        shipped=caching.from_shipped,
        seconds=time.perf_counter() - started,
        timings=timings,
    )


def _verify(build: Path, manifest: dict[str, Any], client: Any, collection: str, embedder: Embeddings) -> None:
    """Reopen what was written: the right count, a stored vector finds itself, BM25 loads."""
    stored = client.get_collection(collection)
    count = stored.count()
    if count != manifest["passages"]:
        raise IndexBuildError(f"build wrote {count} vectors for {manifest['passages']} passages")
    ignored = hnsw_not_applied(stored)
    if ignored:
        # A store that ignores the settings searches approximately, and builds would rank differently.
        raise IndexBuildError(f"vector store did not apply the HNSW settings {HNSW}: it reports {ignored}")
    probe = stored.get(limit=1, include=["embeddings"])
    if probe["ids"]:
        found = stored.query(query_embeddings=[probe["embeddings"][0]], n_results=1, include=["distances"])
        # Another passage with the very same text may come first; either way the distance is ~0.
        if not found["distances"] or not found["distances"][0] or found["distances"][0][0] > 1e-3:
            raise IndexBuildError(f"build's vector store does not find passage {probe['ids'][0]} by its own vector")
    LexicalIndex.load(build / "bm25")


def _point_current(index_dir: Path, name: str) -> None:
    tmp = index_dir / f"CURRENT.{os.getpid()}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / "CURRENT")


def _prune(settings: Settings, builds: Path, keep: str) -> None:
    finished = sorted(p for p in builds.iterdir() if p.is_dir() and not p.name.endswith(".partial"))
    for old in finished[:-KEEP_BUILDS]:
        if old.name == keep:
            continue
        if settings.chroma_url:
            try:
                manifest = read_manifest(old)
                chroma_client(settings.chroma_url, None).delete_collection(manifest["store"]["collection"])
            except Exception:  # an old collection that is already gone is fine
                pass
        shutil.rmtree(old, ignore_errors=True)


def open_index(settings: Settings, embedder: Embeddings) -> OpenIndex:
    """The build that CURRENT names, checked; IndexNotReady with a clear message otherwise."""
    build = current_build(settings.index_dir)
    if build is None:
        raise IndexNotReady(f"no index in {settings.index_dir}; run `assistant index` first")
    return open_build(build, embedder)


def open_build(build: Path, embedder: Embeddings) -> OpenIndex:
    """One build folder, checked (``open_index`` opens the one served; a build's fit step, its own)."""
    if not build.is_dir():
        raise IndexNotReady(f"index build {build.name} is missing; run `assistant index`")
    manifest = read_manifest(build)
    identity = embedder_identity(embedder)
    if manifest.get("embedder") != identity:
        raise IndexNotReady(f"index was built with {manifest.get('embedder')}, not {identity}; run `assistant index`")
    store = manifest.get("store", {})
    if store.get("hnsw") != HNSW:
        log.warning("index build %s predates the exact HNSW settings; run `assistant index` to rebuild", build.name)
    try:
        client = chroma_client(store.get("url"), build / "chroma")
        collection = client.get_collection(store["collection"])
        vectors = Vectors(collection)
        if collection.count() != manifest["passages"]:
            raise IndexNotReady(f"index build {build.name} is incomplete; run `assistant index`")
        lexical = LexicalIndex.load(build / "bm25")
    except IndexNotReady:
        raise
    except Exception as exc:  # corrupted files surface as many different exception types
        raise IndexNotReady(
            f"index build {build.name} cannot be opened ({type(exc).__name__}); run `assistant index`"
        ) from exc
    fitted = read_fitted(build / FITTED_FILE, identity)
    if fitted is None:
        log.warning("index build %s has no models fitted for %s: run `assistant fit`", build.name, identity)
    return OpenIndex(path=build, manifest=manifest, vectors=vectors, lexical=lexical, fitted=fitted)
