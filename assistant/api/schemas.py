"""Pydantic models of the public contract (shared/CONTRACT.md): the OpenAPI schema comes from these."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

Language = Literal["auto", "pt", "en"]
MAX_QUESTION_CHARS = 2000


def _not_only_space() -> str:
    """A JSON-Schema (ECMA) and Rust-regex pattern that matches a string holding a character that is not
    whitespace as Python's ``str.strip`` sees it: the server strips a question and refuses an empty one, so
    the schema says so (``\\S`` differs between the three engines: U+001C-U+001F, U+0085, U+FEFF)."""
    spaces = [c for c in map(chr, range(0x3001)) if c.isspace()]
    return "[^" + "".join(f"\\u{ord(c):04x}" for c in spaces) + "]"


HAS_TEXT = _not_only_space()


class Strict(BaseModel):
    """Unknown fields are an error the caller can fix, not something to ignore silently."""

    model_config = ConfigDict(extra="forbid")


class AskRequest(Strict):
    question: str = Field(
        ...,
        min_length=1,
        max_length=MAX_QUESTION_CHARS,
        pattern=HAS_TEXT,
        description="The question, in Portuguese or English.",
    )
    language: Language = Field("auto", description="Language of the answer; auto = the question's.")
    conversation_id: str | None = Field(
        None, max_length=64, pattern=r"^[A-Za-z0-9_-]*$", description='Continue a conversation ("" or null: a new one).'
    )

    @field_validator("conversation_id", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value  # some clients send "" for "no conversation yet"


class CitationOut(BaseModel):
    id: str = Field(..., description="Contract id of the cited unit, e.g. dl-252-2000/art-13/n-2/al-h.")
    document: str
    label: str = Field(..., description="Human label in the answer's language, e.g. Article 13(2)(h).")
    quote: str = Field(..., description="Verbatim text of the unit, in the source's language.")
    translation: str | None = Field(None, description="Unofficial rendering in the answer's language, or null.")


class AskResponse(BaseModel):
    answer: str
    language: Literal["pt", "en"]
    abstained: bool
    citations: list[CitationOut]
    notices: list[str]
    conversation_id: str
    # Contract extensions: a refusal's way forward. Neither is evidence for the answer, so `citations` stays empty.
    related: list[CitationOut] = Field(
        default_factory=list,
        description="With abstained=true: the units nearest the question, related but not an answer (else empty).",
    )
    pointer: CitationOut | None = Field(
        None,
        description="With abstained=true: the unit saying where to go instead (the AIMA explainer's), or null.",
    )


class SearchHit(BaseModel):
    id: str
    document: str
    label: str
    text: str
    score: float = Field(
        ..., description="Calibrated relevance in [0, 1], capped by the hits above: never rises down the list."
    )


class SearchResponse(BaseModel):
    hits: list[SearchHit]


class UnitResponse(BaseModel):
    id: str
    document: str
    label: str
    text: str
    translation: str | None
    parent: str | None
    children: list[str]
    heading: str | None = None
    heading_translation: str | None = None
    context: list[str] = Field(default_factory=list, description="Chapter / section titles above an article.")
    meta: dict[str, object] = Field(default_factory=dict)


class TocEntry(BaseModel):
    id: str
    label: str
    title: str
    title_translation: str | None = None
    context: list[str] = Field(default_factory=list)


class DocumentOut(BaseModel):
    id: str
    title: str
    language: Literal["pt", "en"]
    status: str
    revoked_by: str | None = None
    entries: list[TocEntry]


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"]


class Ready(BaseModel):
    status: Literal["ready", "loading", "error"]
    detail: str | None = None
    index: str | None = None


class ReindexResponse(BaseModel):
    build: str
    up_to_date: bool
    passages: int
    embedded: int
    seconds: float


# OpenAI chat-completions shape (the subset clients use).


class ChatMessage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "if": {"properties": {"role": {"const": "user"}}, "required": ["role"]},
            "then": {
                "properties": {
                    "content": {"anyOf": [{"type": "string", "maxLength": MAX_QUESTION_CHARS}, {"type": "null"}]}
                }
            },
        },
    )
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | None = Field(None, description=f"A user message is a question: {MAX_QUESTION_CHARS} chars at most.")

    @field_validator("content", mode="before")
    @classmethod
    def _text_parts(cls, value: Any) -> Any:
        """OpenAI clients may send content as parts ([{"type": "text", "text": "…"}]): text parts are joined;
        any other part (an image, audio) is refused, since only text can be answered."""
        if not isinstance(value, list):
            return value
        texts = []
        for part in value:
            if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
                raise ValueError("only text content parts ({'type': 'text', 'text': …}) are supported")
            texts.append(part["text"])
        return "\n".join(texts)

    @model_validator(mode="after")
    def _question_length(self) -> ChatMessage:
        if self.role == "user" and self.content and len(self.content) > MAX_QUESTION_CHARS:
            raise ValueError(f"a user message is longer than {MAX_QUESTION_CHARS} characters")
        return self


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, top_p… are accepted and ignored
    model: str = Field(..., min_length=1, max_length=100)
    messages: list[ChatMessage] = Field(
        ...,
        min_length=1,
        max_length=50,
        description="At least one user message with text; the last one is the question.",
        json_schema_extra={
            "contains": {
                "type": "object",
                "properties": {"role": {"const": "user"}, "content": {"type": "string", "pattern": HAS_TEXT}},
                "required": ["role", "content"],
            }
        },
    )
    stream: StrictBool = False  # a JSON boolean: 0 or "yes" is an error, not a guess


class ChatChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str
    citations: list[CitationOut] = Field(default_factory=list)


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatChoiceMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletionResponse(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage
    citations: list[CitationOut] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    abstained: bool = False


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "assistant"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
