"""A follow-up searched with what the conversation supplies (the plan's ``FollowUp``), on the real index."""

from __future__ import annotations

from assistant.corpus import Corpus
from assistant.query.followups import Turn
from assistant.query.plan import build_plan
from assistant.retrieval import Retriever, SearchResult


def follow_up_search(
    retriever: Retriever, corpus: Corpus, question: str, history: list[Turn]
) -> tuple[SearchResult, str]:
    follow_up = build_plan(question, "auto", history, corpus).follow_up
    assert follow_up is not None
    result = retriever.search_in_context(
        follow_up.own, follow_up.context, k=10, articles=follow_up.articles, cited=follow_up.cited
    )
    return result, follow_up.remembered


def test_the_subject_comes_from_the_heading_of_the_article_last_cited(retriever: Retriever, corpus: Corpus) -> None:
    history = [Turn("Quem aplica coimas?", "Quem aplica coimas?", ["dl-252-2000/art-13/n-2/al-g"], "pt")]
    result, query = follow_up_search(retriever, corpus, "Quem o substitui?", history)
    # 13(2)(g) names no one; its article's heading, "Director-geral", is who is replaced.
    assert "Director-geral" in query and query.endswith("Quem o substitui?")
    assert "dl-252-2000/art-14/n-2" in [h.unit_id for h in result.hits[:3]]


def test_the_best_evidence_of_the_last_turn_anchors_the_list(retriever: Retriever, corpus: Corpus) -> None:
    cited = ["dl-252-2000/art-42/al-a", "dl-252-2000/art-2/n-1/al-p"]  # best evidence first
    history = [Turn("Quem trata da naturalização?", "Quem trata da naturalização?", cited, "pt")]
    result, _ = follow_up_search(retriever, corpus, "E dos estatutos de igualdade?", history)
    assert result.hits[0].unit_id == "dl-252-2000/art-42/al-b"
