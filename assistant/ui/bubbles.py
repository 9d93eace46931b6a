"""HTML of the chat bubbles. An answer's bubble is written in the answer's language, whatever the interface's:
its text, where to go and related units (after a refusal), its citation cards, one notice, questions to ask
next, a copy button (the plain text sits hidden beside it) and the feedback given on it.

The Chatbot sanitizes its HTML (no scripts, no data- attributes): the page's script (script.py) finds what
it needs by class.
"""

from __future__ import annotations

from assistant.answering import Answer
from assistant.corpus import Corpus
from assistant.ui.i18n import t
from assistant.ui.plain import plain_text
from assistant.ui.render import citation_card, esc


def user_bubble(text: str) -> dict[str, str]:
    # render_markdown=False makes the Chatbot treat content as (sanitized) HTML: escaping shows the user's
    # words as typed, `<script>` and `![x](…)` included, instead of letting them become markup.
    return {"role": "user", "content": f"<div class='user-text'>{esc(text)}</div>"}


def bot_bubble(content: str) -> dict[str, str]:
    return {"role": "assistant", "content": content}


def note_html(text: str, kind: str = "info") -> str:
    """A bubble that is not an answer (index loading, refused question, failure, stopped): nothing to rate."""
    return f"<div class='note {esc(kind)}'>{esc(text)}</div>"


def loading_html(lang: str) -> str:
    return f"<div class='loading' role='status'><span class='spinner'></span> {esc(t(lang, 'thinking'))}</div>"


def streaming_html(shown: str) -> str:
    """The bubble while the answer streams in: the text so far; the rest comes with the whole answer."""
    return f"<div class='bot-answer streaming'><div class='answer'>{esc(shown)}</div></div>"


def answer_html(
    corpus: Corpus | None,
    answer: Answer,
    follow_ups: list[str],
    rating: int | None = None,
    comment: str = "",
) -> str:
    lang = answer.language
    parts = [f"<div class='answer'>{esc(answer.answer)}</div>"]
    if corpus is not None:
        parts.append(_way_forward(corpus, answer))
        cards = "".join(citation_card(corpus, c, lang) for c in answer.citations)
        parts.append(f"<div class='cites'>{cards}</div>" if cards else "")
    if answer.notices:
        # One notice per answer, however many things it says (revoked, renderings unofficial, amended).
        parts.append(f"<div class='notice'>⚠ {' '.join(esc(n) for n in answer.notices)}</div>")
    if follow_ups:
        buttons = "".join(f"<button type='button' class='follow'>{esc(q)}</button>" for q in follow_ups)
        parts.append(f"<div class='follow-ups'><span class='cap'>{esc(t(lang, 'follow_ups'))}</span>{buttons}</div>")
    parts.append(
        "<div class='tools'><button type='button' class='copy-answer'>"
        f"<span class='copy-label'>{esc(t(lang, 'copy'))}</span>"
        f"<span class='copied-label'>✓ {esc(t(lang, 'copied'))}</span></button></div>"
    )
    parts.append(feedback_html(lang, rating, comment))
    parts.append(f"<pre class='plain' hidden>{esc(plain_text(answer))}</pre>")
    return f"<div class='bot-answer answer-done' lang='{esc(lang)}'>{''.join(parts)}</div>"


def feedback_html(lang: str, rating: int | None, comment: str) -> str:
    """What the person said of this answer, kept under it (the thumbs alone are easy to miss)."""
    if rating not in (1, -1):
        return ""
    said = esc(t(lang, f"rated_{rating}"))
    if comment:
        said += f"<br>{esc(t(lang, 'your_comment', comment=comment))}"
    return f"<p class='feedback-note'>{said}</p>"


def _way_forward(corpus: Corpus, answer: Answer) -> str:
    """After a refusal: the unit saying where to go, then the units near the question, marked as not an answer."""
    lang = answer.language
    out = ""
    if answer.pointer:
        card = citation_card(corpus, answer.pointer, lang, kind="cite pointer")
        out += f"<div class='way'><div class='way-title'>{esc(t(lang, 'where_to_go'))}</div>{card}</div>"
    if answer.related:
        cards = "".join(citation_card(corpus, c, lang, kind="cite related") for c in answer.related)
        out += f"<div class='way related-units'><div class='way-title'>{esc(t(lang, 'related'))}</div>{cards}</div>"
    return out
