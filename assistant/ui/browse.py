"""The staff view of the decree: its table of contents and one article at a time, PT and EN side by side."""

from __future__ import annotations

from assistant.answering.notices import notices_for
from assistant.corpus import DECREE_ID, Corpus, Unit, label
from assistant.corpus.display import DIVISION_NAMES
from assistant.ui.i18n import t
from assistant.ui.render import esc

OTHER = "en"  # the decree is Portuguese; its renderings are English


def _title(corpus: Corpus, unit: Unit, lang: str) -> str:
    """An article's epígrafe (rendered in English for the EN interface), or the start of its text."""
    if unit.heading:
        if lang == OTHER:
            return corpus.rendered_heading(unit.id, OTHER) or unit.heading
        return unit.heading
    text = unit.own_text or unit.text  # the preamble has no text of its own: show its opening words
    if lang == OTHER:  # in the English interface, from the rendering (the preamble's: its first paragraph's)
        source = unit if unit.own_text or not unit.children else corpus.unit(unit.children[0])
        text = corpus.rendering(source.id, OTHER) or text
    first = text.splitlines()[0] if text else ""
    return first[:70] + ("…" if len(first) > 70 else "")


def _division(corpus: Corpus, heading_id: str, lang: str, with_title: bool = False) -> str:
    heading = corpus.heading(heading_id)
    name = f"{DIVISION_NAMES[lang][heading.kind]} {heading.number}"
    if not with_title:
        return name
    title = (corpus.rendered_heading(heading_id, OTHER) if lang == OTHER else None) or heading.title
    return f"{name} — {title}"


def toc_rows(corpus: Corpus, lang: str) -> list[list[str]]:
    """The table of contents as [label, title, id within the decree] rows: a row per chapter/section/subsection
    (with no id, in capitals) as it opens, then a row per article (and the preamble, annexes and closing)."""
    rows = []
    opened: set[str] = set()
    for child_id in corpus.documents[DECREE_ID].root.children:
        unit = corpus.unit(child_id)
        for heading_id in unit.headings:
            if heading_id not in opened:
                opened.add(heading_id)
                name, _, title = _division(corpus, heading_id, lang, with_title=True).partition(" — ")
                rows.append([name, title, ""])
        rows.append([label(unit.id, lang), _title(corpus, unit, lang), unit.id.removeprefix(DECREE_ID + "/")])
    return rows


def toc_choices(corpus: Corpus, lang: str) -> list[tuple[str, str]]:
    return [(f"{row[0]} — {row[1]}", f"{DECREE_ID}/{row[2]}") for row in toc_rows(corpus, lang) if row[2]]


def _own_rendering(corpus: Corpus, unit: Unit) -> str | None:
    entry = corpus.renderings.get(OTHER, {}).get(unit.id)
    if entry is None or not entry.text:
        return None
    return f"{unit.meta.get('marker', '')}{entry.text}"


def _rows(corpus: Corpus, unit: Unit, selected: str | None, depth: int = 0) -> list[str]:
    """A table row per unit with text of its own, depth first, so that alíneas sit under their n.º."""
    out = []
    if unit.own_text and unit.kind != "document":
        # The cited unit and everything under it (a cited n.º brings its alíneas along).
        marked = " selected" if selected and (unit.id == selected or unit.id.startswith(selected + "/")) else ""
        rendering = _own_rendering(corpus, unit)
        out.append(
            f"<tr class='depth-{depth}{marked}' id='{esc(unit.id)}'>"
            f"<td lang='pt'><code>{esc(unit.id.split('/', 1)[1])}</code> {esc(str(unit.meta.get('marker', '')))}"
            f"{esc(unit.own_text)}</td>"
            f"<td lang='en'>{esc(rendering) if rendering else '<i>—</i>'}</td></tr>"
        )
    for child_id in unit.children:
        out.extend(_rows(corpus, corpus.unit(child_id), selected, depth + (1 if unit.own_text else 0)))
    return out


def article_html(corpus: Corpus, unit_id: str | None, lang: str, selected: str | None = None) -> str:
    """The article (or preamble, annex, closing) `unit_id`, with the unit `selected` highlighted."""
    if not unit_id or unit_id not in corpus:
        return f"<p class='hint'>{esc(t(lang, 'pick'))}</p>"
    unit = corpus.unit(unit_id)
    context = "".join(
        f"<div class='division'>{esc(_division(corpus, h, lang, with_title=True))}</div>" for h in unit.headings
    )
    notices = "".join(f"<p class='notice'>⚠ {esc(n)}</p>" for n in notices_for(corpus, [DECREE_ID], lang))
    heading_pt = f" — {esc(unit.heading)}" if unit.heading else ""
    heading_en = corpus.rendered_heading(unit.id, OTHER) if unit.heading else None
    title = f"<h3 lang='pt'>{esc(label(unit.id, 'pt'))}{heading_pt}</h3>" + (
        f"<p class='heading-en' lang='en'>{esc(label(unit.id, 'en'))} — {esc(heading_en)}</p>" if heading_en else ""
    )
    head = f"<tr><th>{esc(t(lang, 'source'))}</th><th>{esc(t(lang, 'rendering'))}</th></tr>"
    body = "".join(_rows(corpus, unit, selected if selected != unit.id else None))
    return (
        f"<div class='article' data-id='{esc(unit.id)}'>{context}{title}{notices}"
        f"<table class='units'><thead>{head}</thead><tbody>{body}</tbody></table></div>"
    )
