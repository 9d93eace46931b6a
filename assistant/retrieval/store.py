"""The Chroma vector store: a folder inside the build, or a `chroma run` server."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from assistant.errors import IndexNotReady

if TYPE_CHECKING:
    from langchain_chroma import Chroma

# chromadb and langchain_chroma are imported where a store is opened, not with this module: they take
# 1.5 s to import, and a no-op build or a freshness check needs neither.


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    # A fresh object each time: chromadb's HttpClient writes the server address into the settings
    # it is given, and a shared object would turn the next PersistentClient into a server client.
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def chroma_client(url: str | None, path: Path | None) -> Any:
    """A client for the server at ``url``, or for the on-disk store at ``path``."""
    import chromadb

    if url:
        parsed = urlparse(url)
        if not parsed.hostname:
            raise IndexNotReady(f"ASSISTANT_CHROMA_URL is not a URL: {url!r}")
        try:
            return chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=_chroma_settings(),
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectionError variants
            raise IndexNotReady(f"Chroma server at {url} is not reachable") from exc
    assert path is not None
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


# The HNSW graph is approximate and its shape depends on insertion order, so two builds of the same
# passages could rank near-ties differently. At this size (a few thousand passages) a wide search
# and a dense graph make it return the exact neighbours, for about a millisecond more per query.
HNSW = {"hnsw:space": "cosine", "hnsw:search_ef": 1000, "hnsw:construction_ef": 400, "hnsw:M": 32}
# The names a collection's configuration reports the same settings under.
_CONFIGURATION_NAMES = {
    "ef_search": "hnsw:search_ef",
    "ef_construction": "hnsw:construction_ef",
    "max_neighbors": "hnsw:M",
}


def hnsw_not_applied(collection: Any) -> dict[str, Any]:
    """The HNSW settings a collection reports otherwise than asked (empty: all applied, or the store
    reports none)."""
    applied = (getattr(collection, "configuration_json", None) or {}).get("hnsw") or {}
    if not applied:
        return {}
    return {key: applied.get(key) for key, name in _CONFIGURATION_NAMES.items() if applied.get(key) != HNSW[name]}


def vector_store(client: Any, collection: str, embedder: Embeddings, create: bool = False) -> Chroma:
    from langchain_chroma import Chroma

    return Chroma(
        client=client,
        collection_name=collection,
        embedding_function=embedder,
        collection_metadata=HNSW,
        create_collection_if_not_exists=create,
    )


class Vectors:
    """A finished build's vectors, queried straight through its Chroma collection (the build writes them
    through LangChain's Chroma store; serving needs only the nearest passages and stored vectors, without
    importing the LangChain wrapper or wrapping every result in a document)."""

    def __init__(self, collection: Any) -> None:
        self.collection = collection

    def nearest(self, vector: list[float], k: int) -> list[tuple[str, str, float]]:
        """(passage id, unit id, cosine similarity) of the ``k`` passages nearest ``vector``, nearest first."""
        # A passage id starts with its unit's id ("<unit>#pt", "<unit>#en.everyday"): reading it from the id
        # rather than the stored metadata halves the query's time.
        found = self.collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        return [
            (str(passage_id), str(passage_id).split("#", 1)[0], 1.0 - float(distance))
            for passage_id, distance in zip(found["ids"][0], found["distances"][0], strict=True)
        ]

    def stored(self, ids: list[str] | None = None) -> dict[str, list[float]]:
        """Passage id -> its stored vector (every passage when ``ids`` is None)."""
        got = self.collection.get(ids=ids, include=["embeddings"])
        return {str(i): list(v) for i, v in zip(got["ids"], got["embeddings"], strict=True)}
