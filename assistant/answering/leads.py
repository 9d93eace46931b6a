"""Which hit leads: rules that reorder the retriever's ranking before the units to cite are chosen.

Each rule reads the ranking (scores, references) and the corpus's structure and moves one hit to the
top, usually at the top score: the part of a named article that says what was asked, an article over
the preamble paragraph beside it, the paragraph that stands out of its article, the preamble over the
header when asked why, the item of a list that says it in its own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from assistant.answering.extractive import unit_text, unit_words
from assistant.corpus import Corpus
from assistant.corpus.text import normalize
from assistant.retrieval import Hit
from assistant.retrieval.language import detect_language
from assistant.retrieval.lexical import tokenize
from assistant.retrieval.references import find_references

PREAMBLE_YIELDS = 0.7  # an article this close to a preamble paragraph at the top leads instead
PART_LEADS = 0.6  # an article's part ranked this close below it, and alone among its parts, leads instead
PART_RIVAL = 0.85  # …unless another of its paragraphs ranks this close to that one
RESTATES = 0.85  # share of a preamble paragraph's words an article unit says, to restate it
SIBLING_CLOSE = 0.85  # an item of the best hit's list this close to it may lead, if it says more of the question

# "List the …", "a list of …" ask for a list; "the list of people banned from entry" names a register.
LIST_QUESTION = re.compile(
    r"\b(?:which|what) (?:are|were)\b|(?:^\s*|\b(?:please|you|and)\s+)list\b|\ba list of\b|\ball (?:the )?\w+"
    r"|\bquais (?:são|eram|os|as)\b|\btod[oa]s os\b"
    r"|\btod[oa]s as\b|\bque \w+ (?:existem|há|tem|compreende)|\bhow many\b|\bquant[oa]s\b"
    r"|\b(?:what|which) (?:\w+ ){1,3}(?:did|does|do) (?:\w+ ){1,2}have\b|\bque \w+ (?:tinha|tem|havia) o\b",
    re.IGNORECASE,
)
# The preamble gives the reasons for the law; the articles what it provides. Only questions asking for a
# reason ("por motivos humanitários" or "for humanitarian reasons" ask for none).
ASKS_WHY = re.compile(
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


# Words of a question's frame the lexical stopwords keep (the English list is short): no evidence that an
# item says what was asked.
_FRAME_WORDS = (
    "from can could may might must shall should would do does did who what which whom whose where when why "
    "how i me my you your we our he she his her them its has have had been were about after before over "
    "under up down out off get got"
)
_FRAME = {"en": frozenset(tokenize(_FRAME_WORDS, "en")), "pt": frozenset[str]()}


def reorder(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """The ranking with the hit that should lead moved to the top (see the module's docstring)."""
    if not hits:
        return hits
    hits = _within_named_unit(corpus, hits, question)
    hits = _article_before_preamble(corpus, hits, question)
    hits = _part_before_article(corpus, hits, question)
    hits = _reasons_before_formalities(corpus, hits, question)
    return _the_item_that_says_it(corpus, hits, question)


def _article_before_preamble(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """The preamble says why the law was made, an article what it provides: a question that asks neither
    why nor for the preamble is answered by the article ranked near the preamble paragraph at the top
    ("Quem executa as expulsões?": 47(1)(h), not the preamble's list of what SEF did in 2000)."""
    top = hits[0]
    if corpus.unit(top.unit_id).kind != "preamble-paragraph" or ASKS_WHY.search(question):
        return hits
    if any(h.reference and related(h.unit_id, top.unit_id) for h in hits):
        return hits  # "What does the preamble say about …?"
    article = next((h for h in hits[1:] if h.article and h.score >= PREAMBLE_YIELDS * top.score), None)
    if article:
        return [article, *(h for h in hits if h is not article)]
    # The preamble's list of what SEF did in 2000 is restated, nearly word for word, in the articles
    # (mostly Article 2): the two say the same, so the gap between their scores is the wording's, and the
    # provision among the first ten hits that says most of the paragraph leads, at its score ("Who decides
    # whether my asylum request will even be looked at?": 2(1)(o), not its preamble twin p-26).
    said = set(tokenize(corpus.unit(top.unit_id).own_text, "pt"))

    def restated(hit: Hit) -> int:
        return len(said & set(tokenize(corpus.unit(hit.unit_id).own_text, "pt"))) if hit.article else 0

    twin = max(hits[1:10], key=restated, default=None)  # the first of equals: the best ranked
    if twin is None or not said or restated(twin) < RESTATES * len(said):
        return hits
    return [replace(twin, score=top.score), *(h for h in hits if h is not twin)]


def _the_item_that_says_it(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """Items of one list share their lead-in, so their scores differ by their own few words: when an item
    ranked close below the best shares more of the question's words in its own text, it leads
    ("keep passengers on board a ship from a port with a disease outbreak": 2(1)(b), on ports with a
    health risk, not 2(1)(a), on undocumented passengers)."""
    top = hits[0]
    unit = corpus.unit(top.unit_id)
    if top.reference or unit.kind != "item":
        return hits
    says = _saying(corpus, question, pairs=False)
    siblings = [
        h
        for h in hits[1:5]
        if corpus.unit(h.unit_id).parent == unit.parent
        and corpus.unit(h.unit_id).kind == "item"
        and h.score >= SIBLING_CLOSE * top.score
    ]
    best = max(siblings, key=lambda h: says(h.unit_id), default=None)
    if best is None or says(best.unit_id) <= says(top.unit_id):
        return hits
    # The two trade places and scores: the item passed over is no closer a runner-up than before.
    swapped = {top.unit_id: replace(best, score=top.score), best.unit_id: replace(top, score=best.score)}
    return [swapped.get(h.unit_id, h) for h in hits]


def _reasons_before_formalities(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """The header says what the law is and the closing formula who signed it when; neither says why.
    A question asking why ("Why did the government need a new organic law in 2000?") is answered by
    the preamble paragraph ranked near them, the part of the law that gives its reasons."""
    top = hits[0]
    formalities = ("document", "closing")
    if not ASKS_WHY.search(question) or top.reference or corpus.unit(top.unit_id).kind not in formalities:
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
    if top.reference or corpus.unit(top.unit_id).kind != "article" or LIST_QUESTION.search(question):
        return hits
    inside = [h for h in hits[1:10] if h.unit_id.startswith(top.unit_id + "/")]
    if not inside or inside[0].score < PART_LEADS * top.score:
        return hits
    # The paragraph holding the best part: an item alone would drop its siblings ("Which officials are
    # criminal police authorities?" is all of 3(1), not its item a).
    depth = top.unit_id.count("/") + 2
    child = "/".join(inside[0].unit_id.split("/")[:depth])
    if corpus.unit(child).kind != "paragraph":
        return hits  # an article of items alone: its lead-in goes with each, the article answers
    # Paragraphs close enough to the article to lead it are told apart by what they say: one saying more
    # of the question than the others leads ("Who is eligible to become an SEF regional director?":
    # 66(4), the one paragraph on regional directors, not 66(1) on central directors, ranked above it by
    # the wording the four paragraphs of Article 66 share).
    ranked = dict.fromkeys("/".join(h.unit_id.split("/")[:depth]) for h in inside if h.score >= PART_LEADS * top.score)
    paragraphs = [p for p in ranked if corpus.unit(p).kind == "paragraph"]
    says = _saying(corpus, question)
    said = {p: says(p) for p in paragraphs}
    best = max(paragraphs, key=said.__getitem__, default=child)
    passed_over: list[str] = []
    if len(paragraphs) > 1 and all(said[best] > said[p] for p in paragraphs if p != best):
        # …and the paragraphs passed over, saying less of it, are not cited beside it.
        child, passed_over = best, [p for p in paragraphs if p != best]
    elif [h for h in inside if not related(h.unit_id, child) and h.score >= PART_RIVAL * inside[0].score]:
        return hits
    part = next((h for h in hits if h.unit_id == child), None)
    part = part or replace(next(h for h in inside if related(h.unit_id, child)), unit_id=child)
    rest = (h for h in hits if h.unit_id != child and not any(f"{h.unit_id}/".startswith(f"{p}/") for p in passed_over))
    return [replace(part, score=top.score), *rest]


def _saying(corpus: Corpus, question: str, pairs: bool = True) -> Callable[[str], int]:
    """How much of the question a unit says: the words it shares with the question and, with ``pairs``,
    the pairs of them it shares side by side ("regional director", "diretor regional"), in its text with
    its items (in the source or its rendering, whichever is in the question's language)."""
    language = detect_language(question)
    asked = [t for t in tokenize(question, language) if t not in _FRAME[language]]
    asked_pairs = set(pairwise(asked)) if pairs else set()

    def says(unit_id: str) -> int:
        text = tokenize(unit_text(corpus, corpus.unit(unit_id), language), language)
        return len(set(asked) & set(text)) + len(asked_pairs & set(pairwise(text)))

    return says


def _within_named_unit(corpus: Corpus, hits: list[Hit], question: str) -> list[Hit]:
    """'What does Article 2 say about naturalisation?': the article is named to say where to look and
    the words after it say what to find there, so the best-ranked part of it leads (Article 2(1)(p)),
    not all of Article 2. A question asking for the unit as a whole, or for a list, keeps it."""
    top = hits[0]
    if not top.reference or LIST_QUESTION.search(question):
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
    if not asked & unit_words(corpus, best.unit_id, language):
        return hits
    return [best, *(h for h in hits[1:] if h is not best)]


def related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")
