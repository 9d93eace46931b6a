"""Ids, navigation, web pages and bad input across the whole corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.corpus import Corpus, load_corpus, parse_id
from assistant.errors import CorpusError, UnitNotFound

ROOT = Path(__file__).resolve().parents[2]
NAVIGATION = (
    "Início",
    "Exibe diploma",
    "Procurar no presente diploma",
    "Páginas:",
    "Contactos",
    "Índice",
    "Skip to main content",
    "Diagrama",
    "(PDF)",
    "Copyright",
    "Privacidade",
    "Imprimir todo o diploma",
    "Ver versões",
    "Oficiais de Ligação de Imigração (Secretaria Geral do MAI)",
)


def test_ids_unique_and_in_contract_grammar(corpus: Corpus) -> None:
    ids = [u.id for u in corpus.units()]
    assert len(ids) == len(set(ids))
    for unit_id in ids:
        assert parse_id(unit_id), unit_id
        assert unit_id == unit_id.lower()


def test_parent_child_links_are_consistent(corpus: Corpus) -> None:
    for unit in corpus.units():
        for child in unit.children:
            assert corpus.unit(child).parent == unit.id
        if unit.parent:
            assert unit.id in corpus.unit(unit.parent).children


def test_no_navigation_in_any_unit(corpus: Corpus) -> None:
    for unit in corpus.units():
        for furniture in NAVIGATION:
            assert furniture not in unit.text, (unit.id, furniture)


def test_sef_page_paragraphs_keep_their_list(corpus: Corpus) -> None:
    page = corpus.documents["sef-relacoes-internacionais"]
    assert len(page.root.children) == 7
    first = corpus.unit("sef-relacoes-internacionais/p-1")
    assert first.text.startswith("São atribuições do SEF no plano internacional:\na) Assegurar")
    assert "\nb) Garantir" in first.text
    assert corpus.unit("sef-relacoes-internacionais/p-7").own_text.startswith("O SEF assinou com o ICMPD")


def test_aima_page_paragraphs_and_sections(corpus: Corpus) -> None:
    page = corpus.documents["aima-explainer"]
    assert page.title == "What is the role of AIMA/SEF in Portugal"
    assert len(page.root.children) == 6
    p2 = corpus.unit("aima-explainer/p-2")
    assert p2.section == "AIMA's Mandate and Objectives"
    assert p2.text.count("\n") == 3 and "3. Asylum and Refugee Support" in p2.text
    assert corpus.unit("aima-explainer/p-6").own_text.startswith("AIMA plays a critical role")


def test_unknown_and_malformed_ids(corpus: Corpus) -> None:
    with pytest.raises(UnitNotFound, match="names no unit"):
        corpus.unit("dl-252-2000/art-90")
    with pytest.raises(UnitNotFound, match="not a valid unit id"):
        corpus.unit("../../etc/passwd")


def copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target


def test_missing_source_names_the_file(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    (root / "sources" / "aima-explainer.txt").unlink()
    with pytest.raises(CorpusError, match=r"aima-explainer\.txt: source file not found"):
        load_corpus(root)


def test_empty_source_names_the_file(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    (root / "sources" / "dl-252-2000.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"dl-252-2000\.txt: source file is empty"):
        load_corpus(root)


def test_wrong_document_names_the_file(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    aima = (root / "sources" / "aima-explainer.txt").read_text(encoding="utf-8")
    (root / "sources" / "dl-252-2000.txt").write_text(aima, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"dl-252-2000\.txt: not Decree-Law 252/2000"):
        load_corpus(root)


def test_binary_source_names_the_file(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    (root / "sources" / "sef-relacoes-internacionais.txt").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CorpusError, match=r"sef-relacoes-internacionais\.txt: not UTF-8"):
        load_corpus(root)


def test_rendering_for_unknown_id_is_refused(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    (root / "renderings" / "en" / "zz-typo.yaml").write_text('dl-252-2000/art-77: "x"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="no such unit or heading: dl-252-2000/art-77"):
        load_corpus(root)


def test_positions_follow_the_documents_top_to_bottom(corpus: Corpus) -> None:
    in_order = [
        "dl-252-2000",
        "dl-252-2000/preambulo/p-2",
        "dl-252-2000/art-2/n-1/al-p",
        "dl-252-2000/art-2/n-1/al-q",
        "dl-252-2000/art-13",
        "dl-252-2000/art-13/n-2/al-h",
        "dl-252-2000/art-42/al-a",
    ]
    positions = [corpus.position(unit_id) for unit_id in in_order]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    with pytest.raises(UnitNotFound):
        corpus.position("dl-252-2000/art-99")


def test_a_list_is_a_unit_holding_lettered_items(corpus: Corpus) -> None:
    assert corpus.is_list("dl-252-2000/art-20/n-2")  # the administrative board's members
    assert corpus.is_list("dl-252-2000/art-12")  # an article of items alone
    assert not corpus.is_list("dl-252-2000/art-33")  # paragraphs, not items
    assert not corpus.is_list("dl-252-2000/art-2/n-1/al-a")  # an item itself
