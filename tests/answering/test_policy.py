"""Question checks on their own (no index): what a question asks for, and which validity question it is."""

from __future__ import annotations

import pytest

from assistant.answering.policy import (
    asks_other_jurisdiction,
    asks_validity,
    count_asked,
    evidence_has,
    expected_kinds,
    is_yes_no,
)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Quanto é que custa renovar o título de residência?", ["money"]),  # the everyday "é que"
        ("Quanto tempo é que demora a renovação?", ["duration", "processing_time"]),
        ("How long does a passport renewal take at SEF?", ["duration", "processing_time"]),
        ("Quais são os contactos do SEF?", ["contact"]),
        ("Quais os telefones da AIMA?", ["contact"]),
        ("What are AIMA's e-mails and phone numbers?", ["contact"]),
        ("Can SEF keep the phones it seized in an investigation?", []),
        ("Who is the head of AIMA today?", ["current_holder"]),
        ("Quem é neste momento o presidente da AIMA?", ["current_holder"]),
        ("Who currently runs AIMA?", ["current_holder"]),
        ("Can I renew my residence permit online?", ["channel"]),
        ("Como faço a marcação para ser atendido?", ["channel"]),
        # SEF's page named as the source is no online service.
        ("according to SEF's website, what is the Rabat Process?", []),
        ("o que diz o site do SEF sobre o ICMPD?", []),
        ("Posso renovar no site da AIMA?", ["channel"]),
        # Offices, hours, AIMA's head and a fee asked in few words: none is in the documents.
        ("where is the AIMA office in Lisbon?", ["contact"]),
        ("horario da AIMA", ["contact"]),
        ("Onde fica a sede da direção regional do Centro?", []),  # Article 45(2)(c) says it
        ("quem é o diretor da AIMA?", ["current_holder"]),
        ("Who heads AIMA?", ["current_holder"]),
        ("taxa de renovação?", ["money"]),
        ("renewal fee?", ["money"]),
        ("What is the fee for a visa?", ["money"]),
        ("What are the fees SEF collects?", []),  # which fees, answered by Article 10
        ("Quem fixa as taxas?", []),
        ("Are SEF inspectors allowed to walk into a building site?", []),
        ("How long is an appointment to a supervisory post?", ["duration"]),
        # A competence asked about today is not a question about who holds an office.
        ("Who appoints the director-general today?", []),
        ("Quem nomeia atualmente o diretor-geral?", []),
    ],
)
def test_expected_kinds(question: str, kinds: list[str]) -> None:
    assert expected_kinds(question) == kinds


@pytest.mark.parametrize(
    ("question", "validity"),
    [
        ("Is Decree-Law 252/2000 still in force?", True),
        ("Que lei revogou o decreto-lei do SEF?", True),
        ("Which law replaced the decree?", True),
        # The decree as the one revoking or replacing, or another law's revocation: Article 76 or a search.
        ("Que lei foi revogada por este decreto?", False),
        ("Was DL 440/86 revoked by this decree?", False),
        ("Que lei revogou o DL 440/86?", False),
        ("Has this decree replaced the organic law of 1993?", False),
        ("Que diplomas revogou o DL 252/2000?", False),
        # When it started to apply is Article 75; whether it still applies is validity.
        ("Quando entra em vigor o Decreto-Lei 252/2000?", False),
        ("Em que data entrou em vigor o diploma?", False),
        ("When did the decree enter into force?", False),
        ("O decreto ainda está em vigor?", True),
        ("Is it still in force today?", True),
        ("Was the decree revoked when Law 73/2021 entered into force?", True),
        # About something else: a permit, a visa, a treaty, another law.
        ("Is my residence permit still valid?", False),
        ("Can a visa be revoked?", False),
        ("Is the Schengen agreement still in force?", False),
        ("Which articles of Decree-Law 440/86 were revoked?", False),
        ("A Lei n.º 73/2021 revogou este decreto?", True),
        ("Since when is the decree in force?", False),
        # A permit asked about under the decree said to be in force: the premise is the decree's.
        ("Ainda posso renovar a autorização de residência ao abrigo do Decreto-Lei 252/2000, que está em vigor?", True),
    ],
)
def test_asks_validity(question: str, validity: bool) -> None:
    assert asks_validity(question) is validity


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Is it still in force?", True),
        ("O DL 252/2000 ainda está em vigor?", True),
        ("E ainda está em vigor?", True),
        ("And which law repealed it?", False),
        ("E que lei revogou o decreto?", False),
        ("Since when is the decree no longer in force?", False),
        ("O que substituiu o decreto?", False),
    ],
)
def test_is_yes_no(question: str, yes_no: bool) -> None:
    assert is_yes_no(question) is yes_no


def test_date_evidence_needs_a_date_not_a_modal_verb() -> None:
    assert evidence_has("date", "visto e aprovado em Conselho de Ministros de 24 de Agosto de 2000")
    assert evidence_has("date", "entra em vigor no dia 1 do mês imediato")
    assert not evidence_has("date", "The director-general may order the identification of persons")


def test_the_prime_minister_who_signed_is_no_question_about_today() -> None:
    assert "current_holder" in expected_kinds("Who is the Prime Minister of Portugal?")
    assert "current_holder" not in expected_kinds("Who is the Prime Minister who signed the decree?")
    assert "current_holder" not in expected_kinds("Quem é o Presidente da República que promulgou o decreto?")


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Quem pode prorrogar o prazo de permanência de estrangeiros?", []),  # who extends, not how long
        ("Qual é o prazo para pedir asilo?", ["duration"]),
        ("What time limits apply to the heads of delegation appointments?", ["duration"]),
        ("Who is the acting director-general when the director-general is absent?", []),
        ("Who bears the cost of the uniforms?", []),
        ("What is the cost of a visa?", ["money"]),
        ("Can SEF intercept telephones?", []),
        ("Is my residence permit still valid?", ["personal"]),
        ("Who is the Minister of Internal Administration?", ["current_holder"]),
        ("Which minister oversees SEF?", []),
    ],
)
def test_expected_kinds_are_what_is_asked_for(question: str, kinds: list[str]) -> None:
    assert expected_kinds(question) == kinds


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("What does Spanish immigration law say about expulsion?", True),
        ("O que diz a lei brasileira sobre vistos?", True),
        ("Do I need a visa to work in Brazil?", True),
        ("Which Spanish services did SEF cooperate with?", False),  # Article 2(1)(f) names them
        ("Who grants visas?", False),
    ],
)
def test_another_countrys_law(question: str, other: bool) -> None:
    assert asks_other_jurisdiction(question) is other


def test_a_processing_time_needs_a_time_limit_for_a_decision_not_a_term_of_office() -> None:
    assert evidence_has("processing_time", "o pedido é objeto de decisão no prazo de 30 dias")
    assert evidence_has("processing_time", "a decision shall be taken within 30 days")
    # Article 68(2): three-year renewable terms, the duration of a post, not of a procedure.
    assert evidence_has("duration", "por períodos de 3 anos renováveis")
    assert not evidence_has("processing_time", "por períodos de 3 anos renováveis, mediante despacho do director-geral")


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("O diretor-geral do SEF só tem dois adjuntos, não é?", "O diretor-geral do SEF tem quantos adjuntos, não é?"),
        ("SEF has only two central directorates, right?", "SEF has how many central directorates, right?"),
        ("Tenho dois filhos: quem decide o reagrupamento?", None),  # a fact about the asker, not a claim
    ],
)
def test_a_number_claimed_with_only_is_searched_as_a_count(question: str, searched: str | None) -> None:
    assert count_asked(question) == searched
