"""The units that compete to answer a question, and what the decision knows of each (``FEATURES``).

Candidates are the best hits of the search and the lists and articles the first of them hang from: citing
13(2)(h), all of 13(2) or all of Article 13 is the same choice as citing one hit or another (granularity is
part of the decision). Every feature is a number computed from the search's scores, the corpus's structure
and the plan; the names below are what the fitted weights are keyed by (corpus/fitted/*.json).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from statistics import pstdev

from assistant.answering.extractive import unit_text
from assistant.answering.kinds import evidence_has
from assistant.answering.spans import ITEM_MARKER
from assistant.corpus import Corpus
from assistant.corpus.words import tokenize
from assistant.query.plan import QueryPlan
from assistant.retrieval import Hit

RANKED = 12  # hits that compete themselves
ANCESTRY = 5  # hits whose lists and articles compete too
KINDS = ("article", "paragraph", "item", "preamble-paragraph", "page-paragraph", "document", "closing", "annex")
NOT_RETRIEVED_GAP = 0.3  # the cosine gap given to a list or article the search did not rank

FEATURES: dict[str, str] = {
    "retrieved": "1 when the search ranked the unit; 0 for a list or article added because a hit hangs from it",
    "score_ratio": "its fused score over the best fused score",
    "rank_inv": "1 / (1 + its rank in the search)",
    "dense": "its best cosine over its passages",
    "dense_gap": "the best cosine among the candidates minus its own",
    "dense_text": "cosine of its own words (source or rendering, with their context)",
    "dense_everyday": "cosine of its everyday phrasings",
    "lexical": "its BM25 over the question's best BM25",
    "bm25_text": "log(1 + BM25) of its own words",
    "bm25_everyday": "log(1 + BM25) of its everyday phrasings",
    "coverage": "share of the question's words in it",
    "reference": "the question names it",
    "inside_reference": "it lies inside a unit the question names",
    **{f"kind_{kind}": f"it is a {kind}" for kind in KINDS},
    "depth": "levels below its document",
    "n_children": "log(1 + its parts)",
    "is_list": "it holds lettered items",
    "length": "log(1 + characters of its text)",
    "name_only": "an item that only names a body ('c) Direcção Central de Fronteiras (DCF);')",
    "is_top": "it is the search's best hit",
    "ancestor_of_top": "the best hit lies inside it",
    "descendant_of_top": "it lies inside the best hit",
    "sibling_of_top": "it shares the best hit's parent",
    "same_article_as_top": "it is in the best hit's article",
    "preamble_top_x_article": "the best hit is a preamble paragraph (why the law was made) and it is in an article",
    "restates_top": "share of the best hit's own words it says too, being neither inside nor around it",
    "children_in_top10": "how many of its parts are among the first ten hits",
    "best_child_ratio": "the best score of its parts among the first ten hits, over the best score",
    "siblings_in_top10": "how many units with its parent are among the first ten hits",
    "sibling_spread": "spread of those siblings' scores: alike when the question matched their shared lead-in",
    "own_overlap": "share of the question's words in its own text (the question's language)",
    "context_overlap": "share of the question's words only in its heading and the lead-ins it hangs from",
    "overlap_beyond_parts": "its share of the question's words minus the best share one of its parts says alone "
    "(0: a part says all it says, and citing the part is as good and shorter)",
    "why_x_preamble": "the question asks why and it is a preamble paragraph (the preamble gives the reasons)",
    "list_x_list": "the question asks for a list and it is one",
    "members_x_list": "the question asks who is on a body and it is a list",
    "which_part_x_whole_service": "the question asks which department and it is one of SEF's own attributions",
    "named": "it is, holds or lies inside the unit the question names as its subject",
    "named_exact": "it is the unit the question names as its subject",
    "whole_x_reference": "the question names it and asks for nothing inside it",
    "list_x_reference": "the question names it and asks for a list ('Quais são as competências do artigo 47.º?')",
    "says_beyond_reference": "a part of the unit the question names: the share of the question's other words it "
    "says ('What does article 47 say about fees?': the item on fees)",
    "reference_length": "the question names it: log(1 + characters of its text) (a long article is cited by its part)",
    "which_article_x_article": "the question asks which article and it is an article",
    "in_named_body": "it is in the article of a body the question names (by name or acronym)",
    "kind_stated": "the question expects a kind of answer (an amount, a duration…) and it states one",
    "cited_last": "a follow-up, and the answer it follows cited this unit",
    "beside_cited_last": "a follow-up, and this unit shares a parent or an article with what the last answer cited",
}


@dataclass(frozen=True)
class Candidate:
    unit_id: str
    hit: Hit | None
    features: dict[str, float]


_NAME_ONLY = re.compile(r"^[^;:.]{3,90}?(?:\s*\([A-Z]{2,}\))?[;.]?$")


def names_only(corpus: Corpus, unit_id: str) -> bool:
    """An item that only names a body ("c) Direcção Central de Fronteiras (DCF);", in the list of central
    services): it says nothing of what the body does."""
    unit = corpus.unit(unit_id)
    return unit.kind == "item" and bool(_NAME_ONLY.match(ITEM_MARKER.sub("", unit.own_text).strip()))


def related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


class CandidateReader:
    """Candidates and their features over one corpus (its units' words are tokenized once and kept)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._words: dict[tuple[str, str, bool], frozenset[str]] = {}

    def ancestors(self, unit_id: str) -> list[str]:
        """The lists, paragraphs and article a unit hangs from, nearest first (not the preamble or a page)."""
        out, unit = [], self.corpus.unit(unit_id)
        while unit.parent and self.corpus.unit(unit.parent).kind not in ("document", "preamble"):
            out.append(unit.parent)
            unit = self.corpus.unit(unit.parent)
        return out

    def words(self, unit_id: str, language: str, own: bool) -> frozenset[str]:
        """A unit's own words, or those of its heading and lead-ins, in a language (source or rendering)."""
        key = (unit_id, language, own)
        if key not in self._words:
            unit = self.corpus.unit(unit_id)
            if own:
                text = unit_text(self.corpus, unit, language)
            else:
                source = self.corpus.documents[unit.document].language
                parts = [self.corpus.heading_in(unit.article, language)] if unit.article else []
                for above in self.ancestors(unit_id):
                    parts.append(
                        self.corpus.unit(above).own_text
                        if language == source
                        else self.corpus.rendering(above, language) or ""
                    )
                text = " ".join(parts)
            self._words[key] = frozenset(tokenize(text, language))
        return self._words[key]

    def candidates(self, plan: QueryPlan, hits: list[Hit]) -> list[Candidate]:
        if not hits:
            return []
        by_id = {h.unit_id: h for h in hits}
        chosen = [h.unit_id for h in hits[:RANKED]]
        for hit in hits[:ANCESTRY]:
            chosen.extend(a for a in self.ancestors(hit.unit_id) if a not in chosen)
        if plan.named and plan.named not in chosen and plan.named in self.corpus:
            chosen.append(plan.named)
        context = _Context(plan, hits, self)
        return [Candidate(u, by_id.get(u), context.features(u, by_id.get(u), hits)) for u in chosen]


class _Context:
    """What every candidate of one question is measured against: the best hit, the question's words."""

    def __init__(self, plan: QueryPlan, hits: list[Hit], reader: CandidateReader) -> None:
        self.plan, self.reader, self.corpus = plan, reader, reader.corpus
        self.top = hits[0]
        self.top_score = hits[0].score or 1e-9
        self.best_dense = max(h.dense for h in hits[:RANKED])
        self.rank = {h.unit_id: i for i, h in enumerate(hits)}
        self.first_ten = hits[:10]
        self.asked = frozenset(tokenize(plan.question, plan.language))
        self.references = [r.unit_id for r in plan.search.references if r.exists]

    def features(self, unit_id: str, hit: Hit | None, hits: list[Hit]) -> dict[str, float]:
        corpus, plan, top = self.corpus, self.plan, self.top
        unit = corpus.unit(unit_id)
        parent = corpus.unit(top.unit_id).parent
        f: dict[str, float] = {
            "retrieved": float(hit is not None),
            "score_ratio": hit.score / self.top_score if hit else 0.0,
            "rank_inv": 1.0 / (1 + self.rank[unit_id]) if hit else 0.0,
            "dense": hit.dense if hit else 0.0,
            "dense_gap": self.best_dense - hit.dense if hit else NOT_RETRIEVED_GAP,
            "dense_text": hit.dense_text if hit else 0.0,
            "dense_everyday": hit.dense_everyday if hit else 0.0,
            "lexical": hit.lexical if hit else 0.0,
            "bm25_text": math.log1p(hit.bm25_text) if hit else 0.0,
            "bm25_everyday": math.log1p(hit.bm25_everyday) if hit else 0.0,
            "coverage": hit.coverage if hit else 0.0,
            "reference": float(unit_id in self.references),
            "inside_reference": float(any(unit_id.startswith(r + "/") for r in self.references)),
            **{f"kind_{kind}": float(unit.kind == kind) for kind in KINDS},
            "depth": float(unit_id.count("/")),
            "n_children": math.log1p(len(unit.children)),
            "is_list": float(corpus.is_list(unit_id)),
            "length": math.log1p(len(unit.text)),
            "name_only": float(names_only(corpus, unit_id)),
            "is_top": float(unit_id == top.unit_id),
            "ancestor_of_top": float(top.unit_id.startswith(unit_id + "/")),
            "descendant_of_top": float(unit_id.startswith(top.unit_id + "/")),
            "sibling_of_top": float(unit.parent is not None and unit.parent == parent and unit_id != top.unit_id),
            "same_article_as_top": float(unit.article is not None and unit.article == top.article),
        }
        top_kind = corpus.unit(top.unit_id).kind
        f["preamble_top_x_article"] = float(top_kind == "preamble-paragraph" and unit.article is not None)
        top_words = self.reader.words(top.unit_id, "pt", own=True)
        f["restates_top"] = (
            len(top_words & self.reader.words(unit_id, "pt", own=True)) / len(top_words)
            if top_words and not related(unit_id, top.unit_id)
            else 0.0
        )
        kids = [h for h in self.first_ten if h.unit_id.startswith(unit_id + "/")]
        f["children_in_top10"] = float(len(kids))
        f["best_child_ratio"] = max((h.score / self.top_score for h in kids), default=0.0)
        siblings = [
            h
            for h in self.first_ten
            if unit.parent and h.unit_id != unit_id and corpus.unit(h.unit_id).parent == unit.parent
        ]
        f["siblings_in_top10"] = float(len(siblings))
        f["sibling_spread"] = pstdev(h.score / self.top_score for h in siblings) if len(siblings) > 1 else 0.0
        asked = self.asked
        own = self.reader.words(unit_id, plan.language, own=True)
        context = self.reader.words(unit_id, plan.language, own=False)
        f["own_overlap"] = len(asked & own) / len(asked) if asked else 0.0
        f["context_overlap"] = len(asked & (context - own)) / len(asked) if asked else 0.0
        parts = [len(asked & self.reader.words(c, plan.language, own=True)) for c in unit.children] if asked else []
        f["overlap_beyond_parts"] = f["own_overlap"] - max(parts) / len(asked) if parts else 0.0
        f["why_x_preamble"] = float(plan.asks("why") and unit.kind == "preamble-paragraph")
        f["list_x_list"] = float(plan.asks("list") and corpus.is_list(unit_id))
        f["members_x_list"] = float(plan.asks("members") and corpus.is_list(unit_id))
        whole_service = unit.article is not None and corpus.unit(unit.article).heading == "Atribuições"
        f["which_part_x_whole_service"] = float(plan.asks("which_part") and whole_service)
        f["named"] = float(plan.named is not None and related(unit_id, plan.named))
        f["named_exact"] = float(plan.named == unit_id)
        f["whole_x_reference"] = float(unit_id in self.references and not plan.beyond_reference)
        f["list_x_reference"] = float(unit_id in self.references and plan.asks("list"))
        beyond = plan.beyond_reference if f["inside_reference"] else frozenset()
        f["says_beyond_reference"] = len(beyond & own) / len(beyond) if beyond else 0.0
        f["reference_length"] = f["length"] if unit_id in self.references else 0.0
        f["which_article_x_article"] = float(plan.asks("which_article") and unit.kind == "article")
        f["in_named_body"] = float(unit.article is not None and unit.article in plan.bodies)
        stated = plan.expected and all(
            evidence_has(kind, unit.text + " " + (corpus.rendering(unit_id, "en") or "")) for kind in plan.expected
        )
        f["kind_stated"] = float(bool(stated))
        cited = plan.follow_up.cited_before if plan.follow_up else ()
        f["cited_last"] = float(unit_id in cited)
        f["beside_cited_last"] = float(
            unit_id not in cited
            and any(
                corpus.unit(c).parent == unit.parent or (unit.article and corpus.unit(c).article == unit.article)
                for c in cited
                if c in corpus
            )
        )
        return f
