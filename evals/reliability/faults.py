"""Faults: kill -9 of a build or a feedback writer, a rebuild under load, a missing or corrupted index."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from evals.reliability.load import Background, error_shape_problem
from evals.reliability.servers import LEAK_PATTERNS, ROOT, Server, build, server_env


def private_index(target: Path, index_dir: Path) -> dict[str, str]:
    """A copy of the current build (with CURRENT and the embedding cache) in ``target``; the env for it."""
    current = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    (target / "builds").mkdir(parents=True)
    shutil.copytree(index_dir / "builds" / current, target / "builds" / current)
    shutil.copy(index_dir / "CURRENT", target / "CURRENT")
    (target / "cache").mkdir()
    shutil.copy(index_dir / "cache" / "embeddings.sqlite", target / "cache" / "embeddings.sqlite")
    return {"ASSISTANT_INDEX_DIR": str(target), "ASSISTANT_CORPUS_DIR": str(ROOT / "corpus")}


def current_name(index_dir: Path) -> str:
    return (index_dir / "CURRENT").read_text(encoding="utf-8").strip()


def drop_cached_vectors(index_dir: Path, every: int = 20) -> None:
    """Forget part of the embedding cache, so that the next build has to embed (and can be killed)."""
    db = sqlite3.connect(index_dir / "cache" / "embeddings.sqlite")
    with db:
        db.execute("DELETE FROM vectors WHERE rowid % ? = 0", (every,))
    db.close()


def kill_build_while_serving(
    server: Server, env: dict[str, str], clients: int = 4, pause: float = 0.0
) -> dict[str, Any]:
    """`assistant index --force` killed with SIGKILL once it is embedding, while ``server`` (on that index)
    is under load: the server keeps answering and CURRENT still names the build it had. (Part of the
    embedding cache is dropped so that the build is slow enough to kill; it is put back afterwards.)"""
    index_dir = Path(env["ASSISTANT_INDEX_DIR"])
    before = current_name(index_dir)
    cache = index_dir / "cache" / "embeddings.sqlite"
    shutil.copy(cache, cache.with_suffix(".backup"))
    drop_cached_vectors(index_dir)
    background = Background(server.base, clients, pause)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "index", "--force", "--quiet"],
        cwd=ROOT,
        env=server_env(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list((index_dir / "builds").glob("*.partial")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    partial_seen = bool(list((index_dir / "builds").glob("*.partial")))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(1.0)  # requests after the kill too
    load = background.finish()
    for leftover in cache.parent.glob(cache.name + "-*"):  # -wal, -shm of the killed writer
        leftover.unlink()
    os.replace(cache.with_suffix(".backup"), cache)
    ready = httpx.get(server.base + "/ready", timeout=10).json()
    return {
        "killed_with": -proc.returncode if proc.returncode and proc.returncode < 0 else proc.returncode,
        "partial_seen": partial_seen,
        "current_before": before,
        "current_after": current_name(index_dir),
        "served_build": ready.get("index"),
        "load": load,
    }


def rebuild_while_serving(server: Server, env: dict[str, str], clients: int = 8, pause: float = 0.0) -> dict[str, Any]:
    """A full rebuild (`assistant index --rebuild`) while ``server`` (two workers on that index) is under load."""
    index_dir = Path(env["ASSISTANT_INDEX_DIR"])
    before = current_name(index_dir)
    background = Background(server.base, clients, pause)
    time.sleep(0.5)
    started = time.monotonic()
    done = build(env, force=True)
    rebuild_s = time.monotonic() - started
    time.sleep(1.0)
    load = background.finish()
    return {
        "rebuild_rc": done.returncode,
        "rebuild_s": round(rebuild_s, 1),
        "rebuild_output": (done.stdout + done.stderr)[-500:],
        "current_before": before,
        "current_after": current_name(index_dir),
        "load": load,
    }


def corrupted_index(target: Path, index_dir: Path) -> dict[str, str]:
    """A copy of the current build whose Chroma database is overwritten with random bytes."""
    env = private_index(target, index_dir)
    database = target / "builds" / current_name(target) / "chroma" / "chroma.sqlite3"
    with database.open("r+b") as handle:
        handle.write(random.Random(3).randbytes(16384))
    return env


def broken_index_checks(server: Server) -> dict[str, Any]:
    """What a server started on a missing or corrupted index says: /health, /ready, an ask; alive after."""
    with httpx.Client(base_url=server.base, timeout=30) as client:
        health = client.get("/health")
        ready = client.get("/ready")
        ask = client.post("/api/ask", json={"question": "Quem concede vistos?"})
        search = client.get("/api/search", params={"q": "visto"})
    return {
        "health": health.status_code,
        "ready": ready.status_code,
        "ready_body": ready.json(),
        "ready_leak": [p.pattern for p in LEAK_PATTERNS if p.search(ready.text)],
        "ask": ask.status_code,
        "ask_problem": error_shape_problem(ask.status_code, ask.content, ask.headers),
        "ask_code": ask.json().get("error", {}).get("code") if ask.status_code >= 400 else None,
        "search": search.status_code,
        "alive": server.alive(),
        "log_says": [line for line in server.log().splitlines() if "index not loaded" in line][:1],
    }


FEEDBACK_FILE = ROOT / "assistant" / "ui" / "feedback.py"
# The store's module is loaded from its file: `import assistant.ui.feedback` would first run the package's
# __init__, which builds the whole web page (gradio, ~8 s) that a SQLite writer does not need.
FEEDBACK_WRITER = """
import importlib.util, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("feedback_store", sys.argv[2])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
store = module.FeedbackStore(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    row = store.add(question=f"question {n}", answer="answer " * 40, rating=1 if n % 2 else -1, comment=f"c{n}")
    print(row, flush=True)
"""


def feedback_store_class() -> Any:
    """``FeedbackStore`` of assistant/ui/feedback.py (loaded from its file, see FEEDBACK_WRITER), or None."""
    if not FEEDBACK_FILE.is_file():
        return None
    spec = importlib.util.spec_from_file_location("feedback_store", FEEDBACK_FILE)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "FeedbackStore", None)


def feedback_store_available() -> bool:
    return "class FeedbackStore" in (FEEDBACK_FILE.read_text(encoding="utf-8") if FEEDBACK_FILE.is_file() else "")


def feedback_kill_test(path: Path, rounds: int = 2, rows_before_kill: int = 150) -> dict[str, Any]:
    """A subprocess adds feedback rows in a loop and prints each acknowledged id; it is killed with SIGKILL
    mid-stream, ``rounds`` times; then every printed id must be in the reopened store."""
    store_class = feedback_store_class()
    acknowledged: list[int] = []
    for _ in range(rounds):
        proc = subprocess.Popen(
            [sys.executable, "-c", FEEDBACK_WRITER, str(path), str(FEEDBACK_FILE)],
            cwd=ROOT,
            env=server_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        seen = 0
        deadline = time.monotonic() + 120
        while seen < rows_before_kill and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.append(int(line))
            seen += 1
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        # Only whole lines were acknowledged; a cut last line was not.
        lines = rest.decode().split("\n")
        acknowledged += [int(x) for x in lines[:-1] if x.strip()]
    stored = {int(row["id"]) for row in store_class(path).list()}
    with contextlib.closing(sqlite3.connect(path)) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    return {
        "rounds": rounds,
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "lost": sorted(set(acknowledged) - stored)[:20],
        "integrity": integrity,
    }
