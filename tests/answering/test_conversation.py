"""Conversation stores: bounded in turns and in number, expiring, and (SQLite) shared between processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.answering.conversation import Conversations, ConversationStore, SqliteConversationStore
from assistant.query.followups import Turn, is_follow_up, may_stand_alone, with_subject

TURN = Turn(question="Who is in charge of SEF?", search_query="q", cited=["dl-252-2000/art-13/n-1"], language="en")
Factory = Callable[[int, int, float], Conversations]


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Factory:
    if request.param == "memory":
        return ConversationStore
    return lambda turns, count, ttl: SqliteConversationStore(tmp_path / "conversations.sqlite3", turns, count, ttl)


def test_a_store_is_bounded_in_turns_and_in_number(make_store: Factory) -> None:
    store = make_store(2, 2, 3600)
    first = store.append(None, TURN)
    for _ in range(3):
        store.append(first, TURN)
    kept = store.get(first)
    assert kept is not None and len(kept.turns) == 2 and kept.turns[-1] == TURN
    second, third = store.append(None, TURN), store.append(None, TURN)
    assert len(store) == 2 and store.get(first) is None and store.get(second) and store.get(third)
    assert store.get(None) is None and store.get("no-such-conversation") is None


def test_a_store_forgets_idle_conversations(make_store: Factory) -> None:
    store = make_store(2, 2, 0.05)
    kept = store.append(None, TURN)
    assert store.get(kept) is not None
    time.sleep(0.1)
    assert store.get(kept) is None and len(store) == 0


def test_an_unknown_id_starts_a_new_conversation_under_a_fresh_id(make_store: Factory) -> None:
    # Ids are the server's: two clients choosing "a" must not read each other's turns.
    store = make_store(5, 5, 3600)
    first = store.append("a", TURN)
    second = store.append("a", TURN)
    assert "a" not in (first, second) and first != second
    assert store.get("a") is None and len(store.get(first).turns) == 1  # type: ignore[union-attr]
    assert store.append(first, TURN) == first and len(store.get(first).turns) == 2  # type: ignore[union-attr]


def _append_from_another_process(path: Path, conversation_id: str, times: int) -> subprocess.Popen[bytes]:
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from assistant.answering.conversation import SqliteConversationStore
        from assistant.query.followups import Turn
        store = SqliteConversationStore(Path({str(path)!r}), 1000, 10, 3600)
        for n in range({times}):
            store.append({conversation_id!r}, Turn(question=f"q{{n}}", search_query="", cited=[], language="pt"))
        """
    )
    return subprocess.Popen([sys.executable, "-c", code])


def test_processes_share_sqlite_conversations_without_losing_turns(tmp_path: Path) -> None:
    """What `serve --workers N` relies on: a turn written by one worker is seen by the others, and two
    workers appending to one conversation at once both land."""
    path = tmp_path / "conversations.sqlite3"
    store = SqliteConversationStore(path, 1000, 10, 3600)
    conversation_id = store.append(None, TURN)
    workers = [_append_from_another_process(path, conversation_id, 50) for _ in range(2)]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    turns = store.get(conversation_id).turns  # type: ignore[union-attr]
    assert len(turns) == 101 and turns[0] == TURN


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Quem aplica coimas?", True),
        ("who decides expulsions?", True),
        ("Quem o substitui?", False),  # the subject is a pronoun
        ("Quem é responsável?", False),  # responsible for what was said before
        ("E no Algarve?", False),
        ("Who signs it?", False),
        ("Who grants visas to students?", False),  # longer questions are no follow-ups to begin with
    ],
)
def test_which_short_questions_may_stand_alone(question: str, alone: bool) -> None:
    assert may_stand_alone(question) is alone
    assert is_follow_up(question) is (question != "Who grants visas to students?")


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        # Portuguese drops the subject: "pode ser …" is "can it be …", about what was just said.
        ("Pode ser um inspetor-adjunto a chefiar?", True),
        ("Tem de ser um subdiretor?", True),
        ("Can it be an assistant inspector?", True),
        # With a subject of its own, a question stands by itself.
        ("Pode um inspetor do SEF usar armas de fogo?", False),
        ("Um inspetor pode ser detido pela polícia?", False),
    ],
)
def test_a_portuguese_question_without_a_subject_follows_up(question: str, follows: bool) -> None:
    assert is_follow_up(question) is follows


@pytest.mark.parametrize(
    ("question", "subject", "rewritten"),
    [
        ("Quem o substitui?", "Director-geral", "Quem substitui o Director-geral?"),
        ("e quem a nomeia?", "Directora regional", "e quem nomeia a Directora regional?"),
        ("who replaces him?", "Director-General", "who replaces the Director-General?"),
        # No pronoun, or a subject that is no post ("E quem as pode conduzir?" after the cars' tolls).
        ("E no Algarve?", "Director-geral", None),
        ("E quem as pode conduzir?", "Isenção de taxas", None),
        ("And who is allowed to drive them?", "Exemption from tolls", None),
    ],
)
def test_an_object_pronoun_stands_for_the_post_last_cited(question: str, subject: str, rewritten: str | None) -> None:
    assert with_subject(question, subject) == rewritten
