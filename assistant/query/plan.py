"""The question read once, at the door: a ``QueryPlan`` that retrieval and answering read and never re-parse.

``build_plan`` takes the raw question, the answer language asked for ("auto", "pt", "en") and the
conversation's history, and decides everything that depends on the words alone: the question's language
and the answer's, the units it names, courtesy, instructions to ignore, another country's law, a question
about the decree itself, what kind of answer it expects, what it asks about, whether it follows up on the
history and how, and what retrieval matches (``SearchQuery``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.corpus import Corpus
from assistant.errors import InvalidQuery
from assistant.query import decree
from assistant.query.claims import count_asked
from assistant.query.courtesy import only_courtesy, strip_courtesy
from assistant.query.followups import Turn, is_follow_up, may_stand_alone, with_subject
from assistant.query.injection import injection_sentences, opens_with_injection, strip_injection
from assistant.query.intents import SCOPE, TABLE, intents_in
from assistant.query.kinds import expected_kinds
from assistant.query.language import detect_language
from assistant.query.references import Reference, find_references
from assistant.query.relative import names_a_part_alone, resolve_relative
from assistant.query.requests import asks_for_language, split_language_request
from assistant.query.subject import bodies_named, named_lead, words_beyond_reference
from assistant.query.vocabulary import vocabulary

LANGUAGES = ("auto", "pt", "en")


@dataclass(frozen=True)
class SearchQuery:
    """What retrieval matches: the words as asked; the words matched (courtesy left out, typos read as the
    corpus words they stand for); their language; the units they name; and the words of the other language
    inside them ("coimas" in an English question), matched in that language too."""

    text: str
    matched: str
    language: str
    references: tuple[Reference, ...] = ()
    foreign: tuple[str, ...] = ()

    @property
    def other_language(self) -> str:
        return "en" if self.language == "pt" else "pt"

    @property
    def has_words(self) -> bool:
        return bool(re.search(r"\w", self.text))


def search_query(text: str, corpus: Corpus, language: str = "auto", default: str = "en") -> SearchQuery:
    """The ``SearchQuery`` of a text (a question, a part of one, a follow-up with its context)."""
    lang = detect_language(text, default) if language == "auto" else language
    if lang not in ("pt", "en"):
        raise InvalidQuery(f"unsupported language {language!r}: use auto, pt or en")
    references = tuple(find_references(text, corpus))
    # References are read as typed: "art. 13" has no typo to mend, and a letter is an item.
    reading = vocabulary(corpus).read(strip_courtesy(text), lang)
    return SearchQuery(text, reading.corrected, lang, references, reading.foreign)


def check_question(text: object, max_chars: int) -> str:
    """The question trimmed, or InvalidQuery: empty once format characters are out, or too long."""
    # Zero-width and other format characters show nothing: a question of them alone is empty.
    if not isinstance(text, str) or not "".join(c for c in text if unicodedata.category(c) != "Cf").strip():
        raise InvalidQuery("the question is empty")
    if len(text) > max_chars:
        raise InvalidQuery(f"the question is longer than {max_chars} characters")
    return text.strip()


@dataclass(frozen=True)
class FollowUp:
    """How a question leans on the conversation: a relative reference written out ("and (i)?" after Article
    13(2)(h) is "and Article 13(2)(i)?"), or a search with the previous questions as context."""

    written_out: SearchQuery | None
    own: SearchQuery  # the question, its object pronoun read as the post last cited ("Quem o substitui?")
    context: SearchQuery  # the last two questions and the heading last cited, then the question
    remembered: str  # what the turn records as searched
    articles: tuple[str, ...]  # the articles the last answer cited
    cited: tuple[str, ...]  # the last answer's best evidence
    cited_before: tuple[str, ...]  # everything the last answer cited
    may_stand_alone: bool  # a short question of its own ("Quem aplica coimas?"): tried alone first


@dataclass(frozen=True)
class QueryPlan:
    raw: str  # as received, trimmed
    asked: str  # the question without a request for a language; the last one again for "and in Portuguese?"
    question: str  # what is answered: ``asked`` without instruction sentences
    language: str  # the language the question is written in: its words are matched in it
    answer_language: str
    courtesy: str | None  # "thanks", "greeting", "bye" or "ack" when the message is courtesy and nothing else
    injection: bool  # instruction sentences were left out
    injection_only: bool  # the message instructs and asks nothing (or too little) besides
    other_jurisdiction: bool  # another country's law
    header: str | None  # answered from the decree's header: "successor", "validity", "date", "title", "summary"
    yes_no: bool  # "Is it still in force?" is answered "No: …"; "Which law revoked it?" is not
    asks_if_revoked: bool  # "Was it revoked?" (yes) rather than "Is it still in force?" (no)
    intents: frozenset[str]  # rows of the intent table the question matches
    expected: tuple[str, ...]  # what kind of answer it asks for (an amount, a duration…)
    entry_into_force: bool  # when the decree took effect: Article 75 answers
    named: str | None  # the unit it names as its subject (a body's article, a definition)
    bodies: tuple[str, ...]  # the articles of the bodies it names, by heading or acronym
    beyond_reference: frozenset[str]  # its words besides the units it names ("about naturalisation")
    search: SearchQuery  # what is searched (a claimed count asked as a count)
    history: tuple[Turn, ...] = ()
    follow_up: FollowUp | None = None
    no_anchor: bool = False  # "e a i)?" opening a conversation: an item of no article in particular

    def asks(self, intent: str) -> bool:
        return intent in self.intents


def asks_other_jurisdiction(question: str) -> bool:
    """'Do I need a visa to work in Brazil?': another country's law, which the corpus does not cover."""
    found = intents_in(question, SCOPE)
    return {"other_country", "foreign_law_subject"} <= found and "in_portugal" not in found


