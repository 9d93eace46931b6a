"""The JSON API under /api (the contract's endpoints) and the admin endpoint."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from assistant.answering import Answer, Assistant
from assistant.api import schemas
from assistant.api.errors import STREAM_FAILED, error_body
from assistant.api.state import ServiceState
from assistant.corpus import Corpus, label
from assistant.corpus.display import unit_context
from assistant.errors import AssistantError, UnitNotFound

log = logging.getLogger("assistant.api")

router = APIRouter(prefix="/api", tags=["assistant"])
ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": schemas.ErrorResponse} for status in (400, 404, 408, 413, 422, 429, 503)
}
# One server-sent event (Open API 3.1: the schema of an event stream describes each event).
SSE_EVENT = {
    "type": "object",
    "properties": {"event": {"type": "string"}, "data": {"type": "string"}, "id": {"type": "string"}},
    "required": ["data"],
}
SSE: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/event-stream": {"schema": SSE_EVENT}}, "description": "Server-sent events."}
}


def state_of(request: Request) -> ServiceState:
    return request.app.state.service


def answer_out(answer: Answer) -> schemas.AskResponse:
    return schemas.AskResponse(
        answer=answer.answer,
        language=answer.language,
        abstained=answer.abstained,
        citations=[schemas.CitationOut(**c.__dict__) for c in answer.citations],
        notices=answer.notices,
        conversation_id=answer.conversation_id or "",
        related=[schemas.CitationOut(**c.__dict__) for c in answer.related],
        pointer=schemas.CitationOut(**answer.pointer.__dict__) if answer.pointer else None,
    )


@router.post("/ask", response_model=schemas.AskResponse, responses=ERRORS)
async def ask(body: schemas.AskRequest, request: Request) -> schemas.AskResponse:
    """Answer a question from the corpus, citing the units it rests on."""
    assistant = state_of(request).assistant
    answer = await run_in_threadpool(assistant.ask, body.question, body.language, body.conversation_id)
    return answer_out(answer)


def _sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def stream_events(assistant: Assistant, body: schemas.AskRequest) -> Iterator[str]:
    """Server-sent events: `token`… as the answer is produced, then `citations`, `notices` and a final
    `done` carrying the whole answer (the same object /api/ask returns)."""
    try:
        for item in assistant.ask_stream(body.question, body.language, body.conversation_id):
            if isinstance(item, str):
                yield _sse("token", {"text": item})
                continue
            out = answer_out(item)
            yield _sse("citations", [c.model_dump() for c in out.citations])
            yield _sse("notices", out.notices)
            yield _sse("done", out.model_dump())
    except AssistantError as exc:
        yield _sse("error", error_body(exc.code, str(exc))["error"])
    except Exception:  # the status line is sent already: the failure can only be an event now
        log.exception("streaming an answer failed")
        yield _sse("error", error_body("internal_error", STREAM_FAILED)["error"])


@router.post("/ask/stream", responses={**ERRORS, **SSE}, response_class=StreamingResponse)
async def ask_stream(body: schemas.AskRequest, request: Request) -> StreamingResponse:
    """The same answer as /api/ask, streamed as server-sent events."""
    assistant = state_of(request).assistant
    assistant.retriever.check_query(body.question)  # bad input is a 422 before the stream starts
    return StreamingResponse(stream_events(assistant, body), media_type="text/event-stream")


@router.get("/search", response_model=schemas.SearchResponse, responses=ERRORS)
async def search(
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=schemas.MAX_QUESTION_CHARS,
            pattern=schemas.HAS_TEXT,
            description="Question or reference.",
        ),
    ],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
    language: Annotated[Literal["auto", "pt", "en"], Query()] = "auto",
) -> schemas.SearchResponse:
    """Units that match the query, best first. ``language`` is the labels' language: the query is
    matched in the language it is written in (a Portuguese query with ``language=en`` must still
    find Portuguese words). ``score`` is the calibrated relevance, capped by the hits above it so
    that it never rises down the list (ranking fuses more than the calibration sees)."""
    assistant = state_of(request).assistant
    result = await run_in_threadpool(assistant.retriever.search, q, k, "auto")
    corpus = assistant.corpus
    labels_in = result.language if language == "auto" else language
    hits, cap = [], 1.0
    for hit in result.hits:
        cap = min(cap, hit.relevance)
        hits.append(
            schemas.SearchHit(
                id=hit.unit_id,
                document=hit.document,
                label=label(hit.unit_id, labels_in),
                text=corpus.unit(hit.unit_id).text,
                score=round(cap, 4),
            )
        )
    return schemas.SearchResponse(hits=hits)


def unit_out(corpus: Corpus, unit_id: str, language: str) -> schemas.UnitResponse:
    unit = corpus.unit(unit_id)
    meta = {k: v for k, v in unit.meta.items() if k not in ("marker",)}
    return schemas.UnitResponse(
        id=unit.id,
        document=unit.document,
        label=label(unit.id, language),
        text=unit.text,
        translation=corpus.rendering(unit.id, corpus.translation_language(unit)),
        parent=unit.parent,
        children=list(unit.children),
        heading=unit.heading or unit.section,
        heading_translation=corpus.rendered_heading(unit.id, corpus.translation_language(unit))
        if unit.heading
        else None,
        context=unit_context(corpus, unit, "pt"),
        meta=meta,
    )


@router.get("/units/{unit_id:path}", response_model=schemas.UnitResponse, responses=ERRORS)
async def get_unit(
    unit_id: Annotated[str, Path(examples=["dl-252-2000/art-13/n-2/al-h"])],
    request: Request,
    language: Annotated[Literal["pt", "en"], Query()] = "en",
) -> schemas.UnitResponse:
    """One unit with its text, unofficial rendering, parent and children."""
    corpus = state_of(request).assistant.corpus
    if len(unit_id) > 200:
        raise UnitNotFound("unit ids are short; this one is not valid")
    return unit_out(corpus, unit_id, language)


def documents_out(corpus: Corpus) -> schemas.DocumentsResponse:
    documents = []
    for document in corpus.documents.values():
        other = "en" if document.language == "pt" else "pt"
        entries = []
        for child_id in document.root.children:
            unit = corpus.unit(child_id)
            title = unit.heading or unit.section or unit.own_text.split("\n")[0][:80]
            entries.append(
                schemas.TocEntry(
                    id=unit.id,
                    label=label(unit.id, document.language),
                    title=title,
                    title_translation=corpus.rendered_heading(unit.id, other) if unit.heading else None,
                    context=unit_context(corpus, unit, document.language),
                )
            )
        documents.append(
            schemas.DocumentOut(
                id=document.id,
                title=document.title,
                language=document.language,
                status=str(document.meta.get("status", "")),
                revoked_by=str(document.meta["revoked_by"]) if document.meta.get("revoked_by") else None,
                entries=entries,
            )
        )
    return schemas.DocumentsResponse(documents=documents)


@router.get("/documents", response_model=schemas.DocumentsResponse, responses=ERRORS)
async def documents(request: Request) -> schemas.DocumentsResponse:
    """Table of contents of every document."""
    return documents_out(state_of(request).assistant.corpus)


admin = APIRouter(prefix="/api/admin", tags=["admin"])


@admin.post(
    "/reindex",
    response_model=schemas.ReindexResponse,
    responses={**ERRORS, 401: {"model": schemas.ErrorResponse}, 409: {"model": schemas.ErrorResponse}},
)
async def reindex(
    request: Request, x_api_key: Annotated[str | None, Header(max_length=200)] = None
) -> schemas.ReindexResponse:
    """Rebuild the index if the corpus changed, then serve the new one. Needs `X-API-Key`."""
    from fastapi import HTTPException

    from assistant.retrieval import build_index

    service = state_of(request)
    expected = service.settings.admin_api_key
    if expected is None:
        raise HTTPException(404, "the admin endpoint is off (no ASSISTANT_ADMIN_API_KEY configured)")
    given = (x_api_key or "").encode()
    if not hmac.compare_digest(given, expected.get_secret_value().encode()):
        raise HTTPException(401, "missing or wrong X-API-Key")
    report = await run_in_threadpool(build_index, service.settings)
    if not report.up_to_date:
        await run_in_threadpool(service.load)
    return schemas.ReindexResponse(
        build=report.build,
        up_to_date=report.up_to_date,
        passages=report.passages,
        embedded=report.embedded,
        seconds=round(report.seconds, 3),
    )
