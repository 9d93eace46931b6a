"""HTML of the citation cards. Everything from the user or the corpus goes through `esc`."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from assistant.answering import Citation, messages
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


def unit_texts(corpus: Corpus, unit: Unit, language: str) -> tuple[str, str | None]:
    """(source text, unofficial rendering in ``language``, or None) of the whole unit. The rendering is None
    when ``language`` is the source's own: a Portuguese answer quoting the decree needs no English column.

    For a whole document only its header is shown: the full decree is far too long for a card.
    """
    if corpus.documents[unit.document].language == language:
        rendering = None
    elif unit.kind == "document":
        entry = corpus.renderings.get(language, {}).get(unit.id)
        rendering = entry.text if entry else None
    else:
        rendering = corpus.rendering(unit.id, language)
    return (unit.own_text if unit.kind == "document" else unit.text or unit.own_text), rendering


def citation_card(corpus: Corpus, citation: Citation, lang: str, kind: str = "cite") -> str:
    """A card for a citation of an answer in ``lang``: captions in that language, the source (quote marked) and,
    when the source is in the other language, its rendering (the quote's rendering marked). ``kind`` is a
    class: "cite", or "related" for a unit near a refused question (not evidence)."""
    if citation.id not in corpus:
        # A citation always names a corpus unit; if it ever does not, show the quote alone rather than fail.
        return (
            f"<div class='{esc(kind)}'><b>{esc(citation.label)}</b>"
            f"<p class='src'><mark>{esc(citation.quote)}</mark></p></div>"
        )
    unit = corpus.unit(citation.id)
    source, rendering = unit_texts(corpus, unit, lang)
    source_lang = corpus.documents[unit.document].language
    source_title = t(lang, "source") if source_lang == "pt" else t(lang, "source_en")
    rendering_title = t(lang, "rendering") if lang == "en" else t(lang, "rendering_pt")
    opened = root_child(corpus, unit.id)
    link = ""
    if opened:
        query = urlencode({"unit": unit.id, "lang": lang})
        anchor = f"<a href='?{esc(query)}' class='open-unit' target='_blank'>{esc(t(lang, 'open'))}</a>"
        link = f"<p class='open'>{anchor}</p>"
    lead, lead_rendering = lead_in(corpus, unit, lang)
    columns = [
        f"<div class='col' lang='{esc(source_lang)}'><div class='cap'>{esc(source_title)}</div>"
        f"{lead}<p class='src'>{highlight(source, citation.quote)}</p></div>"
    ]
    if source_lang != lang:
        rendered = highlight(rendering, citation.translation or "") if rendering else ""
        rendered = rendered or f"<i>{esc(t(lang, 'no_rendering'))}</i>"
        columns.append(
            f"<div class='col' lang='{esc(lang)}'><div class='cap'>{esc(rendering_title)}</div>"
            f"{lead_rendering}<p class='src'>{rendered}</p></div>"
        )
    where = document_name(unit.document, lang)
    where = f" <span class='doc'>· {esc(where)}</span>" if where else ""
    return (
        f"<details class='{esc(kind)} cols-{len(columns)}'>"
        f"<summary><b>{esc(citation.label)}</b>{where} <code>{esc(unit.id)}</code></summary>"
        f"<div class='cite-cols'>{''.join(columns)}</div>{link}</details>"
    )


def document_name(document: str, lang: str) -> str:
    """'Decree-Law 252/2000', 'AIMA explainer', 'página do SEF': the answers' names, without their article."""
    name = messages.DOCUMENT_NAMES.get(document, {}).get(lang, "")
    for article in ("the ", "do ", "da "):
        name = name.removeprefix(article)
    return name[:1].upper() + name[1:]


def lead_in(corpus: Corpus, unit: Unit, lang: str) -> tuple[str, str]:
    """For an alínea, the words it hangs from ("1 - Ao director regional compete:"), which say who acts; in the
    source, and in its rendering in ``lang`` (when that is not the source's language)."""
    parent = corpus.unit(unit.parent) if unit.kind == "item" and unit.parent else None
    if parent is None or not parent.own_text:
        return "", ""
    marker = str(parent.meta.get("marker", ""))
    entry = corpus.renderings.get(lang, {}).get(parent.id)
    rendered = f"<p class='lead'>{esc(marker + entry.text)}</p>" if entry and entry.text else ""
    return f"<p class='lead'>{esc(marker + parent.own_text)}</p>", rendered
