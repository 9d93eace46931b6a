"""Legal references written the ways people write them, resolved straight to unit ids.

"artigo 13.º", "art. 13, n.º 2, al. h)", "alínea h) do n.º 2 do artigo 13.º",
"Article 13(2)(h)", "art 47", "the 13th article", "preâmbulo §4", "Annex II",
"Article 47.1.m", "paragraph 3 of the AIMA explainer", "§2 da página do SEF".
A reference to a unit that does not exist is reported as missing, never
silently replaced by a neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass

from assistant.corpus.model import DECREE_ID
from assistant.corpus.text import normalize

_ART = r"(?:artigo|article|art\.?º?)"
_N = r"(?:n\.?\s*[º°o]\.?|nº|n\.|número|numero|paragraph|para\.?|par\.?|§)"
ITEM_WORDS = r"(?:al[íi]neas?|al\.|points?|items?|subparagraphs?|letters?|letras?)"

_PATTERNS = [
    # art. 13, n.º 2, al. h)  |  Article 13(2)(h)  |  article 13 paragraph 2 point h
    # Typed in haste: "art 13 nº2 al h", "artigo 13 n 2 alinea h", "art. 47 n1 m", "art. 2.º, 1), al. p)"
    # (Article 2 numbers its paragraphs "1)"). A bare letter only with its bracket or closing the question.
    re.compile(
        rf"\b{_ART}\s*(?P<art>\d{{1,3}})\s*(?:\.?\s*[º°o](?![a-z]))?"
        rf"(?:\s*\((?P<n1>\d{{1,2}})\))?(?:\s*\((?P<al1>[a-z])\))?"
        rf"(?:\s*,?\s*(?:{_N}|n(?=\s*\d))\s*(?P<n2>\d{{1,2}})(?![\d/])|\s*,\s*(?P<n3>\d)\))?"
        rf"(?:\s*,?\s*(?:{ITEM_WORDS}|al(?=\s+[a-z]\b))\s*\(?(?P<al2>[a-z])\b\)?"
        rf"|(?<=\d)\s*,?\s+(?:(?P<al3>[a-z])\)|(?P<al4>[a-z])(?=\s*[?.!]?\s*$)))?",
        re.IGNORECASE,
    ),
    # alínea h) do n.º 2 do artigo 13.º  |  n.º 2 do artigo 13.º  |  point (h) of paragraph 2 of article 13
    re.compile(
        rf"(?:{ITEM_WORDS}\s*\(?(?P<al>[a-z])\)?\s*(?:do|da|of)\s+)?"
        rf"(?:{_N}\s*(?P<n>\d{{1,2}})\s*(?:do|of)\s+(?:the\s+)?)"
        rf"{_ART}\s*(?P<art>\d{{1,3}})",
        re.IGNORECASE,
    ),
    # the 13th article
    re.compile(r"\b(?:the\s+)?(?P<art>\d{1,3})(?:st|nd|rd|th)\s+article\b", re.IGNORECASE),
    # Article 47.1.m, art. 13.2 (a clerk's shorthand)
    re.compile(rf"\b{_ART}\s*(?P<art>\d{{1,3}})\.(?P<n>\d{{1,2}})(?:\.(?P<al>[a-z]))?(?!\w|\.\w)", re.IGNORECASE),
    # Art. 47/1/m, artigo 47.º/1, m), 13.º/2/h: with an article's word or ordinal ("23/2007" is a law).
    re.compile(
        rf"(?:\b{_ART}\s*(?P<art>\d{{1,3}})(?:\.?\s*[º°])?|\b(?P<art_o>\d{{1,3}})\.?\s*[º°])\s*/\s*(?P<n>\d{{1,2}})(?!\d)"
        r"(?:\s*[/,]\s*(?P<al>[a-z])\)?(?!\w))?",
        re.IGNORECASE,
    ),
]
# "Artigos 9.º e 10.º", "Articles 9, 10 and 11", "arts. 9 e 10": the numbers after a plural are articles.
_PLURAL = re.compile(r"\b(?:artigos|articles|arts\.?)\s*(?P<art>\d{1,3})(?:\.?\s*[º°o](?![a-z]))?", re.IGNORECASE)
_NEXT_ARTICLE = re.compile(
    r"\s*(?:,|and|e|&)\s*(?:(?:o|the)\s+)?(?P<art>\d{1,3})(?:\.?\s*[º°o](?![a-z]))?"
    r"(?:\((?P<n>\d{1,2})\))?(?:\((?P<al>[a-z])\))?(?![\w(/]|\.\d)",
    re.IGNORECASE,
)
# "artigos 3.º a 5.º", "Articles 3 to 5": a short range names each article in it.
_RANGE = re.compile(r"\s*(?:a|to|até|-|–)\s*(?P<end>\d{1,3})(?:\.?\s*[º°](?![a-z]))?(?![\w(/]|\.\d)", re.IGNORECASE)
MAX_RANGE = 5
# "paragraph 2 of the preamble", "o §2 do preâmbulo"
_PREAMBLE_PARAGRAPH = re.compile(
    rf"(?<!\w)(?:{_N}|par[áa]grafo)\s*(?P<p>\d{{1,2}})(?!\d)\s*(?:of the|of|in the|do|no)\s+"
    r"(?:preâmbulo|preambulo|preamble)\b",
    re.IGNORECASE,
)
_PREAMBLE = re.compile(rf"\b(?:preâmbulo|preambulo|preamble)\b(?:\s*,?\s*{_N}\s*(?P<p>\d{{1,2}}))?", re.IGNORECASE)
_ANNEX = re.compile(r"\b(?:anexo|annex)\s+(?P<num>[ivx]{1,4}|\d{1,2})\b", re.IGNORECASE)
# The two web pages, as people name them; a paragraph of one is "<paragraph> of <page>" or "<page>, <paragraph>".
_PAGES = {
    "aima-explainer": r"(?:(?:the\s+)?aima\s+(?:explainer|page)|(?:the\s+)?explainer(?:\s+(?:on|about)\s+aima)?"
    r"|p[áa]gina\s+(?:explicativa\s+)?(?:sobre\s+a\s+|da\s+)aima)",
    "sef-relacoes-internacionais": r"(?:(?:the\s+)?sef(?:'s)?\s+(?:web\s*)?page(?:\s+on\s+international\s+relations)?"
    r"|(?:the\s+)?(?:sef(?:'s)?\s+)?international\s+relations\s+(?:web\s*)?page|p[áa]gina\s+do\s+sef(?:\s+sobre\s+(?:as\s+)?rela[çc][õo]es"
    r"\s+internacionais)?|p[áa]gina\s+(?:das\s+|sobre\s+as\s+)?rela[çc][õo]es\s+internacionais)",
}
# "para." and "par." only with their dot, the number whole: "a página do SEF para 2024" is "for 2024".
_PARA = r"(?:paragraph|par[áa]grafo|para\.|par\.|§)\s*(?P<p>\d{1,2})(?!\d)"
_PAGE_PARAGRAPH = [
    (doc, re.compile(pattern, re.IGNORECASE))
    for doc, page in _PAGES.items()
    for pattern in (rf"(?<!\w){_PARA}\s*(?:of|in|on|do|da|na|no)\s+{page}\b", rf"\b{page}\s*,?\s*{_PARA}")
]
_ROMAN = {str(i): r for i, r in enumerate(["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"])}


# "Article 2 of Law 23/2007", "artigo 2.º da Lei n.º 23/2007": an article of a law the corpus does not hold.
_OF_LAW = re.compile(
    r"\s*,?\s*(?:of|from|in|do|da|no|na)\s+(?:the\s+|a\s+|o\s+)?"
    r"(?:(?:decree-law|decreto-lei|decree|decreto|law|lei|dl|portaria|regulation|regulamento)"
    r"(?:\s+n\.?\s*[º°o]\.?)?\s*(?P<law>\d{1,4}(?:-[a-z])?/\d{2,4})"
    # … or named: "Article 5 of the Labour Code", "artigo 64.º da Lei de Estrangeiros", "of the Constitution".
    r"|(?P<named>(?:portuguese\s+)?constitution|constituição(?:\s+da\s+república(?:\s+portuguesa)?)?"
    r"|(?:[a-z]+\s+){1,3}code|código(?:\s+(?:do|da|de|dos|das|civil|penal|\w+)){1,4}|lei\s+(?:de|da|do)\s+(?!sef\b)\w+"
    r"|(?:[a-z]+\s+){1,3}act|(?:schengen\s+|dublin\s+)?(?:convention|convenção)(?:\s+(?:de|of)\s+\w+)?"
    r"|(?:treaty|tratado)(?:\s+(?:de|of)\s+\w+)?|(?:eu\s+)?(?:directive|diretiva|directiva)))",
    re.IGNORECASE,
)
_THIS_DECREE = ("252/2000", "252/00")


@dataclass(frozen=True)
class Reference:
    text: str  # the words of the question that make the reference
    unit_id: str  # the id they name (it may not exist)
    exists: bool
    law: str | None = None  # another law's number ("23/2007"): the unit is that law's, not in the corpus


def _article_id(art: str, n: str | None, al: str | None) -> str:
    unit = f"{DECREE_ID}/art-{int(art)}"
    if n:
        unit += f"/n-{int(n)}"
    if al:
        unit += f"/al-{al.lower()}"
    return unit


# "Article 13(2)(h) and (i)", "alíneas h) e i)", "13.2.h and 13.2.i": the next references lean on the first.
_NEXT_ITEM = re.compile(rf"\s*(?:,|and|e|or|ou|&)\s*(?:{ITEM_WORDS}\s*)?\(?(?P<al>[a-z])\)(?!\w)", re.IGNORECASE)
_NEXT_DOTTED = re.compile(
    r"\s*(?:,|and|e|or|ou|&)\s*(?P<art>\d{1,3})\.(?P<n>\d{1,2})(?:\.(?P<al>[a-z]))?(?!\w|\.\w)", re.IGNORECASE
)


def _add_continuations(
    text: str,
    end: int,
    art: str,
    n: str | None,
    al: str | None,
    add: Callable[[re.Match[str], str], bool],
    dotted: bool,
) -> None:
    """Siblings after a reference: letters after one naming an alínea, dotted numbers after a dotted one
    ("Article 75 e 1.2" is no second reference)."""
    while True:
        item = _NEXT_ITEM.match(text, end) if al else None
        next_dotted = _NEXT_DOTTED.match(text, end) if dotted else None
        if item:
            add(item, _article_id(art, n, item.group("al")))
            end = item.end()
        elif next_dotted:
            add(next_dotted, _article_id(next_dotted.group("art"), next_dotted.group("n"), next_dotted.group("al")))
            end = next_dotted.end()
        else:
            return


def _item_in_its_paragraph(unit_id: str, known: Container[str]) -> str:
    """'artigo 47, alínea m': Article 47 letters its items inside paragraph 1 only, so the item is 47(1)(m).
    Left as it is (and so missing) when no paragraph, or more than one, has that item."""
    match = re.fullmatch(r"(?P<art>.+/art-\d+)/(?P<al>al-[a-z])", unit_id)
    if unit_id in known or not match:
        return unit_id
    held = [f"{match['art']}/n-{n}/{match['al']}" for n in range(1, 10)]
    held = [h for h in held if h in known]
    return held[0] if len(held) == 1 else unit_id


def find_references(question: str, known: Container[str]) -> list[Reference]:
    """The references in a question, in the order it names them."""
    text = normalize(question)
    found: dict[str, Reference] = {}
    starts: dict[str, int] = {}
    spans: list[tuple[int, int]] = []

    def add(match: re.Match[str], unit_id: str) -> bool:
        start, end = match.span()
        if any(s <= start < e or s < end <= e for s, e in spans):
            return False
        spans.append((start, end))
        other = _OF_LAW.match(text, end) if "/art-" in unit_id else None
        if other and other.group("law") not in _THIS_DECREE:
            law = other.group("law") or other.group("named")
            slug = re.sub(r"\W+", "-", law.lower()).strip("-")
            foreign = f"law-{slug}/{unit_id.split('/', 1)[1]}"  # in no document of the corpus
            found.setdefault(foreign, Reference(text[start : other.end()].strip(), foreign, False, law))
            starts.setdefault(foreign, start)
            return True
        unit_id = _item_in_its_paragraph(unit_id, known)
        found.setdefault(unit_id, Reference(match.group(0).strip(), unit_id, unit_id in known))
        starts.setdefault(unit_id, start)
        return True

    for match in _PLURAL.finditer(text):
        if add(match, _article_id(match.group("art"), None, None)):
            end = match.end()
            span = _RANGE.match(text, end)
            first, last = int(match.group("art")), int(span.group("end")) if span else 0
            if span and 0 < last - first <= MAX_RANGE:
                # "artigos 3.º a 5.º": every article of the range, in order.
                spans.append(span.span())
                words = text[match.start() : span.end()].strip()
                for offset, number in enumerate(range(first + 1, last + 1), start=1):
                    unit_id = _article_id(str(number), None, None)
                    found.setdefault(unit_id, Reference(words, unit_id, unit_id in known))
                    starts.setdefault(unit_id, match.start() + offset)
                end = span.end()
            while following := _NEXT_ARTICLE.match(text, end):
                add(following, _article_id(following.group("art"), following.group("n"), following.group("al")))
                end = following.end()

    for pattern in (_PATTERNS[4], _PATTERNS[3], _PATTERNS[1], _PATTERNS[0], _PATTERNS[2]):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            art = groups.get("art") or groups["art_o"]
            n = next((groups[g] for g in ("n", "n1", "n2", "n3") if groups.get(g)), None)
            al = next((groups[g] for g in ("al", "al1", "al2", "al3", "al4") if groups.get(g)), None)
            if add(match, _article_id(art, n, al)):
                _add_continuations(text, match.end(), art, n, al, add, dotted=pattern is _PATTERNS[3])
    for doc, pattern in _PAGE_PARAGRAPH:
        for match in pattern.finditer(text):
            add(match, f"{doc}/p-{int(match.group('p'))}")
    for match in _PREAMBLE_PARAGRAPH.finditer(text):
        add(match, f"{DECREE_ID}/preambulo/p-{int(match.group('p'))}")
    for match in _PREAMBLE.finditer(text):
        p = match.group("p")
        add(match, f"{DECREE_ID}/preambulo/p-{int(p)}" if p else f"{DECREE_ID}/preambulo")
    for match in _ANNEX.finditer(text):
        numeral = _ROMAN.get(match.group("num"), match.group("num").lower())
        add(match, f"{DECREE_ID}/anexo-{numeral}")
    return sorted(found.values(), key=lambda r: starts[r.unit_id])
