"""Fixtures for the answering tests: the real corpus, retriever and index (built once per session), and
a scripted chat model that stands in for an LLM server (none runs in the tests)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

from assistant.answering import Answer, Assistant
from assistant.answering.support import SupportScorer
from assistant.config import Settings, get_settings
from assistant.corpus import Corpus
from assistant.retrieval import Retriever, SearchResult, open_retriever

HANG = "<hang>"  # a script step: block until released (or 10 s), like a server that never answers
PAUSE = "<pause>"  # inside a streamed reply: wait for ``resume`` before sending the rest
BREAK = "<break>"  # inside a streamed reply: the connection drops there


class Scripted(BaseChatModel):
    """Each call plays the next step of ``script``: a reply, an exception to raise, or ``HANG``.

    The messages of every call are kept in ``seen``; ``release`` unblocks a hang, ``resume`` a pause.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    script: list[Any]
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    release: threading.Event = Field(default_factory=threading.Event)
    resume: threading.Event = Field(default_factory=threading.Event)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _next(self, messages: list[BaseMessage]) -> str:
        self.seen.append(messages)
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        if step == HANG:
            self.release.wait(10)
            return "Too late [dl-252-2000/art-13/n-1]."
        return str(step)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next(messages).replace(PAUSE, "").replace(BREAK, "")
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for piece in re.split(f"({re.escape(PAUSE)}|{re.escape(BREAK)})", self._next(messages)):
            if piece == PAUSE:
                self.resume.wait(5)
                continue
            if piece == BREAK:
                raise ConnectionError("connection reset by peer")
            for token in re.findall(r"\S+\s*|\s+", piece):
                yield ChatGenerationChunk(message=AIMessageChunk(content=token))


@pytest.fixture
def scripted() -> Iterator[Callable[..., Scripted]]:
    made: list[Scripted] = []

    def make(*script: Any) -> Scripted:
        made.append(Scripted(script=list(script)))
        return made[-1]

    yield make
    for model in made:  # let any thread still blocked in a hang or pause finish
        model.release.set()
        model.resume.set()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings().model_copy(update={"llm_timeout": 0.5})


@pytest.fixture(scope="session")
def retriever(settings: Settings, corpus: Corpus) -> Retriever:
    return open_retriever(settings, corpus)


@pytest.fixture(scope="session")
def scorer(corpus: Corpus) -> SupportScorer:
    return SupportScorer(corpus)


@pytest.fixture(scope="session")
def evidence_for(retriever: Retriever) -> Callable[[str, str], tuple[list[str], SearchResult]]:
    """What ``Assistant`` hands an answerer for a question: the selected unit ids and the search result."""

    assistant = Assistant(get_settings(), retriever)

    def find(question: str, language: str) -> tuple[list[str], SearchResult]:
        gathered = assistant.gather(assistant.read(question, language))
        assert not isinstance(gathered, Answer), f"{question!r} is answered before any decision"
        plan, result = gathered[0], gathered[1]
        return assistant.decision.decide(plan, result.hits).unit_ids, result

    return find
