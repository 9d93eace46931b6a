"""An answer as plain text, for the copy button: what a person pastes into an e-mail or a case file.

The answer, then each citation's label, verbatim quote and unofficial rendering, then the notices; for
a refusal, where to go and the related units. No markup: the chat bubble's HTML is for the page only.
"""

from __future__ import annotations

from assistant.answering import Answer, Citation
from assistant.ui.i18n import t
from assistant.ui.render import document_name


def plain_text(answer: Answer) -> str:
    lang = answer.language
    parts = [answer.answer.strip()]
    if answer.pointer:
        parts.append(f"{t(lang, 'where_to_go')}:\n{_citation(answer.pointer, lang)}")
    if answer.related:
        parts.append(f"{t(lang, 'related')}:\n" + "\n\n".join(_citation(c, lang) for c in answer.related))
    if answer.citations:
        parts.append(f"{t(lang, 'sources')}:\n" + "\n\n".join(_citation(c, lang) for c in answer.citations))
    parts.extend(f"⚠ {notice}" for notice in answer.notices)
    return "\n\n".join(p for p in parts if p)


def _citation(citation: Citation, lang: str) -> str:
    where = document_name(citation.document, lang)
    lines = [f"{citation.label}, {where} ({citation.id})" if where else f"{citation.label} ({citation.id})"]
    lines.append(f"“{citation.quote.strip()}”")
    if citation.translation:
        caption = t(lang, "rendering") if lang == "en" else t(lang, "rendering_pt")
        lines.append(f"{caption}: “{citation.translation.strip()}”")
    return "\n".join(lines)
