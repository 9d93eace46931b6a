"""HTML of bubbles, cards and the browse view: escaped, highlighted, bilingual."""

from __future__ import annotations

from assistant.answering import Answer, Citation
from assistant.corpus import Corpus
from assistant.ui import browse
from assistant.ui.bubbles import answer_html, streaming_html
from assistant.ui.plain import plain_text
from assistant.ui.render import citation_card, esc, highlight, root_child

AL_M = "dl-252-2000/art-47/n-1/al-m"


def test_esc_neutralises_markup_and_template_syntax() -> None:
    assert esc("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert esc("${alert(1)} {{x}}") == "&#36;&#123;alert(1)&#125; &#123;&#123;x&#125;&#125;"
    assert esc("a'b\"c") == "a&#x27;b&quot;c"


def test_highlight_marks_the_quote_and_escapes_the_rest() -> None:
    assert highlight("m) Conceder <b>;", "Conceder <b>;") == "m) <mark>Conceder &lt;b&gt;;</mark>"
    # the quote may join lines with spaces, or leave a part out with an ellipsis
    assert highlight("1 - Um\ndois três", "Um dois") == "1 - <mark>Um\ndois</mark> três"
    assert highlight("alpha beta gamma delta", "alpha … delta") == "<mark>alpha</mark> beta gamma <mark>delta</mark>"
    assert highlight("nothing here", "absent") == "nothing here"


def test_card_shows_whole_unit_lead_in_rendering_and_link(corpus: Corpus) -> None:
    citation = Citation(
        AL_M, "dl-252-2000", "Article 47(1)(m)", corpus.unit(AL_M).own_text, "Granting and renewing residence permits;"
    )
    card = citation_card(corpus, citation, "en")
    assert "m) <mark>Conceder e renovar autorizações de residência;</mark>" in card
    assert "1 - Ao director regional compete:" in card and "The regional director shall be responsible for" in card
    # The rendering's own sentence is marked too.
    assert "Unofficial English rendering" in card and "m) <mark>Granting and renewing residence permits;</mark>" in card
    assert "?unit=dl-252-2000%2Fart-47%2Fn-1%2Fal-m&amp;lang=en" in card


def test_a_portuguese_answer_s_card_has_portuguese_captions_and_no_english_column(corpus: Corpus) -> None:
    citation = Citation(AL_M, "dl-252-2000", "Artigo 47.º, n.º 1, alínea m)", corpus.unit(AL_M).own_text, None)
    card = citation_card(corpus, citation, "pt")  # whatever the interface language: the answer's
    assert "Texto original (português, autêntico)" in card and "Abrir no decreto" in card
    assert "rendering" not in card.lower() and "Granting" not in card and "cols-1" in card


def test_card_of_the_english_page_offers_the_portuguese_rendering(corpus: Corpus) -> None:
    unit = corpus.unit("aima-explainer/p-1")
    citation = Citation(unit.id, "aima-explainer", "§1", unit.own_text[:40], None)
    card = citation_card(corpus, citation, "pt")
    assert "Texto original (inglês)" in card and "Tradução portuguesa não oficial" in card
    assert "<mark>" in card and "?unit=" not in card  # only the decree opens in the browse tab
    assert "Unofficial" not in citation_card(corpus, citation, "en")  # English answer, English source: one column


def test_whole_document_citation_shows_the_header_only(corpus: Corpus) -> None:
    note = str(corpus.documents["dl-252-2000"].meta["revocation_note"])
    card = citation_card(corpus, Citation("dl-252-2000", "dl-252-2000", "Decree-Law 252/2000", note, None), "en")
    assert f"<mark>{esc(note)}</mark>" in card and len(card) < 3000


def test_answer_bubble_streams_text_then_adds_cards_one_notice_and_its_plain_text(corpus: Corpus) -> None:
    citation = Citation(AL_M, "dl-252-2000", "Article 47(1)(m)", corpus.unit(AL_M).own_text, None)
    answer = Answer("The <regional> director.", "en", False, [citation], ["Revoked <2021>.", "Unofficial."])
    assert streaming_html("The <reg") == "<div class='bot-answer streaming'><div class='answer'>The &lt;reg</div></div>"
    whole = answer_html(corpus, answer, ["And (n)?"])
    assert "The &lt;regional&gt; director." in whole and "details class='cite" in whole
    assert whole.count("class='notice'") == 1 and "⚠ Revoked &lt;2021&gt;. Unofficial." in whole
    assert "<button type='button' class='follow'>And (n)?</button>" in whole
    assert "<pre class='plain' hidden>" in whole and "class='copy-answer'" in whole


def test_plain_text_has_the_answer_citations_renderings_and_notices_and_no_markup(corpus: Corpus) -> None:
    citation = Citation(AL_M, "dl-252-2000", "Article 47(1)(m)", "Conceder <e> renovar;", "Granting and renewing;")
    text = plain_text(Answer("The regional director.", "en", False, [citation], ["Revoked."]))
    assert text == (
        "The regional director.\n\nSources:\nArticle 47(1)(m), Decree-Law 252/2000 (dl-252-2000/art-47/n-1/al-m)\n"
        "“Conceder <e> renovar;”\nUnofficial English rendering: “Granting and renewing;”\n\n⚠ Revoked."
    )
    refusal = Answer("Não sei.", "pt", True, related=[citation], pointer=citation)
    assert "Onde se dirigir:" in plain_text(refusal) and "Relacionado, não é uma resposta:" in plain_text(refusal)


def test_root_child_finds_the_article_to_open(corpus: Corpus) -> None:
    assert root_child(corpus, AL_M) == "dl-252-2000/art-47"
    assert root_child(corpus, "dl-252-2000/preambulo/p-4") == "dl-252-2000/preambulo"
    assert root_child(corpus, "dl-252-2000") is None
    assert root_child(corpus, "aima-explainer/p-1") is None
    assert root_child(corpus, "dl-252-2000/art-999") is None


def test_table_of_contents_lists_divisions_and_articles(corpus: Corpus) -> None:
    rows = browse.toc_rows(corpus, "pt")
    assert ["CAPÍTULO II", "Órgãos, serviços e suas competências", ""] in rows
    assert ["Artigo 47.º", "Competência do director regional", "art-47"] in rows
    assert ["Article 47", "Powers of the regional director", "art-47"] in browse.toc_rows(corpus, "en")
    choices = dict((value, text) for text, value in browse.toc_choices(corpus, "en"))
    assert choices["dl-252-2000/art-15"] == "Article 15 — Legal Office"
    # Units without a heading open with their words, rendered in the English interface.
    assert choices["dl-252-2000/preambulo"].startswith("Preamble — Decree-Law 440/86")
    assert all(value in corpus for value in choices)


def test_article_view_puts_portuguese_and_english_side_by_side(corpus: Corpus) -> None:
    html = browse.article_html(corpus, "dl-252-2000/art-47", "en", selected=AL_M)
    assert "Artigo 47.º — Competência do director regional" in html and "Powers of the regional director" in html
    assert "SUBSECTION I — Regional directorates" in html
    selected = html[html.index("class='depth-1 selected'") :]
    assert selected.index("Conceder e renovar") < selected.index("Granting and renewing residence permits")
    assert html.count(" selected'") == 1
    assert "Pick an article" in browse.article_html(corpus, None, "en")
