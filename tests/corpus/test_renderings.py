"""Unofficial renderings: complete, keyed by real ids, faithful to numbers and abbreviations."""

from __future__ import annotations

import re

from assistant.corpus import Corpus

NUMBER = re.compile(r"\d+")
# Acronyms as printed: SEF, DCIPAI, DPr, NSIS, BADEP... (not capitalised words, not all-caps titles).
ABBREVIATION = re.compile(r"\b(?:[A-Z]{2,}[a-z]?|[A-Z][a-z]?[A-Z]{2,})\b")


def own_rendering(corpus: Corpus, unit_id: str) -> str:
    unit = corpus.unit(unit_id)
    language = corpus.translation_language(unit)
    entry = corpus.renderings.get(language, {}).get(unit_id)
    return entry.text if entry else ""


def test_every_unit_has_a_rendering(corpus: Corpus) -> None:
    missing = []
    for unit in corpus.units():
        language = corpus.translation_language(unit)
        if unit.own_text and not own_rendering(corpus, unit.id):
            missing.append(unit.id)
        if unit.heading and not corpus.rendered_heading(unit.id, language):
            missing.append(f"{unit.id} (heading)")
        assert corpus.rendering(unit.id, language) is not None or unit.id in " ".join(missing)
    assert missing == []


def test_every_division_heading_is_rendered(corpus: Corpus) -> None:
    for document in corpus.documents.values():
        for heading_id in document.headings:
            assert corpus.rendered_heading(heading_id, "en"), heading_id


def test_renderings_keep_every_number(corpus: Corpus) -> None:
    problems = []
    for unit in corpus.units():
        rendering = own_rendering(corpus, unit.id)
        for source, target in ((unit.own_text, rendering), (unit.heading or "", "")):
            if not target:
                continue
            missing = set(NUMBER.findall(source)) - set(NUMBER.findall(target))
            if missing:
                problems.append((unit.id, sorted(missing)))
    assert problems == []


def test_renderings_keep_every_abbreviation(corpus: Corpus) -> None:
    problems = []
    for unit in corpus.units():
        rendering = own_rendering(corpus, unit.id)
        if not rendering:
            continue
        # A title printed in capitals is words, not abbreviations.
        source = "\n".join(line for line in unit.own_text.splitlines() if not line.isupper())
        missing = set(ABBREVIATION.findall(source)) - set(ABBREVIATION.findall(rendering))
        if missing:
            problems.append((unit.id, sorted(missing)))
    assert problems == []


def test_full_rendering_composes_children_in_order(corpus: Corpus) -> None:
    text = corpus.rendering("dl-252-2000/art-13", "en")
    assert text is not None
    lines = text.splitlines()
    assert lines[0].startswith("1 - ") and any(line.startswith("h) ") for line in lines)
    assert corpus.rendering("dl-252-2000/art-13", "pt") is None  # the source's own language
    assert corpus.rendering("aima-explainer/p-2", "pt")
