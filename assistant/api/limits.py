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


class _BodyTooLarge(Exception):
    pass


class _BodyTooSlow(Exception):
    pass


class BodyLimitMiddleware:
    """413 for a body over ``max_bytes`` (Content-Length or counted chunks); 408 for a stalled body."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float = BODY_TIMEOUT_SECONDS) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(("/api", "/v1")):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await send_error(send, 400, "bad_request", "Content-Length is not a number")
                return
            if too_big:
                await send_error(send, 413, "payload_too_large", f"the request body is over {self.max_bytes} bytes")
                return
        received = 0
        started = False
        deadline = time.monotonic() + self.timeout

        async def limited_receive() -> Message:
            nonlocal received
            remaining = deadline - time.monotonic()
            try:
                message = await asyncio.wait_for(receive(), timeout=max(remaining, 0.001))
            except TimeoutError as exc:
                raise _BodyTooSlow from exc
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await send_error(send, 413, "payload_too_large", f"the request body is over {self.max_bytes} bytes")
        except _BodyTooSlow:
            if not started:
                await send_error(send, 408, "request_timeout", "the request body arrived too slowly")


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


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(("/api", "/v1")):
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
