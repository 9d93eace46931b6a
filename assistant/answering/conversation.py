"""Conversations kept server-side by id: bounded in turns and in number, and they expire."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from assistant.config import Settings
from assistant.query.followups import Turn

FILENAME = "conversations.sqlite3"


@dataclass
class Conversation:
    id: str
    turns: deque[Turn]
    touched: float = field(default_factory=time.monotonic)


class Conversations(Protocol):
    """Where conversations live: ``get`` the history by id, ``append`` a turn (a new id if none)."""

    def get(self, conversation_id: str | None) -> Conversation | None: ...

    def append(self, conversation_id: str | None, turn: Turn) -> str: ...

    def __len__(self) -> int: ...


def make_conversations(settings: Settings) -> Conversations:
    limits = (settings.conversation_max_turns, settings.conversation_max_count, settings.conversation_ttl_seconds)
    if settings.conversation_store == "sqlite":
        return SqliteConversationStore(settings.data_dir / FILENAME, *limits)
    return ConversationStore(*limits)


def new_id() -> str:
    """Ids are the server's: an unknown or expired id starts a new conversation under a fresh one, so that
    two clients choosing the same id ("a", "test") never read each other's history."""
    return uuid.uuid4().hex


class ConversationStore:
    """In-memory, LRU-bounded and TTL-expiring; thread-safe for one server process."""

    def __init__(self, max_turns: int, max_count: int, ttl_seconds: float) -> None:
        self.max_turns = max_turns
        self.max_count = max_count
        self.ttl = ttl_seconds
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, conversation_id: str | None) -> Conversation | None:
        if not conversation_id:
            return None
        with self._lock:
            self._expire()
            conversation = self._items.get(conversation_id)
            if conversation:
                self._items.move_to_end(conversation_id)
            return conversation

    def append(self, conversation_id: str | None, turn: Turn) -> str:
        with self._lock:
            self._expire()
            conversation = self._items.get(conversation_id or "")
            if conversation is None:
                conversation = Conversation(id=new_id(), turns=deque(maxlen=self.max_turns))
                self._items[conversation.id] = conversation
            conversation.turns.append(turn)
            conversation.touched = time.monotonic()
            self._items.move_to_end(conversation.id)
            while len(self._items) > self.max_count:
                self._items.popitem(last=False)
            return conversation.id

    def __len__(self) -> int:
        return len(self._items)

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, c in self._items.items() if now - c.touched > self.ttl]:
            del self._items[key]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, turns TEXT NOT NULL, touched REAL NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_touched ON conversations (touched);
"""


class SqliteConversationStore:
    """The same bounds in one SQLite file, shared by the processes of `serve --workers N`: a follow-up
    reaches whichever worker accepts it, and that worker must see the first question. One
    short-lived connection per call (threads must not share one), WAL, and one write transaction
    per turn taken before reading (two workers appending to one conversation do not lose a turn).
    Expiry uses wall-clock time: monotonic clocks are not comparable across processes."""

    def __init__(self, path: Path, max_turns: int, max_count: int, ttl_seconds: float) -> None:
        self.path = path
        self.max_turns = max_turns
        self.max_count = max_count
        self.ttl = ttl_seconds
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: stored in the database file
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None: transactions are the explicit BEGIN IMMEDIATE … COMMIT below.
        with closing(sqlite3.connect(self.path, timeout=10, isolation_level=None)) as conn:
            yield conn

    def get(self, conversation_id: str | None) -> Conversation | None:
        if not conversation_id:
            return None
        with self._connect() as conn:
            row = conn.execute(
                "SELECT turns, touched FROM conversations WHERE id = ? AND touched >= ?",
                (conversation_id, time.time() - self.ttl),
            ).fetchone()
        if row is None:
            return None
        turns = deque((Turn(**t) for t in json.loads(row[0])), maxlen=self.max_turns)
        return Conversation(id=conversation_id, turns=turns, touched=row[1])

    def append(self, conversation_id: str | None, turn: Turn) -> str:
        now = time.time()
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM conversations WHERE touched < ?", (now - self.ttl,))
                row = conn.execute("SELECT turns FROM conversations WHERE id = ?", (conversation_id or "",)).fetchone()
                stored_id = conversation_id if row is not None and conversation_id else new_id()
                turns = [*(json.loads(row[0]) if row else []), asdict(turn)][-self.max_turns :]
                conn.execute(
                    "INSERT INTO conversations (id, turns, touched) VALUES (?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET turns = excluded.turns, touched = excluded.touched",
                    (stored_id, json.dumps(turns, ensure_ascii=False), now),
                )
                conn.execute(  # the least recently used beyond max_count go
                    "DELETE FROM conversations WHERE id IN "
                    "(SELECT id FROM conversations ORDER BY touched DESC LIMIT -1 OFFSET ?)",
                    (self.max_count,),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return stored_id

    def __len__(self) -> int:
        with self._connect() as conn:
            row = conn.execute("SELECT COUNT(*) FROM conversations WHERE touched >= ?", (time.time() - self.ttl,))
            return int(row.fetchone()[0])
