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


def install(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def domain_error(_: Request, exc: AssistantError) -> JSONResponse:
        status = _status_for(exc)
        log.info("%s %s", exc.code, exc)
        return JSONResponse(error_body(exc.code, str(exc)), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
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
