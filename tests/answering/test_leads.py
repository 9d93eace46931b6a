"""Which hit leads (``leads.reorder``), on hand-made rankings over the real corpus."""

from __future__ import annotations

from assistant.answering.leads import reorder
from assistant.corpus import Corpus
from assistant.retrieval import Hit


def _hit(corpus: Corpus, unit_id: str, score: float) -> Hit:
    unit = corpus.unit(unit_id)
    return Hit(unit_id=unit_id, document=unit.document, article=unit.article, score=score, relevance=0.9)


def test_the_item_saying_more_of_the_question_in_its_own_words_leads(corpus: Corpus) -> None:
    question = "Can SEF keep passengers on board a ship that comes from a port with a disease outbreak?"
    # 2(1)(a): undocumented passengers; 2(1)(b): passengers coming from ports with a health risk.
    hits = [_hit(corpus, "dl-252-2000/art-2/n-1/al-a", 1.8), _hit(corpus, "dl-252-2000/art-2/n-1/al-b", 1.63)]
    led = reorder(corpus, hits, question)
    assert [(h.unit_id, h.score) for h in led] == [
        ("dl-252-2000/art-2/n-1/al-b", 1.8),
        ("dl-252-2000/art-2/n-1/al-a", 1.63),  # traded places and scores: no closer a runner-up
    ]
    # Far below the best, or no more of the question in its words, the sibling stays where it was.
    assert reorder(corpus, [hits[0], _hit(corpus, "dl-252-2000/art-2/n-1/al-b", 1.2)], question)[0] == hits[0]
    plain = "Can SEF stop passengers from getting off?"
    assert reorder(corpus, hits, plain)[0].unit_id == "dl-252-2000/art-2/n-1/al-a"


def test_a_ranking_without_hits_stays_empty(corpus: Corpus) -> None:
    assert reorder(corpus, [], "anything") == []
