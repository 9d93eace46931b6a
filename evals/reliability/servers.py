"""Servers under test: `assistant serve` subprocesses on loopback, their memory, their bind address."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
EVALS = ROOT / "evals"
LOOPBACK = "127.0.0.1"
ADMIN_KEY = "reliability-admin-key-6f1d2c"
ENDPOINTS = ("ask", "search", "chat", "stream")
MODEL = "sef-legal-assistant"

# What no error reply may contain: a server path, a stack trace, the admin key.
LEAK_PATTERNS = (
    re.compile(r"/(?:work|tmp|home|root|usr|var|srv|opt)/"),
    re.compile(r"Traceback|File \"|line \d+, in "),
    re.compile(re.escape(ADMIN_KEY)),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """An `assistant serve` subprocess on loopback."""

    proc: subprocess.Popen[bytes]
    base: str
    port: int
    log_path: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rss_mb(self) -> float:
        """VmRSS of the server process and its children (the workers), from /proc."""
        return sum(_vm_rss_kb(pid) for pid in [self.pid, *_children(self.pid)]) / 1024

    def stop(self, timeout: float = 30) -> None:
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _vm_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(p) for p in (task / "children").read_text().split()]
    return out


def server_env(extra: dict[str, str] | None = None, port: int | None = None) -> dict[str, str]:
    """The inherited environment without any ASSISTANT_* setting (so defaults, such as the loopback bind
    address, are the code's), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(GRADIO_ANALYTICS_ENABLED="False", ASSISTANT_RATE_LIMIT_PER_MINUTE="0")
    if port is not None:
        env["ASSISTANT_PORT"] = str(port)
    env.update(extra or {})
    return env


def start_server(extra: dict[str, str], log_path: Path, workers: int = 1) -> Server:
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--log-level", "info", "--workers", str(workers)],
            cwd=ROOT,
            env=server_env(extra, port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return Server(proc, f"http://{LOOPBACK}:{port}", port, log_path)


def wait_up(server: Server, timeout: float = 120, ready: bool = True, workers: int = 1) -> float:
    """Seconds until /ready answers 200 (``ready``) or /health does; RuntimeError if the process dies.
    With several workers, any of them may answer: 20 answers in a row, each on a new connection, make it
    all but certain that none is still loading (one that is would answer about every other time)."""
    started = time.monotonic()
    path = "/ready" if ready else "/health"
    needed, in_a_row = (1 if workers == 1 else 20), 0
    while time.monotonic() - started < timeout:
        if not server.alive():
            raise RuntimeError(f"server exited with {server.proc.returncode}:\n{server.log()[-3000:]}")
        ok = False
        with contextlib.suppress(httpx.HTTPError):
            ok = httpx.get(server.base + path, timeout=2).status_code == 200
        in_a_row = in_a_row + 1 if ok else 0
        if in_a_row >= needed:
            return time.monotonic() - started
        time.sleep(0.1 if not ok else 0.02)
    raise RuntimeError(f"server at {server.base} not up after {timeout} s:\n{server.log()[-3000:]}")


def build(env: dict[str, str], force: bool = False) -> subprocess.CompletedProcess[str]:
    """`assistant index` in a subprocess, with the environment a served index would get (``force``: a new build
    even if up to date, as `--rebuild` makes it: the vectors are reused, the index written anew)."""
    args = [sys.executable, "-m", "assistant.cli", "index", "--quiet", *(["--rebuild"] if force else [])]
    return subprocess.run(args, cwd=ROOT, env=server_env(env), capture_output=True, text=True, timeout=600)


@contextlib.contextmanager
def serving(extra: dict[str, str], log_path: Path, workers: int = 1, ready: bool = True) -> Iterator[Server]:
    server = start_server(extra, log_path, workers)
    try:
        wait_up(server, ready=ready, workers=workers)
        yield server
    finally:
        server.stop()


def listening_addresses(port: int) -> list[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:
                    out.append(_address(address))
    return out


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)
