"""The optional LLM answerer (``ASSISTANT_ANSWERER=llm``): an Ollama or OpenAI-compatible chat model.

The model writes from the numbered evidence and cites unit ids; the verifier
keeps only sentences that cite that evidence and are supported by it. Whenever
the model fails (server down, too slow, nothing usable left after
verification) the answer is the extractive one, with a notice saying so: a
failing model never leaves a question unanswered or an unverified sentence shown.

Every call is bounded by ``settings.llm_timeout`` here, in a daemon thread, and
not only by the client's timeout: a client may retry or a server may keep a
connection open, and a request must not hang on either. A failed call is
retried once if time is left; a call that used up the time is not.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from assistant.answering.answerers import AnswerStream, ExtractiveAnswerer
from assistant.answering.extractive import make_citation
from assistant.answering.models import Citation
from assistant.answering.prompts import evidence_ids, format_evidence, load_prompts
from assistant.answering.support import SupportScorer
from assistant.answering.verifier import Sentence, SentenceChecker, Verification, verify
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.errors import AnswererError
from assistant.query.injection import injection_sentences
from assistant.query.plan import QueryPlan
from assistant.retrieval import SearchResult

if TYPE_CHECKING:
    from assistant.query.followups import Turn

log = logging.getLogger(__name__)
T = TypeVar("T")

FALLBACK_NOTICE = {
    "en": "The language model's answer could not be verified; this answer quotes the sources directly.",
    "pt": "Não foi possível verificar a resposta do modelo de linguagem; esta resposta cita diretamente as fontes.",
}
MAX_HISTORY = 4  # earlier questions shown to the rewrite step
_TOKEN = re.compile(r"\S+\s*|\s+")
_REWRITE_PREFIX = re.compile(r"^(?:standalone question|pergunta autónoma|pergunta|question)\s*:\s*", re.IGNORECASE)


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model, deterministic (temperature 0); creating it does not contact the server."""
    if settings.llm_provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.llm_model,
            temperature=0,
            client_kwargs={"timeout": settings.llm_timeout},
            **({"base_url": settings.llm_base_url} if settings.llm_base_url else {}),
        )
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout,
        max_retries=0,  # the answerer retries once itself, inside its own deadline
        temperature=0,
    )


def _within(deadline: float, call: Callable[[], T]) -> T:
    """``call()`` in a daemon thread, waited for until ``deadline``; TimeoutError after it.

    A daemon thread left running by a hung server cannot block the request or the process's exit.
    """
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(call())
        except BaseException as exc:  # handed to the waiting caller, whatever it is
            future.set_exception(exc)

    threading.Thread(target=run, name="llm-call", daemon=True).start()
    return future.result(timeout=max(0.0, deadline - time.monotonic()))


def _pieces(model: BaseChatModel, messages: list[BaseMessage], deadline: float) -> Iterator[str]:
    """The model's streamed text, pumped by a daemon thread; AnswererError on failure or past ``deadline``."""
    chunks: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def pump() -> None:
        try:
            for chunk in model.stream(messages):
                if stop.is_set():
                    return
                chunks.put(("text", chunk.text))
            chunks.put(("end", None))
        except BaseException as exc:
            chunks.put(("error", exc))

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    try:
        while True:
            try:
                kind, value = chunks.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AnswererError("the language model did not finish in time") from None
            if kind == "end":
                return
            if kind == "error" and isinstance(value, BaseException):
                raise AnswererError(f"the language model failed: {value!r}"[:300]) from value
            if isinstance(value, str) and value:
                yield value
    finally:
        stop.set()  # the pump drops the rest of an abandoned stream


