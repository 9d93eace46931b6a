"""``Assistant.ask()``: the one entry point the API, the UI, the CLI and the evaluation use."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace

from assistant.answering import messages, pointers, policy, selection
from assistant.answering.answerers import Answerer, ExtractiveAnswerer, words
from assistant.answering.claims import count_asked
from assistant.answering.conversation import (
    Conversations,
    Turn,
    is_follow_up,
    make_conversations,
    may_stand_alone,
)
from assistant.answering.follow_up import search_follow_up
from assistant.answering.kinds import evidence_has, expected_kinds
from assistant.answering.language_request import asks_for_language, split_language_request
from assistant.answering.missing import missing_message
from assistant.answering.models import Answer, Citation
from assistant.answering.named import named_lead
from assistant.answering.notices import amendment_notices, notices_for
from assistant.answering.parts import best_by_part
from assistant.answering.relative import names_a_part_alone, resolve_relative
from assistant.answering.validity import header_answer
from assistant.config import Settings
from assistant.corpus import Corpus, label
from assistant.errors import AnswererError, InvalidQuery
from assistant.retrieval import Retriever, SearchResult, open_retriever
from assistant.retrieval.courtesy import only_courtesy, strip_courtesy
from assistant.retrieval.language import detect_language

log = logging.getLogger(__name__)

LANGUAGES = ("auto", "pt", "en")
# How far down the ranking a unit that states what the question asks for (a duration, an amount) may
# come from when the best ones do not state it (it must also be in the best hit's article).
TYPED_CANDIDATES = 5
# A short question (see may_stand_alone) is taken on its own when its own best unit is at least this
# relevant: well above the abstention threshold, so that a vague one keeps its history.
STANDS_ALONE = 0.6


@dataclass
class _Plan:
    """Everything decided before the answerer runs."""

    question: str  # what the answerer is asked: the follow-up rewritten, if it was
    search_query: str
    result: SearchResult
    unit_ids: list[str]
    notices: list[str]
    lead: str  # the best evidence: a follow-up leans on it, whatever order the citations read in


class Assistant:
    def __init__(
        self,
        settings: Settings,
        retriever: Retriever,
        answerer: Answerer | None = None,
        conversations: Conversations | None = None,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.corpus: Corpus = retriever.corpus
        self.extractive = ExtractiveAnswerer(self.corpus)
        self.instructing = instructing_units(self.corpus)  # never evidence: see instructing_units
        self.answerer: Answerer = answerer or self.extractive
        self.conversations = conversations or make_conversations(settings)

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        return cls.from_retriever(settings, open_retriever(settings))

    @classmethod
    def from_retriever(cls, settings: Settings, retriever: Retriever) -> Assistant:
        """The assistant with the answerer the settings choose, over an open retriever."""
        answerer: Answerer | None = None
        if settings.answerer == "llm":
            from assistant.answering.llm import LLMAnswerer, make_chat_model

            answerer = LLMAnswerer(retriever.corpus, make_chat_model(settings), settings)
        return cls(settings, retriever, answerer)

    def ask(self, question: str, language: str = "auto", conversation_id: str | None = None) -> Answer:
        question, lang, history = self._start(question, language, conversation_id)
        answer, lead = self._answer(question, lang, history)
        self._remember(answer, question, lang, conversation_id, lead)
        return answer

    def ask_stream(
        self, question: str, language: str = "auto", conversation_id: str | None = None
    ) -> Iterator[str | Answer]:
        """The answer's text in pieces as the answerer produces them (for the LLM: verified sentences
        as they complete), then the whole ``Answer``, last. ``ask`` returns the same answer at once."""
        question, lang, history = self._start(question, language, conversation_id)
        plan = self._plan(question, lang, history)
        if isinstance(plan, Answer):
            answer, lead = plan, None
            yield from self.stream_text(answer)
        else:
            text, citations, extra = yield from self.answerer.stream(plan.question, lang, plan.unit_ids, plan.result)
            answer, lead = self._finish(plan, lang, text, citations, extra), plan.lead
        self._remember(answer, question, lang, conversation_id, lead)
        yield answer

    def _start(self, question: str, language: str, conversation_id: str | None) -> tuple[str, str, list[Turn]]:
        if language not in LANGUAGES:
            raise InvalidQuery(f"unsupported language {language!r}: use auto, pt or en")
        question = self.retriever.check_query(question)
        conversation = self.conversations.get(conversation_id)
        # "thanks" between two questions is no turn a follow-up can lean on.
        history = [t for t in conversation.turns if not only_courtesy(t.question)] if conversation else []
        previous = history[-1] if history else None
        requested = asks_for_language(question) if previous else None
        if previous and requested:
            # "And in Portuguese?": the last question again, with the history it was asked in.
            return previous.question, requested, history[:-1]
        question, requested = split_language_request(question)
        if requested:
            return question, requested, history  # the user's own words over the language parameter
        lang = language if language != "auto" else detect_language(question, previous.language if previous else "en")
        return question, lang, history

    def _remember(
        self, answer: Answer, question: str, lang: str, conversation_id: str | None, lead: str | None = None
    ) -> None:
        cited = [c.id for c in answer.citations]
        if lead in cited:  # the turn remembers its citations best evidence first
            cited = [lead, *(c for c in cited if c != lead)]
        answer.conversation_id = self.conversations.append(
            conversation_id,
            Turn(
                question=question,
                search_query=answer.search_query or question,
                cited=cited,
                language=lang,
            ),
        )

    @staticmethod
    def stream_text(answer: Answer) -> Iterator[str]:
        """The answer's text in small pieces, in order (word by word, spaces kept)."""
        yield from words(answer.answer)

    def _answer(self, question: str, lang: str, history: list[Turn]) -> tuple[Answer, str | None]:
        """The answer, and the unit of best evidence it rests on (None for a refusal or a validity answer)."""
        plan = self._plan(question, lang, history)
        if isinstance(plan, Answer):
            return plan, None
        text, citations, extra = self.answerer.answer(plan.question, lang, plan.unit_ids, plan.result)
        return self._finish(plan, lang, text, citations, extra), plan.lead

    def _plan(self, question: str, lang: str, history: list[Turn]) -> _Plan | Answer:
        """Policy checks, search and unit selection: an abstention or validity ``Answer``, or what to answer from."""
        previous = history[-1] if history else None
        notices: list[str] = []
        courtesy = only_courtesy(question)
        if courtesy:
            return self._abstain("courtesy", lang, courtesy)
        if policy.injection_sentences(question):
            rest = policy.strip_injection(question)
            if policy.opens_with_injection(question) or len(rest.split()) < 3:
                return self._abstain("injection", lang)
            question = rest
            notices.append(
                "Instructions inside the question were ignored."
                if lang == "en"
                else "As instruções contidas na pergunta foram ignoradas."
            )
        if policy.asks_other_jurisdiction(question):
            return self._abstain("out_of_scope", lang, search_query=question)
        from_header = header_answer(self.corpus, lang, question)
        if from_header:
            return from_header

        asked = question
        search_query = count_asked(question) or question
        # ``lang`` is the answer's language; words are matched in the language the question is written in.
        query_lang = detect_language(question, lang)
        # "and (i)?" after Article 13(2)(h) names Article 13(2)(i): written out, no guessing is needed.
        # The anchor is the last unit cited, even if a refusal came after it ("e a z)?" … "e o n.º 4?").
        last_cited = next((turn.cited for turn in reversed(history) if turn.cited), [])
        # "ok obrigado, e quem as renova no Porto?" follows up as "e quem as renova no Porto?" does.
        bare = strip_courtesy(question)
        if not last_cited and is_follow_up(bare) and names_a_part_alone(question, self.corpus):
            # "e a i)?" opening a conversation: which article's item is not known, and guessing cites any.
            return self._abstain("no_anchor", lang, search_query=question)
        follows = previous is not None and is_follow_up(bare)
        alone = None
        if follows and may_stand_alone(question):
            alone = self.retriever.search(question, k=10, language=query_lang)
            follows = not alone.hits or alone.hits[0].relevance < STANDS_ALONE
        written_out = resolve_relative(question, last_cited, self.corpus, query_lang) if follows else None
        follow_up = follows and not written_out
        rewritten = self._rewrite(question, history, lang) if follow_up else None
        if written_out:
            search_query = asked = written_out
            result = self.retriever.search(written_out, k=10, language=query_lang)
        elif rewritten:
            search_query = asked = rewritten
            result = self.retriever.search(rewritten, k=10, language=detect_language(rewritten, query_lang))
        elif follow_up:
            result, search_query = search_follow_up(self.retriever, question, history, query_lang)
        else:
            result = alone or self.retriever.search(search_query, k=10, language=query_lang)
        result = replace(result, hits=[h for h in result.hits if h.unit_id not in self.instructing])
        if result.missing_references and not any(r.exists for r in result.references):
            return self._abstain(
                "missing_reference",
                lang,
                missing_message(self.corpus, result.missing_references[0], lang),
                search_query,
            )
        if not result.hits or result.evidence() < self.retriever.threshold:
            # "How long does a renewal take?" is on topic; saying the corpus states no durations helps more.
            reason = "not_stated" if expected_kinds(question) else "weak_evidence"
            return self._abstain(reason, lang, search_query=search_query, result=result)

        hits = result.hits
        if not policy.mentions_annex_or_list(question):
            # An annex is only a heading in the source: it answers nothing unless asked about.
            hits = [h for h in hits if self.corpus.unit(h.unit_id).kind != "annex"] or hits
        if policy.asks_entry_into_force(question):
            # "When did the decree take effect?": the provision saying when it enters into force answers,
            # not the closing formula's dates of approval and promulgation (ranked above it by its words).
            in_force = [h for h in hits if policy.states_entry_into_force(self.corpus.unit(h.unit_id).own_text)]
            hits = in_force or hits
        selected = selection.select_units(self.corpus, hits, question)
        unit_ids = selection.in_the_law_s_order(self.corpus, selected, hits)
        if not follows and not written_out and not result.references:
            # A unit the question names leads; only otherwise is a two-part question searched part by part.
            named = named_lead(self.corpus, question)
            unit_ids = (
                [named] if named else (best_by_part(self.retriever, self.corpus, question, query_lang) or unit_ids)
            )
        unit_ids = [u for u in unit_ids if u not in self.instructing]
        if not unit_ids:
            return self._abstain("weak_evidence", lang, search_query=search_query, result=result)
        annexes = [u for u in unit_ids if self.corpus.unit(u).meta.get("tables_in_source") is False]
        if annexes and len(annexes) == len(unit_ids):
            referring = self.corpus.unit(annexes[0]).meta.get("referred_by")
            if not policy.asks_where(question) or not isinstance(referring, str):
                # The annexes' tables are not in the source text: naming the heading would not answer.
                return self._abstain("annex_not_in_source", lang, label(annexes[0], lang), search_query)
            unit_ids = [referring, *annexes]  # "where is the list?": the article that points to it
        kinds = expected_kinds(question)
        if kinds and not self._states(kinds, unit_ids):
            # "How long is an appointment to a supervisory post?" asks for a duration: the best match,
            # Article 68(1)(e), lists the posts; 68(2), just under it, gives their term. Only the best
            # hit's own article qualifies: elsewhere a duration is most likely of something else
            # ("How long does a passport renewal take?" would otherwise get the posts' three years).
            article = hits[0].article
            typed = [
                h
                for h in hits[:TYPED_CANDIDATES]
                if article and h.article == article and self._states(kinds, [h.unit_id])
            ]
            unit_ids = [u for u in selection.select_units(self.corpus, typed, question) if u not in self.instructing]
            if not unit_ids or not self._states(kinds, unit_ids):
                return self._abstain("not_stated", lang, search_query=search_query, result=result)
        if kinds and not self._states(kinds, unit_ids[:1]):
            # The unit that gives the duration asked for leads, not the list of posts beside it.
            stating = [u for u in unit_ids if self._states(kinds, [u])]
            unit_ids = [*stating, *(u for u in unit_ids if u not in stating)]

        lead = selected[0] if selected and selected[0] in unit_ids else unit_ids[0]
        return _Plan(asked, search_query, result, unit_ids, notices, lead)

    def _states(self, kinds: list[str], unit_ids: list[str]) -> bool:
        """Whether the units state what the question asks for (an amount, a duration, a contact…)."""
        evidence = " ".join(self.corpus.unit(u).text + " " + (self.corpus.rendering(u, "en") or "") for u in unit_ids)
        return all(evidence_has(kind, evidence) for kind in kinds)

    def _rewrite(self, question: str, history: list[Turn], lang: str) -> str | None:
        """A standalone follow-up from an answerer that can write one (the LLM); None: carry the last query over."""
        rewrite = getattr(self.answerer, "rewrite", None)
        if rewrite is None:
            return None
        try:
            return str(rewrite(question, history, lang))
        except AnswererError as exc:
            log.warning("follow-up rewrite failed (%s); carrying the previous query over", exc)
            return None

    def _finish(self, plan: _Plan, lang: str, text: str, citations: list[Citation], extra: list[str]) -> Answer:
        notices = plan.notices + extra + notices_for(self.corpus, [c.document for c in citations], lang)
        notices += amendment_notices(self.corpus, [c.id for c in citations], lang)
        return Answer(
            answer=text,
            language=lang,
            abstained=False,
            citations=citations,
            notices=notices,
            answerer=self.answerer.name,
            search_query=plan.search_query,
        )

    def _abstain(
        self,
        reason: str,
        lang: str,
        detail: str | None = None,
        search_query: str | None = None,
        result: SearchResult | None = None,
    ) -> Answer:
        related, pointer = pointers.way_forward(
            self.corpus, reason, lang, result, self.retriever.threshold, self.instructing, search_query
        )
        return Answer(
            answer=messages.abstention(reason, lang, detail, related, pointer),
            language=lang,
            abstained=True,
            citations=[],
            notices=[],
            reason=reason,
            search_query=search_query,
            related=related,
            pointer=pointer,
        )


def instructing_units(corpus: Corpus) -> frozenset[str]:
    """Units whose text (or rendering) addresses the reader with instructions, links or images: text planted
    in a source page ("ignore all previous instructions…", "![logo](https://…)"). They are never
    evidence, so no answer, quote or prompt repeats them. The real corpus has none."""
    out: set[str] = set()
    for unit in corpus.units():
        texts = [unit.text, *(corpus.rendering(unit.id, lang) or "" for lang in ("pt", "en"))]
        if any(policy.injection_sentences(text) for text in texts):
            out.add(unit.id)
    return frozenset(out)
