"""The HTTP layer: schemas of the contract, routers, limits, error mapping. Uses `Assistant` only."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from assistant.api import docs, errors, openai_compat, routes, schemas
from assistant.api.limits import BodyLimitMiddleware, ConcurrencyLimitMiddleware, RateLimiter, RateLimitMiddleware
from assistant.api.state import ServiceState
from assistant.config import Settings

log = logging.getLogger("assistant.api")


def create_api(settings: Settings, state: ServiceState) -> FastAPI:
    app = FastAPI(
        title="SEF legal assistant",
        version="0.1.0",
        description=(
            "Bilingual (PT/EN) assistant over Decree-Law 252/2000 (SEF's organic law, revoked by Lei n.º 73/2021), "
            "SEF's international-relations page and an AIMA explainer. Every answer cites the exact unit it rests on."
        ),
        docs_url=None,  # docs.install: the same pages, with their assets served here rather than from a CDN
        redoc_url=None,
    )
    app.state.service = state
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(routes.admin)
    app.include_router(openai_compat.router)
    docs.install(app)

    @app.get("/health", response_model=schemas.Health, tags=["ops"])
    async def health() -> schemas.Health:
        return schemas.Health(status="ok")

    @app.get("/ready", response_model=schemas.Ready, responses={503: {"model": schemas.Ready}}, tags=["ops"])
    async def ready() -> JSONResponse:
        if state.ready:
            build = state.assistant.retriever.index.manifest.get("build")
            return JSONResponse(schemas.Ready(status="ready", index=build).model_dump())
        status = "error" if state.error else "loading"
        headers = None if state.error else {"Retry-After": str(errors.RETRY_AFTER_SECONDS)}
        return JSONResponse(
            schemas.Ready(status=status, detail=state.error).model_dump(), status_code=503, headers=headers
        )

    # HEAD too, for load balancers and uptime checkers; kept out of the schema (same answers as GET).
    app.add_api_route("/health", health, methods=["HEAD"], include_in_schema=False)
    app.add_api_route("/ready", ready, methods=["HEAD"], include_in_schema=False)

    # Each add_middleware wraps the ones before it: the body limit runs first, then the rate limit, then
    # the concurrency limit, then routing errors (405/404 in the error shape), then the routes.
    app.add_middleware(errors.RoutingErrorMiddleware, router=app.router)
    app.add_middleware(ConcurrencyLimitMiddleware, limit=settings.max_in_flight)
    app.add_middleware(RateLimitMiddleware, limiter=RateLimiter(settings.rate_limit_per_minute))
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    return app
