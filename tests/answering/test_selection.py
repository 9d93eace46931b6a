"""Which units an answer cites (``select_units``), on hand-made rankings over the real corpus."""

from __future__ import annotations

import pytest

from assistant.answering.selection import in_the_law_s_order, select_units
from assistant.corpus import Corpus
from assistant.retrieval import Hit


def _hit(corpus: Corpus, unit_id: str, score: float, reference: bool = False) -> Hit:
    unit = corpus.unit(unit_id)
    return Hit(
        unit_id=unit_id, document=unit.document, article=unit.article, score=score, relevance=0.9, reference=reference
    )


def test_a_preamble_paragraph_does_not_trail_an_article_that_answers(corpus: Corpus) -> None:
    question = "Who links SEF with its liaison officers?"
    led_by_article = [
        _hit(corpus, "dl-252-2000/art-18/al-d", 1.0),
        _hit(corpus, "dl-252-2000/preambulo/p-42", 0.99),
        _hit(corpus, "dl-252-2000/art-2/n-2/al-c", 0.95),
    ]
    assert select_units(corpus, led_by_article, question) == ["dl-252-2000/art-18/al-d", "dl-252-2000/art-2/n-2/al-c"]
    # Led by the preamble, a close article answers alone: it is the provision that gives the power.
    led_by_preamble = [_hit(corpus, "dl-252-2000/preambulo/p-42", 1.0), _hit(corpus, "dl-252-2000/art-18/al-d", 0.99)]
    assert select_units(corpus, led_by_preamble, question) == ["dl-252-2000/art-18/al-d"]


@pytest.mark.parametrize(
    "question",
    [
        "Why did SEF get liaison officers?",
        "Porque é que o SEF passou a ter oficiais de ligação?",
        "What does the preamble say about liaison officers?",
    ],
)
def test_the_preamble_leads_when_asked_why_or_named(corpus: Corpus, question: str) -> None:
    """The preamble gives the law's reasons: asked why, or asked for by name, it keeps the lead."""
    hits = [
        _hit(corpus, "dl-252-2000/preambulo/p-42", 1.0),
        _hit(corpus, "dl-252-2000/art-18/al-d", 0.99),
        _hit(corpus, "dl-252-2000/preambulo", 0.5, reference="preamble" in question),
    ]
    assert select_units(corpus, hits, question)[:2] == ["dl-252-2000/preambulo/p-42", "dl-252-2000/art-18/al-d"]


def test_an_article_near_a_preamble_paragraph_at_the_top_leads(corpus: Corpus) -> None:
    # The preamble lists what SEF did in 2000; who executes expulsions is Article 47(1)(h).
    hits = [
        _hit(corpus, "dl-252-2000/preambulo/p-24", 1.0),
        _hit(corpus, "dl-252-2000/art-47/n-1/al-h", 0.85),
        _hit(corpus, "dl-252-2000/art-2/n-1/al-m", 0.7),
    ]
    assert select_units(corpus, hits, "Quem executa as expulsões?") == ["dl-252-2000/art-47/n-1/al-h"]
    # Too far below, the article does not take the lead.
    far = [hits[0], _hit(corpus, "dl-252-2000/art-47/n-1/al-h", 0.6)]
    assert select_units(corpus, far, "Quem executa as expulsões?") == ["dl-252-2000/preambulo/p-24"]


def test_a_paragraph_asked_for_by_number_stays_beside_the_article(corpus: Corpus) -> None:
    hits = [
        _hit(corpus, "dl-252-2000/art-55", 11.8),
        _hit(corpus, "dl-252-2000/preambulo/p-20", 10.94, reference=True),
    ]
    question = "What do Article 55 and preamble paragraph 20 say?"
    assert select_units(corpus, hits, question) == ["dl-252-2000/art-55", "dl-252-2000/preambulo/p-20"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does the preamble say about family reunification?", "dl-252-2000/preambulo/p-17"),
        ("O que diz o preâmbulo sobre o reagrupamento familiar?", "dl-252-2000/preambulo/p-17"),
    ],
)
def test_a_container_alone_cites_the_paragraph_sharing_the_question_words(
    corpus: Corpus, question: str, expected: str
) -> None:
    """No paragraph among the hits: the one whose source or rendering shares most words, in either language."""
    assert select_units(corpus, [_hit(corpus, "dl-252-2000/preambulo", 1.0)], question) == [expected]


