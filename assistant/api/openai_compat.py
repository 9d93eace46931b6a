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

from assistant.answering import Answer, Assistant
from assistant.api import schemas
from assistant.api.errors import STREAM_FAILED, error_body
from assistant.api.routes import ERRORS, SSE, state_of
from assistant.errors import AssistantError, InvalidQuery
from assistant.query.courtesy import only_courtesy

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


def _question_and_context(messages: list[schemas.ChatMessage]) -> tuple[str, str | None]:
    users = [m.content for m in messages if m.role == "user" and m.content and m.content.strip()]
    if not users:
        raise InvalidQuery("the conversation has no user message with text")
    # "obrigado" between two questions is no context for the second.
    earlier = [u for u in users[:-1] if not only_courtesy(u)]
    return users[-1], earlier[-1] if earlier else None


def _conversation(assistant: Assistant, messages: list[schemas.ChatMessage]) -> tuple[str, str | None]:
    """System messages are ignored (the assistant's behaviour is not the caller's to change); an earlier
    user turn is replayed into a private conversation so that a follow-up is understood."""
    question, previous = _question_and_context(messages)
    conversation_id = assistant.ask(previous).conversation_id if previous else None
    return question, conversation_id


@router.get("/models", response_model=schemas.ModelList, responses=ERRORS)
async def models() -> schemas.ModelList:
    return schemas.ModelList(data=[schemas.ModelCard(id=MODEL_ID, created=0)])


@router.post("/chat/completions", response_model=schemas.ChatCompletionResponse, responses={**ERRORS, **SSE})
async def chat_completions(body: schemas.ChatCompletionRequest, request: Request):
    assistant = state_of(request).assistant
    question, _ = _question_and_context(body.messages)
    assistant.retriever.check_query(question)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    question, conversation_id = await run_in_threadpool(_conversation, assistant, body.messages)
    if body.stream:
        stream = assistant.ask_stream(question, "auto", conversation_id)
        return StreamingResponse(_chunks(completion_id, created, body.model, stream), media_type="text/event-stream")
    answer = await run_in_threadpool(assistant.ask, question, "auto", conversation_id)
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
