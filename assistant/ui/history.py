"""The conversation as the browser keeps it (gr.BrowserState: localStorage), so that a reload, or coming back
later, shows it again and a follow-up continues it on the server (within the server's TTL: after that, the
server starts a new conversation and the next answer carries its id).

What is kept is data, not HTML: each turn's question and answer (text, citations, notices, way forward),
and the feedback given on it. The bubbles are rendered again from it, against the served corpus.
The stored value comes back from the browser, so it is read defensively: anything malformed is dropped.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from assistant.answering import Answer, Citation
from assistant.corpus import Corpus
from assistant.ui.bubbles import answer_html, bot_bubble, note_html, user_bubble

KEY_FILE = "browser-state.key"
MAX_TURNS = 30  # localStorage holds a few MB; a conversation this long is a new one's job
RATINGS = {1: "Like", -1: "Dislike"}  # the Chatbot's feedback values
CITATION_FIELDS = ("id", "document", "label", "quote", "translation")

Stored = dict[str, Any]  # {"conversation_id": str | None, "turns": [turn, …]}
Suggest = Callable[[Answer], list[str]]


def empty() -> Stored:
    return {"conversation_id": None, "turns": []}


def clean(stored: Any) -> Stored:
    """The stored value with only well-formed turns, or an empty conversation."""
    if not isinstance(stored, dict):
        return empty()
    cid = stored.get("conversation_id")
    turns = [t for t in stored.get("turns") or [] if _valid_turn(t)]
    return {"conversation_id": cid if isinstance(cid, str) and len(cid) <= 64 else None, "turns": turns[-MAX_TURNS:]}


def with_turn(stored: Stored, turn: dict[str, Any], conversation_id: str | None = None) -> Stored:
    turns = [*stored["turns"], turn][-MAX_TURNS:]
    return {"conversation_id": conversation_id or stored["conversation_id"], "turns": turns}


def answer_turn(question: str, answer: Answer) -> dict[str, Any]:
    return {"question": question, "kind": "answer", "answer": answer.to_dict(), "feedback_id": None, "rating": None}


def note_turn(question: str, text: str, kind: str) -> dict[str, Any]:
    return {"question": question, "kind": kind, "text": text}


def turn_of(message_index: int) -> int:
    """A chat message's turn: each turn shows the question, then its answer."""
    return message_index // 2


def answer_of(turn: dict[str, Any]) -> Answer | None:
    data = turn.get("answer")
    if turn.get("kind") != "answer" or not isinstance(data, dict):
        return None
    pointer = _citation(data.get("pointer"))
    return Answer(
        answer=str(data.get("answer", "")),
        language="pt" if data.get("language") == "pt" else "en",
        abstained=bool(data.get("abstained")),
        citations=[c for c in map(_citation, data.get("citations") or []) if c],
        notices=[str(n) for n in data.get("notices") or [] if isinstance(n, str)],
        conversation_id=data.get("conversation_id") if isinstance(data.get("conversation_id"), str) else None,
        related=[c for c in map(_citation, data.get("related") or []) if c],
        pointer=pointer,
    )


def messages(corpus: Corpus | None, stored: Stored, suggest: Suggest) -> tuple[list[dict[str, str]], list[Any]]:
    """(the Chatbot's messages, its feedback values: one per answer bubble)."""
    out: list[dict[str, str]] = []
    feedback: list[Any] = []
    for turn in stored["turns"]:
        out.append(user_bubble(turn["question"]))
        answer = answer_of(turn)
        if answer is None:
            out.append(bot_bubble(note_html(str(turn.get("text", "")), str(turn.get("kind", "info")))))
            feedback.append(None)
            continue
        rating = turn.get("rating")
        comment = turn.get("comment") or ""
        follow_ups = suggest(answer) if corpus is not None else []
        out.append(bot_bubble(answer_html(corpus, answer, follow_ups, rating, str(comment))))
        feedback.append(RATINGS.get(rating) if isinstance(rating, int) else None)
    return out, feedback


def _valid_turn(turn: Any) -> bool:
    if not isinstance(turn, dict) or not isinstance(turn.get("question"), str):
        return False
    if turn.get("kind") == "answer":
        return isinstance(turn.get("answer"), dict)
    return turn.get("kind") in ("info", "error", "stopped") and isinstance(turn.get("text"), str)


def _citation(data: Any) -> Citation | None:
    if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in CITATION_FIELDS[:4]):
        return None
    translation = data.get("translation")
    return Citation(
        id=data["id"],
        document=data["document"],
        label=data["label"],
        quote=data["quote"],
        translation=translation if isinstance(translation, str) else None,
    )


def browser_key(data_dir: Path) -> str:
    """The key gr.BrowserState encrypts the stored conversation with, kept in the data dir so that it outlives
    a restart (Gradio's default is a new random key per start, which would forget every conversation) and so
    that a stored value cannot be forged by hand (it names the feedback rows the page may update)."""
    path = data_dir / KEY_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(32)
        with suppress(FileExistsError), os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(key)
        return path.read_text(encoding="utf-8").strip()  # another process may have written it first
