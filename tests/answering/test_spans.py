"""What part of a long paragraph an answer quotes: the sentence or lines that answer, a list whole."""

from __future__ import annotations

from assistant.answering import Assistant, extractive
from assistant.answering.spans import Span, best_span, same_shape
from assistant.corpus import Corpus
from assistant.corpus.text import contains_verbatim
from assistant.query.plan import build_plan

LONG = (
    "The agency was founded to coordinate migration policy and has grown since then in many ways. "
    "It now faces several challenges, including:\n"
    "1. Capacity: limited resources for the growing number of asylum cases.\n"
    "2. Adaptation: frequent policy changes in visa regulations.\n"
    "Despite these difficulties the agency keeps its commitment to a welcoming environment for everyone, "
    "which it renews every year with new programmes and partnerships across the whole country."
)


def test_a_sentence_opening_a_list_is_quoted_with_the_whole_list() -> None:
    span = best_span(LONG, "What challenges does the agency face?", "en")
    assert span == Span(0, 2, sentence=1)
    assert span.text(LONG) == (
        "It now faces several challenges, including:\n"
        "1. Capacity: limited resources for the growing number of asylum cases.\n"
        "2. Adaptation: frequent policy changes in visa regulations."
    )


def test_an_item_is_quoted_alone_and_a_prose_sentence_alone() -> None:
    item = best_span(LONG, "Does it have enough resources for asylum cases?", "en")
    assert item is not None and item.text(LONG) == (
        "1. Capacity: limited resources for the growing number of asylum cases."
    )
    prose = best_span(LONG, "When was the agency founded?", "en")
    assert prose is not None and prose.text(LONG) == (
        "The agency was founded to coordinate migration policy and has grown since then in many ways."
    )


def test_a_short_paragraph_is_quoted_whole_and_a_span_of_another_shape_is_none() -> None:
    assert best_span("A short paragraph: nothing to cut.", "anything", "en") is None
    assert Span(0, 3).text("one line\nonly two") is None
    assert Span(0, 0, sentence=5).text("One sentence. Two sentences.") is None


def test_answers_from_listing_paragraphs_quote_and_render_the_list(assistant: Assistant, corpus: Corpus) -> None:
    challenges = assistant.ask("What challenges does AIMA face?", language="en")
    quote = challenges.citations[0].quote
    assert challenges.citations[0].id == "aima-explainer/p-4"
    assert "including:" in quote and "3. Equitable Integration" in quote
    assert contains_verbatim(corpus.unit("aima-explainer/p-4").text, quote)
    assert "Capacity and Resources" in challenges.answer  # the lead says what the list says

    # A Portuguese source rendered in English: the rendering covers the same lines as the quote.
    asked = build_plan("What are SEF's attributions at international level?", "en", [], corpus)
    cited = extractive.make_citation(corpus, "sef-relacoes-internacionais/p-1", asked)
    assert cited.quote.startswith("São atribuições do SEF no plano internacional:")
    assert cited.translation is not None and cited.translation.startswith("The attributions of SEF")
    assert cited.quote.count("\n") == cited.translation.count("\n") == 2


def test_a_one_letter_abbreviation_ends_no_sentence_and_shapes_must_match() -> None:
    # "África-U.E. Migração" in SEF's page: breaking after "E." gave the source one sentence more
    # than its rendering, and the rendered span no longer matched the quote.
    assert same_shape("O Diálogo África-U.E. Migração e Mobilidade. Outro.", "The Africa-EU Dialogue. Another.")
    assert not same_shape("One. Two.\nThree.", "One and two.\nThree.")
