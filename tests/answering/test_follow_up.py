"""A follow-up searched with what the conversation supplies (``search_follow_up``), on the real index."""

from __future__ import annotations

from assistant.answering.conversation import Turn
from assistant.answering.follow_up import search_follow_up
from assistant.retrieval import Retriever


def test_the_subject_comes_from_the_heading_of_the_article_last_cited(retriever: Retriever) -> None:
    history = [Turn("Quem aplica coimas?", "Quem aplica coimas?", ["dl-252-2000/art-13/n-2/al-g"], "pt")]
    result, query = search_follow_up(retriever, "Quem o substitui?", history, "pt")
    # 13(2)(g) names no one; its article's heading, "Director-geral", is who is replaced.
    assert "Director-geral" in query and query.endswith("Quem o substitui?")
    assert "dl-252-2000/art-14/n-2" in [h.unit_id for h in result.hits[:3]]


def test_the_best_evidence_of_the_last_turn_anchors_the_list(retriever: Retriever) -> None:
    cited = ["dl-252-2000/art-42/al-a", "dl-252-2000/art-2/n-1/al-p"]  # best evidence first
    history = [Turn("Quem trata da naturalização?", "Quem trata da naturalização?", cited, "pt")]
    result, _ = search_follow_up(retriever, "E dos estatutos de igualdade?", history, "pt")
    assert result.hits[0].unit_id == "dl-252-2000/art-42/al-b"
