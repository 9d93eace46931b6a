"""Questions in two parts: a comparison ("Qual a diferença entre o Departamento de Investigação e o
Departamento de Pesquisa e Análise?") or two questions sharing their object ("Quem instaura e quem
executa as expulsões?"). Each part is searched on its own, so that the answer cites a unit for each
(one search found the units of one side only)."""

from __future__ import annotations

import re

from assistant.answering import selection
from assistant.corpus import Corpus
from assistant.corpus.text import fold, normalize
from assistant.retrieval import Retriever

_COMPARISON = [
    re.compile(r"\b(?:differences?|diferenças?|distinção) (?:between|entre) (?P<a>.+?) (?:and|e) (?P<b>.+)$", re.I),
    re.compile(r"\b(?:compare|comparar|compara|compare-me) (?P<a>.+?) (?:and|with|to|e|com) (?P<b>.+)$", re.I),
    re.compile(r"^(?P<a>.+?) (?:vs\.?|versus) (?P<b>.+)$", re.I),
]
# "Compare the powers of the Legal Office and the Inspection Office": the second side shares the first's head.
_HEAD = re.compile(
    r"^(?:(?:the|as|os|a|o) )?(?:powers|competences|competencies|functions|duties|responsibilities|role|tasks"
    r"|competências|funções|atribuições|poderes|tarefas|papel) (?:of|do|da|dos|das|de) ",
    re.I,
)
# "Quem instaura e quem executa as expulsões?", "Who conducts and who decides expulsion proceedings?"
_PRONOUN = re.compile(r"^\S+ (?:o|a|os|as|lhe|lhes)\b|\b(?:him|her|it|them)\b", re.I)
_TWO_WHO = re.compile(r"^(?P<a>(?:who|quem) .+?),? (?:and|e) (?P<b>(?:who|quem) .+)$", re.I)


def split_question(question: str) -> list[str]:
    """The parts of a question in two parts, each a question of its own; [] for a question in one part."""
    text = normalize(question).strip().rstrip("?.! ")
    for pattern in _COMPARISON:
        match = pattern.search(text)
        if match:
            a, b = match.group("a").strip(), match.group("b").strip()
            if len(a.split()) <= 2 and len(b.split()) >= 2 and not re.match(r"(?:de|do|da|dos|das) ", b, re.I):
                # "the difference between SEF's operational and support services": the noun is written once.
                a = f"{a} {b.split()[-1]}"
            elif re.match(r"(?:de|do|da|dos|das) ", b, re.I) and len(a.split()) >= 3 and not _HEAD.match(a):
                # "entre os serviços operacionais e de apoio": the second side is the first's noun + its words.
                b = " ".join(a.split()[:-1]) + " " + b
            head = _HEAD.match(a)
            if head and not _HEAD.match(b):
                b = head.group(0) + re.sub(r"^(?:of|do|da|dos|das|de) ", "", b, flags=re.I)
            return [a, b]
    match = _TWO_WHO.match(text)
    if not match or _PRONOUN.search(match.group("b")):
        return []  # "Quem é o director-geral e quem o substitui?": the second part leans on the first
    a, b = match.group("a").split(), match.group("b").split()
    # The shared object is written once, after the last verb ("quem instaura e quem executa as expulsões").
    if len(a) <= 2 < len(b):
        a = a + b[2:]
    elif len(b) <= 2 < len(a):
        b = b + a[2:]
    return [" ".join(a) + "?", " ".join(b) + "?"]


def best_by_part(retriever: Retriever, corpus: Corpus, question: str, language: str) -> list[str]:
    """For a question in two parts, the best unit of each part that the corpus answers; [] when it is in
    one part or only one part is answered."""
    chosen: list[str] = []
    for part in split_question(question):
        named = _article_named(corpus, part)
        if named:
            chosen.append(named)
            continue
        hits = retriever.search(part, k=10, language=language).hits
        if not hits or hits[0].relevance < retriever.threshold:
            return []
        best = selection.select_units(corpus, hits, part)[0]
        if best not in chosen:
            chosen.append(best)
    return chosen if len(chosen) > 1 else []


_DETERMINER = re.compile(r"^(?:o|a|os|as|the)\s+|[?.!]+$", re.IGNORECASE)


def _article_named(corpus: Corpus, part: str) -> str | None:
    """The article whose heading the part is, word for word ("o Departamento de Investigação" is
    Article 24): what the body does is in its own article, not in the list that names it."""
    name = fold(_DETERMINER.sub("", part.strip()).strip())
    for unit in corpus.units():
        if unit.kind == "article" and unit.heading and fold(unit.heading) == name:
            return unit.id
    return None
