"""Searching the "who is competent?" table as the chat's lexical index reads text.

Plain substrings found "vistos" inside "previstos" and missed "visas" for "vistos". Here a row's
Portuguese (its body and text) and English (the body's English name and the rendering) are tokenized
like the BM25 index (stemming, accent folding, old and new spelling, stopwords: ``lexical.tokenize``).
A word of the query is found in a row by itself or through a thesaurus group it belongs to ("vistos"
finds "visas"; "pay" finds "remunerações"). The rows shown are those finding the most words of the
query (all of them, unless a word such as "who" is in no row), ranked: a word in the body outweighs
one in the text, a word found itself outweighs one found through the thesaurus, and a word found in
both languages outweighs one found in one only (the stem of "vistos" is also that of "tendo em
vista", whose rendering says "with a view to"); ties keep the law's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.corpus.text import normalize
from assistant.retrieval.lexical import tokenize
from assistant.retrieval.thesaurus import Thesaurus
from assistant.ui.competences import Competence

LANGUAGES = ("pt", "en")
IN_BODY, IN_TEXT, THROUGH_THESAURUS = 3.0, 1.0, 0.4
_WORD = re.compile(r"\w+")
# An id typed as such ("art-47", "dl-252-2000/art-2/n-1/al-h") is looked up as a prefix of the row's id.
_ID = re.compile(r"^(?:dl-252-2000/)?art-\d+(?:/[a-z0-9-]+)*$")


@dataclass(frozen=True)
class _Word:
    tokens: dict[str, str]  # language -> the word's token (the word is a stopword in neither language)
    groups: frozenset[int]  # thesaurus groups a term of which covers this word in the query


@dataclass(frozen=True)
class _Row:
    body: dict[str, list[str]]
    text: dict[str, list[str]]


class WhoSearch:
    def __init__(self, rows: list[Competence], thesaurus: Thesaurus) -> None:
        self.rows = rows
        self._analysed = [_analyse(row) for row in rows]
        # Each thesaurus term as token runs, per language (as Thesaurus.expand reads a query).
        self._terms = {
            lang: [[t for t in (tuple(tokenize(term, lang)) for term in group) if t] for group in thesaurus.groups]
            for lang in LANGUAGES
        }

    def search(self, query: str) -> list[Competence]:
        """The rows matching every word of ``query``, best first; every row, in the law's order, for none."""
        query = (query or "").strip()
        if _ID.match(query.lower()):
            wanted = query.lower().removeprefix("dl-252-2000/")
            return [r for r in self.rows if r.unit_id.removeprefix("dl-252-2000/").startswith(wanted)]
        words = self._words(query)
        if not words:
            return list(self.rows)
        scored = []
        for position, (row, analysed) in enumerate(zip(self.rows, self._analysed, strict=True)):
            found, score = self._score(words, analysed)
            if found:
                scored.append((found, -score, position, row))
        most = max((s[0] for s in scored), default=0)
        return [s[3] for s in sorted(s for s in scored if s[0] == most)]

    def _words(self, query: str) -> list[_Word]:
        raw = _WORD.findall(normalize(query).lower())
        tokens = [{lang: _token(word, lang) for lang in LANGUAGES} for word in raw]
        groups: list[set[int]] = [set() for _ in raw]
        for lang in LANGUAGES:
            # The query's tokens with the word each came from: a thesaurus term may span several words.
            sequence = [(i, t[lang]) for i, t in enumerate(tokens) if t[lang]]
            for number, terms in enumerate(self._terms[lang]):
                for term in terms:
                    for start in _runs([tok for _, tok in sequence], term):
                        for i, _ in sequence[start : start + len(term)]:
                            groups[i].add(number)
        # A word that is a stopword in either language ("a", "as", "de", "in") says nothing of its own.
        return [
            _Word({lang: tok for lang, tok in t.items() if tok}, frozenset(g))
            for t, g in zip(tokens, groups, strict=True)
            if all(t.values())
        ]

    def _score(self, words: list[_Word], row: _Row) -> tuple[int, float]:
        """(how many of the query's words the row has, its score)."""
        found, total = 0, 0.0
        for word in words:
            score = sum(self._side(word, row, lang) for lang in LANGUAGES)
            found += score > 0
            total += score
        return found, total

    def _side(self, word: _Word, row: _Row, lang: str) -> float:
        token = word.tokens[lang]
        if token in row.body[lang]:
            return IN_BODY
        if token in row.text[lang]:
            return IN_TEXT
        if any(self._has_term(number, row, lang) for number in word.groups):
            return THROUGH_THESAURUS
        return 0.0

    def _has_term(self, group: int, row: _Row, lang: str) -> bool:
        tokens = row.body[lang] + row.text[lang]
        return any(_runs(tokens, term) for term in self._terms[lang][group])


@cache
def _token(word: str, language: str) -> str:
    tokens = tokenize(word, language)
    return tokens[0] if tokens else ""


def _analyse(row: Competence) -> _Row:
    return _Row(
        body={"pt": tokenize(row.body, "pt"), "en": tokenize(row.body_en or "", "en")},
        text={"pt": tokenize(row.text, "pt"), "en": tokenize(row.rendering or "", "en")},
    )


def _runs(tokens: list[str], term: tuple[str, ...]) -> list[int]:
    """Where ``term`` occurs in ``tokens`` as consecutive tokens."""
    n = len(term)
    return [i for i in range(len(tokens) - n + 1) if tokens[i] == term[0] and tuple(tokens[i : i + n]) == term]