def test_a_container_runner_up_is_pinpointed_too(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/art-2/n-2/al-b", 1.0), _hit(corpus, "sef-relacoes-internacionais", 0.96)]
    chosen = select_units(corpus, hits, "Who represents Portugal in the development of the Schengen acquis?")
    assert chosen == ["dl-252-2000/art-2/n-2/al-b", "sef-relacoes-internacionais/p-1"]


def test_a_list_question_about_the_preamble_does_not_cite_all_of_it(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/preambulo/p-36", 1.0), _hit(corpus, "dl-252-2000/preambulo/p-37", 0.97)]
    chosen = select_units(corpus, hits, "Quais são os compromissos internacionais enunciados no preâmbulo?")
    assert "dl-252-2000/preambulo" not in chosen and chosen[0] == "dl-252-2000/preambulo/p-36"


def test_an_article_s_paragraph_that_stands_out_leads_instead(corpus: Corpus) -> None:
    question = "Which directorate runs SEF's personnel, money and security matters?"
    hits = [
        _hit(corpus, "dl-252-2000/art-33", 1.8),
        _hit(corpus, "dl-252-2000/art-33/n-1", 1.2),
        _hit(corpus, "dl-252-2000/art-57/n-1/al-d", 0.8),
    ]
    assert select_units(corpus, hits, question) == ["dl-252-2000/art-33/n-1"]
    # Two of its paragraphs near each other: the article is cited whole.
    both = [*hits[:2], _hit(corpus, "dl-252-2000/art-33/n-2", 1.15)]
    assert select_units(corpus, both, question) == ["dl-252-2000/art-33"]
    # An item standing out brings its paragraph, not itself alone.
    items = [
        _hit(corpus, "dl-252-2000/art-3", 1.7),
        _hit(corpus, "dl-252-2000/art-3/n-1/al-a", 1.65),
        _hit(corpus, "dl-252-2000/art-3/n-1/al-b", 1.54),
    ]
    assert select_units(corpus, items, "Which SEF officials are criminal police authorities?") == [
        "dl-252-2000/art-3/n-1"
    ]
    # Named, the article is what was asked for.
    named = [_hit(corpus, "dl-252-2000/art-33", 11.8, reference=True), *hits[1:]]
    assert select_units(corpus, named, "What does Article 33 say?")[0] == "dl-252-2000/art-33"


def test_the_list_of_people_banned_is_a_register_not_a_request_for_a_list(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/art-13/n-2/al-i", 1.8), _hit(corpus, "dl-252-2000/art-27/al-e", 1.4)]
    question = "Who decides to put a person on, or take them off, the list of people banned from entry?"
    assert select_units(corpus, hits, question) == ["dl-252-2000/art-13/n-2/al-i"]
    assert select_units(corpus, hits, "List the powers of the director-general.") == ["dl-252-2000/art-13/n-2"]


@pytest.mark.parametrize("formality", ["dl-252-2000", "dl-252-2000/fecho"])
def test_a_why_question_is_answered_by_the_preamble_not_the_header_or_closing(corpus: Corpus, formality: str) -> None:
    hits = [
        _hit(corpus, formality, 1.8),
        _hit(corpus, "dl-252-2000/preambulo/p-43", 1.4),
        _hit(corpus, "dl-252-2000/art-76", 1.3),
    ]
    question = "Why did the government need a new organic law for SEF in 2000?"
    assert select_units(corpus, hits, question) == ["dl-252-2000/preambulo/p-43"]
    # Asked what, not why, the header still answers.
    assert select_units(corpus, hits, "What is the number of the decree?")[0] == formality


def test_an_item_only_naming_the_body_the_answer_names_is_not_cited_beside_it(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/art-30/n-2", 1.6), _hit(corpus, "dl-252-2000/art-22/al-c", 1.55)]
    # 22(c) is "Direcção Central de Fronteiras (DCF);", which 30(2) names too.
    assert select_units(corpus, hits, "What is the Central Borders Directorate made up of?") == [
        "dl-252-2000/art-30/n-2"
    ]
    # Beside a unit about another body, the name is news.
    other = [_hit(corpus, "dl-252-2000/art-26/n-1", 1.6), _hit(corpus, "dl-252-2000/art-22/al-c", 1.55)]
    assert select_units(corpus, other, "Which central directorates deal with documents and borders?")[1:] == [
        "dl-252-2000/art-22/al-c"
    ]


def test_asked_which_department_sef_s_own_attributions_are_no_runner_up(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/art-42/al-a", 1.8), _hit(corpus, "dl-252-2000/art-2/n-1/al-p", 1.72)]
    question = "Que departamento do SEF analisa os pedidos de nacionalidade por naturalização?"
    assert select_units(corpus, hits, question) == ["dl-252-2000/art-42/al-a"]
    # Asked who, SEF as a whole is an answer too.
    assert select_units(corpus, hits, "Quem analisa os pedidos de naturalização?") == [
        "dl-252-2000/art-42/al-a",
        "dl-252-2000/art-2/n-1/al-p",
    ]


def test_items_scoring_alike_matched_their_lead_in_so_the_list_answers(corpus: Corpus) -> None:
    question = "Quem é que no SEF tem o estatuto de autoridade de polícia criminal?"
    hits = [
        _hit(corpus, "dl-252-2000/art-3/n-1/al-d", 1.8),
        _hit(corpus, "dl-252-2000/art-3/n-3", 1.62),
        _hit(corpus, "dl-252-2000/art-3/n-1/al-b", 1.6),
        _hit(corpus, "dl-252-2000/art-3/n-1/al-e", 1.56),
    ]
    assert select_units(corpus, hits, question) == ["dl-252-2000/art-3/n-1"]
    # One sibling near is no crowd: the item that stands out answers.
    apart = [*hits[:3], _hit(corpus, "dl-252-2000/art-3/n-1/al-e", 1.2)]
    assert select_units(corpus, apart, question)[0] == "dl-252-2000/art-3/n-1/al-d"


def test_asked_who_is_on_a_body_its_list_of_members_answers_alone(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/art-20/n-2", 1.65), _hit(corpus, "dl-252-2000/art-13/n-2/al-b", 1.6)]
    assert select_units(corpus, hits, "Who are the members of SEF's administrative board?") == [
        "dl-252-2000/art-20/n-2"
    ]
    # Asked something else, the chair's power is a runner-up like any other.
    assert len(select_units(corpus, hits, "Who chairs SEF's administrative board?")) == 2


def test_units_cited_together_read_in_the_law_s_order_unless_named(corpus: Corpus) -> None:
    cited = ["dl-252-2000/art-43/al-f", "dl-252-2000/art-17/n-1/al-b", "dl-252-2000/preambulo/p-26"]
    hits = [_hit(corpus, unit_id, 1.8 - 0.01 * rank) for rank, unit_id in enumerate(cited)]
    assert in_the_law_s_order(corpus, cited, hits) == [
        "dl-252-2000/preambulo/p-26",
        "dl-252-2000/art-17/n-1/al-b",
        "dl-252-2000/art-43/al-f",
    ]
    # "Compare Article 43 and Article 17": in the order the question names them.
    named = [_hit(corpus, unit_id, 11.8 - 0.01 * rank, reference=True) for rank, unit_id in enumerate(cited)]
    assert in_the_law_s_order(corpus, cited, named) == cited


def test_asked_what_makes_up_a_body_its_list_answers_even_ranked_second(corpus: Corpus) -> None:
    hits = [_hit(corpus, "dl-252-2000/art-13/n-1", 1.3), _hit(corpus, "dl-252-2000/art-12", 1.2)]
    question = "Which offices make up the SEF director-general's headquarters?"
    assert select_units(corpus, hits, question) == ["dl-252-2000/art-12"]
    # Asked who heads it, both stay.
    assert len(select_units(corpus, hits, "Who heads SEF's headquarters?")) == 2
