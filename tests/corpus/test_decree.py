"""The decree's parse, pinned to the source text."""

from __future__ import annotations

import re

import pytest

from assistant.corpus import Corpus, label
from assistant.corpus.model import ALINEA_LETTERS
from assistant.corpus.text import normalize

DOC = "dl-252-2000"

HEADINGS = [
    "Natureza",
    "Atribuições",
    "Autoridades de polícia criminal",
    "Direito de acesso",
    "Dever de cooperação",
    "Identificação de pessoas",
    "Dever de comparência",
    "Serviço permanente",
    "Segredo profissional",
    "Receitas",
    "Estrutura",
    "Composição",
    "Director-geral",
    "Directores-gerais adjuntos",
    "Gabinete Jurídico",
    "Gabinete de Inspecção",
    "Gabinete de Asilo e Refugiados",
    "Gabinete de Relações Internacionais e Cooperação",
    "Gabinete de Documentação, Comunicação e Relações Públicas",
    "Natureza, composição e competência",
    "Periodicidade das reuniões",
    "Serviços Centrais",
    "Competência e estrutura",
    "Departamento de Investigação",
    "Departamento de Pesquisa e Análise",
    "Competência e estrutura",
    "Departamento de Imigração, Registo e Difusão",
    "Departamento de Controlo de Emissão de Documentos",
    "Departamento de Identificação e Peritagem Documental",
    "Competência e estrutura",
    "Competência do Director Central de Fronteiras",
    "Departamento Técnico de Fronteiras",
    "Competência e estrutura",
    "Departamento de Gestão e Administração de Recursos Humanos",
    "Departamento de Gestão Financeira e Patrimonial",
    "Departamento de Instalações e Segurança",
    "Competência e estrutura",
    "Departamento de Desenvolvimento de Aplicações",
    "Departamento de Produção",
    "Departamento de Sistemas e Comunicações",
    "Competência",
    "Competência",
    "Competência",
    "Serviços descentralizados",
    "Natureza e âmbito territorial",
    "Orgânica das direcções regionais",
    "Competência do director regional",
    "Departamentos regionais",
    "Núcleos regionais",
    "Tipo de delegações regionais",
    "Regime",
    "Classificação",
    "Responsável de posto de fronteira",
    "Regime",
    "Atribuições",
    "Dependência",
    "Pessoal",
    "Contratação de pessoal",
    "Identificação dos funcionários",
    "Uso de fardamento",
    "Uso de meios coercivos e arma de fogo",
    "Utilização de meios de transporte",
    "Condução de viaturas do serviço",
    "Regulamentação específica",
    "Quadro de pessoal dirigente",
    "Director de direcção central, director regional e coordenador do Gabinete de Inspecção",
    "Chefe de departamento, coordenador de gabinete, subdirector de direcção central e subdirector regional",
    "Cargos de chefia",
    "Recrutamento para os cargos de chefia",
    "Objectos que revertem a favor do SEF",
    "Isenção de portagem",
    "Pessoal dirigente",
    "Pessoal em exercício de funções no SEF",
    "Garantias",
    "Entrada em vigor",
    "Norma revogatória",
]

# Hand-read from the source: article -> {n.º: alínea letters} ("" key: alíneas under the article).
STRUCTURE = {
    2: {"1": "abcdefghijlmnopqrstuv", "2": "abcd"},
    3: {"1": "abcdef", "2": "", "3": "", "4": ""},
    7: {},
    12: {"": "abcdef"},
    13: {"1": "", "2": "abcdefghijl", "3": "", "4": ""},
    20: {"1": "", "2": "abc", "3": "", "4": "", "5": "abcdef"},
    22: {"": "abcdefgh"},
    45: {"1": "", "2": "abcdef", "3": ""},
    47: {"1": "abcdefghijlmnopqrstuvxz", "2": ""},
    52: {"1": "", "2": "ab", "3": "ab", "4": ""},
    76: {"1": "", "2": "abcdefghi"},
}


def articles(corpus: Corpus):
    return [u for u in corpus.documents[DOC].units.values() if u.kind == "article"]


