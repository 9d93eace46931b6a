"""Fixtures of the web-page tests: a real server on a loopback port, and a real headless Chromium.

The server is `create_app()` from app.py, with its data dir (the feedback store) in a tmp folder
given through ASSISTANT_DATA_DIR, as an operator would. Chromium is the system one: nothing is
downloaded, and a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, expect, sync_playwright

from assistant.config import get_settings
from evals.reliability import free_port
from tests.ui.pages import SHOTS, TIMEOUT, Pages

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ADMIN_KEY = "ui-test-admin-key"


@dataclass
class Server:
    url: str
    data_dir: Path
    admin_key: str
    app: FastAPI


def serve(app: FastAPI) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Run `app` with uvicorn in a thread, on a free loopback port; returns once it accepts requests."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}/"


def stop(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("ui-data")
    env = {"ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_ADMIN_API_KEY": ADMIN_KEY}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    get_settings.cache_clear()  # settings are read once per process; these tests need the variables above
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from app import create_app

    app = create_app()
    uv, thread, url = serve(app)
    try:
        deadline = time.monotonic() + 60
        while httpx.get(url + "ready", timeout=5).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the index did not load within 60 s")
            time.sleep(0.2)
        yield Server(url=url, data_dir=data_dir, admin_key=ADMIN_KEY, app=app)
    finally:
        stop(uv, thread)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Assertions wait as long as actions do: on two busy cores a round trip can outlast expect's default 5 s.
    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def pages(browser: Browser) -> Iterator[Pages]:
    pages = Pages(browser)
    yield pages
    pages.close()
