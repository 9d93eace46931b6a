"""The same code through a real `chroma run` server, and the sentence-transformers backend offline."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import IndexNotReady
from assistant.retrieval import build_index, open_retriever
from assistant.retrieval.build import open_index
from assistant.retrieval.embeddings import SentenceTransformerEmbeddings, default_sentence_transformer_path
from evals.reliability import free_port

pytestmark = pytest.mark.slow
CHROMA = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "chroma"


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    executable = shutil.which("chroma") or str(CHROMA)
    port = free_port()
    proc = subprocess.Popen(
        [executable, "run", "--path", str(tmp_path / "chroma-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_index_and_query_through_a_chroma_server(private_index: Settings, chroma_server: str) -> None:
    remote = private_index.model_copy(update={"chroma_url": chroma_server})
    report = build_index(remote)
    assert not report.up_to_date and report.embedded == 0
    retriever = open_retriever(remote)
    assert retriever.index.manifest["store"]["mode"] == "server"
    hits = retriever.search("Who grants and renews residence permits?", k=3).hits
    assert hits[0].unit_id == "dl-252-2000/art-47/n-1/al-m"
    # The local folder holds no vectors in server mode: they live in the server.
    assert not (private_index.index_dir / "builds" / report.build / "chroma").exists()
    assert build_index(remote).up_to_date


def test_unreachable_chroma_server_is_a_clear_error(private_index: Settings) -> None:
    build_index(private_index)
    manifest_path = next((private_index.index_dir / "builds").iterdir()) / "manifest.json"
    text = manifest_path.read_text().replace('"url": null', f'"url": "http://127.0.0.1:{free_port()}"')
    manifest_path.write_text(text)
    from assistant.retrieval.embeddings import make_embedder

    with pytest.raises(IndexNotReady):
        open_index(private_index, make_embedder(private_index))


def test_sentence_transformers_backend_runs_offline() -> None:
    embedder = SentenceTransformerEmbeddings(default_sentence_transformer_path())
    assert embedder.identity.startswith("sentence-transformers:")
    docs = np.array(
        embedder.embed_documents(
            ["Granting and renewing residence permits.", "Managing the vehicle fleet.", "Issuing travel documents."]
        )
    )
    query = np.array(embedder.embed_query("Who renews my residence permit?"))
    assert docs.shape == (3, 384)
    assert int(np.argmax(docs @ query)) == 0


def test_switching_embedder_requires_a_rebuild(private_index: Settings) -> None:
    build_index(private_index)
    other = SentenceTransformerEmbeddings(default_sentence_transformer_path())
    with pytest.raises(IndexNotReady, match="run `assistant index`"):
        open_index(private_index, other)


def test_another_embedder_gets_models_fitted_on_its_own_build(tmp_path: Path) -> None:
    """MiniLM's scores mean something else than e5's: e5's calibration refused every question served with
    it. `assistant index` with that backend fits its own on the build (no fit is shipped for it), and the
    answers follow: an answerable question is answered, one the documents do not cover is refused."""
    import json
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        ASSISTANT_EMBEDDER="sentence-transformers",
        ASSISTANT_INDEX_DIR=str(tmp_path / "index"),
        ASSISTANT_DATA_DIR=str(tmp_path / "data"),
    )
    root = Path(__file__).resolve().parents[2]

    def cli(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, cwd=root, capture_output=True)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        return done.stdout.decode()

    assert "0 embedded" in cli("index", "--quiet")  # its vectors are shipped too
    build = next((tmp_path / "index" / "builds").iterdir())
    fitted = json.loads((build / "fitted.json").read_text(encoding="utf-8"))
    assert fitted["embedder"].startswith("sentence-transformers:") and fitted["calibration"]["fitted_on"] > 400
    answer = json.loads(cli("ask", "Who issues administrative expulsion decisions?", "--json"))
    assert not answer["abstained"]
    assert any(c["id"].startswith(("dl-252-2000/art-13/n-2", "dl-252-2000/art-2/n-1")) for c in answer["citations"])
    refused = json.loads(cli("ask", "What is the best beach in the Algarve for surfing?", "--json"))
    assert refused["abstained"]
