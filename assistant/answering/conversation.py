"""Conversations kept server-side by id: bounded in turns and in number, and they expire."""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from assistant.corpus.text import normalize


@dataclass
class Turn:
    question: str
    search_query: str
    cited: list[str]
    language: str


@dataclass
class Conversation:
    id: str
    turns: deque[Turn]
    touched: float = field(default_factory=time.monotonic)


class ConversationStore:
    """In-memory, LRU-bounded and TTL-expiring; thread-safe for the server's workers."""

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
                conversation = Conversation(id=conversation_id or uuid.uuid4().hex, turns=deque(maxlen=self.max_turns))
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


_FOLLOW_UP = re.compile(
    r"^(?:and|but|what about|how about|also|then|e|mas|e quanto|então|também)\b"
    r"|\b(?:him|her|it|its|they|them|their|that one|this one|the same|ele|ela|eles|elas|dele|dela|deles|isso|"
    r"esse|essa|esses|essas|este|esta|o mesmo|a mesma|lhe|lhes)\b",
    re.IGNORECASE,
)


def is_follow_up(question: str) -> bool:
    """Questions that only make sense with the history: 'and who replaces him?', 'e no Algarve?'."""
    text = normalize(question)
    return bool(_FOLLOW_UP.search(text)) or len(text.split()) <= 3
