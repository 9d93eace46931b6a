"""An OpenAI-compatible surface (/v1/chat/completions, /v1/models), so any OpenAI client can embed
the assistant with only a base URL. Citations come inline in the content and as structured fields."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from assistant.answering import Answer
from assistant.api import schemas
from assistant.api.errors import STREAM_FAILED, error_body
from assistant.api.routes import ERRORS, SSE, state_of
from assistant.errors import AssistantError, InvalidQuery
from assistant.query.followups import Turn, history_from_messages

log = logging.getLogger("assistant.api")

router = APIRouter(prefix="/v1", tags=["openai-compatible"])
MODEL_ID = "sef-legal-assistant"


def content_with_sources(answer: Answer) -> str:
    if not answer.citations:
        return answer.answer
    heading = "Fontes" if answer.language == "pt" else "Sources"
    lines = [answer.answer, "", f"{heading}:"]
    for n, c in enumerate(answer.citations, start=1):
        lines.append(f"[{n}] {c.label} ({c.id}): “{c.quote}”" + (f" — {c.translation}" if c.translation else ""))
    lines += ["", *answer.notices]
    return "\n".join(lines).rstrip()


def question_and_history(messages: list[schemas.ChatMessage]) -> tuple[str, list[Turn]]:
    """The last user message, and the conversation before it as the client sent it: each earlier user message
    with the assistant message that answered it (its sources say what it cited). System messages are left
    out: the assistant's behaviour is not the caller's to change."""
    exchanges: list[tuple[str, str | None]] = []
    for message in messages:
        text = (message.content or "").strip()
        if message.role == "user" and text:
            exchanges.append((text, None))
        elif message.role == "assistant" and exchanges and exchanges[-1][1] is None:
            exchanges[-1] = (exchanges[-1][0], message.content or "")
    if not exchanges:
        raise InvalidQuery("the conversation has no user message with text")
    question, _ = exchanges.pop()
    return question, history_from_messages(exchanges)


@router.get("/models", response_model=schemas.ModelList, responses=ERRORS)
async def models() -> schemas.ModelList:
    return schemas.ModelList(data=[schemas.ModelCard(id=MODEL_ID, created=0)])


@router.post("/chat/completions", response_model=schemas.ChatCompletionResponse, responses={**ERRORS, **SSE})
async def chat_completions(body: schemas.ChatCompletionRequest, request: Request):
    assistant = state_of(request).assistant
    question, history = question_and_history(body.messages)
    assistant.retriever.check_query(question)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    # Stateless: the client sends the whole history each time, so nothing is kept in the conversation store
    # and nothing is asked twice (a follow-up is read against the turns sent).
    if body.stream:
        stream = assistant.ask_stream(question, "auto", history=history)
        return StreamingResponse(_chunks(completion_id, created, body.model, stream), media_type="text/event-stream")
    answer = await run_in_threadpool(assistant.ask, question, "auto", None, history)
    citations = [schemas.CitationOut(**c.__dict__) for c in answer.citations]
    content = content_with_sources(answer)
    prompt_tokens = sum(len((m.content or "").split()) for m in body.messages)
    completion_tokens = len(content.split())
    return schemas.ChatCompletionResponse(
        id=completion_id,
        created=created,
        model=body.model,
        choices=[schemas.ChatChoice(message=schemas.ChatChoiceMessage(content=content, citations=citations))],
        usage=schemas.Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        ),
        citations=citations,
        notices=answer.notices,
        abstained=answer.abstained,
    )


def _chunks(completion_id: str, created: int, model: str, stream: Iterator[str | Answer]) -> Iterator[str]:
    def chunk(delta: dict[str, object], finish: str | None = None, **extra: object) -> str:
        payload = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    answer: Answer | None = None
    try:
        for item in stream:
            if isinstance(item, str):
                yield chunk({"content": item})
            else:
                answer = item
    except Exception as exc:  # headers are sent: say it in the stream, as OpenAI's API does, then stop
        if isinstance(exc, AssistantError):
            body = error_body(exc.code, str(exc))
        else:
            log.exception("streaming a completion failed")
            body = error_body("internal_error", STREAM_FAILED)
        yield f"data: {json.dumps(body, ensure_ascii=False)}\n\n"
        return
    if answer is None:
        return
    sources = content_with_sources(answer)[len(answer.answer) :]
    if sources:
        yield chunk({"content": sources})
    citations = [schemas.CitationOut(**c.__dict__).model_dump() for c in answer.citations]
    yield chunk({}, "stop", citations=citations, notices=answer.notices, abstained=answer.abstained)
    yield "data: [DONE]\n\n"
