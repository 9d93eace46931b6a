"""Text normalisation for matching. The text kept for quoting is never changed."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

_SPACE = re.compile(r"\s+")
# Zero-width and formatting characters: invisible, so never part of what a reader sees.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "º": "º"}
    # Full-width forms ("Ｗｈｏ ｇｒａｎｔｓ ｖｉｓａｓ？", typed with an East Asian keyboard) are plain ASCII
    # to a reader. Not NFKC as a whole: it would turn the "º" of "n.º" into an "o".
    | {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    | {"\u3000": " "}
)


def normalize(text: str) -> str:
    """NFC, no invisible characters, plain quotes and dashes, single spaces (NBSP included)."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """``normalize`` plus lower case and no accents: for lexical matching only."""
    decomposed = unicodedata.normalize("NFD", normalize(text).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def contains_verbatim(haystack: str, needle: str) -> bool:
    """Whether ``needle`` is a verbatim span of ``haystack``, whitespace aside."""
    needle_n = normalize(needle)
    return bool(needle_n) and needle_n in normalize(haystack)


def load_yaml(text: str) -> Any:
    """YAML through libyaml where PyYAML has it: the corpus's renderings and phrasings parse in 0.1 s instead
    of 1.5 s, which is most of opening the corpus (and of a no-op index build)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
