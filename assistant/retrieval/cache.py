"""Embedding cache keyed by (embedder, text hash), so an edited corpus re-embeds only what changed.

A build looks a passage's vector up in the shipped embeddings first (``shipped.py``: the same on every
machine), then in this machine's cache, and embeds only what neither holds."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.retrieval.embeddings import embedder_identity
from assistant.retrieval.shipped import ShippedVectors


class EmbeddingCache:
    """A SQLite table of float32 vectors; one writer (the index build) at a time."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    @staticmethod
    def key(identity: str, text: str) -> str:
        return hashlib.sha256(f"{identity}\0{text}".encode()).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk)
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def put_many(self, items: dict[str, list[float]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def close(self) -> None:
        self._db.close()


class CachingEmbeddings(Embeddings):
    """Wraps an embedder: documents come from the cache when their text was seen before."""

    def __init__(
        self,
        inner: Embeddings,
        cache: EmbeddingCache,
        batch_size: int = 16,
        shipped: ShippedVectors | None = None,
        reuse: bool = True,
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.identity = embedder_identity(inner)
        self.batch_size = batch_size
        self.shipped = shipped or ShippedVectors({})
        self.reuse = reuse  # False: embed every text anew (``assistant index --force``)
        self.misses = 0
        self.from_shipped = 0
        self.on_batch = lambda done: None  # progress hook: called with the count embedded so far

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [EmbeddingCache.key(self.identity, t) for t in texts]
        found: dict[str, list[float]] = {}
        if self.reuse:
            for key, text in zip(keys, texts, strict=True):
                vector = self.shipped.get(text)
                if vector is not None:
                    found[key] = vector
            self.from_shipped += len(found)
            found |= self.cache.get_many([k for k in keys if k not in found])
        todo = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in found]
        todo = list(dict(todo).items())  # each distinct text once
        done = len(texts) - len(todo)
        self.on_batch(done)
        # Short texts first: e5 pads a batch to its longest member, so similar lengths batch well.
        todo.sort(key=lambda kt: len(kt[1]))
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            vectors = self.inner.embed_documents([t for _, t in batch])
            fresh = {k: v for (k, _), v in zip(batch, vectors, strict=True)}
            self.cache.put_many(fresh)
            found.update(fresh)
            self.misses += len(batch)
            done += len(batch)
            self.on_batch(done)
        return [found[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
