"""The 'who is competent' table is read from the decree: pin a few rows, and check every row against the corpus."""

from __future__ import annotations

import pytest

from assistant.corpus import Corpus
from assistant.retrieval.thesaurus import Thesaurus
from assistant.ui.competences import Competence, CompetenceTable, extract_competences
from assistant.ui.who_search import WhoSearch
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def rows(corpus: Corpus) -> list[Competence]:
    return extract_competences(corpus)


def by_id(rows: list[Competence], unit_id: str) -> list[Competence]:
    return [r for r in rows if r.unit_id == f"dl-252-2000/{unit_id}"]


def bodies(rows: list[Competence], unit_id: str) -> set[str]:
    return {r.body for r in by_id(rows, unit_id)}


@pytest.fixture(scope="module")
def who(rows: list[Competence]) -> WhoSearch:
    return WhoSearch(rows, Thesaurus.load(ROOT / "corpus" / "thesaurus.yaml"))


def ids(found: list[Competence]) -> list[str]:
    return [r.unit_id.removeprefix("dl-252-2000/") for r in found]


def test_the_service_s_own_attributions_are_rows_of_sef(rows: list[Competence]) -> None:
    # "São atribuições do SEF:" over "1) No plano interno:" and "2) No plano internacional:" and their alíneas.
    assert bodies(rows, "art-2/n-1/al-h") == {"SEF"} and bodies(rows, "art-2/n-2/al-a") == {"SEF"}
    assert {r.body_en for r in by_id(rows, "art-2/n-1/al-i")} == {"SEF"}
    assert {r.source_id for r in rows if r.body == "SEF"} == {"dl-252-2000/art-2"}


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


def test_vistos_finds_the_visa_powers_and_not_previstos(who: WhoSearch) -> None:
    found = ids(who.search("vistos"))
    # What the chat cites for "Who grants visas?", and the regional director's opinion on visa applications…
    assert found[:3] == ["art-2/n-1/al-h", "art-2/n-1/al-i", "art-47/n-1/al-l"]
    # … not "nos casos previstos na lei" nor "o fardamento e distintivo previstos".
    assert "art-28/al-b" not in found and "art-35/n-1/al-h" not in found
    assert ids(who.search("visas"))[:2] == ["art-2/n-1/al-h", "art-2/n-1/al-i"]
    assert "art-47/n-1/al-l" in ids(who.search("visas"))  # the rendering says "visa applications"


def test_search_is_case_and_accent_insensitive_in_both_spellings(who: WhoSearch) -> None:
    assert ids(who.search("DIRECTOR regional autorizacoes residencia")) == ["art-47/n-1/al-m"]
    assert ids(who.search("diretor regional autorizações de residência")) == ["art-47/n-1/al-m"]
    assert "art-47/n-1/al-m" in ids(who.search("renewing residence permits"))


def test_the_thesaurus_bridges_everyday_words(who: WhoSearch) -> None:
    # "pay" is not in the decree: the thesaurus group of "remunerações" is.
    assert "art-35/n-1/al-e" in ids(who.search("pay"))


def test_a_word_no_row_has_does_not_empty_the_table(who: WhoSearch, rows: list[Competence]) -> None:
    assert ids(who.search("who grants visas")) == ["art-2/n-1/al-i"]  # "who" is in no row
    assert who.search("   ") == rows  # nothing asked: every row, in the law's order


def test_an_id_is_looked_up_as_such(who: WhoSearch) -> None:
    found = ids(who.search("art-47"))
    assert found and all(i.startswith("art-47/") for i in found)


def test_the_table_is_extracted_once_per_corpus(corpus: Corpus) -> None:
    table = CompetenceTable()
    assert table.rows(corpus) is table.rows(corpus)
    assert {r.body for r in table.of_unit(corpus, "dl-252-2000/art-47/n-1/al-m")} == {"director regional"}
