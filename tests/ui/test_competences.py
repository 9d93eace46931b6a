"""The 'who is competent' table is read from the decree: pin a few rows, and check every row against the corpus."""

from __future__ import annotations

import pytest

from assistant.corpus import Corpus
from assistant.ui.competences import Competence, extract_competences, fold, search


@pytest.fixture(scope="module")
def rows(corpus: Corpus) -> list[Competence]:
    return extract_competences(corpus)


def by_id(rows: list[Competence], unit_id: str) -> list[Competence]:
    return [r for r in rows if r.unit_id == f"dl-252-2000/{unit_id}"]


def bodies(rows: list[Competence], unit_id: str) -> set[str]:
    return {r.body for r in by_id(rows, unit_id)}


def test_list_lead_ins_give_the_body_of_each_alinea(rows: list[Competence]) -> None:
    assert bodies(rows, "art-47/n-1/al-m") == {"director regional"}  # "Ao director regional compete:"
    assert bodies(rows, "art-13/n-2/al-h") == {"director-geral"}  # "Compete em especial ao director-geral:"
    assert bodies(rows, "art-27/al-a") == {"Departamento de Imigração, Registo e Difusão"}  # a comma in the name
    assert bodies(rows, "art-15/al-a") == {"Gabinete Jurídico"}
    assert bodies(rows, "art-20/n-5/al-b") == {"conselho administrativo"}
    assert bodies(rows, "art-31/n-1/al-d") == {"director Central de Fronteiras"}  # "…compete, na área…:"
    assert bodies(rows, "art-43/al-f") == {"Departamento de Operações"}  # ", que funciona na … dependência …,"


def test_single_powers_and_relative_clauses(rows: list[Competence]) -> None:
    assert bodies(rows, "art-16/n-1") == {"Gabinete de Inspecção"}
    assert bodies(rows, "art-23/n-1") == {"Direcção Central de Investigação, Pesquisa e Análise da Informação"}
    assert bodies(rows, "art-30/n-1") == {"Direcção Central de Fronteiras"}
    assert bodies(rows, "art-13/n-1") == {"director-geral"}  # "dirigido por um director-geral, a quem compete"
    assert bodies(rows, "art-49/n-1") == {"núcleo regional de administração"}
    assert bodies(rows, "art-48/n-1/al-b") == {"Departamento Regional de Emissão de Documentos"}  # "a quem incumbe"
    assert bodies(rows, "art-55") == {"postos mistos de fronteira"}  # "Aos postos mistos de fronteira incumbe"


def test_nucleos_receive_the_alineas_they_refer_to(rows: list[Competence]) -> None:
    # "Núcleo de Planeamento, com as competências previstas nas alíneas a) a c) e f) e g) do número precedente"
    planning = sorted(r.unit_id.rsplit("/", 1)[1] for r in rows if r.body == "Núcleo de Planeamento")
    assert planning == ["al-a", "al-b", "al-c", "al-f", "al-g"]
    assert {r.source_id for r in rows if r.body == "Núcleo de Planeamento"} == {"dl-252-2000/art-41/n-2/al-a"}
    assert "Núcleo de Instrução" in bodies(rows, "art-17/n-1/al-d")
    assert "Núcleo de Gestão da Frota Automóvel" in bodies(rows, "art-35/n-1/al-i")  # "do mesmo preceito"


def test_delegation_clauses_name_who_delegates_or_receives(rows: list[Competence]) -> None:
    assert bodies(rows, "art-13/n-3") == {"director-geral"}  # "O director-geral pode delegar em …"
    assert bodies(rows, "art-14/n-1") == {"directores-gerais-adjuntos"}  # "… os quais exercerão as … delegadas"
    assert bodies(rows, "art-31/n-2") == {"responsáveis de postos de fronteira"}  # "podem ser delegadas nos …"
    (regional,) = by_id(rows, "art-47/n-2")
    assert regional.body.startswith("subdirectores regionais, chefe de departamento regional")
    assert regional.body_en and regional.body_en.startswith("deputy regional directors")
    assert {r.body_en for r in by_id(rows, "art-14/n-1")} == {"Deputy Directors-General"}


def test_english_names_come_from_the_renderings(rows: list[Competence]) -> None:
    assert {r.body_en for r in by_id(rows, "art-47/n-1/al-m")} == {"regional director"}
    assert {r.body_en for r in by_id(rows, "art-15/al-a")} == {"Legal Office"}
    assert "Planning Unit" in {r.body_en for r in by_id(rows, "art-41/n-1/al-a")}


def test_every_row_names_real_units_and_carries_their_text(corpus: Corpus, rows: list[Competence]) -> None:
    assert len(rows) > 150
    for row in rows:
        assert row.unit_id in corpus and row.source_id in corpus
        assert row.text == corpus.unit(row.unit_id).text
        assert row.rendering == corpus.rendering(row.unit_id, "en")
        assert row.body and row.body == row.body.strip()
    lead_ins = {r.source_id for r in rows}
    assert "dl-252-2000/art-2/n-1/al-l" not in lead_ins  # "entidades às quais compete" is not a SEF body


def test_search_is_case_and_accent_insensitive_and_needs_every_word(rows: list[Competence]) -> None:
    found = {r.unit_id for r in search(rows, "DIRECTOR regional autorizacoes residencia")}
    assert found == {"dl-252-2000/art-47/n-1/al-m"}
    assert {r.unit_id for r in search(rows, "renewing residence permits")} >= {"dl-252-2000/art-47/n-1/al-m"}
    assert search(rows, "   ") == rows
    assert fold("Direcção ÀS") == "direccao as"
