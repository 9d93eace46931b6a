"""`assistant bench`: speed and memory figures (medians of several runs), printed, never asserted.

- index build: from the shipped embeddings with no cache (a fresh clone), the no-op after it, and with
  --cold a full re-embedding (`assistant index --force`);
- search latency p50/p95 over the question set, and peak RSS of a process that serves searches;
- with --api: a real server on loopback: /api/ask p50/p95 for one client, throughput with 8
  concurrent clients (one worker and two), errors, time from start to ready, and p50/p95 with a CPU-bound
  process beside the server (a busy machine).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from assistant.config import ROOT, Settings
from evals.data import load_questions
from evals.metrics import percentile
from evals.reliability import free_port


def _median_of(runs: int, fn: Any) -> float:
    return statistics.median(fn() for _ in range(runs))


def bench_build(settings: Settings, runs: int, cold: bool) -> dict[str, float]:
    """Builds in a scratch index folder: from the shipped embeddings with no cache (a fresh clone's), the no-op
    after it, and with ``cold`` a full re-embedding (`assistant index --force`: slow, once)."""
    from assistant.retrieval import build_index

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        private = settings.model_copy(update={"index_dir": Path(tmp) / "index"})
        report = build_index(private)
        out["cold_build_from_shipped_s"] = report.seconds
        out |= {f"cold_build_{step}_s": seconds for step, seconds in report.timings.items()}
        out["warm_noop_build_s"] = _median_of(runs, lambda: build_index(private).seconds)
        if cold:
            out["full_reembed_s"] = build_index(private, reembed=True).seconds
    return out


SEARCH_SCRIPT = """
import json, resource, sys, time
from assistant.config import get_settings
from assistant.retrieval import open_retriever
from evals.data import load_questions
from evals.reliability import free_port
t0 = time.perf_counter(); r = open_retriever(get_settings()); opened = time.perf_counter() - t0
questions = [q.question for q in load_questions()]
for q in questions[:20]: r.search(q)
times = []
for q in questions:
    t = time.perf_counter(); r.search(q, k=10); times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"open_s": opened, "times": times,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_search(runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", SEARCH_SCRIPT], capture_output=True, text=True, check=True, cwd=ROOT
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "search_p50_ms": statistics.median(percentile(r["times"], 50) for r in results),
        "search_p95_ms": statistics.median(percentile(r["times"], 95) for r in results),
        "open_index_s": statistics.median(r["open_s"] for r in results),
        "search_process_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in results),
    }


def _start_server(workers: int = 1) -> tuple[subprocess.Popen[bytes], str, float]:
    """A server on a free loopback port, once ready; with the seconds it took from start to ready."""
    port = free_port()
    env = dict(os.environ, ASSISTANT_PORT=str(port), ASSISTANT_RATE_LIMIT_PER_MINUTE="0")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--log-level", "warning", "--workers", str(workers)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        return proc, base, _wait_ready(base, started)
    except RuntimeError:
        proc.terminate()
        raise


def bench_api(runs: int, requests: int | None = None) -> dict[str, float]:
    """``requests`` questions per run (default: the whole question set)."""
    ready_times = []
    for _ in range(runs - 1):  # start-up varies by a second or more: its median over several starts
        proc, _, seconds = _start_server()
        ready_times.append(seconds)
        proc.terminate()
        proc.wait(timeout=30)
    proc, base, seconds = _start_server()
    ready_times.append(seconds)
    try:
        questions = [q.question for q in load_questions()]
        with httpx.Client(base_url=base, timeout=30) as client:
            for q in questions[:20]:
                client.post("/api/ask", json={"question": q})
            single = [_timed(client, questions[:requests]) for _ in range(runs)]
            # A busy machine: one CPU-bound process beside the server, on these 2 cores (OpenMP threads that
            # spin while they wait made one query take 3.4 s).
            with _busy():
                busy = [_timed(client, questions[:requests]) for _ in range(runs)]
        throughput, errors = [], []
        for _ in range(runs):
            rps, errs = asyncio.run(_concurrent(base, questions[:requests], clients=8))
            throughput.append(rps)
            errors.append(errs)
        peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    two, base, _ = _start_server(workers=2)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for q in questions[:20]:
                client.post("/api/ask", json={"question": q})
        two_workers = [asyncio.run(_concurrent(base, questions[:requests], clients=8)) for _ in range(runs)]
    finally:
        two.terminate()
        two.wait(timeout=30)
    return {
        "start_to_ready_s": statistics.median(ready_times),
        "ask_p50_ms": statistics.median(percentile(t, 50) for t in single),
        "ask_p95_ms": statistics.median(percentile(t, 95) for t in single),
        "busy_ask_p50_ms": statistics.median(percentile(t, 50) for t in busy),
        "busy_ask_p95_ms": statistics.median(percentile(t, 95) for t in busy),
        "ask_throughput_8_clients_rps": statistics.median(throughput),
        "ask_throughput_8_clients_2_workers_rps": statistics.median(rps for rps, _ in two_workers),
        "ask_errors": float(max([*errors, *(e for _, e in two_workers)])),
        "server_peak_rss_mb": peak_rss_mb,
    }


def _timed(client: httpx.Client, questions: list[str]) -> list[float]:
    times = []
    for q in questions:
        t = time.perf_counter()
        client.post("/api/ask", json={"question": q}).raise_for_status()
        times.append((time.perf_counter() - t) * 1000)
    return times


@contextmanager
def _busy() -> Iterator[None]:
    """A CPU-bound process running for as long as the block does."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        spinner.kill()
        spinner.wait(timeout=10)


def _peak_rss_mb(pid: int) -> float:
    """The server's high-water resident memory (Linux), after all the load above."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _wait_ready(base: str, started: float, timeout: float = 120) -> float:
    while time.perf_counter() - started < timeout:
        try:
            if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError("server did not become ready")


async def _concurrent(base: str, questions: list[str], clients: int) -> tuple[float, int]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for q in questions:
        queue.put_nowait(q)
    errors = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            q = queue.get_nowait()
            response = await client.post("/api/ask", json={"question": q})
            errors += response.status_code != 200

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        t = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        return len(questions) / (time.perf_counter() - t), errors


def run(settings: Settings, runs: int = 3, cold: bool = False, api: bool = False) -> dict[str, float]:
    figures = bench_build(settings, runs, cold)
    figures |= bench_search(runs)
    if api:
        figures |= bench_api(runs)
    return figures
