"""Query expansion from a bilingual everyday <-> legal thesaurus (``corpus/thesaurus.yaml``).

"Who processes SEF employees' pay?" shares no word with "Processar as remunerações e
outros abonos ao pessoal"; the thesaurus group {pay, salary, ordenado, remunerações,
abonos, …} bridges them. Groups were written from the corpus vocabulary alone,
without looking at the evaluation questions; a few everyday terms were added later
after reading failures on the development set ("debaixo de", "outbreak", "throw
out"), never from the held-out sets.
"""

from __future__ import annotations

from pathlib import Path

import Stemmer
import yaml

from assistant.corpus.text import load_yaml
from assistant.corpus.words import STEMMERS, tokenize
from assistant.errors import CorpusError


class Thesaurus:
    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = groups
        # Per language: each group's stemmed terms, and the terms indexed by their first token so that
        # expanding a query looks only at terms that can start at one of its tokens.
        self._stemmed: dict[str, list[list[tuple[str, ...]]]] = {}
        self._by_first: dict[str, dict[str, list[tuple[int, tuple[str, ...]]]]] = {}
        for language, name in STEMMERS.items():
            stemmer = Stemmer.Stemmer(name)
            stemmed = [
                [t for t in (tuple(tokenize(term, language, stemmer)) for term in group) if t] for group in groups
            ]
            index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
            for number, terms in enumerate(stemmed):
                for term in terms:
                    index.setdefault(term[0], []).append((number, term))
            self._stemmed[language] = stemmed
            self._by_first[language] = index

    @classmethod
    def load(cls, path: Path) -> Thesaurus:
        if not path.is_file():
            return cls([])
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise CorpusError(f"{path}: not valid YAML ({exc})") from exc
        if not isinstance(data, list) or not all(isinstance(g, list) for g in data):
            raise CorpusError(f"{path}: expected a list of term groups")
        return cls([[str(term) for term in group] for group in data])

    def expand(self, tokens: list[str], language: str) -> list[str]:
        """Tokens of every group one of whose terms occurs (as a token run) in ``tokens``."""
        index = self._by_first.get(language, {})
        matched: set[int] = set()
        for position, token in enumerate(tokens):
            for number, term in index.get(token, ()):
                if tuple(tokens[position : position + len(term)]) == term:
                    matched.add(number)
        present = set(tokens)
        extra: list[str] = []
        for number in sorted(matched):
            for term in self._stemmed[language][number]:
                extra.extend(t for t in term if t not in present)
        return list(dict.fromkeys(extra))
