"""Plain-text views of the corpus: a unit with its structure, a table of contents."""

from __future__ import annotations

from assistant.corpus.corpus import Corpus
from assistant.corpus.model import Unit, label

DIVISION_NAMES = {
    "pt": {"capitulo": "CAPÍTULO", "seccao": "SECÇÃO", "subseccao": "SUBSECÇÃO"},
    "en": {"capitulo": "CHAPTER", "seccao": "SECTION", "subseccao": "SUBSECTION"},
}
UNOFFICIAL = {"en": "unofficial English rendering", "pt": "tradução não oficial para português"}


def unit_context(corpus: Corpus, unit: Unit, language: str) -> list[str]:
    """Chapter / section / subsection titles above an article (or above a unit's article)."""
    article = corpus.unit(unit.article) if unit.article else None
    lines = []
    for heading_id in article.headings if article else ():
        heading = corpus.heading(heading_id)
        title = heading.title
        if language != corpus.documents[unit.document].language:
            title = corpus.rendered_heading(heading_id, language) or title
        lines.append(f"{DIVISION_NAMES[language][heading.kind]} {heading.number} — {title}")
    return lines


def show_unit(corpus: Corpus, unit_id: str) -> str:
    unit = corpus.unit(unit_id)
    document = corpus.documents[unit.document]
    source_lang = document.language
    other = corpus.translation_language(unit)
    out = [f"{label(unit.id, source_lang)}  [{unit.id}]"]
    out.extend("  " + line for line in unit_context(corpus, unit, source_lang))
    if document.meta.get("status") == "revoked":
        out.append(f"  ! Revogado por {document.meta['revoked_by']} — não está em vigor.")
    if unit.heading:
        out.append(f"\n{unit.heading}")
    out.append(unit.text or unit.own_text)
    for key in ("amended_by", "previous_versions", "referred_by", "note"):
        if unit.meta.get(key):
            out.append(f"  ({key.replace('_', ' ')}: {unit.meta[key]})")
    rendering = corpus.rendering(unit.id, other)
    out.append(f"\n--- {label(unit.id, other)} ({UNOFFICIAL[other]}) ---")
    heading = corpus.rendered_heading(unit.id, other) if unit.heading else None
    if heading:
        out.append(heading)
    out.append(rendering if rendering is not None else "(no rendering yet)")
    if unit.children:
        out.append("\nUnits: " + ", ".join(unit.children))
    return "\n".join(out)


def table_of_contents(corpus: Corpus, document_id: str, language: str = "pt") -> str:
    document = corpus.documents[document_id]
    translate = language != document.language
    out = [document.title]
    if document.meta.get("status") == "revoked":
        out.append(f"Revoked by / revogado por: {document.meta['revoked_by']}")
    seen_headings: set[str] = set()
    for child_id in document.root.children:
        unit = corpus.unit(child_id)
        for depth, heading_id in enumerate(unit.headings):
            if heading_id in seen_headings:
                continue
            seen_headings.add(heading_id)
            heading = corpus.heading(heading_id)
            title = (corpus.rendered_heading(heading_id, language) if translate else None) or heading.title
            name = DIVISION_NAMES[language][heading.kind]
            out.append(f"{'  ' * depth}{name} {heading.number} — {title}")
        indent = "  " * len(unit.headings)
        title = unit.heading or unit.section or ""
        if translate and unit.heading:
            title = corpus.rendered_heading(unit.id, language) or title
        first = unit.own_text.splitlines()[0] if unit.own_text else ""
        summary = title or (first[:70] + ("…" if len(first) > 70 else ""))
        out.append(f"{indent}  {label(unit.id, language)}: {summary}  [{unit.id}]")
    return "\n".join(out)
