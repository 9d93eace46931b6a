"""What gets indexed: one passage per unit and language, with enough context to stand alone.

An alínea alone ("Conceder e renovar autorizações de residência;") does not say
who does it; its passage carries the article's heading and the lead-in it hangs
from ("Ao director regional compete:"). Each unit is indexed in its source
language and in its rendering, so either language reaches every unit. A unit
with hand-written everyday phrasings (corpus/expansions/) gets one more passage
per language, ``<unit id>#<language>.everyday``, so that a question in plain
words meets the unit's meaning in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.corpus import DECREE_ID, Corpus, Unit, label

PAGE_TITLES = {
    "sef-relacoes-internacionais": {
        "pt": "SEF — Relações Internacionais",
        "en": "SEF — International relations",
    },
    "aima-explainer": {"pt": "O papel da AIMA/SEF em Portugal", "en": "The role of AIMA/SEF in Portugal"},
}


@dataclass(frozen=True)
class Passage:
    id: str  # "<unit id>#<language>" or "<unit id>#<language>.everyday"
    unit_id: str
    document: str
    article: str | None
    language: str
    text: str  # what is embedded and matched: context + the unit's own words

    @property
    def metadata(self) -> dict[str, str]:
        return {
            "unit_id": self.unit_id,
            "document": self.document,
            "article": self.article or "",
            "language": self.language,
        }


def build_passages(corpus: Corpus) -> list[Passage]:
    passages: list[Passage] = []
    for unit in corpus.units():
        if unit.kind == "preamble":
            continue
        source_language = corpus.documents[unit.document].language
        for language in ("pt", "en"):
            texts = {
                f"{unit.id}#{language}": passage_text(corpus, unit, language, source_language),
                everyday_id(unit.id, language): everyday_text(corpus, unit, language, source_language),
            }
            passages.extend(
                Passage(
                    id=passage_id,
                    unit_id=unit.id,
                    document=unit.document,
                    article=unit.article,
                    language=language,
                    text=text,
                )
                for passage_id, text in texts.items()
                if text
            )
    return passages


def everyday_id(unit_id: str, language: str) -> str:
    return f"{unit_id}#{language}.everyday"


def everyday_text(corpus: Corpus, unit: Unit, language: str, source_language: str) -> str:
    """The unit's everyday phrasings, after its article's label and heading for context."""
    phrasings = corpus.expansions.get(unit.id, {}).get(language, [])
    if not phrasings:
        return ""
    context = _article_context(corpus, unit, language, source_language) if unit.document == DECREE_ID else ""
    return " ".join(part for part in [context, "; ".join(phrasings)] if part)


def _article_context(corpus: Corpus, unit: Unit, language: str, source_language: str) -> str:
    """'Article 47 — Powers of the regional director.': what a unit of an article is about."""
    if not unit.article:
        return ""
    article = corpus.unit(unit.article)
    heading = _heading(corpus, article, language, source_language)
    return f"{label(article.id, language)} — {heading}." if heading else f"{label(article.id, language)}."


def _own(corpus: Corpus, unit: Unit, language: str, source_language: str) -> str:
    if language == source_language:
        return unit.own_text
    entry = corpus.renderings.get(language, {}).get(unit.id)
    return entry.text if entry else ""


def _heading(corpus: Corpus, unit: Unit, language: str, source_language: str) -> str:
    if not unit.heading:
        return ""
    if language == source_language:
        return unit.heading
    return corpus.rendered_heading(unit.id, language) or ""


def passage_text(corpus: Corpus, unit: Unit, language: str, source_language: str) -> str:
    if unit.kind == "document":
        return _document_text(corpus, unit, language)
    own = _own(corpus, unit, language, source_language)
    if not own:
        return ""
    context: list[str] = []
    if unit.document == DECREE_ID and unit.article:
        article = corpus.unit(unit.article)
        context.append(_article_context(corpus, unit, language, source_language))
        # The lead-ins this unit hangs from (article lead-in, paragraph lead-in), top down.
        chain = []
        parent_id = unit.parent
        while parent_id and parent_id != article.id:
            chain.append(corpus.unit(parent_id))
            parent_id = corpus.unit(parent_id).parent
        if unit.id != article.id:
            chain.append(article)
        for ancestor in reversed(chain):
            lead = _own(corpus, ancestor, language, source_language)
            if lead and ancestor.id != unit.id:
                context.append(lead)
    elif unit.kind == "preamble-paragraph":
        context.append("Preâmbulo." if language == "pt" else "Preamble.")
        lead_id = unit.meta.get("lead_in")
        if isinstance(lead_id, str):
            context.append(_own(corpus, corpus.unit(lead_id), language, source_language))
    elif unit.kind == "annex":
        heading = _heading(corpus, unit, language, source_language)
        context.append(heading)
        referred = unit.meta.get("referred_by")
        if isinstance(referred, str):
            context.append(_own(corpus, corpus.unit(referred), language, source_language))
    elif unit.kind == "page-paragraph":
        context.append(PAGE_TITLES[unit.document][language] + (f" — {unit.section}" if unit.section else ""))
    return " ".join(part for part in [*context, own] if part)


def _document_text(corpus: Corpus, unit: Unit, language: str) -> str:
    """The decree's header facts (number, title, status) as a passage; pages have none."""
    meta = corpus.documents[unit.document].meta
    if unit.document != DECREE_ID:
        return ""
    if language == "pt":
        return (
            f"{meta['number']} — {meta['title']}. {meta['summary']}. {meta['wording']}. "
            f"Estado: revogado — {meta['revocation_note']}"
        )
    title = corpus.rendered_heading(unit.id, "en") or ""
    return (
        f"Decree-Law 252/2000 of 16 October — {title}. Approves the organic structure and defines the "
        f"attributions of the Immigration and Borders Service (SEF). Status: revoked by "
        f"{meta['revoked_by_short']} (Lei n.º 73/2021, de 12 de Novembro); no longer in force."
    )
