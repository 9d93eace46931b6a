"""A polite question is searched like the bare one: courtesy is not what is asked."""

from __future__ import annotations

import pytest

from assistant.query.courtesy import only_courtesy, strip_courtesy
from assistant.retrieval import Retriever


@pytest.mark.parametrize(
    ("polite", "bare"),
    [
        ("Can you tell me who grants visas?", "Who grants visas?"),
        ("Hello, who grants visas?", "Who grants visas?"),
        ("Please tell me who grants visas.", "Who grants visas."),
        ("Who grants visas, please?", "Who grants visas?"),
        ("Olá, quem concede vistos?", "Quem concede vistos?"),
        ("Bom dia! Pode dizer-me quem concede vistos, por favor?", "Quem concede vistos?"),
        ("Gostaria de saber quem concede vistos.", "Quem concede vistos."),
        ("Hello, who grants visas? Thanks!", "Who grants visas?"),
        ("Quem concede vistos? Muito obrigado.", "Quem concede vistos?"),
        ("Dear Sir or Madam, who grants visas?", "Who grants visas?"),
        # The frame every question has: "decree" and "say" are in no unit that answers.
        ("What does the decree say about uniforms?", "Uniforms?"),
        ("O que diz o decreto sobre o uso de armas?", "O uso de armas?"),
    ],
)
def test_courtesy_is_stripped(polite: str, bare: str) -> None:
    assert strip_courtesy(polite) == bare


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("Hello", "Hello"),  # courtesy alone is no question to strip down to nothing
        ("Por favor", "Por favor"),
        ("Who can help me with my visa?", "Who can help me with my visa?"),  # "help me" is the question
        ("Tell me about SEF", "About SEF"),
        ("Quem está obrigado?", "Quem está obrigado?"),  # bound by a duty, no thanks
        ("Em que casos o estrangeiro fica obrigado?", "Em que casos o estrangeiro fica obrigado?"),
        ("Obrigado a quê?", "Obrigado a quê?"),  # thanks only with its punctuation
        ("Sorry to bother, who grants visas?", "Sorry to bother, who grants visas?"),
    ],
)
def test_what_is_left_is_kept(question: str, kept: str) -> None:
    assert strip_courtesy(question) == kept


def test_a_polite_question_scores_like_the_bare_one(retriever: Retriever) -> None:
    bare = retriever.search("Who grants visas?", k=3).hits
    for polite in ("Can you tell me who grants visas?", "Hello, who grants visas? Thanks!"):
        hits = retriever.search(polite, k=3).hits
        assert [h.unit_id for h in hits] == [h.unit_id for h in bare]
        assert hits[0].relevance == pytest.approx(bare[0].relevance) and hits[0].relevance > 0.1


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("obrigada pela ajuda", "thanks"),
        ("ok obrigada", "thanks"),
        ("thank you so much!!", "thanks"),
        ("oi, tudo bem?", "greeting"),
        ("Good morning!", "greeting"),
        ("bye", "bye"),
        ("muito obrigado, foi muito útil", "thanks"),
        ("thank you, that was very helpful", "thanks"),
        ("adeus e obrigado", "thanks"),
        ("tchau", "bye"),
        ("ok", "ack"),
        ("entendi", "ack"),
        ("ok obrigado, e quem as renova no Porto?", None),
        # A question, with or without courtesy around it.
        ("Hello, who grants visas?", None),
        ("Obrigado a quê?", None),
        ("Quem está obrigado?", None),
        ("Thanks, and who grants visas?", None),
    ],
)
def test_a_message_of_courtesy_only(message: str, kind: str | None) -> None:
    assert only_courtesy(message) == kind
