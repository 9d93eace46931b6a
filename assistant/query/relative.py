"""Follow-ups that point inside what was just cited: "and (i)?", "e a alínea i)?", "and paragraph 3?",
"e a alínea a) do n.º 2?".

A member of staff reading Article 13(2)(h) asks for the next item by its letter alone. The letter
means an item of the same list as the unit cited last (or of the list that unit is); a paragraph
number means a paragraph of the same article (of the same page, after a page's paragraph). The
follow-up is rewritten with the full reference ("and Article 13(2)(i)?"), so that the reference
search answers it, or reports it missing, exactly as if it had been written out.
"""

from __future__ import annotations

import re

from assistant.corpus import DECREE_ID, Corpus, label
from assistant.corpus.model import DOCUMENT_NAMES
from assistant.corpus.text import normalize
from assistant.query.references import ITEM_WORDS, find_references

# "para." only with its dot (Portuguese "para 3 anos" is "for 3 years"), "n.º" only with its dot or
# ordinal ("no 2.º dia" is "on the 2nd day"), and no "número" ("o número 2 do SEF" is its deputy head).
_PARAGRAPH_WORDS = r"paragraph|parágrafo|para\.|§|n\.\s*[º°o]\.?|nº"
# "paragraph 3", "n.º 3, alínea a)", "paragraph 3(a)"
_PARAGRAPH_FIRST = re.compile(
    # Not a law's number: "Lei n.º 23/2007", "Portaria n.º 12/2001".
    rf"(?<!\w)(?:{_PARAGRAPH_WORDS})\s*\(?(?P<n>\d{{1,2}})\)?(?![\d/])"
    rf"(?:\s*,?\s*(?:{ITEM_WORDS}\s*)?\(?(?P<al>[a-z])\))?",
    re.IGNORECASE,
)
# "e a alínea a) do n.º 2?", "and item (a) of paragraph 2?": the item first.
_ITEM_OF_PARAGRAPH = re.compile(
    rf"(?<!\w)(?:{ITEM_WORDS}\s*)?\(?(?P<al>[a-z])\)\s*(?:do|da|of|in)\s+(?:the\s+)?(?:{_PARAGRAPH_WORDS})"
    rf"\s*\(?(?P<n>\d{{1,2}})\)?(?![\d/])",
    re.IGNORECASE,
)
# "item (i)", "alínea i)", "(i)", "i)": a letter in brackets ("Is there an item I must bring?" has none).
_ITEM_ALONE = re.compile(
    rf"(?<!\w)(?:{ITEM_WORDS}\s*(?:\((?P<al>[a-z])\)|(?P<al_close>[a-z])\))|\((?P<paren>[a-z])\)|(?P<bare>[a-z])\))(?!\w)",
    re.IGNORECASE,
)


def names_a_part_alone(question: str, corpus: Corpus) -> bool:
    """'e a i)?', 'and paragraph 3?' with nothing said before: a part of no unit in particular."""
    if find_references(question, corpus):
        return False
    text = normalize(question)
    if _ITEM_OF_PARAGRAPH.search(text) or _PARAGRAPH_FIRST.search(text):
        return True
    match = _ITEM_ALONE.search(text)
    if match is None:
        return False
    return bool(match.group("al") or match.group("al_close")) or len(text.split()) <= 5


def resolve_relative(question: str, cited: list[str], corpus: Corpus, language: str) -> str | None:
    """The question with its relative reference written out, or None when it has none to resolve."""
    if not cited or cited[0] not in corpus or find_references(question, corpus):
        return None
    anchor = corpus.unit(cited[0])
    text = normalize(question)
    match = _ITEM_OF_PARAGRAPH.search(text) or _PARAGRAPH_FIRST.search(text)
    if anchor.document != DECREE_ID:
        # A page: "and paragraph 3?" after its paragraph 2 is its paragraph 3 (its paragraphs have no items).
        if not match or match.group("al") or anchor.kind != "page-paragraph":
            return None
        number, name = int(match.group("n")), DOCUMENT_NAMES[anchor.document][language]
        page_reference = f"§{number} {name}" if language == "pt" else f"paragraph {number} of {name}"
        return text[: match.start()] + page_reference + text[match.end() :]
    if not anchor.article:
        return None
    if match:
        unit_id = f"{anchor.article}/n-{int(match.group('n'))}"
        if match.group("al"):
            unit_id += f"/al-{match.group('al').lower()}"
    else:
        match = _ITEM_ALONE.search(text)
        if not match or (not (match.group("al") or match.group("al_close")) and len(text.split()) > 5):
            # A bare "(c)" or "a)" is a reference only in a short follow-up ("and (i)?"), not in "Can they
            # be delegated to a) the subdirector or b) …?".
            return None
        letter = next(match.group(g) for g in ("al", "al_close", "paren", "bare") if match.group(g)).lower()
        if anchor.kind == "item":
            parent = anchor.parent
        elif corpus.is_list(anchor.id) or not anchor.children:
            parent = anchor.id  # its list, or a unit without one: "(b)" is then refused by name
        else:
            return None  # "(i)" of an article with several lists: which one is not known
        unit_id = f"{parent}/al-{letter}"
    return text[: match.start()] + label(unit_id, language) + text[match.end() :]
