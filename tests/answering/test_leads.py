"""Which hit leads (``leads.reorder``), on hand-made rankings over the real corpus."""

from __future__ import annotations

from assistant.answering.leads import reorder
from assistant.answering.selection import select_units
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


def test_the_provision_a_preamble_paragraph_restates_leads_however_far_below(corpus: Corpus) -> None:
    question = "Who decides whether my asylum request will even be looked at?"
    # p-26, in the preamble's list of what SEF did in 2000, is the first half of 2(1)(o) word for word.
    twin = _hit(corpus, "dl-252-2000/art-2/n-1/al-o", 1.13)
    hits = [_hit(corpus, "dl-252-2000/preambulo/p-26", 1.8), _hit(corpus, "dl-252-2000/art-17/n-1/al-c", 1.2), twin]
    led = reorder(corpus, hits, question)
    assert (led[0].unit_id, led[0].score) == (twin.unit_id, 1.8)  # at the lead's score: no runner-up above it
    assert select_units(corpus, hits, question) == [twin.unit_id]
    # An article unit below PREAMBLE_YIELDS that does not restate the paragraph leaves it leading.
    assert reorder(corpus, hits[:2], question)[0] == hits[0]
    # Asked why, the preamble keeps the lead.
    assert reorder(corpus, hits, "Why did SEF decide on asylum requests?")[0] == hits[0]


def test_the_paragraph_saying_more_of_the_question_leads_and_the_others_are_not_cited(corpus: Corpus) -> None:
    # Article 66: (1) central directors, (4) regional directors; ranked in that order by shared wording.
    article, first, fourth = (
        _hit(corpus, "dl-252-2000/art-66", 1.6),
        _hit(corpus, "dl-252-2000/art-66/n-1", 1.06),
        _hit(corpus, "dl-252-2000/art-66/n-4", 1.03),
    )
    for question in ("Who is eligible to become an SEF regional director?", "Quem pode concorrer a diretor regional?"):
        led = reorder(corpus, [article, first, fourth], question)
        assert [(h.unit_id, h.score) for h in led] == [("dl-252-2000/art-66/n-4", 1.6), ("dl-252-2000/art-66", 1.6)]
    # Saying no more of it than its rival, neither paragraph stands out: the article stays whole.
    led = reorder(corpus, [article, first, fourth], "Who is recruited by competition?")
    assert led[0] == article
    # One paragraph alone close to the article, with a rival close to it (but not to the article), and
    # saying no more of the question: the article stays whole, as before the rule.
    rival = _hit(corpus, "dl-252-2000/art-66/n-4", 0.93)
    assert (
        reorder(
            corpus, [article, _hit(corpus, "dl-252-2000/art-66/n-1", 1.04), rival], "Quem nomeia os diretores centrais?"
        )[0]
        == article
    )


def test_a_ranking_without_hits_stays_empty(corpus: Corpus) -> None:
    assert reorder(corpus, [], "anything") == []
