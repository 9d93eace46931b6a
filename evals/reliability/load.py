"""Load, overload and rate limit: a bounded async httpx client against a running server, and the shape of
every error reply."""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from evals.data import load_questions
from evals.metrics import percentile
from evals.reliability.servers import ENDPOINTS, LEAK_PATTERNS, LOOPBACK, MODEL


def load_texts() -> list[str]:
    """Questions of the gold set, in a fixed shuffled order (both languages mixed)."""
    questions = [q.question for q in load_questions()]
    random.Random(7).shuffle(questions)
    return questions


@dataclass
class Reply:
    endpoint: str
    status: int | str  # an HTTP status, or "error:<exception>" when no reply came
    ms: float
    problem: str | None = None  # a malformed reply: no error shape, no Retry-After, a stream without `done`


@dataclass
class LoadResult:
    clients: int
    seconds: float = 0.0
    replies: list[Reply] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.replies)

    @property
    def statuses(self) -> Counter[str]:
        return Counter(str(r.status) for r in self.replies)

    @property
    def server_errors(self) -> int:
        return sum(1 for r in self.replies if isinstance(r.status, int) and r.status >= 500 and r.status != 503)

    @property
    def five_xx(self) -> int:
        return sum(1 for r in self.replies if isinstance(r.status, int) and r.status >= 500)

    @property
    def transport_errors(self) -> int:
        return sum(1 for r in self.replies if isinstance(r.status, str))

    @property
    def problems(self) -> list[str]:
        return [f"{r.endpoint} {r.status}: {r.problem}" for r in self.replies if r.problem]

    def latencies(self, status: int | None = 200, endpoint: str | None = None) -> list[float]:
        return [
            r.ms
            for r in self.replies
            if (status is None or r.status == status) and (endpoint is None or r.endpoint == endpoint)
        ]

    def p(self, q: float, status: int | None = 200, endpoint: str | None = None) -> float:
        return percentile(self.latencies(status, endpoint), q)

    def summary(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "rps": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "statuses": dict(sorted(self.statuses.items())),
            "5xx": self.five_xx,
            "transport_errors": self.transport_errors,
            "malformed": len(self.problems),
            "p50_ms": round(self.p(50), 1),
            "p95_ms": round(self.p(95), 1),
            "by_endpoint": {
                e: {
                    "requests": sum(1 for r in self.replies if r.endpoint == e),
                    "p50_ms": round(self.p(50, endpoint=e), 1),
                    "p95_ms": round(self.p(95, endpoint=e), 1),
                }
                for e in sorted({r.endpoint for r in self.replies})
            },
        }


def error_shape_problem(status: int, body: bytes, headers: httpx.Headers) -> str | None:
    """Why a 4xx/5xx reply breaks the contract: ``{"error": {"code", "message"}}``, Retry-After on a 429 and an
    overload 503, no path, trace or key in it."""
    try:
        data = json.loads(body)
    except ValueError:
        return "not JSON"
    if not (isinstance(data, dict) and set(data) == {"error"} and isinstance(data["error"], dict)):
        return "not the error shape"
    if set(data["error"]) != {"code", "message"}:
        return "error without code and message"
    if (status == 429 or data["error"]["code"] == "overloaded") and not headers.get("retry-after", "").isdigit():
        return "no Retry-After"
    text = body.decode("utf-8", "replace")
    for pattern in LEAK_PATTERNS:
        if pattern.search(text):
            return f"leaks {pattern.pattern!r}"
    return None


async def _request(client: httpx.AsyncClient, endpoint: str, question: str) -> Reply:
    started = time.perf_counter()
    try:
        if endpoint == "ask":
            response = await client.post("/api/ask", json={"question": question})
        elif endpoint == "search":
            response = await client.get("/api/search", params={"q": question, "k": 5})
        elif endpoint == "chat":
            payload = {"model": MODEL, "messages": [{"role": "user", "content": question}]}
            response = await client.post("/v1/chat/completions", json=payload)
        elif endpoint == "stream":
            async with client.stream("POST", "/api/ask/stream", json={"question": question}) as response:
                await response.aread()
        else:
            raise ValueError(endpoint)
    except httpx.HTTPError as exc:
        return Reply(endpoint, f"error:{type(exc).__name__}", (time.perf_counter() - started) * 1000, str(exc)[:200])
    ms = (time.perf_counter() - started) * 1000
    body = response.content
    problem: str | None = None
    if response.status_code >= 400:
        problem = error_shape_problem(response.status_code, body, response.headers)
    elif endpoint == "stream":
        problem = None if b"event: done" in body and b"event: error" not in body else "stream without a done event"
    else:
        key = {"ask": "answer", "search": "hits", "chat": "choices"}[endpoint]
        try:
            problem = None if key in response.json() else f"no {key!r} in the reply"
        except ValueError:
            problem = "a 200 that is not JSON"
    return Reply(endpoint, response.status_code, ms, problem)


