"""Relative references in follow-ups resolve against the unit cited last, or not at all."""

from __future__ import annotations

import pytest

from assistant.corpus import Corpus
from assistant.query.relative import resolve_relative


@pytest.mark.parametrize(
    ("question", "cited", "language", "expected"),
    [
        ("and (i)?", "dl-252-2000/art-13/n-2/al-h", "en", "and Article 13(2)(i)?"),
        ("and item (j)?", "dl-252-2000/art-13/n-2/al-h", "en", "and Article 13(2)(j)?"),
        ("e as alíneas i) e j)?", "dl-252-2000/art-13/n-2/al-h", "pt", "e as Artigo 13.º, n.º 2, alínea i) e j)?"),
        ("e a alínea i)?", "dl-252-2000/art-13/n-2/al-h", "pt", "e a Artigo 13.º, n.º 2, alínea i)?"),
        # A paragraph whose items were cited as a whole: the letter is one of its items.
        ("and (b)?", "dl-252-2000/art-45/n-2", "en", "and Article 45(2)(b)?"),
        ("and paragraph 3?", "dl-252-2000/art-13/n-2/al-h", "en", "and Article 13(3)?"),
        ("e o n.º 2, alínea a)?", "dl-252-2000/art-13/n-1", "pt", "e o Artigo 13.º, n.º 2, alínea a)?"),
        # The item before its paragraph.
        ("e a alínea a) do n.º 2?", "dl-252-2000/art-13/n-1", "pt", "e a Artigo 13.º, n.º 2, alínea a)?"),
        ("and item (b) of paragraph 2?", "dl-252-2000/art-13/n-2/al-h", "en", "and Article 13(2)(b)?"),
        # Written out even when missing, so that the reference search refuses it by name.
        ("e a z)?", "dl-252-2000/art-13/n-2/al-h", "pt", "e a Artigo 13.º, n.º 2, alínea z)?"),
        ("and (b)?", "dl-252-2000/art-13/n-3", "en", "and Article 13(3)(b)?"),  # 13(3) has no items
        # A page's paragraph: the next one is the same page's.
        ("e o §3?", "sef-relacoes-internacionais/p-1", "pt", "e o §3 da página do SEF?"),
        ("and paragraph 3?", "aima-explainer/p-2", "en", "and paragraph 3 of the AIMA explainer?"),
    ],
)
def test_a_relative_reference_is_written_out(
    corpus: Corpus, question: str, cited: str, language: str, expected: str
) -> None:
    assert resolve_relative(question, [cited], corpus, language) == expected


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("and who replaces him?", "dl-252-2000/art-13/n-1"),  # no reference at all
        ("and Article 14(2)?", "dl-252-2000/art-13/n-1"),  # a full reference needs no anchor
        ("and (b)?", "dl-252-2000/art-13"),  # an article with two lists: which one is unknown
        ("and (b)?", "aima-explainer/p-2"),  # a page has no lettered items
        ("e para 3 anos?", "dl-252-2000/art-68/n-2"),  # "para" without its dot is "for"
        # Words that only look like references: a pronoun, a noun, "no" (on) before a date.
        ("Is there an item I must bring?", "dl-252-2000/art-13/n-2/al-h"),
        ("What is the point a visa serves?", "dl-252-2000/art-13/n-2/al-h"),
        ("Posso entregar o pedido no 2.º dia útil?", "dl-252-2000/art-47/n-1/al-m"),
        ("E se chegar no 5 de janeiro?", "dl-252-2000/art-47/n-1/al-m"),
        ("E a Lei n.º 23/2007?", "dl-252-2000/art-76/n-1"),  # a law's number, not a paragraph
        ("E quem é o número 2 do SEF?", "dl-252-2000/art-47/n-1/al-m"),
        ("Can they be delegated to a) the subdirector or b) the deputy?", "dl-252-2000/art-47/n-1/al-m"),
        ("and (b)?", ""),  # nothing cited before
    ],
)
def test_nothing_to_resolve(corpus: Corpus, question: str, cited: str) -> None:
    assert resolve_relative(question, [cited] if cited else [], corpus, "en") is None
