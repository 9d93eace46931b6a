"""Domain exceptions and framework errors, mapped to HTTP codes and the contract's error shape.

Nothing here returns a stack trace, a path or a secret: messages are the
domain exception's own (written for the caller) or a generic sentence.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.limits import send_error
from assistant.errors import (
    AnswererError,
    AssistantError,
    CorpusError,
    IndexBuildError,
    IndexNotReady,
    InvalidQuery,
    UnitNotFound,
)

log = logging.getLogger("assistant.api")

STATUS = {
    InvalidQuery: 422,
    UnitNotFound: 404,
    IndexNotReady: 503,
    IndexBuildError: 409,
    AnswererError: 502,
    CorpusError: 503,
}


RETRY_AFTER_SECONDS = 5
# Said when an answer fails after its stream has started (the cause is logged, never sent).
STREAM_FAILED = "the answer could not be completed; try again"


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def _status_for(exc: AssistantError) -> int:
    for kind, status in STATUS.items():
        if isinstance(exc, kind):
            return status
    return 500


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(x) for x in error.get("loc", ()) if x != "body")
        parts.append(f"{where or 'body'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


# The question's own checks, done by the schema (so that the OpenAPI document says them too): refused with
# the words and code the pipeline uses for them, not the schema's pattern.
_QUESTION_FIELDS = {("body", "question"), ("query", "q")}
_QUESTION_CHECKS = {
    "string_pattern_mismatch": "the question is empty",
    "string_too_short": "the question is empty",
    "string_too_long": "the question is longer than {max_length} characters",
}


_LANGUAGE_FIELDS = {("body", "language"), ("query", "language")}


def _question_message(exc: RequestValidationError) -> str | None:
    """The message of an invalid question or language (the README's invalid_query), when that is all
    that is wrong with the request."""
    errors = exc.errors()
    if not errors or any(tuple(e.get("loc", ()))[:2] not in _QUESTION_FIELDS | _LANGUAGE_FIELDS for e in errors):
        return None
    error = errors[0]
    if tuple(error.get("loc", ()))[:2] in _LANGUAGE_FIELDS:
        return f"unsupported language {error.get('input')!r}: use auto, pt or en"
    template = _QUESTION_CHECKS.get(str(error.get("type")))
    return template.format(**(error.get("ctx") or {})) if template else None


def install(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def domain_error(_: Request, exc: AssistantError) -> JSONResponse:
        status = _status_for(exc)
        log.info("%s %s", exc.code, exc)
        # Still loading is a matter of seconds: tell clients when to come back.
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if isinstance(exc, IndexNotReady) else None
        return JSONResponse(error_body(exc.code, str(exc)), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        question = _question_message(exc)
        if question:
            return JSONResponse(error_body("invalid_query", question), status_code=422)
        return JSONResponse(error_body("invalid_request", _validation_message(exc)), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 400: "bad_request"}
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return JSONResponse(
            error_body(codes.get(exc.status_code, "http_error"), message),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s: %s", type(exc).__name__, exc)
        return JSONResponse(error_body("internal_error", "something went wrong on our side"), status_code=500)


class RoutingErrorMiddleware:
    """A wrong method on an API path gets 405 with ``Allow``, an unknown path under /api or /v1 a 404, both in
    the error shape. Without this, the chat page mounted at / would take every request that no API route
    fully matches and answer ``404 {"detail": "Not Found"}``."""

    METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

    def __init__(self, app: ASGIApp, router: Router, prefixes: tuple[str, ...] = ("/api", "/v1")) -> None:
        self.app = app
        self.router = router
        self.prefixes = prefixes
        self.exact = ("/health", "/ready")

    def _routed(self, scope: Scope) -> bool:
        """Whether a route other than the mounted chat page takes this path and method."""
        return any(
            not isinstance(route, Mount) and route.matches(scope)[0] == Match.FULL for route in self.router.routes
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        under_api = any(path == p or path.startswith(p + "/") for p in self.prefixes)
        if (under_api or path in self.exact) and not self._routed(scope):
            allowed = [m for m in self.METHODS if self._routed({**scope, "method": m})]
            if allowed:
                methods = ", ".join(allowed)
                await send_error(send, 405, "method_not_allowed", f"use {methods}", {"allow": methods})
                return
            if under_api:
                await send_error(send, 404, "not_found", "no such endpoint")
                return
        await self.app(scope, receive, send)
