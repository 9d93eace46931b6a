"""Request limits, enforced before a handler runs: body size (declared or streamed), slow bodies,
requests per client. Pure ASGI, so a 20 MB upload is refused without being read."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_TIMEOUT_SECONDS = 10.0  # a body trickled in slower than this is abandoned


async def send_error(send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw_headers += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Reads a request body itself, before the app sees it: 413 when it is over ``max_bytes`` (declared
    by Content-Length or counted across chunks), 408 when it trickles in slower than ``timeout``.
    Bodies here are small JSON documents, so holding one in memory is cheap; the app then reads the
    buffered copy."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float = BODY_TIMEOUT_SECONDS) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("POST", "PUT", "PATCH")
            or not scope["path"].startswith(("/api", "/v1"))
        ):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await send_error(send, 400, "bad_request", "Content-Length is not a number")
                return
            if too_big:
                await send_error(send, 413, "payload_too_large", f"the request body is over {self.max_bytes} bytes")
                return
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), timeout=max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                await send_error(send, 408, "request_timeout", "the request body arrived too slowly")
                return
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await send_error(send, 413, "payload_too_large", f"the request body is over {self.max_bytes} bytes")
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as the server would

        await self.app(scope, replay, send)


class RateLimiter:
    """A token bucket per client address; ``per_minute`` 0 turns it off."""

    def __init__(self, per_minute: int, max_clients: int = 10000) -> None:
        self.per_minute = per_minute
        self.capacity = float(max(per_minute, 1))
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_clients = max_clients

    def allow(self, client: str) -> tuple[bool, float]:
        """(allowed, seconds until a token is free)."""
        if self.per_minute <= 0:
            return True, 0.0
        now = time.monotonic()
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return allowed, 0.0 if allowed else (1.0 - tokens) / rate


# The chat page's own calls that start work (one per question, vote or click): counted with the API's,
# so that the page is no way around the limit. Its static files and event streams are not counted.
CHAT_ASKS = frozenset({"/gradio_api/queue/join", "/gradio_api/run/predict"})


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            scope["path"].startswith(("/api", "/v1")) or (scope["method"] == "POST" and scope["path"] in CHAT_ASKS)
        ):
            client: Any = scope.get("client") or ("unknown", 0)
            allowed, wait = self.limiter.allow(str(client[0]))
            if not allowed:
                retry = str(max(1, round(wait)))
                await send_error(send, 429, "rate_limited", "too many requests; slow down", {"retry-after": retry})
                return
        await self.app(scope, receive, send)


class ConcurrencyLimitMiddleware:
    """At most ``limit`` requests in flight; the rest get a quick 503 instead of queueing forever."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(("/api", "/v1")) or self.limit <= 0:
            await self.app(scope, receive, send)
            return
        if self.active >= self.limit:
            await send_error(send, 503, "overloaded", "the server is busy; retry shortly", {"retry-after": "1"})
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
