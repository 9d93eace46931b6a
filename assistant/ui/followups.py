"""Questions to ask next, built from where the cited unit sits in its document (never typed by hand).

Each is a question the assistant answers as written: the next alínea or n.º of the same list ("And (j)?",
read inside the unit cited last), the next paragraph of a web page, the powers of the body the unit's
lead-in names (from the competences table), the same answer in the other language ("And in
Portuguese?"); after a refusal, what the nearest related unit says.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.answering import Answer, Citation, messages
from assistant.corpus import Corpus, Unit
from assistant.ui.competences import Competence
from assistant.ui.i18n import t

MAX_SUGGESTIONS = 3
MAX_BODY_WORDS = 7  # a body named by a long enumeration ("subdirectores regionais, chefe de …") asks badly


def suggestions(corpus: Corpus, answer: Answer, bodies: Callable[[str], list[Competence]]) -> list[str]:
    """At most three questions following ``answer``, in its language."""
    lang = answer.language
    if answer.abstained:
        return [_what_says(corpus, c, lang) for c in answer.related[:1] if c.id in corpus]
    out: list[str] = []
    lead = answer.citations[0] if answer.citations else None
    if lead and lead.id in corpus:
        unit = corpus.unit(lead.id)
        sibling = _sibling(corpus, unit, lang)
        if sibling:
            out.append(sibling)
        body = _body_question(bodies(unit.id), lang)
        if body:
            out.append(body)
    if answer.citations:
        out.append(t(lang, "in_other"))
    return list(dict.fromkeys(out))[:MAX_SUGGESTIONS]


def _sibling(corpus: Corpus, unit: Unit, lang: str) -> str | None:
    """The next unit of the same kind under the same parent (the one before, for the last)."""
    if unit.kind not in ("item", "paragraph", "page-paragraph") or not unit.parent:
        return None
    siblings = [c for c in corpus.unit(unit.parent).children if corpus.unit(c).kind == unit.kind]
    if len(siblings) < 2:
        return None
    at = siblings.index(unit.id)
    other = corpus.unit(siblings[at + 1] if at + 1 < len(siblings) else siblings[at - 1])
    number = other.number or other.id.rsplit("-", 1)[-1]
    if unit.kind == "item":
        return t(lang, "next_item", letter=number)
    if unit.kind == "paragraph":
        return t(lang, "next_paragraph", number=number)
    return t(lang, "page_paragraph", number=number, page=messages.DOCUMENT_NAMES[unit.document][lang])


def _body_question(rows: list[Competence], lang: str) -> str | None:
    """'What are the powers of the regional director?' for the body the unit's lead-in names."""
    row = rows[0] if rows else None
    if row is None:
        return None
    body = row.body if lang == "pt" else row.body_en
    if not body or len(body.split()) > MAX_BODY_WORDS:
        return None
    key = "attributions_of" if row.kind == "attribution" else "powers_of"
    if lang == "pt":
        return t(lang, key, of_body=_of(body))
    return t(lang, key, body=body)


def _of(body: str) -> str:
    """'do director regional', 'da Direcção Central de Fronteiras', 'dos directores-gerais-adjuntos'."""
    first = body.split()[0].lower()
    feminine = first.endswith(("ção", "ções", "são", "sões", "a", "as", "dade", "dades"))
    plural = first.endswith("s") and len(first) > 3
    return ("da" if feminine else "do") + ("s" if plural else "") + " " + body


def _what_says(corpus: Corpus, citation: Citation, lang: str) -> str:
    unit = corpus.unit(citation.id)
    document = messages.DOCUMENT_NAMES[citation.document][lang]
    if unit.kind == "page-paragraph":
        return t(lang, "page_paragraph", number=unit.number or unit.id.rsplit("-", 1)[-1], page=document)
    if lang == "pt":
        return t(lang, "what_says", label=citation.label[:1].lower() + citation.label[1:], document=document)
    return t(lang, "what_says", label=citation.label, document=document)
