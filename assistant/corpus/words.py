"""How words are read for matching: stemmed, folded, stopwords out, and Portuguese brought to one spelling.

The decree (2000) writes "direcção", "director", "actividade"; people today write "direção", "diretor",
"atividade". The lexical index, the question's plan and the answer's quoting read words the same way.
"""

from __future__ import annotations

import re

import Stemmer
from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_PORTUGUESE

from assistant.corpus.text import fold, normalize

STEMMERS = {"pt": "portuguese", "en": "english"}
STOPWORDS = {"pt": frozenset(STOPWORDS_PORTUGUESE), "en": frozenset(STOPWORDS_EN)}
_WORD = re.compile(r"\w+")
# Pre-1990 silent consonants: cç/pç -> ç, ct/pt -> t (direcção, director, excepto, adoptar).
_SILENT = [(re.compile(r"[cp]ç"), "ç"), (re.compile(r"(?<=[aeiouáéíóúâêô])[cp]t"), "t")]


# Accents typed or not ("autorizacao de residencia"): the stemmer cuts "autorização" to "autoriz" but
# "autorizacao" to "autorizaca", so folding after stemming is too late for the suffixes it reads by their
# accents. An unaccented word with such a suffix gets its accent back first; accented words are left alone.
_ACCENTED_SUFFIX = {
    "cao": "ção", "coes": "ções", "ao": "ão", "oes": "ões", "aes": "ães", "encia": "ência", "encias": "ências",
    "ancia": "ância", "ancias": "âncias", "avel": "ável", "aveis": "áveis", "ivel": "ível", "iveis": "íveis",
}  # fmt: skip
_SUFFIXES = tuple(sorted(_ACCENTED_SUFFIX, key=len, reverse=True))  # longest first: "coes" before "oes"
_ACCENTED = re.compile(r"[áàâãéêíóôõúç]")
TOKENIZER_VERSION = 3  # in the index manifest: a change to how words are read rebuilds the lexical index


def _restore_accents(word: str) -> str:
    if not word.endswith(_SUFFIXES) or _ACCENTED.search(word):
        return word
    suffix = next(s for s in _SUFFIXES if word.endswith(s))
    return word[: -len(suffix)] + _ACCENTED_SUFFIX[suffix] if len(word) > len(suffix) else word


def _modern_spelling(word: str) -> str:
    for pattern, replacement in _SILENT:
        word = pattern.sub(replacement, word)
    return word


def tokenize(text: str, language: str, stemmer: Stemmer.Stemmer | None = None) -> list[str]:
    lowered = normalize(text).lower()
    words = _WORD.findall(lowered)
    if language == "pt":
        # Accents first: "inspeccao" is "inspecção" is "inspeção".
        words = [_modern_spelling(_restore_accents(w)) for w in words]
    words = [w for w in words if w not in STOPWORDS[language] and w != "_"]
    stemmer = stemmer or Stemmer.Stemmer(STEMMERS[language])
    return [fold(w) for w in stemmer.stemWords(words)]
