"""Sentence support: does a sentence say only what the units it cites say?

One scorer, used by the LLM answer verifier and by the evaluation suite alike.
The score is the share of the sentence's content words (stemmed, accent-folded)
found in the cited units' text, their rendering and their labels; framing words
("according", "segundo", "article") are ignored.
"""

from __future__ import annotations

import re

import Stemmer

from assistant.corpus import Corpus, full_label, label
from assistant.corpus.words import STEMMERS, tokenize

SUPPORT_THRESHOLD = 0.75
_FRAMING = {
    "en": "according under provides provide states state says say the decree law decree-law article paragraph "
    "point preamble annex para of to is are shall",
    "pt": "segundo nos termos do da de artigo alínea n.º preâmbulo anexo decreto-lei decreto lei prevê diz estabelece",
}
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý«\"(])")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


class SupportScorer:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._stemmers = {lang: Stemmer.Stemmer(name) for lang, name in STEMMERS.items()}
        self._framing = {lang: set(tokenize(words, lang)) for lang, words in _FRAMING.items()}

    def evidence_tokens(self, unit_ids: list[str], language: str) -> set[str]:
        tokens: set[str] = set()
        for unit_id in unit_ids:
            if unit_id not in self.corpus:
                continue
            unit = self.corpus.unit(unit_id)
            texts = [unit.text, label(unit_id, language), full_label(unit_id, language)]
            rendering = self.corpus.rendering(unit_id, language)
            if rendering:
                texts.append(rendering)
            article = unit.article
            if article:
                art = self.corpus.unit(article)
                texts += [art.heading or "", self.corpus.rendered_heading(article, language) or ""]
                texts += [self.corpus.unit(a).own_text for a in _ancestors(self.corpus, unit_id)]
                texts += [
                    self.corpus.rendering(a, language) or ""
                    for a in _ancestors(self.corpus, unit_id)
                    if self.corpus.unit(a).own_text
                ]
            for text in texts:
                tokens.update(tokenize(text, language, self._stemmers[language]))
        return tokens

    def score(self, sentence: str, unit_ids: list[str], language: str) -> float:
        words = [t for t in tokenize(sentence, language, self._stemmers[language]) if t not in self._framing[language]]
        if not words:
            return 1.0
        evidence = self.evidence_tokens(unit_ids, language)
        return sum(1 for w in words if w in evidence) / len(words)

    def supported(self, sentence: str, unit_ids: list[str], language: str) -> bool:
        return self.score(sentence, unit_ids, language) >= SUPPORT_THRESHOLD


def _ancestors(corpus: Corpus, unit_id: str) -> list[str]:
    out = []
    parent = corpus.unit(unit_id).parent
    while parent and corpus.unit(parent).kind != "document":
        out.append(parent)
        parent = corpus.unit(parent).parent
    return out
