"""Validity questions, answered from the decree's metadata (assistant/answering/validity.py), through
`Assistant.ask` on the real index; which questions count as such is in test_policy.py."""

from __future__ import annotations

import pytest

from assistant.answering import Assistant
from assistant.corpus import Corpus
from assistant.query.decree import asks_decree_date, asks_header_part


def test_validity_question_is_answered_from_the_metadata(assistant: Assistant, corpus: Corpus) -> None:
    for question in ("Is Decree-Law 252/2000 still in force?", "O decreto-lei 252/2000 ainda está em vigor?"):
        answer = assistant.ask(question)
        assert not answer.abstained
        assert answer.citations[0].id == "dl-252-2000"
        assert answer.citations[0].quote == corpus.documents["dl-252-2000"].meta["revocation_note"]
        assert "73/2021" in answer.answer and answer.answer.startswith(("No", "Não"))


@pytest.mark.parametrize("question", ["Que lei revogou o decreto-lei do SEF?", "Which law repealed SEF's organic law?"])
def test_asking_which_law_revoked_the_decree_is_answered_from_the_metadata(
    assistant: Assistant, corpus: Corpus, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.citations[0].id == "dl-252-2000"
    assert answer.citations[0].quote == corpus.documents["dl-252-2000"].meta["revocation_note"]
    assert not answer.answer.startswith(("No", "Não"))  # a "which law" question is no yes/no question


@pytest.mark.parametrize(
    "question",
    [
        "Which law was repealed by this decree-law?",
        "Que lei foi revogada por este decreto?",
        "Was DL 440/86 revoked by this decree?",
    ],
)
def test_asking_what_the_decree_revoked_cites_its_repealing_article(assistant: Assistant, question: str) -> None:
    """The decree as the one revoking: Article 76, not the header's note that the decree itself was revoked."""
    answer = assistant.ask(question)
    assert answer.citations[0].id.startswith("dl-252-2000/art-76")
    assert "73/2021" not in answer.answer


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Is the decree still in force?", "No: "),
        ("Was the decree revoked?", "Yes: "),
        ("Este decreto foi revogado?", "Sim: "),
        ("O DL 252/2000 ainda está em vigor ou já foi revogado?", "O Decreto-Lei"),  # either/or: no yes or no
    ],
)
def test_a_yes_no_validity_question_gets_the_right_yes_or_no(assistant: Assistant, question: str, opening: str) -> None:
    answer = assistant.ask(question)
    assert answer.citations[0].id == "dl-252-2000" and answer.answer.startswith(opening)


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("Em que data foi publicado o decreto?", "16 de Outubro"),
        ("When was Decree-Law 252/2000 published?", "16 October"),
        ("Qual é a data do DL 252/2000?", "16 de Outubro"),
    ],
)
def test_the_decrees_date_is_its_headers(assistant: Assistant, corpus: Corpus, question: str, shown: str) -> None:
    # Used to cite the date of a law Article 76 keeps in force ("O Decreto-Lei n.º 108/97, de 8 de Maio").
    answer = assistant.ask(question)
    (citation,) = answer.citations
    assert citation.id == "dl-252-2000" and citation.quote == corpus.documents["dl-252-2000"].meta["number"]
    assert shown in answer.answer and answer.notices


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("When was Decree-Law 252/2000 approved?", "dl-252-2000/fecho"),
        ("Quando entra em vigor o decreto?", "dl-252-2000/art-75"),
    ],
)
def test_other_dates_of_the_decree_come_from_its_text(assistant: Assistant, question: str, cited: str) -> None:
    assert assistant.ask(question).citations[0].id == cited


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("quando foi publicado o DL 252/2000?", True),
        ("What is the date of the decree?", True),
        # The decree named by what it does (its summary), not by another event.
        ("Qual é o número e a data do decreto-lei que aprovou a orgânica do SEF?", True),
        ("What is the number and date of the decree that approved SEF's organic structure?", True),
        ("Em que data foi aprovado o decreto em Conselho de Ministros?", False),
        # Other dates, or a date only placing what is asked for.
        ("A partir de quando é que este decreto-lei começou a produzir efeitos?", False),
        ("Where can I find the list of border posts that existed when the decree was published?", False),
        ("Which older decree-laws still applied until the new staff statute was published?", False),
        ("When was SEF created?", False),
    ],
)
def test_which_questions_ask_for_the_decrees_date(question: str, asks: bool) -> None:
    assert asks_decree_date(question) is asks


@pytest.mark.parametrize("question", ["who replaced SEF?", "quem substituiu o SEF?", "O SEF ainda existe?"])
def test_what_became_of_sef_is_answered_from_the_header_and_names_aima(
    assistant: Assistant, corpus: Corpus, question: str
) -> None:
    # "who replaced SEF?" used to cite Article 14(2): the deputy who replaces the director-general.
    answer = assistant.ask(question)
    assert [c.id for c in answer.citations] == ["dl-252-2000"]
    assert answer.citations[0].quote == corpus.documents["dl-252-2000"].meta["revocation_note"]
    assert answer.answer.startswith(("SEF's immigration", "As funções do SEF")) and "AIMA" in answer.answer


def test_who_replaces_an_office_holder_is_still_searched(assistant: Assistant) -> None:
    assert (
        assistant.ask("Who replaced the director-general in his absence?").citations[0].id == "dl-252-2000/art-14/n-2"
    )


def test_an_amended_article_says_so_from_its_note_in_the_source(assistant: Assistant) -> None:
    # Articles 10 and 72 carry the source's note "Contém as alterações dos seguintes diplomas: DL n.º 290-A/2001".
    answer = assistant.ask("O artigo 10.º foi alterado?")
    assert answer.citations[0].id == "dl-252-2000/art-10"
    assert any("290-A/2001" in notice for notice in answer.notices)
    assert not any("290-A/2001" in notice for notice in assistant.ask("Quem aplica coimas?").notices)


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("Qual o sumário do decreto?", "summary"),
        ("What is the title of the decree?", "title"),
        ("Qual é o nome do decreto?", "title"),
        ("Qual o título do capítulo II do decreto?", None),  # a chapter's heading, not the header's
        ("What is the name of the director-general?", None),
        ("Que diploma antigo mudou o nome do Serviço de Estrangeiros para SEF?", None),  # the preamble's p-1
        # What the decree is about: its summary says it in one line.
        ("What is Decree-Law 252/2000 about, in a nutshell?", "summary"),
        ("De que trata o decreto?", "summary"),
        ("De que trata o artigo 9.º do decreto?", None),
        ("What does the decree say about uniforms?", None),
    ],
)
def test_which_questions_ask_for_a_line_of_the_header(question: str, part: str | None) -> None:
    assert asks_header_part(question) == part


def test_the_decrees_summary_is_quoted_from_its_header(assistant: Assistant, corpus: Corpus) -> None:
    # Refused before ("Não encontrei resposta…").
    (citation,) = assistant.ask("Qual o sumário do decreto?").citations
    assert citation.id == "dl-252-2000" and citation.quote == corpus.documents["dl-252-2000"].meta["summary"]


@pytest.mark.parametrize(
    "question",
    [
        "When did Decree-Law 252/2000 take effect?",
        "Quando entrou em vigor o decreto?",
        "Since when is the decree in force?",
    ],
)
def test_entry_into_force_is_answered_by_the_provision_that_states_it(assistant: Assistant, question: str) -> None:
    # The closing formula's dates (approval, promulgation) ranked above Article 75 by their words.
    answer = assistant.ask(question)
    assert [c.id for c in answer.citations] == ["dl-252-2000/art-75"]
