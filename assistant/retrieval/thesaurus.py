"""Query expansion from a bilingual everyday <-> legal thesaurus (``corpus/thesaurus.yaml``).

"Who processes SEF employees' pay?" shares no word with "Processar as remunerações e
outros abonos ao pessoal"; the thesaurus group {pay, salary, ordenado, remunerações,
abonos, …} bridges them. Groups were written from the corpus vocabulary alone,
without looking at the evaluation questions.
"""

from __future__ import annotations

from pathlib import Path

import Stemmer
import yaml

from assistant.errors import CorpusError
from assistant.retrieval.lexical import STEMMERS, tokenize


class Thesaurus:
    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = groups
        # Per language: for each group, the stemmed token tuples of its terms.
        self._stemmed: dict[str, list[list[tuple[str, ...]]]] = {}
        for language, name in STEMMERS.items():
            stemmer = Stemmer.Stemmer(name)
            self._stemmed[language] = [
                [t for t in (tuple(tokenize(term, language, stemmer)) for term in group) if t] for group in groups
            ]

    @classmethod
    def load(cls, path: Path) -> Thesaurus:
        if not path.is_file():
            return cls([])
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise CorpusError(f"{path}: not valid YAML ({exc})") from exc
        if not isinstance(data, list) or not all(isinstance(g, list) for g in data):
            raise CorpusError(f"{path}: expected a list of term groups")
        return cls([[str(term) for term in group] for group in data])

    def expand(self, tokens: list[str], language: str) -> list[str]:
        """Tokens of every group one of whose terms occurs (as a token run) in ``tokens``."""
        extra: list[str] = []
        present = set(tokens)
        for group in self._stemmed.get(language, []):
            if any(_contains(tokens, term) for term in group):
                for term in group:
                    extra.extend(t for t in term if t not in present)
        return list(dict.fromkeys(extra))


def _contains(tokens: list[str], term: tuple[str, ...]) -> bool:
    if len(term) == 1:
        return term[0] in tokens
    n = len(term)
    return any(tuple(tokens[i : i + n]) == term for i in range(len(tokens) - n + 1))
