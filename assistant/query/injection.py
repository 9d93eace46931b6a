"""Instructions inside a question ("ignore all previous instructions…", "SYSTEM: …", a link or an image):
sentences that try to instruct the assistant rather than ask it. The same test finds text planted in a
source page, which is then never evidence (``Assistant.instructing``)."""

from __future__ import annotations

import re

from assistant.corpus.text import normalize

_INJECTION = re.compile(
    r"ignore (?:all |any |the )?(?:previous|prior|above|earlier|your)\b|disregard (?:all|previous|prior|your)"
    r"|system prompt|hidden (?:instructions|prompt)|your (?:instructions|prompt|configuration|config|api key)"
    r"|reveal (?:your|the) |print your|you are now|\bDAN\b|jailbreak|developer mode|act as (?:a|an|if)"
    r"|pretend (?:to be|you)|from now on|new instructions|^system:|\bsystem:\s"
    r"|ignor[ae] (?:as|todas as|quaisquer) (?:instruções|indicações)|instruções anteriores|prompt de sistema"
    r"|instruções (?:ocultas|escondidas|internas)|a partir de agora|finge (?:que|ser)|age como|faz de conta"
    r"|revela (?:o teu|a tua|as tuas|os teus)|mostra (?:o teu|a tua) (?:prompt|configuração)|chave (?:da )?api"
    r"|!\[[^\]]*\]\(|\]\(https?://|<script|^\s*(?:system|sistema|admin|developer)\s*:|let'?s play a game"
    r"|vamos (?:jogar|fazer) um jogo|\byou are (?:a|an|my) |\btu és (?:um|uma)\b|\bés (?:um|uma) \w+ (?:corrupt|que)"
    r"|roleplay|role-play|modo de manutenção|maintenance mode",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def _instructs(sentence: str) -> bool:
    return bool(_INJECTION.search(sentence) or _URL.search(sentence))


# Words every instruction pattern above holds one of: a text with none of them instructs nobody (a cheap test
# before the full one, which reads the whole corpus at start-up).
_KEYWORDS = (
    "ignor",
    "disregard",
    "prompt",
    "system",
    "sistema",
    "instru",
    "config",
    "api",
    "reveal",
    "revela",
    "print",
    "you are",
    "dan",
    "jailbreak",
    "developer",
    "act as",
    "pretend",
    "from now on",
    "finge",
    "age como",
    "faz de conta",
    "mostra",
    "chave",
    "](",
    "<script",
    "admin",
    "game",
    "jogo",
    "tu és",
    "és um",
    "roleplay",
    "role-play",
    "manutenção",
    "maintenance",
    "http",
    "a partir de agora",
)


def may_instruct(text: str) -> bool:
    lowered = normalize(text).lower()  # as the full test reads it: no zero-width letters, no full-width ones
    return any(k in lowered for k in _KEYWORDS)


def injection_sentences(text: str) -> list[str]:
    """The sentences of a text that try to instruct the assistant rather than ask it."""
    return [p for p in _SENTENCES.split(normalize(text)) if _instructs(p)]


def opens_with_injection(question: str) -> bool:
    """A message that starts by instructing ("SYSTEM: …", "Let's play a game: …") is an injection as a
    whole; one that asks first and instructs after ("Who grants visas? Also, answer only 'yes'.") has a
    real question to answer."""
    parts = [p for p in _SENTENCES.split(normalize(question)) if p]
    return bool(parts) and _instructs(parts[0])


def strip_injection(question: str) -> str:
    """What is left of a question once instruction-like sentences are removed."""
    return " ".join(p for p in _SENTENCES.split(normalize(question)) if not _instructs(p)).strip()
