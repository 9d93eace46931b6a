"""The unit model: what a citable piece of the corpus is, its id and its labels.

Ids follow ``shared/CONTRACT.md``: ``dl-252-2000/art-13/n-2/al-h``. They are
derived from the numbers printed in the source only, so they never depend on
the index, the model or the order of ingestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

DECREE_ID = "dl-252-2000"
# How answers name a document: 'According to para. 2 of the AIMA explainer', 'Segundo o §2 da página do SEF'.
DOCUMENT_NAMES = {
    "dl-252-2000": {"en": "Decree-Law 252/2000", "pt": "do Decreto-Lei n.º 252/2000"},
    "sef-relacoes-internacionais": {"en": "SEF's page on international relations", "pt": "da página do SEF"},
    "aima-explainer": {"en": "the AIMA explainer", "pt": "da página explicativa sobre a AIMA"},
}
DOCUMENT_IDS = (DECREE_ID, "sef-relacoes-internacionais", "aima-explainer")
ARTICLE_OF_ID = re.compile(r"^(dl-252-2000/art-\d+)")

# One segment per level; the grammar is checked by tests on every parsed id.
ID_PATTERN = re.compile(
    r"^(?P<doc>dl-252-2000|sef-relacoes-internacionais|aima-explainer)"
    r"(?:"
    r"/art-(?P<art>[1-9][0-9]?)(?:/n-(?P<n>[1-9][0-9]?))?(?:/al-(?P<al>[a-z]))?"
    r"|/preambulo(?:/p-(?P<pp>[1-9][0-9]*))?"
    r"|/anexo-(?P<anexo>i|ii)"
    r"|/fecho"
    r"|/p-(?P<p>[1-9][0-9]*)"
    r")?$"
)

# Portuguese drafting skips k, w and y when lettering alíneas.
ALINEA_LETTERS = "abcdefghijlmnopqrstuvxz"


@dataclass(frozen=True)
class Heading:
    """A chapter, section or subsection of the decree, which articles sit under."""

    id: str
    kind: str  # "capitulo" | "seccao" | "subseccao"
    number: str  # roman numeral as printed
    title: str


@dataclass
class Unit:
    """A citable unit of the corpus.

    ``own_text`` is what the unit itself says (for a paragraph with alíneas, the
    lead-in they hang from); ``text`` is the unit with all its descendants, in
    source order. Both are the source's words exactly, one source line per line.
    """

    id: str
    document: str
    # document | preamble | preamble-paragraph | article | paragraph | item | annex | closing | page-paragraph
    kind: str
    own_text: str
    text: str = ""
    number: str | None = None
    heading: str | None = None  # an article's epígrafe, an annex's reference line
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    headings: tuple[str, ...] = ()  # ids of the chapter/section/subsection above an article
    section: str | None = None  # a web page's section title
    meta: dict[str, object] = field(default_factory=dict)

    @cached_property
    def article(self) -> str | None:
        """The id of the article this unit belongs to, if any (read on every hit of every search)."""
        match = ARTICLE_OF_ID.match(self.id)
        return match.group(1) if match else None


@dataclass
class Document:
    id: str
    language: str
    title: str
    source_file: str
    units: dict[str, Unit]
    headings: dict[str, Heading] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)

    @property
    def root(self) -> Unit:
        return self.units[self.id]


def parse_id(unit_id: str) -> re.Match[str] | None:
    return ID_PATTERN.match(unit_id)


def _article_label(art: str, n: str | None, al: str | None, language: str) -> str:
    if language == "pt":
        parts = [f"Artigo {art}.º"]
        if n:
            parts.append(f"n.º {n}")
        if al:
            parts.append(f"alínea {al})")
        return ", ".join(parts)
    return f"Article {art}" + (f"({n})" if n else "") + (f"({al})" if al else "")


DOCUMENT_LABELS = {
    "dl-252-2000": {"pt": "Decreto-Lei n.º 252/2000", "en": "Decree-Law 252/2000"},
    "sef-relacoes-internacionais": {
        "pt": "SEF, Relações Internacionais",
        "en": "SEF, International Relations",
    },
    "aima-explainer": {
        "pt": "AIMA/SEF: explicação",
        "en": "AIMA/SEF explainer",
    },
}


def label(unit_id: str, language: str = "en") -> str:
    """The human label of a unit id, e.g. ``Article 13(2)(h)`` or ``Artigo 13.º, n.º 2, alínea h)``."""
    match = parse_id(unit_id)
    if match is None:
        raise ValueError(f"not a unit id: {unit_id!r}")
    lang = "pt" if language == "pt" else "en"
    groups = match.groupdict()
    if groups["art"]:
        return _article_label(groups["art"], groups["n"], groups["al"], lang)
    if groups["pp"]:
        return f"Preâmbulo, §{groups['pp']}" if lang == "pt" else f"Preamble, para. {groups['pp']}"
    if unit_id.endswith("/preambulo"):
        return "Preâmbulo" if lang == "pt" else "Preamble"
    if groups["anexo"]:
        return f"Anexo {groups['anexo'].upper()}" if lang == "pt" else f"Annex {groups['anexo'].upper()}"
    if unit_id.endswith("/fecho"):
        return "Fecho (aprovação e promulgação)" if lang == "pt" else "Closing formula (approval and promulgation)"
    if groups["p"]:
        return f"§{groups['p']}" if lang == "pt" else f"para. {groups['p']}"
    return DOCUMENT_LABELS[groups["doc"]][lang]


def full_label(unit_id: str, language: str = "en") -> str:
    """A label that names the document too, for places where the unit is shown alone."""
    doc = unit_id.split("/", 1)[0]
    own = label(unit_id, language)
    doc_label = DOCUMENT_LABELS[doc]["pt" if language == "pt" else "en"]
    return own if own == doc_label else f"{doc_label}, {own}"
