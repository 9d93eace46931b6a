"""HTML for the chat bubbles and citation cards. Everything from the user or the corpus goes through `esc`."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from assistant.answering import Answer, Citation
from assistant.corpus import DECREE_ID, Corpus, Unit
from assistant.ui.i18n import t


def esc(text: str) -> str:
    """HTML-escape, and also `$ { }`: gr.HTML values pass through a JS/Handlebars template, where
    `${…}` or `{{…}}` in corpus text would otherwise be interpreted instead of shown."""
    return html.escape(text, quote=True).replace("$", "&#36;").replace("{", "&#123;").replace("}", "&#125;")


def highlight(text: str, quote: str) -> str:
    """`text` escaped, with every occurrence of `quote` wrapped in <mark>.

    The quote is verbatim source text, but it may join lines with spaces or leave out a part with
    "…"; each fragment is then looked up with any run of whitespace matching any other.
    """
    fragments = [f.strip() for f in re.split(r"…|\[\.\.\.\]|\.\.\.", quote) if len(f.strip()) > 2]
    spans: list[tuple[int, int]] = []
    for fragment in fragments:
        pattern = r"\s+".join(re.escape(word) for word in fragment.split())
        spans.extend(m.span() for m in re.finditer(pattern, text))
    if not spans:
        return esc(text)
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue  # overlapping fragments: keep the first
        out.append(esc(text[position:start]) + "<mark>" + esc(text[start:end]) + "</mark>")
        position = end
    out.append(esc(text[position:]))
    return "".join(out)


def root_child(corpus: Corpus, unit_id: str) -> str | None:
    """The article, preamble, annex or closing of the decree a unit belongs to (what the browse tab shows)."""
    if not unit_id.startswith(DECREE_ID + "/") or unit_id not in corpus:
        return None
    unit = corpus.unit(unit_id)
    while unit.parent and unit.parent != DECREE_ID:
        unit = corpus.unit(unit.parent)
    return unit.id


def unit_texts(corpus: Corpus, unit: Unit) -> tuple[str, str | None, str]:
    """(source text, unofficial rendering, rendering language) of the whole unit.

    For a whole document only its header is shown: the full decree is far too long for a card.
    """
    other = corpus.translation_language(unit)
    if unit.kind == "document":
        entry = corpus.renderings.get(other, {}).get(unit.id)
        return unit.own_text, entry.text if entry else None, other
    return unit.text or unit.own_text, corpus.rendering(unit.id, other), other


def citation_card(corpus: Corpus, citation: Citation, lang: str) -> str:
    if citation.id not in corpus:
        # A citation always names a corpus unit; if it ever does not, show the quote alone rather than fail.
        return (
            f"<div class='cite'><b>{esc(citation.label)}</b><p class='src'><mark>{esc(citation.quote)}</mark></p></div>"
        )
    unit = corpus.unit(citation.id)
    source, rendering, other = unit_texts(corpus, unit)
    source_lang = corpus.documents[unit.document].language
    source_title = t(lang, "source") if source_lang == "pt" else t(lang, "source_en")
    rendering_title = t(lang, "rendering") if other == "en" else t(lang, "rendering_pt")
    opened = root_child(corpus, unit.id)
    link = ""
    if opened:
        query = urlencode({"unit": unit.id, "lang": lang})
        anchor = f"<a href='?{esc(query)}' class='open-unit' data-unit='{esc(unit.id)}'>{esc(t(lang, 'open'))}</a>"
        link = f"<p class='open'>{anchor}</p>"
    rendered = esc(rendering) if rendering else f"<i>{esc(t(lang, 'no_rendering'))}</i>"
    lead, lead_rendering = lead_in(corpus, unit, other)
    return (
        f"<details class='cite' data-id='{esc(unit.id)}'>"
        f"<summary><b>{esc(citation.label)}</b> <code>{esc(unit.id)}</code></summary>"
        "<div class='cite-cols'>"
        f"<div class='col' lang='{esc(source_lang)}'><div class='cap'>{esc(source_title)}</div>"
        f"{lead}<p class='src'>{highlight(source, citation.quote)}</p></div>"
        f"<div class='col' lang='{esc(other)}'><div class='cap'>{esc(rendering_title)}</div>"
        f"{lead_rendering}<p class='src'>{rendered}</p></div>"
        f"</div>{link}</details>"
    )


def lead_in(corpus: Corpus, unit: Unit, other: str) -> tuple[str, str]:
    """For an alínea, the words it hangs from ("1 - Ao director regional compete:"), which say who acts."""
    parent = corpus.unit(unit.parent) if unit.kind == "item" and unit.parent else None
    if parent is None or not parent.own_text:
        return "", ""
    marker = str(parent.meta.get("marker", ""))
    entry = corpus.renderings.get(other, {}).get(parent.id)
    rendered = f"<p class='lead'>{esc(marker + entry.text)}</p>" if entry and entry.text else ""
    return f"<p class='lead'>{esc(marker + parent.own_text)}</p>", rendered


def partial_answer_html(shown: str) -> str:
    """The bubble while the answer streams in: the text so far; cards come with the whole answer."""
    return f"<div class='answer'>{esc(shown)}</div>"


def answer_html(corpus: Corpus, answer: Answer, lang: str) -> str:
    """One assistant bubble: the answer text, then its cards and notices."""
    text = partial_answer_html(answer.answer)
    cards = "".join(citation_card(corpus, c, lang) for c in answer.citations)
    notices = "".join(f"<p class='notice'>⚠ {esc(n)}</p>" for n in answer.notices)
    return text + (f"<div class='cites'>{cards}</div>" if cards else "") + notices


def message_html(text: str, kind: str = "info") -> str:
    return f"<div class='{esc(kind)}'>{esc(text)}</div>"
