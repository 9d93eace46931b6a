"""What kind of answer a question expects, and whether evidence holds one (no index)."""

from __future__ import annotations

import pytest

from assistant.answering.kinds import evidence_has
from assistant.query.kinds import expected_kinds


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


def test_date_evidence_needs_a_date_not_a_modal_verb() -> None:
    assert evidence_has("date", "visto e aprovado em Conselho de Ministros de 24 de Agosto de 2000")
    assert evidence_has("date", "entra em vigor no dia 1 do mês imediato")
    assert not evidence_has("date", "The director-general may order the identification of persons")


def test_a_processing_time_needs_a_time_limit_for_a_decision_not_a_term_of_office() -> None:
    assert evidence_has("processing_time", "o pedido é objeto de decisão no prazo de 30 dias")
    assert evidence_has("processing_time", "a decision shall be taken within 30 days")
    # Article 68(2): three-year renewable terms, the duration of a post, not of a procedure.
    assert evidence_has("duration", "por períodos de 3 anos renováveis")
    assert not evidence_has("processing_time", "por períodos de 3 anos renováveis, mediante despacho do director-geral")


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
