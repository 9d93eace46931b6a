"""Hybrid search: references, dense (Chroma) and lexical (BM25) results fused at unit level.

Fusion is a weighted sum of normalised scores (dense cosine min-max scaled over
the candidates, BM25 divided by the best match), measured on the evaluation set
against reciprocal-rank fusion (``ASSISTANT_FUSION=rrf``): with e5-small's flat
similarity range, RRF lets the dense ranking's noise drown a strong lexical
match, the weighted sum does not (on evals/gold: article recall@1 0.81 vs 0.77,
MRR 0.90 vs 0.87). References rank first either way.

``score`` is the fused score (ranking); ``relevance`` is a
calibrated 0..1 estimate that the unit is relevant, from the dense similarity
and the lexical match, so that the answerer can tell "nothing relevant" from
"relevant". The calibration constants are fitted on the evaluation set for the index's embedder
(`assistant fit`) and read from the build (``calibration.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.corpus.words import tokenize
from assistant.query.plan import SearchQuery, check_question, search_query
from assistant.query.references import Reference
from assistant.query.vocabulary import vocabulary
from assistant.retrieval.build import OpenIndex
from assistant.retrieval.calibration import calibration_of, relevance
from assistant.retrieval.passages import everyday_id
from assistant.retrieval.thesaurus import Thesaurus

WEIGHTS = {"dense": 0.8, "lexical": 1.0, "reference": 10.0, "inside_reference": 5.0}
CANDIDATES = 60
RRF_K = 60  # the constant of Cormack et al. (2009)
# A follow-up ("and the Algarve one?") most often asks for a sibling of what was just cited: another
# alínea of the same list; less often, another part of the same article.
FOLLOW_UP = {"own": 1.0, "context": 1.0, "same_article": 0.2, "same_list": 0.2}
TIE = 0.98  # hits scoring this close to the best are tied with it: their order is the wording's
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Hit:
    """One unit as a search ranked it. Immutable: a decision that reorders hits makes a new ranking."""

    unit_id: str
    document: str
    article: str | None
    score: float
    relevance: float
    dense: float = 0.0  # best cosine over the unit's passages
    lexical: float = 0.0  # BM25 relative to the best lexical match of the query
    bm25: float = 0.0  # raw BM25
    coverage: float = 0.0  # share of the question's words found in the unit (its language)
    vocabulary: float = 0.0  # share of the question's words found anywhere in the corpus
    reference: bool = False
    # The same signals per kind of passage: the unit's own words (source or rendering, with their context)
    # and its everyday phrasings; and the unit's rank in the dense and the lexical lists (-1: not in it).
    dense_text: float = 0.0
    dense_everyday: float = 0.0
    bm25_text: float = 0.0
    bm25_everyday: float = 0.0
    dense_rank: int = -1
    lexical_rank: int = -1


@dataclass
class SearchResult:
    query: str
    language: str
    hits: list[Hit]
    references: list[Reference] = field(default_factory=list)

    def evidence(self) -> float:
        """How strongly the best hits say the corpus answers: the best relevance among those tied at the
        top. Their order is the wording's, so one of them weak and the other not is no reason to refuse
        ("Who has the final word on throwing a foreigner out …?": 13(2)(h) and 2(1)(m), 1.792 and 1.787)."""
        if not self.hits:
            return 0.0
        return max(h.relevance for h in self.hits if h.score >= TIE * self.hits[0].score)

    @property
    def missing_references(self) -> list[Reference]:
        return [r for r in self.references if not r.exists]


class Retriever:
    def __init__(self, corpus: Corpus, index: OpenIndex, embedder: Embeddings, settings: Settings) -> None:
        self.corpus = corpus
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._known = {u.id for u in corpus.units()}
        self.thesaurus = Thesaurus.load(settings.corpus_dir / "thesaurus.yaml")
        self.calibration = calibration_of(index.fitted)
        self.vocabulary = vocabulary(corpus)
        self.vocabulary.use_index_words(index.lexical.words())
        self._unit_tokens: dict[tuple[str, str], set[str]] = {}

    def check_query(self, query: str) -> str:
        return check_question(query, self.settings.max_query_chars)

    def search(
        self, query: str | SearchQuery, k: int | None = None, language: str = "auto", roll_up: bool = False
    ) -> SearchResult:
        """Hits for a question as the plan reads it (a ``SearchQuery``); a plain string is read by the plan
        builder first (``assistant search``, ``GET /api/search``)."""
        if isinstance(query, str):
            query = search_query(self.check_query(query), self.corpus, language)
        k = k or self.settings.search_k
        lang, references = query.language, list(query.references)
        if not query.has_words:
            return SearchResult(query.text, lang, [], references)

        matched = query.matched  # "Hello, can you tell me …": the greeting is not what is asked
        query_vector = self.embedder.embed_query(matched)
        dense_kinds = self._dense(query_vector)
        lexical_kinds = self._lexical(query)
        dense, lexical = _best_of(dense_kinds), _best_of(lexical_kinds)
        ref_ids = [r.unit_id for r in references if r.exists]
        fused = self._fuse(dense, lexical)
        top_lexical = max(lexical.values(), default=0.0)
        for rank, unit_id in enumerate(ref_ids):
            fused[unit_id] += WEIGHTS["reference"] - rank * 0.01
        # "Articles 9 and 10": the units named rank in the order the question names them.
        for unit_id, score in zip(ref_ids, sorted((fused[u] for u in ref_ids), reverse=True), strict=True):
            fused[unit_id] = score
        # A unit inside a referenced article or paragraph outranks anything outside it.
        for unit_id in list(fused):
            if any(unit_id.startswith(ref + "/") for ref in ref_ids):
                fused[unit_id] += WEIGHTS["inside_reference"]

        own_words, foreign_words = _words(query)
        # A word of the other language counts where it is known: "coimas" is in the corpus, in Portuguese.
        vocabulary = _share(
            self.index.lexical.vocabulary_share(own_words, lang),
            len(own_words),
            self.index.lexical.vocabulary_share(foreign_words, query.other_language),
            len(foreign_words),
        )
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])
        shown = max(k, 10)  # only what is returned needs the (tokenising) coverage and every cosine
        dense_ranks = {unit_id: rank for rank, unit_id in enumerate(dense)}
        lexical_ranks = {unit_id: rank for rank, unit_id in enumerate(lexical)}
        filled = self._fill_dense([u for u, _ in ranked[:shown] if u not in dense], query_vector)
        hits = []
        for position, (unit_id, score) in enumerate(ranked):
            unit = self.corpus.unit(unit_id)
            kinds = dense_kinds.get(unit_id) or filled.get(unit_id) or {}
            words = lexical_kinds.get(unit_id, {})
            is_ref = unit_id in ref_ids
            coverage = self._coverage(query, own_words, foreign_words, unit_id) if position < shown else 0.0
            cosine = max(kinds.values()) if kinds else 0.0
            bm25 = lexical.get(unit_id, 0.0)
            hits.append(
                Hit(
                    unit_id=unit_id,
                    document=unit.document,
                    article=unit.article,
                    score=score,
                    relevance=1.0 if is_ref else relevance(self.calibration, cosine, bm25, coverage, vocabulary),
                    dense=cosine,
                    lexical=bm25 / top_lexical if top_lexical else 0.0,
                    bm25=bm25,
                    coverage=coverage,
                    vocabulary=vocabulary,
                    reference=is_ref,
                    dense_text=kinds.get("text", 0.0),
                    dense_everyday=kinds.get("everyday", 0.0),
                    bm25_text=words.get("text", 0.0),
                    bm25_everyday=words.get("everyday", 0.0),
                    dense_rank=dense_ranks.get(unit_id, -1),
                    lexical_rank=lexical_ranks.get(unit_id, -1),
                )
            )
        if roll_up:
            hits = self._roll_up(hits)
        return SearchResult(query.text, lang, hits[:k], references)

    def _fuse(self, dense: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
        """Dense and lexical rankings into one score per unit (references are added by the caller)."""
        fused: dict[str, float] = defaultdict(float)
        if self.settings.fusion == "rrf":
            for ranking in (dense, lexical):  # both are sorted best first
                for rank, unit_id in enumerate(ranking):
                    fused[unit_id] += 1.0 / (RRF_K + rank + 1)
            top = max(fused.values(), default=1.0)
            # Scaled so that the best unit scores 1, as with the weighted sum (the answerer's
            # "close to the top" rule and the follow-up merge compare scores by ratio).
            return defaultdict(float, {unit_id: score / top for unit_id, score in fused.items()})
        if dense:
            low, high = min(dense.values()), max(dense.values())
            for unit_id, cosine in dense.items():
                fused[unit_id] += WEIGHTS["dense"] * (cosine - low) / (high - low + 1e-9)
        top_lexical = max(lexical.values(), default=0.0)
        for unit_id, bm25 in lexical.items():
            fused[unit_id] += WEIGHTS["lexical"] * bm25 / top_lexical
        return fused

    def search_in_context(
        self,
        own: SearchQuery,
        context: SearchQuery,
        k: int | None = None,
        articles: tuple[str, ...] = (),
        cited: tuple[str, ...] = (),
    ) -> SearchResult:
        """A follow-up ("and who replaces him?", "e no Algarve?"): what the question itself matches
        leads, the question read with its context (the previous question) supplies the missing
        subject, and units of the previously cited articles (more: siblings of the previously
        cited units) get a nudge."""
        k = k or self.settings.search_k
        alone = self.search(own, k=CANDIDATES)
        joined = self.search(context, k=CANDIDATES)
        merged: dict[str, float] = defaultdict(float)
        best: dict[str, Hit] = {}
        for result, weight in ((alone, FOLLOW_UP["own"]), (joined, FOLLOW_UP["context"])):
            top = result.hits[0].score if result.hits else 1.0
            for hit in result.hits:
                merged[hit.unit_id] += weight * hit.score / top
                if hit.unit_id not in best or hit.relevance > best[hit.unit_id].relevance:
                    best[hit.unit_id] = hit
        lists = {self.corpus.unit(c).parent for c in cited if c in self._known} - {None}
        for unit_id in merged:
            if unit_id not in cited and any(unit_id == a or unit_id.startswith(a + "/") for a in articles):
                merged[unit_id] += FOLLOW_UP["same_article"]
            if unit_id not in cited and self.corpus.unit(unit_id).parent in lists:
                merged[unit_id] += FOLLOW_UP["same_list"]
        hits = [replace(best[u], score=score) for u, score in sorted(merged.items(), key=lambda kv: -kv[1])[:k]]
        return SearchResult(own.text, alone.language, hits, alone.references)

    def _dense(self, vector: list[float]) -> dict[str, dict[str, float]]:
        """Unit id -> best cosine similarity per kind of passage (its words, its everyday phrasings), units
        in the order of their best cosine."""
        best: dict[str, dict[str, float]] = {}
        for passage_id, unit_id, cosine in self.index.vectors.nearest(vector, CANDIDATES):
            if unit_id in self._known:
                kinds = best.setdefault(unit_id, {})
                kind = _kind_of(passage_id)
                kinds[kind] = max(kinds.get(kind, -1.0), cosine)
        return dict(sorted(best.items(), key=lambda kv: -max(kv[1].values())))

    def _lexical(self, query: SearchQuery) -> dict[str, dict[str, float]]:
        """Unit id -> best BM25 score per kind of passage, in the question's language (the other one is noise),
        and in the other language for its words of that language ("coimas" in an English question), added
        up; units in the order of their best score."""
        best: dict[str, dict[str, float]] = {}
        searches = [(query.matched, query.language)]
        if query.foreign:
            searches.append((" ".join(query.foreign), query.other_language))
        for text, language in searches:
            found: dict[str, dict[str, float]] = {}
            for passage_id, score in self.index.lexical.search(text, CANDIDATES, (language,), self.thesaurus.expand)[
                language
            ]:
                unit_id = passage_id.split("#", 1)[0]
                if unit_id in self._known:
                    kinds = found.setdefault(unit_id, {})
                    kind = _kind_of(passage_id)
                    kinds[kind] = max(kinds.get(kind, 0.0), score)
            for unit_id, kinds in found.items():
                mine = best.setdefault(unit_id, {})
                for kind, score in kinds.items():
                    mine[kind] = mine.get(kind, 0.0) + score
        return dict(sorted(best.items(), key=lambda kv: -max(kv[1].values())))

    def _fill_dense(self, unit_ids: list[str], query_vector: list[float]) -> dict[str, dict[str, float]]:
        """Lexical-only hits get their real cosines too, so relevance compares like with like."""
        if not unit_ids:
            return {}
        ids = [
            passage_id
            for unit_id in unit_ids
            for lang in ("pt", "en")
            for passage_id in (f"{unit_id}#{lang}", everyday_id(unit_id, lang))
        ]
        query = np.asarray(query_vector, dtype=np.float32)
        best: dict[str, dict[str, float]] = {}
        for passage_id, vector in self.index.vectors.stored(ids).items():
            kinds = best.setdefault(passage_id.split("#", 1)[0], {})
            kind = _kind_of(passage_id)
            kinds[kind] = max(kinds.get(kind, -1.0), float(np.dot(np.asarray(vector, dtype=np.float32), query)))
        return best

    def _coverage(self, query: SearchQuery, own: set[str], foreign: set[str], unit_id: str) -> float:
        """Share of the question's words found in the unit (its words of the other language in that language)."""
        return _share(
            self._found(own, unit_id, query.language),
            len(own),
            self._found(foreign, unit_id, query.other_language),
            len(foreign),
        )

    def _found(self, tokens: set[str], unit_id: str, language: str) -> float:
        if not tokens:
            return 0.0
        key = (unit_id, language)
        if key not in self._unit_tokens:
            unit = self.corpus.unit(unit_id)
            parts = [unit.text, unit.heading or ""]
            if unit.article:
                parts.append(self.corpus.unit(unit.article).heading or "")
            rendering = self.corpus.rendering(unit_id, language)
            if rendering:
                parts.append(rendering)
                if unit.article:
                    parts.append(self.corpus.rendered_heading(unit.article, language) or "")
            self._unit_tokens[key] = set(tokenize(" ".join(parts), language))
        return len(tokens & self._unit_tokens[key]) / len(tokens)

    def relevance(self, hit: Hit) -> float:
        return relevance(self.calibration, hit.dense, hit.bm25, hit.coverage, hit.vocabulary)

    def _roll_up(self, hits: list[Hit]) -> list[Hit]:
        """One hit per article (or per unit outside articles), keeping its best unit's scores."""
        seen: dict[str, Hit] = {}
        for hit in hits:
            key = hit.article or hit.unit_id
            if key not in seen:
                seen[key] = replace(hit, unit_id=key, document=self.corpus.unit(key).document)
        return list(seen.values())


def _words(query: SearchQuery) -> tuple[set[str], set[str]]:
    """The question's words in its language, and its words of the other language read in that one."""
    if not query.foreign:
        return set(tokenize(query.matched, query.language)), set()
    foreign = {w.lower() for w in query.foreign}
    own = _LETTERS.sub(lambda m: " " if m.group(0).lower() in foreign else m.group(0), query.matched)
    return set(tokenize(own, query.language)), set(tokenize(" ".join(query.foreign), query.other_language))


def _share(own: float, own_count: int, foreign: float, foreign_count: int) -> float:
    """Two shares (of the question's own words and of its foreign ones) as one, weighted by their counts."""
    total = own_count + foreign_count
    return (own * own_count + foreign * foreign_count) / total if total else 0.0


def _kind_of(passage_id: str) -> str:
    """ "…#pt" and "…#en" are a unit's own words; "…#pt.everyday", its everyday phrasings."""
    return "everyday" if passage_id.endswith(".everyday") else "text"


def _best_of(kinds: dict[str, dict[str, float]]) -> dict[str, float]:
    return {unit_id: max(scores.values()) for unit_id, scores in kinds.items()}
