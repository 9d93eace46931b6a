"""The whole run behind `assistant reliability`: soak, load, overload, bad input, injection and faults."""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from evals.reliability.fakellm import FakeLLM, llm_fault_checks
from evals.reliability.faults import (
    broken_index_checks,
    corrupted_index,
    feedback_kill_test,
    feedback_store_available,
    kill_build_while_serving,
    private_index,
    rebuild_while_serving,
)
from evals.reliability.injection import admin_key_checks, planted_corpus, try_injections, try_planted
from evals.reliability.inputs import slow_body_status, try_bad_inputs
from evals.reliability.load import check_rate_limit, run_load, run_overload
from evals.reliability.servers import ADMIN_KEY, Server, build, listening_addresses, serving, start_server, wait_up


def _rss_sampler(server: Server, every: float, samples: list[tuple[float, float]], stop: threading.Event) -> None:
    started = time.monotonic()
    while not stop.wait(every):
        samples.append((time.monotonic() - started, server.rss_mb()))


def run_soak(server: Server, seconds: float, clients: int = 8) -> dict[str, Any]:
    """A steady mixed load for ``seconds``; RSS (VmRSS from /proc) at the start, every 15 s and at the end."""
    samples: list[tuple[float, float]] = [(0.0, server.rss_mb())]
    stop = threading.Event()
    sampler = threading.Thread(target=_rss_sampler, args=(server, 15.0, samples, stop), daemon=True)
    sampler.start()
    load = run_load(server.base, clients=clients, seconds=seconds)
    stop.set()
    sampler.join()
    samples.append((load.seconds, server.rss_mb()))
    return {
        "load": load,
        "rss_start_mb": round(samples[0][1], 1),
        "rss_end_mb": round(samples[-1][1], 1),
        "rss_max_mb": round(max(s[1] for s in samples), 1),
        "rss_samples": [(round(t), round(m, 1)) for t, m in samples],
    }


def run(
    settings: Any,
    load_seconds: float = 60,
    soak_seconds: float = 300,
    clients: int = 16,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Everything, with the figures for evals/reliability.md. ``settings``: the repository's index."""
    figures: dict[str, Any] = {"started": datetime.now(UTC).isoformat(timespec="seconds")}
    index_dir = Path(settings.index_dir)
    with tempfile.TemporaryDirectory(prefix="reliability-") as tmp_name:
        tmp = Path(tmp_name)
        base_env = {
            "ASSISTANT_INDEX_DIR": str(index_dir),
            "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
            "ASSISTANT_DATA_DIR": str(tmp / "data"),
            "ASSISTANT_ADMIN_API_KEY": ADMIN_KEY,
        }
        log("main server …")
        server = start_server(base_env, tmp / "main.log")
        try:
            figures["start_to_ready_s"] = round(wait_up(server), 1)
            figures["bind"] = {"listening": listening_addresses(server.port), "log": _bind_line(server)}
            log(f"load: {clients} clients for {load_seconds:g} s …")
            figures["load"] = run_load(server.base, clients=clients, seconds=load_seconds).summary()
            log("bad inputs …")
            figures["bad_inputs"] = try_bad_inputs(server.base)
            figures["slow_body_status"] = slow_body_status(server.base)
            figures["admin"] = admin_key_checks(server.base, ADMIN_KEY)
            log("injections through the question …")
            figures["injections"] = try_injections(server.base)
            log(f"soak: {soak_seconds:g} s …")
            soak = run_soak(server, soak_seconds)
            figures["soak"] = {**{k: v for k, v in soak.items() if k != "load"}, "load": soak["load"].summary()}
            figures["main_alive"] = server.alive()
        finally:
            server.stop()

        log("overload: 64 clients on ASSISTANT_MAX_IN_FLIGHT=4 …")
        with serving({**base_env, "ASSISTANT_MAX_IN_FLIGHT": "4"}, tmp / "overload.log") as overloaded:
            over = run_overload(overloaded.base, clients=64, seconds=15)
            figures["overload"] = {
                **{k: v for k, v in over.items() if k != "load"},
                "load": over["load"].summary(),
                "malformed": over["load"].problems[:5],
            }
        log("rate limit …")
        with serving({**base_env, "ASSISTANT_RATE_LIMIT_PER_MINUTE": "5"}, tmp / "rate.log") as limited:
            figures["rate_limit"] = check_rate_limit(limited.base, 5)

        log("planted document …")
        planted_env = planted_corpus(tmp / "planted", index_dir)
        built = build(planted_env)
        figures["planted_build"] = (built.stdout or built.stderr).strip()[-200:]
        with serving({**base_env, **planted_env}, tmp / "planted.log") as planted:
            figures["planted"] = try_planted(planted.base)

        log("faults: kill -9 of a build, rebuild under two workers …")
        private_env = private_index(tmp / "private", index_dir)
        with serving({**base_env, **private_env}, tmp / "workers.log", workers=2) as workers:
            kill = kill_build_while_serving(workers, private_env)
            figures["kill_build"] = {**kill, "load": kill["load"].summary()}
            rebuild = rebuild_while_serving(workers, private_env)
            figures["rebuild"] = {**rebuild, "load": rebuild["load"].summary()}
        with serving({**base_env, **private_env}, tmp / "restart.log") as restarted:
            figures["restart_after_rebuild"] = httpx.get(restarted.base + "/ready", timeout=10).json()

        log("faults: missing and corrupted index …")
        broken = {}
        cases = {
            "missing": {"ASSISTANT_INDEX_DIR": str(tmp / "no-such-index")},
            "corrupted": corrupted_index(tmp / "corrupted", index_dir),
        }
        for name, env in cases.items():
            with serving({**base_env, **env}, tmp / f"{name}.log", ready=False) as broken_server:
                time.sleep(8)  # long enough for the loader to have tried and failed
                broken[name] = broken_index_checks(broken_server)
        figures["broken_index"] = broken

        log("faults: LLM down, slow, garbage …")
        figures["llm"] = llm_faults(base_env, tmp)

        log("faults: feedback store killed mid-write …")
        if feedback_store_available():
            figures["feedback"] = feedback_kill_test(tmp / "feedback" / "feedback.sqlite3", rounds=3)
        else:
            figures["feedback"] = {"skipped": "assistant/ui/feedback.py has no FeedbackStore"}
    figures["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    return figures


def llm_faults(base_env: dict[str, str], tmp: Path, timeout: float = 2.0) -> list[dict[str, Any]]:
    """One server with ASSISTANT_ANSWERER=llm on a fake model that is slow, then returns garbage, then junk,
    then a 500, then is gone (closed port)."""
    fake = FakeLLM("slow", delay=3 * timeout)
    env = {
        **base_env,
        "ASSISTANT_ANSWERER": "llm",
        "ASSISTANT_LLM_PROVIDER": "openai",
        "ASSISTANT_LLM_BASE_URL": fake.base_url,
        "ASSISTANT_LLM_MODEL": "fake",
        "ASSISTANT_LLM_TIMEOUT": str(timeout),
    }
    out = []
    try:
        with serving(env, tmp / "llm.log") as server:
            for mode in ("slow", "garbage", "junk", "error"):
                fake.mode = mode
                out.append(llm_fault_checks(server.base, mode))
            fake.close()
            out.append(llm_fault_checks(server.base, "down (closed port)"))
    finally:
        with contextlib.suppress(Exception):
            fake.close()
    return out


def _bind_line(server: Server) -> str:
    return next((line for line in server.log().splitlines() if "Uvicorn running on" in line), "")
