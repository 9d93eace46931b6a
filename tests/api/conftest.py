"""A real server on loopback (uvicorn in its own process), started once for the API tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from evals.reliability import free_port

ROOT = Path(__file__).resolve().parents[2]
ADMIN_KEY = "test-admin-key-0123456789"


def start_server(env_extra: dict[str, str], log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, ASSISTANT_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False", **env_extra)
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--log-level", "info"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_ready(base: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not become ready")


@pytest.fixture(scope="session")
def server(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("api-data")
    proc, base = start_server(
        {
            "ASSISTANT_ADMIN_API_KEY": ADMIN_KEY,
            "ASSISTANT_DATA_DIR": str(data),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "ASSISTANT_MAX_BODY_BYTES": "65536",
            "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
        },
        data / "server.log",
    )
    try:
        wait_ready(base)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="session")
def server_log(server: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return next(tmp_path_factory.getbasetemp().glob("api-data*/server.log"))


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c