async def _load(
    base: str,
    clients: int,
    seconds: float,
    max_requests: int,
    endpoints: Sequence[str],
    timeout: float,
    backoff: float,
    stop: threading.Event | None = None,
    pause: float = 0.0,
) -> LoadResult:
    if httpx.URL(base).host != LOOPBACK:
        raise ValueError("load is only ever sent to loopback")
    texts = load_texts()
    result = LoadResult(clients=clients)
    issued = 0
    deadline = time.monotonic() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal issued
        while time.monotonic() < deadline and issued < max_requests and not (stop and stop.is_set()):
            n = issued
            issued += 1
            reply = await _request(client, endpoints[n % len(endpoints)], texts[n % len(texts)])
            result.replies.append(reply)
            if backoff and reply.status in (429, 503):
                await asyncio.sleep(backoff * random.random())
            elif pause:
                await asyncio.sleep(pause)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        await asyncio.wait_for(
            asyncio.gather(*(worker(client) for _ in range(clients))), timeout=seconds + timeout + 30
        )
    result.seconds = time.monotonic() - started
    return result


def run_load(
    base: str,
    clients: int = 16,
    seconds: float = 15,
    max_requests: int = 100_000,
    endpoints: Sequence[str] = ENDPOINTS,
    timeout: float = 60,
    backoff: float = 0.0,
    stop: threading.Event | None = None,
    pause: float = 0.0,
) -> LoadResult:
    """``clients`` concurrent clients, each sending its next request ``pause`` seconds after the last is
    answered, until ``seconds`` have passed, ``max_requests`` were sent or ``stop`` is set; every reply is
    timed and checked."""
    return asyncio.run(_load(base, clients, seconds, max_requests, endpoints, timeout, backoff, stop, pause))


@dataclass
class Background:
    """A ``run_load`` in a thread, while something else happens; ``finish()`` stops it and returns its result."""

    base: str
    clients: int = 4
    pause: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)
    results: list[LoadResult] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.results.append(run_load(self.base, clients=self.clients, seconds=3600, stop=self.stop, pause=self.pause))

    def finish(self) -> LoadResult:
        self.stop.set()
        self.thread.join(timeout=180)
        return self.results[0] if self.results else LoadResult(clients=self.clients)


def recovery(base: str, attempts: int = 8) -> dict[str, Any]:
    """After a burst: seconds to the first 200 of /api/ask, then one request per endpoint, all 200?"""
    started = time.monotonic()
    first_ok: float | None = None
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(200):
            if client.post("/api/ask", json={"question": "Quem concede vistos?"}).status_code == 200:
                first_ok = time.monotonic() - started
                break
            time.sleep(0.05)
    after = asyncio.run(_load(base, 1, 120, attempts, ENDPOINTS, 60, 0.0))
    ready = httpx.get(base + "/ready", timeout=10).status_code
    return {
        "first_ok_s": round(first_ok, 2) if first_ok is not None else None,
        "statuses": dict(after.statuses),
        "problems": after.problems,
        "ready": ready,
        "recovered": first_ok is not None and set(after.statuses) == {"200"} and ready == 200,
    }


def run_overload(base: str, clients: int = 64, seconds: float = 8, max_requests: int = 20_000) -> dict[str, Any]:
    """Far more concurrent clients than the server admits (a client waits 0-500 ms after a refusal)."""
    load = run_load(base, clients, seconds, max_requests, endpoints=("ask", "chat", "stream", "ask"), backoff=0.5)
    refused = [r for r in load.replies if r.status in (429, 503)]
    return {
        "load": load,
        "statuses": dict(sorted(load.statuses.items())),
        "refused": len(refused),
        "refused_p50_ms": round(percentile([r.ms for r in refused], 50), 1),
        "refused_p95_ms": round(percentile([r.ms for r in refused], 95), 1),
        "served_p95_ms": round(load.p(95), 1),
        "recovery": recovery(base),
    }


def check_rate_limit(base: str, per_minute: int) -> dict[str, Any]:
    """``per_minute`` + 1 requests from one client: the last is refused with 429, Retry-After and the shape."""
    with httpx.Client(base_url=base, timeout=30) as client:
        replies = [client.get("/api/search", params={"q": "visto", "k": 1}) for _ in range(per_minute + 1)]
        health = client.get("/health").status_code
    last = replies[-1]
    return {
        "statuses": [r.status_code for r in replies],
        "retry_after": last.headers.get("retry-after"),
        "body": last.json() if last.headers.get("content-type", "").startswith("application/json") else last.text,
        "problem": error_shape_problem(last.status_code, last.content, last.headers),
        "health": health,
    }