def _header(question: str, has_references: bool) -> str | None:
    """Which line of the decree's header answers (a question naming a unit is about that unit)."""
    if decree.asks_successor(question):
        return "successor"
    if has_references:
        return None
    if decree.asks_validity(question):
        return "validity"
    if decree.asks_decree_date(question):
        return "date"
    return decree.asks_header_part(question)


def build_plan(raw: str, language: str, history: Sequence[Turn], corpus: Corpus, max_chars: int = 2000) -> QueryPlan:
    """Read the question once (see the module's docstring). ``history``: the conversation's turns, oldest first."""
    if language not in LANGUAGES:
        raise InvalidQuery(f"unsupported language {language!r}: use auto, pt or en")
    raw = check_question(raw, max_chars)
    # "thanks" between two questions is no turn a follow-up can lean on.
    turns = tuple(t for t in history if not only_courtesy(t.question))
    previous = turns[-1] if turns else None
    question, requested = raw, asks_for_language(raw) if previous else None
    if previous and requested:
        # "And in Portuguese?": the last question again, with the history it was asked in.
        question, turns = previous.question, turns[:-1]
        previous = turns[-1] if turns else None
    else:
        question, requested = split_language_request(raw)
    answer_language = requested or (
        language if language != "auto" else detect_language(question, (previous.language if previous else "") or "en")
    )
    courtesy = only_courtesy(question)
    injected = bool(injection_sentences(question))
    injection_only = False
    rest = question
    if injected:
        rest = strip_injection(question)
        injection_only = opens_with_injection(question) or len(rest.split()) < 3
    asked = question
    if injected:
        question = rest
    plan = QueryPlan(
        raw=raw,
        asked=asked,
        question=question,
        language=detect_language(question, answer_language),
        answer_language=answer_language,
        courtesy=courtesy,
        injection=injected,
        injection_only=injection_only,
        other_jurisdiction=False,
        header=None,
        yes_no=False,
        asks_if_revoked=False,
        intents=frozenset(),
        expected=(),
        entry_into_force=False,
        named=None,
        bodies=(),
        beyond_reference=frozenset(),
        search=SearchQuery(question, question, answer_language),
        history=turns,
    )
    if courtesy or injection_only or not question:
        return plan
    return _read(plan, corpus)


def _read(plan: QueryPlan, corpus: Corpus) -> QueryPlan:
    """The rest of the plan of a question with words to search."""
    question, lang = plan.question, plan.language
    own = search_query(count_asked(question) or question, corpus, lang)
    intents = intents_in(question, TABLE)
    turns = plan.history
    last_cited = next((turn.cited for turn in reversed(turns) if turn.cited), [])
    # "ok obrigado, e quem as renova no Porto?" follows up as "e quem as renova no Porto?" does.
    follows = is_follow_up(strip_courtesy(question))
    no_anchor = not last_cited and follows and names_a_part_alone(question, corpus)
    follow_up = _follow_up(question, lang, turns, last_cited, corpus) if turns and follows else None
    return replace(
        plan,
        other_jurisdiction=asks_other_jurisdiction(question),
        header=_header(question, bool(own.references)),
        yes_no=decree.is_yes_no(question) and not decree.asks_either(question),
        asks_if_revoked=decree.asks_if_revoked(question),
        intents=intents,
        expected=tuple(expected_kinds(question)),
        entry_into_force=decree.asks_entry_into_force(question),
        named=named_lead(corpus, question),
        bodies=bodies_named(corpus, question),
        beyond_reference=words_beyond_reference(question, own.references, lang),
        search=own,
        follow_up=follow_up,
        no_anchor=no_anchor,
    )


def reread(plan: QueryPlan, question: str, corpus: Corpus) -> QueryPlan:
    """The plan of a question rewritten for the search (a follow-up's reference written out, an LLM's standalone
    rewrite): read afresh in the same conversation and answer language, with no follow-up of its own."""
    fresh = replace(plan, asked=question, question=question, language=detect_language(question, plan.language))
    return replace(_read(replace(fresh, history=()), corpus), history=plan.history)


def _follow_up(question: str, lang: str, turns: Sequence[Turn], last_cited: list[str], corpus: Corpus) -> FollowUp:
    written = resolve_relative(question, last_cited, corpus, lang)
    previous = turns[-1]
    articles = tuple(corpus.unit(c).article or c for c in previous.cited if c in corpus)
    # The heading of the article last cited names the subject the question may not have:
    # "Quem aplica coimas?" (13(2)(g), "Director-geral") then "Quem o substitui?".
    heading = ""
    if articles and articles[0] in corpus and corpus.unit(articles[0]).article:
        heading = corpus.heading_in(articles[0], lang)
    context = " ".join([*(turn.question for turn in turns[-2:]), heading]).strip()
    own = with_subject(question, heading) or question
    return FollowUp(
        written_out=search_query(written, corpus, lang) if written else None,
        own=search_query(own, corpus, lang),
        context=search_query(f"{context} {own}", corpus, lang),
        remembered=f"{context} {question}",
        articles=articles,
        cited=tuple(previous.cited[:1]),
        cited_before=tuple(previous.cited),
        may_stand_alone=may_stand_alone(question),
    )
