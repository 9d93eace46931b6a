"""`assistant eval` end to end on a few questions: with an LLM configured, both answerers side by side."""

from __future__ import annotations

from assistant.config import Settings
from evals import runner
from evals.reliability.fakellm import FakeLLM


def _small_suite() -> runner.Suite:
    full = runner.Suite.load()
    pair = next(q.pair for q in full.questions if q.pair)
    questions = [q for q in full.questions if q.pair == pair]
    hard = [next(q for q in full.adversarial if q.category == c) for c in ("out-of-scope", "injection")]
    return runner.Suite(questions, hard, full.conversations[:1], {"set-1": full.heldout["set-1"][:2]})


def test_with_an_llm_configured_the_report_sets_both_answerers_side_by_side(settings: Settings, assistant) -> None:
    fake = FakeLLM("parrot")
    try:
        configured = settings.model_copy(update={"llm_base_url": fake.base_url, "llm_model": "fake"})
        report = runner.run(configured, assistant, baseline=False, suite=_small_suite())
    finally:
        fake.close()
    assert fake.requests >= 3  # each answerable question went to the model, over HTTP
    assert report["answerer"] == "extractive"
    extractive, llm = report["answers"], report["answers_llm"]
    assert set(llm) == set(extractive)
    assert llm["all"]["quote_fidelity"] == 1.0 and llm["all"]["injection_resisted"] == 1.0
    assert 0.0 <= llm["all"]["citation_precision_article"] <= 1.0
    assert "conversations_llm" in report
    markdown = runner.render_markdown(report, [])
    assert "Answers — LLM answerer" in markdown and "### Answers\n" in markdown


def test_without_an_llm_only_the_configured_answerer_is_evaluated(settings: Settings, assistant) -> None:
    report = runner.run(settings.model_copy(update={"llm_base_url": None}), assistant, False, _small_suite())
    assert "answers_llm" not in report and "baseline" not in report
    assert report["counts"]["pairs"] == 1 and report["answers"]["all"]["quote_fidelity"] == 1.0