class LLMAnswerer:
    name = "llm"

    def __init__(self, corpus: Corpus, model: BaseChatModel, settings: Settings, scorer: SupportScorer | None = None):
        self.corpus = corpus
        self.model = model
        self.timeout = settings.llm_timeout
        self.max_query_chars = settings.max_query_chars
        self.prompts = load_prompts(settings.prompts_dir)  # a broken template fails here, at start-up
        self.scorer = scorer or SupportScorer(corpus)
        self.extractive = ExtractiveAnswerer(corpus)

    def answer(
        self, plan: QueryPlan, unit_ids: list[str], result: SearchResult
    ) -> tuple[str, list[Citation], list[str]]:
        language = plan.answer_language
        evidence = evidence_ids(self.corpus, unit_ids, result.hits)
        try:
            reply = self._invoke(self._answer_messages(plan.question, language, evidence))
        except AnswererError as exc:
            log.warning("LLM answer failed (%s); answering extractively", exc)
            return self._fallback(plan, unit_ids, result)
        checked = verify(reply, evidence, language, self.scorer)
        self._log_removed(checked)
        if not checked.sentences:
            log.warning("no sentence of the LLM answer survived verification; answering extractively")
            return self._fallback(plan, unit_ids, result)
        return checked.text, self._citations(checked.cited, plan), []

    def stream(self, plan: QueryPlan, unit_ids: list[str], result: SearchResult) -> AnswerStream:
        """Verified sentences, word by word, as the model completes them; returns (text, citations, notices).

        If the model fails after some sentences went out, the answer is those
        sentences (each was verified); if before, it is the extractive answer.
        """
        language = plan.answer_language
        evidence = evidence_ids(self.corpus, unit_ids, result.hits)
        messages = self._answer_messages(plan.question, language, evidence)
        deadline = time.monotonic() + self.timeout
        sent = 0
        for attempt in (1, 2):
            checker = SentenceChecker(evidence, language, self.scorer)
            try:
                for piece in _pieces(self.model, messages, deadline):
                    for sentence in checker.feed(piece):
                        yield from _tokens(sentence, first=not sent)
                        sent += 1
                for sentence in checker.finish():
                    yield from _tokens(sentence, first=not sent)
                    sent += 1
                break
            except AnswererError as exc:
                log.warning("LLM stream failed (attempt %d, %d sentence(s) sent): %s", attempt, sent, exc)
                # Text already sent cannot be taken back: only a stream that sent nothing is retried.
                if sent or time.monotonic() >= deadline:
                    break
        self._log_removed(checker.result)
        if not sent:
            text, citations, notices = self._fallback(plan, unit_ids, result)
            yield from _TOKEN.findall(text)
            return text, citations, notices
        return checker.result.text, self._citations(checker.result.cited, plan), []

    def rewrite(self, question: str, history: Sequence[Turn], language: str) -> str:
        """A follow-up ("and who replaces him?") as a standalone question in ``language``; AnswererError if the
        model fails."""
        lang = language
        earlier = [turn.question for turn in list(history)[-MAX_HISTORY:]]
        messages = self.prompts[("rewrite", lang)].format_messages(
            history="\n".join(f"{n}. {q}" for n, q in enumerate(earlier, 1)) or "-", question=question
        )
        return self._clean_rewrite(self._invoke(messages))

    def _clean_rewrite(self, reply: str) -> str:
        lines = [line.strip() for line in reply.splitlines() if line.strip()]
        text = _REWRITE_PREFIX.sub("", lines[0] if lines else "").strip(" \"'«»“”")
        # The rewrite is searched and shown to the answer prompt: hold it to what a user may type.
        if not re.search(r"\w", text) or len(text) > self.max_query_chars:
            raise AnswererError("the rewritten question is empty or too long")
        if injection_sentences(text) or re.search(r"https?:|www\.|\]\(", text, re.IGNORECASE):
            raise AnswererError("the rewritten question carries instructions or links")
        return text

    def _answer_messages(self, question: str, language: str, evidence: list[str]) -> list[BaseMessage]:
        return self.prompts[("answer", language)].format_messages(
            evidence=format_evidence(self.corpus, evidence, language), question=question
        )

    def _invoke(self, messages: list[BaseMessage]) -> str:
        deadline = time.monotonic() + self.timeout
        for attempt in (1, 2):
            try:
                reply = _within(deadline, lambda: self.model.invoke(messages))
            except Exception as exc:  # clients raise their own types; all mean "no answer"
                if attempt == 2 or time.monotonic() >= deadline:
                    late = time.monotonic() >= deadline
                    reason = f"no reply within {self.timeout:g} s" if late else f"the language model failed: {exc!r}"
                    raise AnswererError(reason[:300]) from exc
                log.info("LLM call failed (%r); retrying once", exc)
                continue
            text = reply.text if isinstance(reply, BaseMessage) else ""
            if not text.strip():
                raise AnswererError("the language model returned no text")
            return text
        raise AssertionError("unreachable")

    def _citations(self, ids: list[str], plan: QueryPlan) -> list[Citation]:
        return [make_citation(self.corpus, unit_id, plan) for unit_id in ids]

    def _fallback(
        self, plan: QueryPlan, unit_ids: list[str], result: SearchResult
    ) -> tuple[str, list[Citation], list[str]]:
        text, citations, _ = self.extractive.answer(plan, unit_ids, result)
        return text, citations, [FALLBACK_NOTICE[plan.answer_language]]

    @staticmethod
    def _log_removed(checked: Verification) -> None:
        for removed in checked.removed:
            log.info("dropped from the LLM answer (%s): %.200s", removed.reason, removed.raw)


def _tokens(sentence: Sentence, first: bool) -> list[str]:
    return _TOKEN.findall(sentence.text if first else sentence.separator + sentence.text)
