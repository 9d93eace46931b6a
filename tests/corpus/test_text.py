"""Normalisation for matching: invisible, typographic and full-width variants read as what they look like."""

from __future__ import annotations

from assistant.answering import Assistant
from assistant.corpus.text import normalize


def test_normalize_folds_what_a_reader_cannot_tell_apart() -> None:
    assert normalize("Ｗｈｏ ｇｒａｎｔｓ　ｖｉｓａｓ？") == "Who grants visas?"
    assert normalize("vis\u200bto  de\u00a0residência") == "visto de residência"
    assert normalize("‘art.’ 13 – n.º 2") == "'art.' 13 - n.º 2"  # the ordinal of n.º stays


def test_a_full_width_question_is_answered_like_its_ascii_twin(assistant: Assistant) -> None:
    plain = assistant.ask("Who grants visas?")
    wide = assistant.ask("Ｗｈｏ ｇｒａｎｔｓ ｖｉｓａｓ？")
    assert not wide.abstained
    assert [c.id for c in wide.citations] == [c.id for c in plain.citations]
