"""Which units answer a question: the best hit, close runners-up, a whole list, the part that answers.

The rules read the ranking the retriever gives (scores, references) and the corpus's structure
(articles, paragraphs, items, the preamble); where a rule was measured on the evaluation set, its
comment gives the figures.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from assistant.answering.extractive import unit_text
from assistant.answering.spans import ITEM_MARKER
from assistant.corpus import Corpus, Unit
from assistant.corpus.text import fold, normalize
from assistant.retrieval import Hit
from assistant.retrieval.language import detect_language
from assistant.retrieval.lexical import tokenize
from assistant.retrieval.references import find_references

MAX_CITATIONS = 3
MAX_NAMED = 6  # units the question names itself ("artigos 3.º a 5.º e 9.º") are cited up to this many
PREAMBLE_YIELDS = 0.7  # an article this close to a preamble paragraph at the top leads instead
PART_LEADS = 0.6  # an article's part ranked this close below it, and alone among its parts, leads instead
PART_RIVAL = 0.85  # …unless another of its paragraphs ranks this close to that one
ALIKE = 0.85  # two further items of the best hit's list scoring this close to it: the list answers
CLOSE_TO_TOP = 0.92  # a further unit is cited when its fused score is this close to the best
# "List the …", "a list of …" ask for a list; "the list of people banned from entry" names a register.
_LIST_QUESTION = re.compile(
    r"\b(?:which|what) (?:are|were)\b|(?:^\s*|\b(?:please|you|and)\s+)list\b|\ba list of\b|\ball (?:the )?\w+"
    r"|\bquais (?:são|eram|os|as)\b|\btod[oa]s os\b"
    r"|\btod[oa]s as\b|\bque \w+ (?:existem|há|tem|compreende)|\bhow many\b|\bquant[oa]s\b"
    r"|\b(?:what|which) (?:\w+ ){1,3}(?:did|does|do) (?:\w+ ){1,2}have\b|\bque \w+ (?:tinha|tem|havia) o\b",
    re.IGNORECASE,
)
# Who is on a body: when the best hit is one of its members, the members' list answers ("Quem compõe o
# conselho administrativo?" found 20(2)(c) and (a), without (b)).
_MEMBERS_QUESTION = re.compile(
    r"\bcomp[õo]em?\b|\bcompost[oa]s?\b|\bconstituíd[oa]\b|\bintegram?\b|\bmembers?\b|\bmade up of\b|\bmakes? up\b"
    r"|\bcomposed of\b|\bconsists? of\b|\bcompris(?:es|ed)\b|\bsits? on\b",
    re.IGNORECASE,
)
# The preamble gives the reasons for the law; the articles what it provides. Only questions asking for a
# reason ("por motivos humanitários" or "for humanitarian reasons" ask for none).
_ASKS_WHY = re.compile(
    r"\bwhy\b|\bporquê\b|\bporque é que\b|^\s*porque\b|^\s*por que\b|\bpor que (?:razão|razões|motivos?)\b"
    r"|\b(?:qual|quais) (?:foi |foram |é |são |era |eram )?(?:a|o|as|os) (?:razão|razões|motivos?)\b"
    r"|\bwhat (?:is|are|was|were) the reasons?\b|\bfor what reasons?\b|\breasons? (?:for|why|behind)\b",
    re.IGNORECASE,
)
# Words that ask for a named unit as a whole ("What does Article 55 say?", "De que trata o artigo 9.º?")
# or name the law it is in, not something inside it; stemmed as the lexical index stems them.
_WHOLE_UNIT_WORDS = (
    "what does say says said tell me explain explains mean means state states provide provides content contents "
    "text full whole entire about read show give quote please can could you deal deals cover covers "
    "mention mentions mentioned refer refers referred apply applies applied practice "
    "who which where when how why "
    "sef organic law decree "
    "o que diz dizem dizer explica explicar significa estabelece estabelecem prevê preveem conteúdo texto inteiro "
    "todo sobre ler lê mostra mostrar dá dar cita citar favor podes pode trata tratam referido referida "
    "referidos referidas menciona mencionado mencionados aplica aplicar aplicado prática "
    "quem qual quais onde quando como porque porquê "
    "lei orgânica decreto"
)
_WHOLE_UNIT = {lang: frozenset(tokenize(_WHOLE_UNIT_WORDS, lang)) for lang in ("pt", "en")}


def select_units(corpus: Corpus, hits: list[Hit], question: str) -> list[str]:
    """The few units that answer: the best hit, close runners-up, or a whole list."""
    if not hits:
        return []
    hits = _within_named_unit(corpus, hits, question)
    hits = _article_before_preamble(corpus, hits, question)
    hits = _part_before_article(corpus, hits, question)
    hits = _reasons_before_formalities(corpus, hits, question)
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
    asks_list = _LIST_QUESTION.search(question) or (
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
        if asks_members and _is_list(corpus, chosen[0]) and not hit.reference:
            break
        # Every unit the question names is cited ("Compare Article 13 and Article 47"), however its
        # words score beside the first.
        named = top.reference and hit.reference
        if len(chosen) >= (MAX_NAMED if named else MAX_CITATIONS) or (
            hit.score < CLOSE_TO_TOP * top.score and not named
        ):
            break
        unit_id = _pinpoint(corpus, hit.unit_id, hits, question)
        if any(_related(unit_id, c) for c in chosen):
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
    listed = [c for c in chosen if _is_list(corpus, c)]
    if asks_members and listed and not top.reference:  # the list ranked second
        chosen = listed[:1]
    # The mirror of the rule above: the preamble says why the law was made and an article what it provides,
    # so an article close to the top answers a question that asks neither why nor for the preamble
    # (measured: precision and recall up, PT/EN parity 0.526 -> 0.546). A preamble asked for by name leads.
    led_by_preamble = corpus.unit(chosen[0]).kind == "preamble-paragraph" and not any(
        h.reference and _related(h.unit_id, chosen[0]) for h in hits
    )
    if led_by_preamble and not _ASKS_WHY.search(question) and any(corpus.unit(c).article for c in chosen):
        chosen = [c for c in chosen if corpus.unit(c).kind != "preamble-paragraph"]
    return chosen


def in_the_law_s_order(corpus: Corpus, unit_ids: list[str], hits: list[Hit]) -> list[str]:
    """Units cited together scored within a few per cent of each other, an order the wording of the question
    decides: read in the law's own order, a question and its translation cite alike (measured: PT/EN parity
    0.856 -> 0.866, precision and recall equal). Units the question names keep the order it names them in."""
    if any(h.reference for h in hits):
        return unit_ids
    return sorted(unit_ids, key=corpus.position)


def _article_before_preamble(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """The preamble says why the law was made, an article what it provides: a question that asks neither
    why nor for the preamble is answered by the article ranked near the preamble paragraph at the top
    ("Quem executa as expulsões?": 47(1)(h), not the preamble's list of what SEF did in 2000)."""
    top = hits[0]
    if corpus.unit(top.unit_id).kind != "preamble-paragraph" or _ASKS_WHY.search(question):
        return hits
    if any(h.reference and _related(h.unit_id, top.unit_id) for h in hits):
        return hits  # "What does the preamble say about …?"
    article = next((h for h in hits[1:] if h.article and h.score >= PREAMBLE_YIELDS * top.score), None)
    return [article, *(h for h in hits if h is not article)] if article else hits


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


def _reasons_before_formalities(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """The header says what the law is and the closing formula who signed it when; neither says why.
    A question asking why ("Why did the government need a new organic law in 2000?") is answered by
    the preamble paragraph ranked near them, the part of the law that gives its reasons."""
    top = hits[0]
    formalities = ("document", "closing")
    if not _ASKS_WHY.search(question) or top.reference or corpus.unit(top.unit_id).kind not in formalities:
        return hits
    reason = next(
        (
            h
            for h in hits[1:10]
            if corpus.unit(h.unit_id).kind == "preamble-paragraph" and h.score >= PREAMBLE_YIELDS * top.score
        ),
        None,
    )
    if reason is None:
        return hits
    rest = [h for h in hits if h is not reason and (h.reference or corpus.unit(h.unit_id).kind not in formalities)]
    return [replace(reason, score=top.score), *rest]


def _part_before_article(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """Staff need the paragraph, not the article: when an article leads and one of its paragraphs ranks
    close below it with no other paragraph of it near, that paragraph leads, at the article's score
    ("Which directorate runs SEF's personnel…?": Article 33(1), not all of Article 33). It also steadies
    answers across languages: an article's whole text and its paragraph trade places between a
    question and its translation (measured: PT/EN parity 0.742 -> 0.784, precision and recall equal).
    A question naming the article, or asking for a list, keeps it whole."""
    top = hits[0]
    if top.reference or corpus.unit(top.unit_id).kind != "article" or _LIST_QUESTION.search(question):
        return hits
    inside = [h for h in hits[1:10] if h.unit_id.startswith(top.unit_id + "/")]
    if not inside or inside[0].score < PART_LEADS * top.score:
        return hits
    # The paragraph holding the best part: an item alone would drop its siblings ("Which officials are
    # criminal police authorities?" is all of 3(1), not its item a).
    child = "/".join(inside[0].unit_id.split("/")[: top.unit_id.count("/") + 2])
    if corpus.unit(child).kind != "paragraph":
        return hits  # an article of items alone: its lead-in goes with each, the article answers
    rivals = [h for h in inside if not _related(h.unit_id, child) and h.score >= PART_RIVAL * inside[0].score]
    if rivals:
        return hits
    part = next((h for h in hits if h.unit_id == child), None)
    part = part or replace(inside[0], unit_id=child)
    return [replace(part, score=top.score), *(h for h in hits if h.unit_id != child)]


def _within_named_unit(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """'What does Article 2 say about naturalisation?': the article is named to say where to look and
    the words after it say what to find there, so the best-ranked part of it leads (Article 2(1)(p)),
    not all of Article 2. A question asking for the unit as a whole, or for a list, keeps it."""
    top = hits[0]
    if not top.reference or _LIST_QUESTION.search(question):
        return hits
    inside = [h for h in hits[1:] if h.unit_id.startswith(top.unit_id + "/")]
    if not inside:
        return hits
    rest = normalize(question)
    for reference in find_references(question, corpus):
        rest = rest.replace(reference.text, " ")
    language = detect_language(question)
    # Numbers and single letters left over name the law ("Decree-Law 252/2000") or nothing.
    asked = {t for t in tokenize(rest, language) if len(t) > 1 and not t.isdigit()} - _WHOLE_UNIT[language]

    best = inside[0]
    # The part must say what was asked about in so many words: otherwise the words after the
    # reference ("please", "to me") were no question about a part.
    if not asked & set(tokenize(unit_text(corpus, corpus.unit(best.unit_id), language), language)):
        return hits
    return [best, *(h for h in hits[1:] if h is not best)]


def _is_list(corpus: Corpus, unit_id: str) -> bool:
    return any(corpus.unit(child).kind == "item" for child in corpus.unit(unit_id).children)


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
        return max(
            len(asked[lang] & set(tokenize(unit_text(corpus, corpus.unit(child), lang), lang))) for lang in asked
        )

    return _pinpoint(corpus, max(unit.children, key=shared), hits, question)


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")
