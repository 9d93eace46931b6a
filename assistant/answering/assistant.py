"""``Assistant.ask()``: the one entry point the API, the UI, the CLI and the evaluation use.

The question becomes a ``QueryPlan`` at the door (``assistant/query/plan.py``); every step after reads the
plan, never the raw question again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.answering import messages, pointers, policy
from assistant.answering.answerers import Answerer, ExtractiveAnswerer, words
from assistant.answering.conversation import Conversations, make_conversations
from assistant.answering.decision import Choice, Decision, DecisionModel, in_the_law_s_order
from assistant.answering.kinds import evidence_has
from assistant.answering.missing import missing_message
from assistant.answering.models import Answer, Citation
from assistant.answering.notices import amendment_notices, notices_for
from assistant.answering.validity import header_answer
from assistant.config import Settings
from assistant.corpus import Corpus, label
from assistant.errors import AnswererError
from assistant.query.followups import Turn
from assistant.query.injection import injection_sentences, may_instruct
from assistant.query.plan import QueryPlan, build_plan, reread
from assistant.retrieval import Retriever, SearchResult, open_retriever

log = logging.getLogger(__name__)

# The rules that survive beside the fitted decision, each because a held-out measurement shows it earns its
# place (evals/rules.py turns each off in turn; the README gives the figures). Assistant.rules holds those on.
RULES = {
    "named_subject": "a question naming its subject ('O que faz a Direcção Central de Fronteiras?', 'What is AIMA?') "
    "is answered by the unit about it (the body's article, the definition)",
    "expected_kind": "an amount, a duration, a contact… is answered only by a unit that states one",
    "annexes": "an annex (only a heading in the source) answers only when asked about",
    "entry_into_force": "when the decree took effect is answered by the provision saying it enters into force",
}
# How far down the ranking a unit that states what the question asks for (a duration, an amount) may
# come from when the best ones do not state it (it must also be in the best hit's article).
TYPED_CANDIDATES = 5
# A short question (see may_stand_alone) is taken on its own when its own best unit is at least this
# relevant: well above the abstention threshold, so that a vague one keeps its history.
STANDS_ALONE = 0.6


# What the decision is handed: the plan it reads, the hits that may answer, the query they stand for, whether
# the question followed up on the history, and the notices gathered on the way.
Gathered = tuple[QueryPlan, SearchResult, str, bool, list[str]]


@dataclass
class _Evidence:
    """Everything decided before the answerer runs."""

    plan: QueryPlan  # what the answerer is asked: the follow-up rewritten by an LLM, if it was
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
        self.decision = Decision(self.corpus, DecisionModel.from_fitted(retriever.index.fitted))
        self.rules = set(RULES)
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

    def ask(
        self,
        question: str,
        language: str = "auto",
        conversation_id: str | None = None,
        history: Sequence[Turn] | None = None,
    ) -> Answer:
        """The answer to a question; ``conversation_id`` continues a conversation the server keeps, ``history``
        one the caller keeps (the OpenAI-style API sends it whole each time: nothing is kept then)."""
        plan = self.read(question, language, conversation_id, history)
        answer, lead = self._answer(plan)
        if history is None:
            self._remember(answer, plan, conversation_id, lead)
        return answer

    def ask_stream(
        self,
        question: str,
        language: str = "auto",
        conversation_id: str | None = None,
        history: Sequence[Turn] | None = None,
    ) -> Iterator[str | Answer]:
        """The answer's text in pieces as the answerer produces them (for the LLM: verified sentences
        as they complete), then the whole ``Answer``, last. ``ask`` returns the same answer at once."""
        plan = self.read(question, language, conversation_id, history)
        evidence = self._evidence(plan)
        if isinstance(evidence, Answer):
            answer, lead = evidence, None
            yield from self.stream_text(answer)
        else:
            text, citations, extra = yield from self.answerer.stream(evidence.plan, evidence.unit_ids, evidence.result)
            answer, lead = self._finish(evidence, text, citations, extra), evidence.lead
        if history is None:
            self._remember(answer, plan, conversation_id, lead)
        yield answer

    def read(
        self,
        question: str,
        language: str = "auto",
        conversation_id: str | None = None,
        history: Sequence[Turn] | None = None,
    ) -> QueryPlan:
        """The question as a plan, with the history given, or that of its conversation (an unknown id has none)."""
        if history is None:
            conversation = self.conversations.get(conversation_id)
            history = list(conversation.turns) if conversation else []
        return build_plan(question, language, history, self.corpus, self.settings.max_query_chars)

    def _remember(self, answer: Answer, plan: QueryPlan, conversation_id: str | None, lead: str | None = None) -> None:
        cited = [c.id for c in answer.citations]
        if lead in cited:  # the turn remembers its citations best evidence first
            cited = [lead, *(c for c in cited if c != lead)]
        answer.conversation_id = self.conversations.append(
            conversation_id,
            Turn(
                question=plan.asked,
                search_query=answer.search_query or plan.asked,
                cited=cited,
                language=plan.answer_language,
            ),
        )

    @staticmethod
    def stream_text(answer: Answer) -> Iterator[str]:
        """The answer's text in small pieces, in order (word by word, spaces kept)."""
        yield from words(answer.answer)

    def _answer(self, plan: QueryPlan) -> tuple[Answer, str | None]:
        """The answer, and the unit of best evidence it rests on (None for a refusal or a validity answer)."""
        evidence = self._evidence(plan)
        if isinstance(evidence, Answer):
            return evidence, None
        text, citations, extra = self.answerer.answer(evidence.plan, evidence.unit_ids, evidence.result)
        return self._finish(evidence, text, citations, extra), evidence.lead

    def _evidence(self, plan: QueryPlan) -> _Evidence | Answer:
        """Policy checks, search and the decision: an abstention or validity ``Answer``, or what to answer from."""
        gathered = self.gather(plan)
        if isinstance(gathered, Answer):
            return gathered
        answered, result, search_text, follows, notices = gathered
        hits = result.hits
        lang = plan.answer_language
        named = plan.named if "named_subject" in self.rules and not follows and not answered.search.references else None
        choice = self.decision.decide(answered, hits)
        if named:
            # The plan found the unit the question names by the corpus's own headings and definitions ("What is
            # AIMA?"): that is the evidence, whatever the wording around it ("…, in a nutshell?").
            choice = Choice([named], choice.answerable, abstain=False)
        if choice.abstain:
            # "How long does a renewal take?" is on topic; saying the corpus states no durations helps more.
            reason = "not_stated" if plan.expected else "weak_evidence"
            return self._abstain(reason, lang, search_query=search_text, result=result, plan=answered)
        unit_ids = in_the_law_s_order(self.corpus, choice.unit_ids, answered.search.references)
        unit_ids = [u for u in unit_ids if u not in self.instructing]
        if not unit_ids:
            return self._abstain("weak_evidence", lang, search_query=search_text, result=result, plan=answered)
        annexes = [u for u in unit_ids if self.corpus.unit(u).meta.get("tables_in_source") is False]
        if annexes and len(annexes) == len(unit_ids):
            referring = self.corpus.unit(annexes[0]).meta.get("referred_by")
            if not plan.asks("where") or not isinstance(referring, str):
                # The annexes' tables are not in the source text: naming the heading would not answer.
                return self._abstain("annex_not_in_source", lang, label(annexes[0], lang), search_text)
            unit_ids = [referring, *annexes]  # "where is the list?": the article that points to it
        kinds = list(plan.expected) if "expected_kind" in self.rules else []
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
            unit_ids = [u for u in self.decision.decide(answered, typed).unit_ids if u not in self.instructing]
            if not unit_ids or not self._states(kinds, unit_ids):
                return self._abstain("not_stated", lang, search_query=search_text, result=result, plan=answered)
        if kinds and not self._states(kinds, unit_ids[:1]):
            # The unit that gives the duration asked for leads, not the list of posts beside it.
            stating = [u for u in unit_ids if self._states(kinds, [u])]
            unit_ids = [*stating, *(u for u in unit_ids if u not in stating)]
        lead = choice.unit_ids[0] if choice.unit_ids[0] in unit_ids else unit_ids[0]
        return _Evidence(answered, search_text, result, unit_ids, notices, lead)

    def gather(self, plan: QueryPlan) -> Gathered | Answer:
        """Everything before the decision: the checks that answer or refuse by themselves (courtesy, an
        injection, another country's law, the decree's header, a missing reference), the search, and the hits
        that may answer. The fit (evals/decide.py) reads the same hits the decision does."""
        lang = plan.answer_language
        notices: list[str] = []
        if plan.courtesy:
            return self._abstain("courtesy", lang, plan.courtesy)
        if plan.injection_only:
            return self._abstain("injection", lang)
        if plan.injection:
            notices.append(
                "Instructions inside the question were ignored."
                if lang == "en"
                else "As instruções contidas na pergunta foram ignoradas."
            )
        if plan.other_jurisdiction:
            return self._abstain("out_of_scope", lang, search_query=plan.question)
        if plan.header:
            return header_answer(self.corpus, plan)
        if plan.no_anchor:
            # "e a i)?" opening a conversation: which article's item is not known, and guessing cites any.
            return self._abstain("no_anchor", lang, search_query=plan.question)
        result, search_text, answered, follows = self._search(plan)
        if result.missing_references and not any(r.exists for r in result.references):
            return self._abstain(
                "missing_reference",
                lang,
                missing_message(self.corpus, result.missing_references[0], lang),
                search_text,
            )
        hits = [h for h in result.hits if h.unit_id not in self.instructing]
        if not hits:
            return self._abstain("not_stated" if plan.expected else "weak_evidence", lang, search_query=search_text)
        if not plan.asks("annex_or_list") and "annexes" in self.rules:
            # An annex is only a heading in the source: it answers nothing unless asked about.
            hits = [h for h in hits if self.corpus.unit(h.unit_id).kind != "annex"] or hits
        if plan.entry_into_force and "entry_into_force" in self.rules:
            # "When did the decree take effect?": the provision saying when it enters into force answers,
            # not the closing formula's dates of approval and promulgation (ranked above it by its words).
            in_force = [h for h in hits if policy.states_entry_into_force(self.corpus.unit(h.unit_id).own_text)]
            hits = in_force or hits
        return answered, replace(result, hits=hits), search_text, follows, notices

    def _search(self, plan: QueryPlan) -> tuple[SearchResult, str, QueryPlan, bool]:
        """The search a plan calls for: (result, the query it stands for, the plan the answerer reads, whether
        it followed up on the history). A follow-up whose reference is written out searches that; one an LLM
        can rewrite, the rewrite; any other, its words with the previous questions as context."""
        follow_up = plan.follow_up
        if follow_up and follow_up.may_stand_alone:
            # A short question of its own ("Quem aplica coimas?") keeps no history when its own best unit is
            # relevant: well above the abstention threshold, so that a vague one keeps its history.
            alone = self.retriever.search(plan.search, k=10)
            if alone.hits and alone.hits[0].relevance >= STANDS_ALONE:
                return alone, plan.search.text, plan, False
        if follow_up is None:
            return self.retriever.search(plan.search, k=10), plan.search.text, plan, False
        if follow_up.written_out:
            written = reread(plan, follow_up.written_out.text, self.corpus)
            return self.retriever.search(written.search, k=10), written.question, written, True
        rewritten = self._rewrite(plan)
        if rewritten:
            standalone = reread(plan, rewritten, self.corpus)
            return self.retriever.search(standalone.search, k=10), rewritten, standalone, True
        result = self.retriever.search_in_context(
            follow_up.own, follow_up.context, k=10, articles=follow_up.articles, cited=follow_up.cited
        )
        return result, follow_up.remembered, plan, True

    def _states(self, kinds: list[str], unit_ids: list[str]) -> bool:
        """Whether the units state what the question asks for (an amount, a duration, a contact…)."""
        evidence = " ".join(self.corpus.unit(u).text + " " + (self.corpus.rendering(u, "en") or "") for u in unit_ids)
        return all(evidence_has(kind, evidence) for kind in kinds)

    def _rewrite(self, plan: QueryPlan) -> str | None:
        """A standalone follow-up from an answerer that can write one (the LLM); None: carry the last query over."""
        rewrite = getattr(self.answerer, "rewrite", None)
        if rewrite is None:
            return None
        try:
            return str(rewrite(plan.question, plan.history, plan.answer_language))
        except AnswererError as exc:
            log.warning("follow-up rewrite failed (%s); carrying the previous query over", exc)
            return None

    def _finish(self, evidence: _Evidence, text: str, citations: list[Citation], extra: list[str]) -> Answer:
        lang = evidence.plan.answer_language
        notices = evidence.notices + extra + notices_for(self.corpus, [c.document for c in citations], lang)
        notices += amendment_notices(self.corpus, [c.id for c in citations], lang)
        return Answer(
            answer=text,
            language=lang,
            abstained=False,
            citations=citations,
            notices=notices,
            answerer=self.answerer.name,
            search_query=evidence.search_query,
        )

    def _abstain(
        self,
        reason: str,
        lang: str,
        detail: str | None = None,
        search_query: str | None = None,
        result: SearchResult | None = None,
        plan: QueryPlan | None = None,
    ) -> Answer:
        related, pointer = pointers.way_forward(self.corpus, reason, lang, plan, result, self.instructing)
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
        if any(may_instruct(text) and injection_sentences(text) for text in texts):
            out.add(unit.id)
    return frozenset(out)
