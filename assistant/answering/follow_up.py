"""A follow-up searched without an LLM to rewrite it: the last questions and citations supply what it leaves out."""

from __future__ import annotations

from assistant.answering.conversation import Turn, with_subject
from assistant.corpus import Corpus
from assistant.retrieval import Retriever, SearchResult


def search_follow_up(
    retriever: Retriever, question: str, history: list[Turn], language: str
) -> tuple[SearchResult, str]:
    """The search for a follow-up ("and who replaces him?", "e no Algarve?"), and the query it stands for:
    the last two questions supply the subject, the previous turn's citations the article."""
    corpus = retriever.corpus
    previous = history[-1]
    articles = tuple(corpus.unit(c).article or c for c in previous.cited if c in corpus)
    # The heading of the article last cited names the subject the question may not have:
    # "Quem aplica coimas?" (13(2)(g), "Director-geral") then "Quem o substitui?".
    heading = _heading(corpus, articles[0], language) if articles else ""
    context = " ".join([*(turn.question for turn in history[-2:]), heading]).strip()
    # "Quem o substitui?": the pronoun read as that subject ("Quem substitui o Director-geral?").
    result = retriever.search_in_context(
        with_subject(question, heading) or question,
        context,
        k=10,
        language=language,
        articles=articles,
        cited=tuple(previous.cited[:1]),  # the turn's best evidence (see Assistant._remember)
    )
    return result, f"{context} {question}"


def _heading(corpus: Corpus, unit_id: str, language: str) -> str:
    if unit_id not in corpus or not corpus.unit(unit_id).article:
        return ""
    return corpus.heading_in(unit_id, language)
