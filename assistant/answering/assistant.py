"""``Assistant.ask()``: the one entry point the API, the UI, the CLI and the evaluation use."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Protocol

from assistant.answering import extractive, messages, policy
from assistant.answering.conversation import ConversationStore, Turn, is_follow_up
from assistant.answering.models import Answer, Citation
from assistant.answering.notices import notices_for
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.errors import InvalidQuery
from assistant.retrieval import Retriever, SearchResult, open_retriever
from assistant.retrieval.language import detect_language

log = logging.getLogger(__name__)

LANGUAGES = ("auto", "pt", "en")


class Answerer(Protocol):
    """Turns selected evidence into an answer; the LLM answerer falls back to the extractive one."""

    name: str

    def answer(
        self, question: str, language: str, unit_ids: list[str], result: SearchResult
    ) -> tuple[str, list[Citation], list[str]]: ...

    def stream(self, question: str, language: str, unit_ids: list[str], result: SearchResult) -> Iterator[str]: ...


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def answer(
        self, question: str, language: str, unit_ids: list[str], result: SearchResult
    ) -> tuple[str, list[Citation], list[str]]:
        text, citations = extractive.compose(self.corpus, unit_ids, language, question)
        return text, citations, []

    def stream(self, question: str, language: str, unit_ids: list[str], result: SearchResult) -> Iterator[str]:
        text, _, _ = self.answer(question, language, unit_ids, result)
        for word in text.split(" "):
            yield word + " "


class Assistant:
    def __init__(
        self,
        settings: Settings,
        retriever: Retriever,
        answerer: Answerer | None = None,
        conversations: ConversationStore | None = None,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.corpus: Corpus = retriever.corpus
        self.extractive = ExtractiveAnswerer(self.corpus)
        self.answerer: Answerer = answerer or self.extractive
        self.conversations = conversations or ConversationStore(
            settings.conversation_max_turns,
            settings.conversation_max_count,
            settings.conversation_ttl_seconds,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        retriever = open_retriever(settings)
        answerer: Answerer | None = None
        if settings.answerer == "llm":
            from assistant.answering.llm import LLMAnswerer, make_chat_model

            answerer = LLMAnswerer(retriever.corpus, make_chat_model(settings), settings)
        return cls(settings, retriever, answerer)

    def ask(self, question: str, language: str = "auto", conversation_id: str | None = None) -> Answer:
        if language not in LANGUAGES:
            raise InvalidQuery(f"unsupported language {language!r}: use auto, pt or en")
        question = self.retriever.check_query(question)
        conversation = self.conversations.get(conversation_id)
        previous = conversation.turns[-1] if conversation and conversation.turns else None
        lang = language if language != "auto" else detect_language(question, previous.language if previous else "en")
        answer = self._answer(question, lang, previous)
        answer.conversation_id = self.conversations.append(
            conversation_id,
            Turn(
                question=question,
                search_query=answer.search_query or question,
                cited=[c.id for c in answer.citations],
                language=lang,
            ),
        )
        return answer

    @staticmethod
    def stream_text(answer: Answer) -> Iterator[str]:
        """The answer's text in small pieces, in order (word by word, spaces kept)."""
        yield from re.findall(r"\S+\s*|\s+", answer.answer)

    def _answer(self, question: str, lang: str, previous: Turn | None) -> Answer:
        notices: list[str] = []
        if policy.injection_sentences(question):
            rest = policy.strip_injection(question)
            if len(rest.split()) < 3:
                return self._abstain("injection", lang)
            question = rest
            notices.append(
                "Instructions inside the question were ignored."
                if lang == "en"
                else "As instruções contidas na pergunta foram ignoradas."
            )
        if policy.asks_other_jurisdiction(question):
            return self._abstain("out_of_scope", lang, search_query=question)
        if policy.asks_validity(question) and not self.retriever.search(question, k=1).references:
            return self._validity(lang, question)

        search_query = question
        if previous and is_follow_up(question):
            search_query = f"{previous.search_query} {question}"
        result = self.retriever.search(search_query, k=10, language=lang)
        if result.missing_references and not any(r.exists for r in result.references):
            return self._abstain("missing_reference", lang, result.missing_references[0].text, search_query)
        if not result.hits or result.hits[0].relevance < self.retriever.threshold:
            return self._abstain("weak_evidence", lang, search_query=search_query)

        unit_ids = extractive.select_units(self.corpus, result.hits, question)
        for kind in policy.expected_kinds(question):
            evidence = " ".join(
                self.corpus.unit(u).text + " " + (self.corpus.rendering(u, "en") or "") for u in unit_ids
            )
            if not policy.evidence_has(kind, evidence):
                return self._abstain("not_stated", lang, search_query=search_query)

        text, citations, extra = self.answerer.answer(question, lang, unit_ids, result)
        notices += extra + notices_for(self.corpus, [c.document for c in citations], lang)
        return Answer(
            answer=text,
            language=lang,
            abstained=False,
            citations=citations,
            notices=notices,
            answerer=self.answerer.name,
            search_query=search_query,
        )

    def _validity(self, lang: str, question: str) -> Answer:
        """'Is the decree still in force?': answered from the document's header, quoted verbatim."""
        document = self.corpus.documents["dl-252-2000"]
        note = str(document.meta["revocation_note"])
        translation = None
        if lang != document.language:
            lines = document.root.own_text.splitlines()
            rendered = self.corpus.renderings.get(lang, {}).get(document.id) or None
            rendered_lines = rendered.text.splitlines() if rendered else []
            if note in lines and len(rendered_lines) == len(lines):
                translation = rendered_lines[lines.index(note)]
        citation = Citation(
            id=document.id,
            document=document.id,
            label=extractive.label(document.id, lang),
            quote=note,
            translation=translation,
        )
        if lang == "pt":
            text = f"Não: o {document.meta['short_number']} já não está em vigor. O seu cabeçalho diz: «{note}»"
        else:
            text = f"No: Decree-Law 252/2000 is no longer in force. Its header says: “{translation or note}”"
        return Answer(
            answer=text,
            language=lang,
            abstained=False,
            citations=[citation],
            notices=notices_for(self.corpus, [document.id], lang),
            search_query=question,
        )

    def _abstain(self, reason: str, lang: str, detail: str | None = None, search_query: str | None = None) -> Answer:
        return Answer(
            answer=messages.abstention(reason, lang, detail),
            language=lang,
            abstained=True,
            citations=[],
            notices=[],
            reason=reason,
            search_query=search_query,
        )
