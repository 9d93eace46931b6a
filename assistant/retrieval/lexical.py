"""BM25 over the passages, one index per language, with the words read as ``corpus/words.py`` reads them
(stemming, accent folding, one spelling)."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from assistant.corpus.words import STEMMERS, TOKENIZER_VERSION, tokenize
from assistant.retrieval.passages import Passage

__all__ = ["EXPANSION_WEIGHT", "STEMMERS", "TOKENIZER_VERSION", "LexicalIndex", "tokenize"]
EXPANSION_WEIGHT = 0.2


class LexicalIndex:
    """Two BM25 indexes (PT passages, EN passages) persisted under one folder."""

    def __init__(self, indexes: dict[str, bm25s.BM25], ids: dict[str, list[str]]) -> None:
        self._indexes = indexes
        self._ids = ids
        self._stemmers = {lang: Stemmer.Stemmer(name) for lang, name in STEMMERS.items()}

    @classmethod
    def build(cls, passages: list[Passage]) -> LexicalIndex:
        indexes: dict[str, bm25s.BM25] = {}
        ids: dict[str, list[str]] = {}
        for language in STEMMERS:
            chosen = [p for p in passages if p.language == language]
            stemmer = Stemmer.Stemmer(STEMMERS[language])
            tokens = [tokenize(p.text, language, stemmer) for p in chosen]
            index = bm25s.BM25()
            index.index(tokens, show_progress=False)
            indexes[language] = index
            ids[language] = [p.id for p in chosen]
        return cls(indexes, ids)

    def save(self, directory: Path) -> None:
        for language, index in self._indexes.items():
            index.save(str(directory / language), show_progress=False)
        (directory / "ids.json").write_text(json.dumps(self._ids), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
        indexes = {language: bm25s.BM25.load(str(directory / language), show_progress=False) for language in ids}
        return cls(indexes, ids)

    def words(self) -> dict[str, frozenset[str]]:
        """Each language's words, as read (stemmed) when the index was built."""
        return {language: frozenset(index.vocab_dict) for language, index in self._indexes.items()}

    def vocabulary_share(self, tokens: set[str], language: str) -> float:
        """Share of (stemmed) query words that occur anywhere in the corpus: low means off-topic."""
        if not tokens:
            return 0.0
        vocab = self._indexes[language].vocab_dict
        return sum(1 for t in tokens if t in vocab) / len(tokens)

    def search(
        self, query: str, k: int = 50, languages: tuple[str, ...] = ("pt", "en"), expand=None
    ) -> dict[str, list[tuple[str, float]]]:
        """Per language, ``(passage id, BM25 score)`` best first; empty when no term matches.

        ``expand(tokens, language)`` may add related terms (a thesaurus); they score at
        EXPANSION_WEIGHT of the question's own words, so they help without taking over.
        """
        results: dict[str, list[tuple[str, float]]] = {}
        for language in languages:
            tokens = tokenize(query, language, self._stemmers[language])
            scores = self._scores(tokens, language, k)
            if expand is not None:
                for passage_id, score in self._scores(expand(tokens, language), language, k).items():
                    scores[passage_id] = scores.get(passage_id, 0.0) + EXPANSION_WEIGHT * score
            results[language] = sorted(scores.items(), key=lambda kv: -kv[1])[:k]
        return results

    def _scores(self, tokens: list[str], language: str, k: int) -> dict[str, float]:
        index = self._indexes[language]
        known = [t for t in tokens if t in index.vocab_dict]
        if not known:
            return {}
        count = min(k, len(self._ids[language]))
        docs, scores = index.retrieve([known], k=count, show_progress=False)
        return {
            self._ids[language][int(d)]: float(s)
            for d, s in zip(np.asarray(docs)[0], np.asarray(scores)[0], strict=True)
            if s > 0
        }
