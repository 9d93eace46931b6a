"""Event handlers of the two staff tabs (browse the decree, who is competent), over the served corpus."""

from __future__ import annotations

import threading
from typing import Any

import gradio as gr

from assistant.api.state import ServiceState
from assistant.corpus import DECREE_ID, Corpus, label
from assistant.ui import browse
from assistant.ui.competences import Competence, CompetenceTable
from assistant.ui.i18n import t
from assistant.ui.render import esc, root_child
from assistant.ui.who_search import WhoSearch


class StaffViews:
    def __init__(self, state: ServiceState, table: CompetenceTable) -> None:
        self.state = state
        self.table = table
        self._lock = threading.Lock()
        self._search: tuple[Corpus, WhoSearch] | None = None

    @property
    def corpus(self) -> Corpus | None:
        return self.state.assistant.corpus if self.state.ready else None

    def who_search(self, corpus: Corpus) -> WhoSearch:
        """Built once per corpus (a reindex swaps it), with the served retriever's thesaurus."""
        with self._lock:
            if self._search is None or self._search[0] is not corpus:
                self._search = (corpus, WhoSearch(self.table.rows(corpus), self.state.assistant.retriever.thesaurus))
            return self._search[1]

    def requested_unit(self, raw: str | None) -> str | None:
        """A `?unit=` from the URL, kept only if it names a unit of the decree."""
        if not raw or len(raw) > 200:
            return None
        corpus = self.corpus
        if corpus is None:
            return raw  # checked once the index has loaded: views() ignores an id the corpus lacks
        return raw if root_child(corpus, raw) else None

    def article(self, unit_id: str | None, lang: str, selected: str | None = None) -> str:
        corpus = self.corpus
        if corpus is None:
            return f"<p class='hint'>{esc(t(lang, 'loading'))}</p>"
        return browse.article_html(corpus, unit_id, lang, selected)

    def views(self, lang: str, current: str | None, query: str, unit: str | None) -> list[Any]:
        """Updates for [article dropdown, table of contents, article, competences table, row count]."""
        corpus = self.corpus
        if corpus is None:
            loading = t(lang, "loading")
            return [gr.update(label=t(lang, "article")), gr.skip(), self.article(None, lang), gr.skip(), loading]
        opened = root_child(corpus, unit) if unit else None
        current = opened or (current if current in corpus else None)
        headers = [t(lang, "article"), t(lang, "heading"), t(lang, "id")]
        toc = table(browse.toc_rows(corpus, lang), headers)
        pick = gr.update(choices=browse.toc_choices(corpus, lang), value=current, label=t(lang, "article"))
        found, count = self.search(query, lang)
        return [pick, toc, self.article(current, lang, unit), found, count]

    def open_article(self, unit_id: str | None, lang: str) -> tuple[str, None]:
        return self.article(unit_id, lang), None

    def on_toc_select(self, lang: str, event: gr.SelectData) -> tuple[Any, Any, Any]:
        row = event.row_value or []
        short = str(row[-1]) if row else ""
        if not short:  # a chapter or section row: nothing to open
            return gr.skip(), gr.skip(), gr.skip()
        unit_id = f"{DECREE_ID}/{short}"
        return gr.update(value=unit_id), self.article(unit_id, lang), None

    def search(self, query: str, lang: str) -> tuple[str, str]:
        """(the table's HTML, the row count) for ``query``."""
        corpus = self.corpus
        if corpus is None:
            return "", t(lang, "loading")
        found = self.who_search(corpus).search(query or "")
        total = len(self.table.rows(corpus))
        return who_table(found, lang), t(lang, "rows", count=len(found), total=total)


def table(rows: list[list[str]], headers: list[str]) -> dict[str, list[Any]]:
    """A gr.Dataframe value whose headers follow the interface language."""
    return {"data": rows, "headers": headers}


def who_table(rows: list[Competence], lang: str) -> str:
    """A table on a desktop; on a phone, the stylesheet stacks each row as a card (each cell says what it is)."""
    names = [t(lang, key) for key in ("body", "label", "text_pt", "text_en")]
    head = "".join(f"<th>{esc(name)}</th>" for name in names)
    body = []
    for row in rows:
        cells = [
            f"<b>{esc(_body(row, lang))}</b>",
            f"{esc(label(row.unit_id, lang))}<br><code>{esc(row.unit_id)}</code>",
            f"<span lang='pt'>{esc(row.text)}</span>",
            f"<span lang='en'>{esc(row.rendering or '—')}</span>",
        ]
        tds = "".join(f"<td><span class='cell-name'>{esc(n)}</span>{c}</td>" for n, c in zip(names, cells, strict=True))
        body.append(f"<tr>{tds}</tr>")
    return f"<table class='who'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _body(row: Competence, lang: str) -> str:
    """The body as the decree names it; in the EN interface its unofficial English name first."""
    if lang == "en" and row.body_en:
        return f"{row.body_en} ({row.body})"
    return row.body
