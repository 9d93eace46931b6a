"""Everyday phrasings (document expansion): keyed by real units, both languages, checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import Corpus, load_corpus
from assistant.errors import CorpusError
from assistant.retrieval.passages import build_passages, everyday_id
from tests.corpus.test_corpus import copy_corpus


def test_every_unit_with_text_has_phrasings_in_both_languages(corpus: Corpus) -> None:
    missing = [
        u.id
        for u in corpus.units()
        if u.own_text and u.kind != "preamble" and set(corpus.expansions.get(u.id, {})) != {"pt", "en"}
    ]
    assert missing == []


def test_phrasings_are_short_plain_strings(corpus: Corpus) -> None:
    too_long = [
        (unit_id, p)
        for unit_id, entry in corpus.expansions.items()
        for ps in entry.values()
        for p in ps
        if len(p) > 200
    ]
    assert too_long == []


def test_everyday_passage_carries_the_article_heading_and_phrasings(corpus: Corpus) -> None:
    passages = {p.id: p for p in build_passages(corpus)}
    unit_id = "dl-252-2000/art-47/n-1/al-m"
    en = passages[everyday_id(unit_id, "en")]
    assert en.unit_id == unit_id and en.language == "en"
    assert en.text.startswith("Article 47 — ")
    assert all(p in en.text for p in corpus.expansions[unit_id]["en"])
    # The source passage is unchanged: phrasings never mix into the law's own words.
    assert "Conceder e renovar autorizações de residência" in passages[f"{unit_id}#pt"].text
    assert not any(p in passages[f"{unit_id}#pt"].text for p in corpus.expansions[unit_id]["pt"])


def test_phrasings_change_the_fingerprint(tmp_path: Path, corpus: Corpus) -> None:
    root = copy_corpus(tmp_path)
    path = next((root / "expansions").glob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_corpus(root).fingerprint != corpus.fingerprint


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("dl-252-2000/art-99:\n  pt: [x]\n  en: [y]\n", r"expansions: no such unit: dl-252-2000/art-99"),
        ("dl-252-2000/art-47:\n  fr: [x]\n", r"expected \{pt: \[\.\.\.\], en: \[\.\.\.\]\}"),
        ('dl-252-2000/art-47:\n  pt: [""]\n', r"art-47\.pt: expected a list of non-empty strings"),
        ("dl-252-2000/art-47: [unclosed\n", r"not valid YAML"),
    ],
)
def test_bad_phrasing_files_are_named(tmp_path: Path, content: str, message: str) -> None:
    root = copy_corpus(tmp_path)
    (root / "expansions" / "zz-extra.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus(root)


def test_the_same_unit_twice_is_refused(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    (root / "expansions" / "zz-extra.yaml").write_text("dl-252-2000/art-47:\n  pt: [x]\n  en: [y]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"zz-extra\.yaml: phrasings for dl-252-2000/art-47 are given twice"):
        load_corpus(root)
