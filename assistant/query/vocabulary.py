"""The corpus's words, for reading a question as people type it.

- Typos: a word neither the corpus nor a dictionary of English or Portuguese knows ("wich", "readmisson",
  "imigration") is read as the corpus word one edit away (a letter left out, added, changed or two
  swapped), the most frequent if several are. A real word is never changed ("saying" is no typo of
  "staying"), nor a word into a stopword; short words are left alone. The dictionaries are
  pyspellchecker's.
- Terms of the other language: "salvo-conduto", "núcleo" or "coimas" inside an English question are
  Portuguese words (known to the Portuguese text, unknown to its English rendering): they are matched in
  Portuguese as well, where the law uses them.

Built once per corpus, from every unit's text, its renderings and its everyday phrasings.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from assistant.corpus import Corpus
from assistant.corpus.text import fold, normalize
from assistant.corpus.words import STOPWORDS, tokenize

MIN_TYPO_LENGTH = 4  # "wich" is a typo of "which"; shorter words are too close to too many others
_WORD = re.compile(r"[^\W\d_]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Reading:
    """What the vocabulary makes of a question: its words corrected, and its words of the other language."""

    corrected: str  # the question with each typo replaced by the corpus word it stands for
    corrections: tuple[tuple[str, str], ...]  # (as typed, as read)
    foreign: tuple[str, ...]  # words of the other language, as typed (corrected)


class Vocabulary:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._stems: dict[str, frozenset[str]] | None = None
        self._forms: Counter[str] | None = None
        self._words: frozenset[str] | None = None
        self._loading = threading.RLock()

    def use_index_words(self, stems: dict[str, frozenset[str]]) -> None:
        """Take each language's words from the lexical index, which read them from the same texts: no second
        pass over the corpus at start-up."""
        self._stems = stems

    def prepare_in_background(self) -> threading.Thread:
        """Read the corpus's word forms and the dictionaries in a thread of their own (about a second, after
        the server is ready: a question that needs them before waits for them)."""
        thread = threading.Thread(
            target=lambda: (self._word_forms(), self._dictionary()), name="vocabulary", daemon=True
        )
        thread.start()
        return thread

    @cached_property
    def _texts(self) -> dict[str, list[str]]:
        texts: dict[str, list[str]] = {"pt": [], "en": []}
        corpus = self.corpus
        for unit in corpus.units():
            source = corpus.documents[unit.document].language
            texts[source].append(unit.own_text)
            if unit.heading:
                texts[source].append(unit.heading)
            for language in ("pt", "en"):
                if language != source:
                    texts[language].append(corpus.rendering(unit.id, language) or "")
                    if unit.heading:
                        texts[language].append(corpus.rendered_heading(unit.id, language) or "")
                texts[language].extend(corpus.expansions.get(unit.id, {}).get(language, []))
        return texts

    def _prepare(self) -> None:
        self._word_forms()
        self._dictionary()

    def _word_forms(self) -> Counter[str]:
        """Folded word forms of both languages, with how often the corpus writes each."""
        with self._loading:
            if self._forms is None:
                texts = (t for texts in self._texts.values() for t in texts)
                self._forms = Counter(fold(w) for t in texts for w in _WORD.findall(t.lower()))
            return self._forms

    @property
    def stems(self) -> dict[str, frozenset[str]]:
        """Each language's words as the lexical index reads them."""
        if self._stems is None:
            self._stems = {
                lang: frozenset(t for text in texts for t in tokenize(text, lang))
                for lang, texts in self._texts.items()
            }
        return self._stems

    def _dictionary(self) -> frozenset[str]:
        """Words of English and Portuguese beyond the corpus's (lower case)."""
        with self._loading:
            if self._words is None:
                from spellchecker import SpellChecker

                words: set[str] = set()
                for language in ("en", "pt"):
                    words.update(SpellChecker(language=language, distance=1).word_frequency.dictionary)
                self._words = frozenset(words)
            return self._words

    def knows(self, word: str) -> bool:
        return fold(word.lower()) in self._word_forms()

    def correction(self, word: str) -> str | None:
        """The corpus word one edit away from a word it does not know, or None."""
        folded, forms = fold(word.lower()), self._word_forms()
        if len(folded) < MIN_TYPO_LENGTH or folded in forms or word.lower() in self._dictionary():
            return None
        stop = STOPWORDS["en"] | STOPWORDS["pt"]
        found = [(forms[c], c) for c in _one_edit(folded) if c in forms and len(c) >= MIN_TYPO_LENGTH and c not in stop]
        return max(found)[1] if found else None

    def read(self, question: str, language: str) -> Reading:
        other = "en" if language == "pt" else "pt"
        corrections: list[tuple[str, str]] = []

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            corrected = self.correction(word)
            if corrected is None:
                return word
            corrections.append((word, corrected))
            return corrected

        corrected = _WORD.sub(fix, normalize(question))
        foreign = []
        for word in _WORD.findall(corrected):
            if word.lower() in STOPWORDS[language]:
                continue  # "de" and "e" are in English renderings of names, and no Portuguese term
            own, theirs = tokenize(word, language), tokenize(word, other)
            known_here = any(t in self.stems[language] for t in own)
            if theirs and all(t in self.stems[other] for t in theirs) and not known_here:
                foreign.append(word)
        return Reading(corrected, tuple(corrections), tuple(dict.fromkeys(foreign)))


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | changes | inserts) - {word}


_BY_CORPUS: dict[str, Vocabulary] = {}


def vocabulary(corpus: Corpus) -> Vocabulary:
    """The vocabulary of a corpus, built on first use and kept (by the corpus's fingerprint)."""
    if corpus.fingerprint not in _BY_CORPUS:
        _BY_CORPUS[corpus.fingerprint] = Vocabulary(corpus)
    return _BY_CORPUS[corpus.fingerprint]
