"""References written the ways people write them resolve to the unit; missing ones are reported."""

from __future__ import annotations

import pytest

from assistant.corpus import Corpus
from assistant.query.language import detect_language
from assistant.query.references import find_references

CASES = [
    ("artigo 13.º", "dl-252-2000/art-13"),
    ("art. 13, n.º 2, al. h)", "dl-252-2000/art-13/n-2/al-h"),
    ("alínea h) do n.º 2 do artigo 13.º", "dl-252-2000/art-13/n-2/al-h"),
    ("Article 13(2)(h)", "dl-252-2000/art-13/n-2/al-h"),
    ("article 13 (2) (h)", "dl-252-2000/art-13/n-2/al-h"),
    ("article 13 paragraph 2 point h", "dl-252-2000/art-13/n-2/al-h"),
    ("art 47", "dl-252-2000/art-47"),
    ("art.º 5", "dl-252-2000/art-5"),
    ("the 13th article", "dl-252-2000/art-13"),
    ("n.º 2 do artigo 14.º", "dl-252-2000/art-14/n-2"),
    ("O que diz o art. 12, al. b)?", "dl-252-2000/art-12/al-b"),
    ("preâmbulo §4", "dl-252-2000/preambulo/p-4"),
    ("Annex II", "dl-252-2000/anexo-ii"),
    ("What does Article 47.1.m. say?", "dl-252-2000/art-47/n-1/al-m"),
    ("o que diz o art. 13.2?", "dl-252-2000/art-13/n-2"),
    ("What does paragraph 2 of the preamble say?", "dl-252-2000/preambulo/p-2"),
    ("O que diz o §2 do preâmbulo?", "dl-252-2000/preambulo/p-2"),
    ("What does paragraph 3 of the AIMA explainer say?", "aima-explainer/p-3"),
    ("AIMA explainer, para. 4", "aima-explainer/p-4"),
    ("o parágrafo 2 da página sobre a AIMA", "aima-explainer/p-2"),
    ("para. 7 of SEF's international relations page", "sef-relacoes-internacionais/p-7"),
    ("O que diz o §2 da página do SEF?", "sef-relacoes-internacionais/p-2"),
    # Typed in haste by staff.
    ("Art. 47/1/m", "dl-252-2000/art-47/n-1/al-m"),
    ("artigo 47.º/1, m)", "dl-252-2000/art-47/n-1/al-m"),
    ("13.º/2/h", "dl-252-2000/art-13/n-2/al-h"),
    ("art 13 nº2 al h", "dl-252-2000/art-13/n-2/al-h"),
    ("artigo 13 n 2 alinea h", "dl-252-2000/art-13/n-2/al-h"),
    ("art. 47 n1 m", "dl-252-2000/art-47/n-1/al-m"),
    ("art. 2.º, 1), al. p)", "dl-252-2000/art-2/n-1/al-p"),
    ("art. 5/2000", "dl-252-2000/art-5"),  # a year, not a paragraph
    # An item without its paragraph, when only one paragraph of the article letters its items.
    ("artigo 47, alínea m", "dl-252-2000/art-47/n-1/al-m"),
    ("Article 13(h)", "dl-252-2000/art-13/n-2/al-h"),
]


@pytest.mark.parametrize(("text", "unit_id"), CASES)
def test_reference_resolves(corpus: Corpus, text: str, unit_id: str) -> None:
    refs = find_references(text, corpus)
    assert [(r.unit_id, r.exists) for r in refs] == [(unit_id, True)]


@pytest.mark.parametrize(
    ("text", "unit_ids"),
    [
        ("Article 13(2)(h) and (i)", ["art-13/n-2/al-h", "art-13/n-2/al-i"]),
        ("artigo 13.º, n.º 2, alíneas h) e i)", ["art-13/n-2/al-h", "art-13/n-2/al-i"]),
        ("What do Article 13.2.h and 13.2.i say?", ["art-13/n-2/al-h", "art-13/n-2/al-i"]),
        ("art. 47, n.º 1, al. m), n) e p)", ["art-47/n-1/al-m", "art-47/n-1/al-n", "art-47/n-1/al-p"]),
        ("Article 13(2)(h) and who decides?", ["art-13/n-2/al-h"]),
        # A plural names articles; the numbers after it are articles too, in the order written.
        ("O que dizem os artigos 9.º e 10.º?", ["art-9", "art-10"]),
        ("What do Articles 10 and 9 say?", ["art-10", "art-9"]),
        ("arts. 9, 10 e 11", ["art-9", "art-10", "art-11"]),
        ("Articles 13, 14(2)(a) and 15", ["art-13", "art-14/n-2/al-a", "art-15"]),
        ("Os artigos 2 e 3 aplicam-se a 2 pessoas?", ["art-2", "art-3"]),
        # A short range names each article in it; a long one its first only.
        ("artigos 3.º a 5.º", ["art-3", "art-4", "art-5"]),
        ("Articles 3 to 5 and 9", ["art-3", "art-4", "art-5", "art-9"]),
        ("artigos 3 a 50", ["art-3"]),
        # Two singular references keep the question's order whatever pattern found them.
        ("o n.º 2 do artigo 14.º e o artigo 9.º", ["art-14/n-2", "art-9"]),
    ],
)
def test_a_reference_continued_by_its_siblings_names_each(corpus: Corpus, text: str, unit_ids: list[str]) -> None:
    assert [r.unit_id for r in find_references(text, corpus)] == [f"dl-252-2000/{u}" for u in unit_ids]