def structure_of(corpus: Corpus, article_id: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for child_id in corpus.unit(article_id).children:
        child = corpus.unit(child_id)
        if child.kind == "item":
            result[""] = result.get("", "") + str(child.number)
        else:
            result[str(child.number)] = "".join(str(corpus.unit(c).number) for c in child.children)
    return result


def raw_articles(source: str) -> dict[int, list[str]]:
    """Each article's body lines, cut from the raw text independently of the parser."""
    body = source.split("\nCAPÍTULO I\n", 1)[1].split("Visto e aprovado", 1)[0]
    chunks = re.split(r"\n\u00a0\u00a0Artigo (\d+)\.º\n", body)
    out: dict[int, list[str]] = {}
    for number, text in zip(chunks[1::2], chunks[2::2], strict=True):
        lines = [line.strip() for line in text.split("\n")[1:]]  # [0] is the heading
        kept: list[str] = []
        skip_title = False
        for line in lines:
            if re.match(r"^(CAPÍTULO|SECÇÃO|SUBSECÇÃO) [IVX]+$", line):
                skip_title = True  # the division's title is the next line
            elif skip_title:
                skip_title = False
            elif line:
                kept.append(line)
        out[int(number)] = kept
    return out


def test_exactly_76_articles_numbered_in_order(corpus: Corpus) -> None:
    assert [int(str(a.number)) for a in articles(corpus)] == list(range(1, 77))


def test_every_article_heading(corpus: Corpus) -> None:
    assert [a.heading for a in articles(corpus)] == HEADINGS


@pytest.mark.parametrize("number", sorted(STRUCTURE))
def test_hand_read_structure(corpus: Corpus, number: int) -> None:
    assert structure_of(corpus, f"{DOC}/art-{number}") == STRUCTURE[number]


def test_counts_match_raw_text_for_every_article(corpus: Corpus, decree_source: str) -> None:
    raw = raw_articles(decree_source)
    assert sorted(raw) == list(range(1, 77))
    for number, lines in raw.items():
        units = [u for u in corpus.units() if u.article == f"{DOC}/art-{number}"]
        paragraphs = sum(1 for line in lines if re.match(r"^\d+( - |\) )", line))
        items = sum(1 for line in lines if re.match(r"^[a-z]\) ", line))
        assert paragraphs == sum(1 for u in units if u.kind == "paragraph"), number
        assert items == sum(1 for u in units if u.kind == "item"), number


def test_units_joined_back_reproduce_each_article(corpus: Corpus, decree_source: str) -> None:
    for number, lines in raw_articles(decree_source).items():
        article = corpus.unit(f"{DOC}/art-{number}")
        source_text = [line for line in lines if not _is_note(line)]
        assert normalize(article.text) == normalize(" ".join(source_text)), number


def _is_note(line: str) -> bool:
    return line.startswith(("Contém as alterações", "Consultar versões", "-\u00a0DL", "-1ª versão"))


def test_alineas_follow_portuguese_lettering(corpus: Corpus) -> None:
    for unit in corpus.units():
        letters = [corpus.unit(c).number for c in unit.children if corpus.unit(c).kind == "item"]
        if letters:
            assert "".join(str(x) for x in letters) == ALINEA_LETTERS[: len(letters)], unit.id


def test_amendment_notes_are_metadata(corpus: Corpus) -> None:
    amended = {a.id for a in articles(corpus) if a.meta.get("amended_by")}
    assert amended == {f"{DOC}/art-10", f"{DOC}/art-72"}
    assert corpus.unit(f"{DOC}/art-10").meta["amended_by"] == ["DL n.º 290-A/2001, de 17/11"]
    assert all("Contém" not in u.text for u in corpus.units())


def test_document_metadata_says_revoked(corpus: Corpus) -> None:
    meta = corpus.documents[DOC].meta
    assert meta["status"] == "revoked"
    assert meta["revoked_by"] == "Lei n.º 73/2021, de 12 de Novembro"
    assert meta["number"] == "DL n.º 252/2000, de 16 de Outubro"
    assert [v["version"] for v in meta["versions"]] == [1, 2, 3, 4, 5]  # type: ignore[index]
    assert meta["title"] == "ESTRUTURA ORGÂNICA DO SERVIÇO DE ESTRANGEIROS E FRONTEIRAS"


def test_preamble_paragraphs_and_list_lead_ins(corpus: Corpus) -> None:
    preamble = corpus.unit(f"{DOC}/preambulo")
    assert len(preamble.children) == 58
    first = corpus.unit(preamble.children[0])
    assert first.own_text.startswith("O Decreto-Lei n.º 440/86, de 31 de Dezembro")
    assert corpus.unit(preamble.children[-1]).own_text.endswith("o Governo decreta o seguinte:")
    family = next(u for u in corpus.units() if u.own_text == "Reconhecer o direito ao reagrupamento familiar;")
    lead = corpus.unit(str(family.meta["lead_in"]))
    assert lead.own_text.endswith(
        "que seguidamente se enumeram, as quais ultrapassam largamente as que "
        "se encontram consignadas no Decreto-Lei n.º 440/86, de 31 de Dezembro, "
        "sua lei orgânica actual:"
    )


def test_articles_know_their_chapter_section_subsection(corpus: Corpus) -> None:
    art24 = corpus.unit(f"{DOC}/art-24")
    titles = [corpus.heading(h).title for h in art24.headings]
    assert titles == [
        "Órgãos, serviços e suas competências",
        "Serviços Centrais",
        "Direcção Central de Investigação, Pesquisa e Análise da Informação",
    ]
    assert [corpus.heading(h).title for h in corpus.unit(f"{DOC}/art-75").headings] == [
        "Disposições finais e transitórias"
    ]


def test_annexes_record_their_referring_article(corpus: Corpus) -> None:
    one, two = corpus.unit(f"{DOC}/anexo-i"), corpus.unit(f"{DOC}/anexo-ii")
    assert one.meta["referred_by"] == f"{DOC}/art-51/n-1"
    assert two.meta["referred_by"] == f"{DOC}/art-54/n-1"
    assert one.meta["tables_in_source"] is False and "not in" in str(one.meta["note"])
    assert f"{DOC}/art-51/n-1" in corpus
    assert "anexo I" in corpus.unit(f"{DOC}/art-51/n-1").own_text


def test_labels_follow_the_contract() -> None:
    assert label(f"{DOC}/art-13/n-2/al-h", "en") == "Article 13(2)(h)"
    assert label(f"{DOC}/art-13/n-2/al-h", "pt") == "Artigo 13.º, n.º 2, alínea h)"
    assert label(f"{DOC}/art-12/al-b", "en") == "Article 12(b)"
    assert label(f"{DOC}/preambulo/p-4", "pt") == "Preâmbulo, §4"
    assert label(f"{DOC}/preambulo/p-4", "en") == "Preamble, para. 4"
    assert label(f"{DOC}/anexo-ii", "en") == "Annex II"
    assert label("aima-explainer/p-3", "en") == "para. 3"
    assert label(DOC, "en") == "Decree-Law 252/2000"
