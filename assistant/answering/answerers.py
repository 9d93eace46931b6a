"""Answerers: what turns the selected units into an answer's text and citations.

The extractive answerer (the default) quotes the units; the LLM answerer (``llm.py``) writes with a
chat model and falls back to the extractive one.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import Protocol

from assistant.answering import extractive
from assistant.answering.models import Citation
from assistant.corpus import Corpus
from assistant.query.plan import QueryPlan
from assistant.retrieval import SearchResult

# An answer's text, citations and notices; an answerer's stream yields the text in pieces, then returns them.
Reply = tuple[str, list[Citation], list[str]]
AnswerStream = Generator[str, None, Reply]


class Answerer(Protocol):
    """Turns selected evidence into an answer; the LLM answerer falls back to the extractive one."""

    name: str

    def answer(
        self, plan: QueryPlan, unit_ids: list[str], result: SearchResult
    ) -> tuple[str, list[Citation], list[str]]:
        """The answer's text, citations and notices, in ``plan.answer_language``."""
        ...

    def stream(self, plan: QueryPlan, unit_ids: list[str], result: SearchResult) -> AnswerStream: ...


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def answer(
        self, plan: QueryPlan, unit_ids: list[str], result: SearchResult
    ) -> tuple[str, list[Citation], list[str]]:
        text, citations = extractive.compose(self.corpus, unit_ids, plan)
        return text, citations, []

    def stream(self, plan: QueryPlan, unit_ids: list[str], result: SearchResult) -> AnswerStream:
        text, citations, notices = self.answer(plan, unit_ids, result)
        yield from words(text)
        return text, citations, notices


def words(text: str) -> list[str]:
    """Word-sized pieces that join back into exactly ``text`` (spaces and line breaks kept)."""
    return re.findall(r"\S+\s*|\s+", text)