@pytest.mark.parametrize(
    ("text", "unit_id"),
    [
        ("artigo 90.º", "dl-252-2000/art-90"),
        ("artigo 13.º n.º 7", "dl-252-2000/art-13/n-7"),
        ("Annex III", "dl-252-2000/anexo-iii"),
        ("paragraph 99 of the AIMA explainer", "aima-explainer/p-99"),
        ("§12 da página do SEF", "sef-relacoes-internacionais/p-12"),
    ],
)
def test_reference_to_a_missing_unit_is_reported_not_replaced(corpus: Corpus, text: str, unit_id: str) -> None:
    refs = find_references(text, corpus)
    assert [(r.unit_id, r.exists) for r in refs] == [(unit_id, False)]


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("What does Article 2 of Law 23/2007 say?", "23/2007"),
        ("o que diz o artigo 134.º da Lei n.º 23/2007?", "23/2007"),
        ("art. 5 do Decreto-Lei 244/98", "244/98"),
        # Named, not numbered.
        ("What does Article 5 of the Labour Code say?", "Labour Code"),
        ("O artigo 64.º da Lei de Estrangeiros", "Lei de Estrangeiros"),
        ("Article 4 of the Portuguese Constitution", "Portuguese Constitution"),
    ],
)
def test_another_laws_article_is_not_this_decrees(corpus: Corpus, text: str, law: str) -> None:
    (ref,) = find_references(text, corpus)
    assert ref.law == law and not ref.exists and not ref.unit_id.startswith("dl-252-2000/")


@pytest.mark.parametrize(
    "text",
    ["O que diz o artigo 2.º do Decreto-Lei n.º 252/2000?", "Article 2 of the organic law", "artigo 2.º da lei do SEF"],
)
def test_this_decree_named_by_number_is_this_decree(corpus: Corpus, text: str) -> None:
    refs = find_references(text, corpus)
    assert [(r.unit_id, r.exists, r.law) for r in refs] == [("dl-252-2000/art-2", True, None)]


@pytest.mark.parametrize(
    "text",
    [
        "arte e cultura",
        "I have 2 articles",
        "Who approved it in 2000?",
        "partido",
        "What does the AIMA explainer say about asylum?",
        "Para 2 pessoas, a AIMA tem página?",
        "Lei n.º 23/2007",
        "O prazo é de 2/3 do tempo",
    ],
)
def test_no_false_references(corpus: Corpus, text: str) -> None:
    assert find_references(text, corpus) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who can renew my residence permit?", "en"),
        ("Quem renova a autorização de residência?", "pt"),
        ("e no Algarve?", "pt"),
        ("and in the Algarve?", "en"),
        ("Está em vigor?", "pt"),
        ("director-geral", "pt"),
        ("Preamble, para. 4", "en"),
        ("AIMA explainer para. 4", "en"),
        # A clerk's abbreviations and one-word searches are Portuguese; numbering letters are no words.
        ("art. 47.º, n.º 1, al. m)", "pt"),
        ("coimas", "pt"),
        ("obrigado!", "pt"),
        ("Anexo I", "pt"),
        ("e a i)?", "pt"),
        ("What about Annex I?", "en"),
        ("I need a visa", "en"),
        # The frame, not a term quoted in it.
        ("what is a posto misto de fronteira?", "en"),
        ("quem concede o asilo, is it SEF?", "pt"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_short_ambiguous_question_keeps_the_default() -> None:
    assert detect_language("SEF?", default="pt") == "pt"
    assert detect_language("art 47", default="en") == "en"
    assert detect_language("DCIPAI", default="pt") == "pt"
