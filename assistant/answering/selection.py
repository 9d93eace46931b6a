"""Which units answer a question: the best hit, close runners-up, a whole list, the part that answers.

Which hit is the best is settled first (``leads.py``). The rules read the ranking the retriever gives
(scores, references) and the corpus's structure (articles, paragraphs, items, the preamble); where a
rule was measured on the evaluation set, its comment gives the figures.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.answering.extractive import unit_words
from assistant.answering.leads import ASKS_WHY, LIST_QUESTION, related, reorder
from assistant.answering.spans import ITEM_MARKER
from assistant.corpus import Corpus, Unit
from assistant.corpus.text import fold
from assistant.retrieval import Hit
from assistant.retrieval.lexical import tokenize

MAX_CITATIONS = 3
MAX_NAMED = 6  # units the question names itself ("artigos 3.º a 5.º e 9.º") are cited up to this many
ALIKE = 0.85  # two further items of the best hit's list scoring this close to it: the list answers
CLOSE_TO_TOP = 0.92  # a further unit is cited when its fused score is this close to the best
# Who is on a body: when the best hit is one of its members, the members' list answers ("Quem compõe o
# conselho administrativo?" found 20(2)(c) and (a), without (b)).
_MEMBERS_QUESTION = re.compile(
    r"\bcomp[õo]em?\b|\bcompost[oa]s?\b|\bconstituíd[oa]\b|\bintegram?\b|\bmembers?\b|\bmade up of\b|\bmakes? up\b"
    r"|\bcomposed of\b|\bconsists? of\b|\bcompris(?:es|ed)\b|\bsits? on\b",
    re.IGNORECASE,
)


def select_units(corpus: Corpus, hits: list[Hit], question: str) -> list[str]:
    """The few units that answer: the best hit, close runners-up, or a whole list."""
    if not hits:
        return []
    hits = reorder(corpus, hits, question)
    top = hits[0]
    chosen = [top.unit_id]
    # A list question whose best hits are items of one list wants the list itself (not the preamble:
    # its paragraphs are not a list, and the whole of it answers nothing).
    parent = corpus.unit(top.unit_id).parent
    siblings = [
        h
        for h in hits[:5]
        if parent and corpus.unit(h.unit_id).parent == parent and corpus.unit(h.unit_id).kind == "item"
    ]
    is_list_item = len(siblings) >= 2 or corpus.unit(top.unit_id).kind == "item"
    listable = parent is not None and corpus.unit(parent).kind not in ("document", "preamble")
    asks_list = LIST_QUESTION.search(question) or (
        _MEMBERS_QUESTION.search(question) and corpus.unit(top.unit_id).kind == "item"
    )
    # Items scoring alike matched the lead-in they share ("São autoridades de polícia criminal … os
    # seguintes funcionários:"), not one item: "Quem tem o estatuto de autoridade de polícia criminal?"
    # is all of 3(1), not its item d (measured: PT/EN parity 0.835 -> 0.845, unit recall up).
    alike = [h for h in siblings if h is not top and h.score >= ALIKE * top.score]
    if listable and is_list_item and (asks_list or len(alike) >= 2):
        chosen = [str(parent)]
    elif asks_list and not top.reference:
        # The best hit is next to the list (Article 45(1) on what regional directorates do), and its items
        # follow: "what regional directorates did SEF have?" wants 45(2), whose items are 4 of the top 5.
        lists = Counter(
            corpus.unit(h.unit_id).parent for h in hits[:5] if corpus.unit(h.unit_id).kind == "item"
        ).most_common(1)
        if lists and lists[0][1] >= 3 and lists[0][0] is not None:
            chosen = [str(lists[0][0])]
    chosen = [_pinpoint(corpus, chosen[0], hits, question)]
    lead_is_article = corpus.unit(chosen[0]).article is not None
    asks_which_part = bool(_ASKS_WHICH_PART.search(question))
    # Asked who is on a body or what makes it up, its list of members answers whole: the powers of its
    # chair or head, ranked beside it by the body's name, list nobody ("Who are the members of the
    # administrative board?" is 20(2), without 13(2)(b), the director-general's power to chair it;
    # "Which offices make up the director-general's headquarters?" is Article 12, without 13(1)).
    asks_members = bool(_MEMBERS_QUESTION.search(question))
    for hit in hits[1:]:
        # Every unit the question names is cited ("Compare Article 13 and Article 47"), however its
        # words score beside the first.
        named = top.reference and hit.reference
        if len(chosen) >= (MAX_NAMED if named else MAX_CITATIONS) or (
            hit.score < CLOSE_TO_TOP * top.score and not named
        ):
            break
        unit_id = _pinpoint(corpus, hit.unit_id, hits, question)
        if any(related(unit_id, c) for c in chosen):
            continue
        if lead_is_article and corpus.unit(unit_id).kind == "preamble-paragraph" and not hit.reference:
            # The preamble says why the law was made; once an article answers, its paragraph on the
            # same subject adds a citation that does not answer (measured: precision up, recall equal).
            continue
        if any(_only_names(corpus, unit_id, c) for c in chosen):
            continue
        if asks_which_part and _of_the_whole_service(corpus, unit_id):
            # "Which department examines naturalisation files?": SEF's own attributions name no department.
            continue
        chosen.append(unit_id)
    listed = [c for c in chosen if corpus.is_list(c)]
    if asks_members and listed and not top.reference:  # the list, first or ranked second
        chosen = listed[:1]
    # The mirror of the rule above: the preamble says why the law was made and an article what it provides,
    # so an article close to the top answers a question that asks neither why nor for the preamble
    # (measured: precision and recall up, PT/EN parity 0.526 -> 0.546). A preamble asked for by name leads.
    led_by_preamble = corpus.unit(chosen[0]).kind == "preamble-paragraph" and not any(
        h.reference and related(h.unit_id, chosen[0]) for h in hits
    )
    if led_by_preamble and not ASKS_WHY.search(question) and any(corpus.unit(c).article for c in chosen):
        chosen = [c for c in chosen if corpus.unit(c).kind != "preamble-paragraph"]
    return chosen


def in_the_law_s_order(corpus: Corpus, unit_ids: list[str], hits: list[Hit]) -> list[str]:
    """Units cited together scored within a few per cent of each other, an order the wording of the question
    decides: read in the law's own order, a question and its translation cite alike (measured: PT/EN parity
    0.856 -> 0.866, precision and recall equal). Units the question names keep the order it names them in."""
    if any(h.reference for h in hits):
        return unit_ids
    return sorted(unit_ids, key=corpus.position)


_ASKS_WHICH_PART = re.compile(
    r"\b(?:which|what|que|qual|em que) (?:central |regional )?(?:department|directorate|office|unit|departamento|"
    r"dire[cç]ção|gabinete|núcleo)",
    re.IGNORECASE,
)


def _of_the_whole_service(corpus: Corpus, unit_id: str) -> bool:
    """A unit of the article on what SEF as a whole is charged with (Article 2, "Atribuições")."""
    article = corpus.unit(unit_id).article
    return article is not None and corpus.unit(article).heading == "Atribuições"


_NAME_ONLY = re.compile(r"^[^;:.]{3,90}?(?:\s*\([A-Z]{2,}\))?[;.]?$")


def _only_names(corpus: Corpus, unit_id: str, cited: str) -> bool:
    """An item that only names a body ("c) Direcção Central de Fronteiras (DCF);", in the list of central
    services) adds nothing beside a cited unit that names the same body and says what it does."""
    unit = corpus.unit(unit_id)
    own = ITEM_MARKER.sub("", unit.own_text).strip()
    if unit.kind != "item" or not _NAME_ONLY.match(own):
        return False
    name = fold(re.sub(r"\s*\([A-Z]{2,}\)", "", own).rstrip(";. "))
    return name in fold(corpus.unit(cited).text)


def _is_container(corpus: Corpus, unit: Unit) -> bool:
    """A unit with no words of its own that answer: the preamble, a web page (its title only).
    The decree's own unit is not one: its words are the header (number, date, revocation)."""
    if unit.kind == "preamble":
        return True
    return unit.kind == "document" and all(corpus.unit(c).kind == "page-paragraph" for c in unit.children)


def _pinpoint(corpus: Corpus, unit_id: str, hits: list[Hit], question: str) -> str:
    """A container cites the part that answers: its best-ranked descendant among the hits, else the
    child sharing most words with the question (in the source or its rendering). Quoting a whole
    preamble (12,000 characters) or page answers nothing."""
    unit = corpus.unit(unit_id)
    if not unit.children or not _is_container(corpus, unit):
        return unit_id
    inside = [h.unit_id for h in hits if h.unit_id.startswith(unit_id + "/")]
    if inside:
        return _pinpoint(corpus, inside[0], hits, question)
    asked = {lang: set(tokenize(question, lang)) for lang in ("pt", "en")}

    def shared(child: str) -> int:
        return max(len(asked[lang] & unit_words(corpus, child, lang)) for lang in asked)

    return _pinpoint(corpus, max(unit.children, key=shared), hits, question)
