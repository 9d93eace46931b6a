"""Real servers (`assistant serve` subprocesses on loopback) for the reliability tests.

Starting a server takes ~8 s of CPU (imports, index, model), so the servers the collected tests ask for are
booted in the background, in the order the tests need them, from the first time any of them is needed. Each
server has its own settings (an overload limit, a rate limit, an LLM that misbehaves, a broken index…) and
its own data folder; none writes to the repository's index.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from evals import reliability as rel

SERVERS = (
    "main_server",
    "overload_server",
    "rate_limited_server",
    "planted_server",
    "workers_server",
    "llm_server",
    "missing_index_server",
    "corrupted_index_server",
)
RATE_LIMIT = 5
OVERLOAD_LIMIT = 4
LLM_TIMEOUT = 2.0
BROKEN = ("missing_index_server", "corrupted_index_server")


BOOTING_AT_ONCE = 2  # more than the cores only makes every start slower


class Fleet:
    """Servers by fixture name, started in the order the tests first need them, two at a time; a test waits
    only for its own server while the others boot."""

    def __init__(self, settings: Settings, tmp: Path) -> None:
        self.tmp = tmp
        self.base_env = {
            "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
            "ASSISTANT_DATA_DIR": str(tmp / "data"),
            "ASSISTANT_ADMIN_API_KEY": rel.ADMIN_KEY,
        }
        self.index_dir = Path(settings.index_dir)
        self.servers: dict[str, rel.Server] = {}
        self.envs: dict[str, dict[str, str]] = {}
        self.fake_llm: rel.FakeLLM | None = None
        self._pool = ThreadPoolExecutor(max_workers=BOOTING_AT_ONCE, thread_name_prefix="boot")
        self._booting: dict[str, Future[rel.Server]] = {}
        self._lock = threading.Lock()

    def _env_for(self, name: str) -> tuple[dict[str, str], int]:
        """The environment (and worker count) of a server; may prepare files (a private or broken index)."""
        if name == "main_server":
            return {}, 1
        if name == "overload_server":
            return {"ASSISTANT_MAX_IN_FLIGHT": str(OVERLOAD_LIMIT)}, 1
        if name == "rate_limited_server":
            return {"ASSISTANT_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT)}, 1
        if name == "planted_server":
            env = rel.planted_corpus(self.tmp / "planted", self.index_dir)
            built = rel.build(env)
            if built.returncode != 0:
                raise RuntimeError(f"planted index build failed: {built.stderr[-2000:]}")
            return env, 1
        if name == "workers_server":
            return rel.private_index(self.tmp / "private", self.index_dir), 2
        if name == "llm_server":
            self.fake_llm = rel.FakeLLM("slow", delay=3 * LLM_TIMEOUT)
            return {
                "ASSISTANT_ANSWERER": "llm",
                "ASSISTANT_LLM_PROVIDER": "openai",
                "ASSISTANT_LLM_BASE_URL": self.fake_llm.base_url,
                "ASSISTANT_LLM_MODEL": "fake",
                "ASSISTANT_LLM_TIMEOUT": str(LLM_TIMEOUT),
            }, 1
        if name == "missing_index_server":
            return {"ASSISTANT_INDEX_DIR": str(self.tmp / "no-such-index")}, 1
        if name == "corrupted_index_server":
            return rel.corrupted_index(self.tmp / "corrupted", self.index_dir), 1
        raise KeyError(name)

    def _boot(self, name: str) -> rel.Server:
        env, workers = self._env_for(name)
        self.envs[name] = {**self.base_env, **env}
        server = rel.start_server(self.envs[name], self.tmp / f"{name}.log", workers=workers)
        self.servers[name] = server
        rel.wait_up(server, timeout=300, ready=name not in BROKEN, workers=workers)  # a broken index never gets ready
        return server

    def start(self, names: list[str]) -> None:
        with self._lock:
            for name in names:
                if name not in self._booting:
                    self._booting[name] = self._pool.submit(self._boot, name)

    def get(self, name: str) -> rel.Server:
        self.start([name])
        return self._booting[name].result()

    def stop(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        for server in self.servers.values():
            server.stop()
        if self.fake_llm is not None:
            self.fake_llm.close()


@pytest.fixture(scope="session")
def fleet(
    request: pytest.FixtureRequest, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Fleet]:
    fleet = Fleet(settings, tmp_path_factory.mktemp("reliability"))
    wanted = [name for item in request.session.items for name in getattr(item, "fixturenames", ()) if name in SERVERS]
    fleet.start(list(dict.fromkeys(wanted)))
    try:
        yield fleet
    finally:
        fleet.stop()


def _server(name: str) -> Callable[[Fleet], rel.Server]:
    def fixture(fleet: Fleet) -> rel.Server:
        return fleet.get(name)

    return fixture


main_server = pytest.fixture(scope="session", name="main_server")(_server("main_server"))
overload_server = pytest.fixture(scope="session", name="overload_server")(_server("overload_server"))
rate_limited_server = pytest.fixture(scope="session", name="rate_limited_server")(_server("rate_limited_server"))
planted_server = pytest.fixture(scope="session", name="planted_server")(_server("planted_server"))
workers_server = pytest.fixture(scope="session", name="workers_server")(_server("workers_server"))
llm_server = pytest.fixture(scope="session", name="llm_server")(_server("llm_server"))
missing_index_server = pytest.fixture(scope="session", name="missing_index_server")(_server("missing_index_server"))
corrupted_index_server = pytest.fixture(scope="session", name="corrupted_index_server")(
    _server("corrupted_index_server")
)


def wait_load_failed(server: rel.Server, timeout: float = 120) -> dict[str, object]:
    """/ready once the background loader has given up (status "error")."""
    deadline = time.monotonic() + timeout
    body: dict[str, object] = {}
    while time.monotonic() < deadline:
        body = httpx.get(server.base + "/ready", timeout=10).json()
        if body.get("status") == "error":
            return body
        time.sleep(0.2)
    raise AssertionError(f"the loader never reported an error: {body}")
