"""`assistant eval`: run the whole suite on the current answerer and index, print a table per metric and
language, write evals/report.md and evals/report.json, and fail when a metric is under its floor."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.answering import Assistant
from assistant.config import Settings
from evals.answers import conversation_figures, evaluate_answers, evaluate_conversations, score_answers
from evals.baseline import NaiveBaseline
from evals.data import (
    Conversation,
    Question,
    check_gold,
    load_adversarial,
    load_conversations,
    load_heldout,
    load_questions,
)
from evals.metrics import citation_recall
from evals.planted import evaluate_planted
from evals.retrieval import score_rankings

EVALS = Path(__file__).resolve().parent
FLOORS = EVALS / "floors.yaml"
RETRIEVAL_KEYS = (
    "article_recall@1",
    "article_recall@5",
    "article_recall@10",
    "article_mrr",
    "unit_recall@1",
    "unit_recall@5",
    "unit_recall@10",
    "unit_mrr",
    "unit_ndcg@10",
    "latency_ms",
)
HELDOUT_KEYS = (
    "article_recall@1",
    "article_recall@5",
    "gold_article_cited",
    "citation_precision_article",
    "citation_recall_article",
    "citation_precision_exact",
    "citation_recall_exact",
    "over_citation_chars",
    "granularity_error",
    "false_abstention",
    "abstention_accuracy",
    "quote_fidelity",
)
CV_KEYS = (
    "gold_article_cited",
    "citation_precision_exact",
    "citation_recall_exact",
    "citation_precision_article",
    "false_abstention",
    "abstention_accuracy",
)
STYLE_KEYS = ("n", "gold_article_cited", "citation_precision_exact", "false_abstention", "abstention_accuracy")
ANSWER_KEYS = (
    "gold_article_cited",
    "citation_precision_exact",
    "citation_recall_exact",
    "over_citation_chars",
    "granularity_error",
    "citation_precision_article",
    "citation_precision_article_strict",
    "citation_recall_article",
    "citation_precision_unit",
    "citation_precision_unit_strict",
    "citation_recall_unit",
    "quote_fidelity",
    "sentence_support",
    "abstention_precision",
    "abstention_recall",
    "abstention_f1",
    "abstention_accuracy",
    "false_abstention",
    "false_premise_handled",
    "injection_resisted",
    "latency_p50_ms",
    "latency_p95_ms",
)


@dataclass
class Suite:
    """The data the suite runs on: the gold set and the held-out sets (a test runs on a few questions)."""

    questions: list[Question]
    adversarial: list[Question]
    conversations: list[Conversation]
    heldout: dict[str, list[Question]]
    planted: bool = True  # index the page with planted instructions and score indirect injection

    @classmethod
    def load(cls) -> Suite:
        return cls(load_questions(), load_adversarial(), load_conversations(), load_heldout())


def run(settings: Settings, assistant: Assistant, baseline: bool = True, suite: Suite | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    suite = suite or Suite.load()
    questions, adversarial, conversations = suite.questions, suite.adversarial, suite.conversations
    heldout = suite.heldout
    turns = [t for c in conversations for t in c.turns]
    problems = check_gold(
        assistant.corpus, [*questions, *adversarial, *turns, *(q for s in heldout.values() for q in s)]
    )
    if problems:
        raise SystemExit("gold data problems:\n" + "\n".join(problems[:20]))
    retriever = assistant.retriever
    report: dict[str, Any] = {
        "counts": {
            "questions": len(questions),
            "questions_pt": sum(q.language == "pt" for q in questions),
            "questions_en": sum(q.language == "en" for q in questions),
            "pairs": len({q.pair for q in questions if q.pair}),
            "adversarial": len(adversarial),
            "conversations": len(conversations),
            "heldout": {name: len(subset) for name, subset in heldout.items()},
        },
        "index": retriever.index.manifest.get("build"),
        "answerer": assistant.answerer.name,
    }
    report["retrieval"] = score_rankings(
        questions, lambda q: [h.unit_id for h in retriever.search(q.question, k=20).hits]
    )
    answers = evaluate_answers(assistant, questions, adversarial)
    report["answers"] = answers["figures"]
    report["conversations"], turn_records = conversation_figures(assistant, conversations)
    report["heldout"], records = {}, {"gold": answers["records"], "conversations": turn_records}
    for name, subset in heldout.items():
        report["heldout"][name], records[name] = run_heldout(assistant, subset)
    # Every question's answer, so that `assistant eval --compare` lists what a change moved.
    report["records"] = records
    llm_too = bool(settings.llm_base_url) and assistant.answerer.name != "llm"
    if llm_too:
        # An LLM is configured: evaluate its answerer too, on the same retriever, side by side.
        llm = Assistant.from_retriever(settings.model_copy(update={"answerer": "llm"}), retriever)
        report["answers_llm"] = evaluate_answers(llm, questions, adversarial)["figures"]
        report["conversations_llm"] = evaluate_conversations(llm, conversations)
    if suite.planted:
        planted = evaluate_planted(settings, retriever.embedder, llm_too)
        report["indirect_injection"] = planted["configured"]
        if "llm" in planted:
            report["indirect_injection_llm"] = planted["llm"]
    if baseline:
        report["baseline"] = run_baseline(settings, assistant, questions)
    # What `assistant fit` measured of the decision it fitted: each set answered fold by fold by a decision
    # fitted without that fold (evals/decide.py). The figures above are the served decision's, fitted on all.
    fitted = (retriever.index.fitted or {}).get("decision") or {}
    report["cross_validated"] = fitted.get("cv", {})
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def run_heldout(assistant: Assistant, heldout: list[Question]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A held-out set's figures per language (and per style of phrasing, where the set labels it), and
    each question's record."""
    answerable = [q for q in heldout if q.answerable]
    refused = [q for q in heldout if not q.answerable]
    evaluated = evaluate_answers(assistant, answerable, refused)
    figures = evaluated["figures"]
    rankings = score_rankings(
        answerable, lambda q: [h.unit_id for h in assistant.retriever.search(q.question, k=20).hits]
    )
    rows = {lang: {**rankings.get(lang, {}), **row} for lang, row in figures.items() if lang != "parity"}
    out: dict[str, Any] = {**rows, "parity": figures["parity"]}
    styles = sorted({q.style for q in heldout if q.style})
    if styles:
        out["styles"] = {
            style: score_answers(
                assistant.corpus,
                [q for q in answerable if q.style == style],
                [q for q in refused if q.style == style],
                evaluated["answers"],
            )["all"]
            for style in styles
        }
    return out, evaluated["records"]


def run_baseline(settings: Settings, assistant: Assistant, questions: list[Any]) -> dict[str, Any]:
    naive = NaiveBaseline(assistant.corpus, settings.corpus_dir)
    ranked_chunks: dict[str, list[list[str]]] = {q.id: naive.rank(q.question, 10) for q in questions}

    def flat(q: Any) -> list[str]:
        return [u for chunk in ranked_chunks[q.id] for u in chunk]

    figures = score_rankings(questions, flat)
    for row in figures.values():
        row.pop("latency_ms", None)  # rankings were computed up front: no latency to report
    # Chunk-level hits: the gold article is "in the top k" if one of the top k chunks holds it.
    for lang in list(figures):
        subset = [q for q in questions if lang == "all" or q.language == lang]
        for k in (1, 5, 10):
            hits = []
            for q in subset:
                units = [u for chunk in ranked_chunks[q.id][:k] for u in chunk]
                hits.append(citation_recall(units, q.gold) > 0 or _article_hit(units, q.gold))
            figures[lang][f"article_recall@{k}"] = sum(hits) / len(hits)
        precision, recall = [], []
        for q in subset:
            cited = [chunk for chunk in ranked_chunks[q.id][:5]]
            # Gold units only: the pooled judgments never looked at the baseline's chunks.
            good = [any(citation_recall(chunk, [g]) > 0 for g in q.gold) for chunk in cited]
            precision.append(sum(good) / len(cited) if cited else 0.0)
            recall.append(citation_recall([u for c in cited for u in c], q.gold))
        figures[lang]["citation_precision_chunk"] = sum(precision) / len(precision)
        figures[lang]["citation_recall_unit"] = sum(recall) / len(recall)
    return figures


def _article_hit(units: list[str], gold: tuple[str, ...]) -> bool:
    from evals.metrics import article_of

    return bool({article_of(u) for u in units} & {article_of(g) for g in gold})


def check_floors(report: dict[str, Any], floors_path: Path = FLOORS) -> list[str]:
    floors = yaml.safe_load(floors_path.read_text(encoding="utf-8")) or {}
    failures = []
    for path, floor in floors.items():
        value: Any = report
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            failures.append(f"{path}: missing from the report")
        elif path.endswith(("latency_ms", "_ms", "false_abstention")):
            if value > floor:
                failures.append(f"{path}: {value:.3f} is above its ceiling {floor}")
        elif value < floor:
            failures.append(f"{path}: {value:.3f} is below its floor {floor}")
    return failures


def write_report(report: dict[str, Any], failures: list[str]) -> str:
    (EVALS / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown = render_markdown(report, failures)
    (EVALS / "report.md").write_text(markdown, encoding="utf-8")
    return markdown


def _table(
    title: str,
    rows: dict[str, dict[str, float]],
    keys: tuple[str, ...],
    extra: dict[str, Any] | None = None,
    columns: list[str] | None = None,
) -> list[str]:
    columns = columns or [c for c in ("pt", "en", "all") if c in rows]
    lines = [
        f"### {title}",
        "",
        "| metric | " + " | ".join(columns) + (" | naive baseline (all) |" if extra else " |"),
        "|---|" + "---:|" * (len(columns) + (1 if extra else 0)),
    ]
    for key in keys:
        cells = [_fmt(rows[c].get(key)) for c in columns]
        if extra is not None:
            cells.append(_fmt(extra.get(key)))
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    return (
        f"{value:.1f}"
        if isinstance(value, float) and value > 2
        else f"{value:.3f}"
        if isinstance(value, float)
        else str(value)
    )


def render_markdown(report: dict[str, Any], failures: list[str]) -> str:
    counts = report["counts"]
    lines = [
        "# Evaluation report",
        "",
        f"Answerer: `{report['answerer']}`; index `{report['index']}`; {counts['questions']} answerable questions "
        f"({counts['questions_pt']} PT, {counts['questions_en']} EN, {counts['pairs']} PT/EN pairs), "
        f"{counts['adversarial']} hard cases, {counts['conversations']} conversations; {report['seconds']} s.",
        "",
    ]
    baseline = report.get("baseline", {}).get("all")
    lines += _table("Retrieval", report["retrieval"], RETRIEVAL_KEYS, baseline or None)
    lines += _table(
        "Answers",
        report["answers"],
        ANSWER_KEYS,
        {
            "citation_precision_article": None,
            "citation_precision_article_strict": None,
            "citation_recall_unit": baseline.get("citation_recall_unit"),
            "citation_precision_unit_strict": baseline.get("citation_precision_chunk"),
        }
        if baseline
        else None,
    )
    if "answers_llm" in report:
        lines += _table("Answers — LLM answerer", report["answers_llm"], ANSWER_KEYS)
    lines += [f"PT/EN parity (same top article and cited units): **{report['answers']['parity']:.3f}**", ""]
    conv = report["conversations"]
    lines += [
        f"Conversations: turn success **{conv['turn_success']:.3f}**, whole-conversation success "
        f"**{conv['conversation_success']:.3f}**",
        "",
    ]
    for planted in (report.get(key) for key in ("indirect_injection", "indirect_injection_llm")):
        if not planted:
            continue
        lines += [
            f"Indirect injection (`{planted['answerer']}` answerer; the AIMA page with planted instructions, "
            f"links and zero-width text, evals/fixtures): **{planted['resisted']:.3f}** of {planted['questions']} "
            f"questions resisted, {planted['reached_planted']} of them reaching a planted paragraph in the top 5",
            "",
        ]
    cv = report.get("cross_validated") or {}
    if cv:
        sets = [name for name in cv if name != "conversations"]
        lines += _table(
            "Fitted decision, cross-validated by PT/EN pair and conversation (assistant fit: the sets it is fitted on)",
            {
                f"{name} {lang}": cv[name][lang] | {"parity": cv[name]["parity"]}
                for name in sets
                for lang in ("pt", "en", "all")
            },
            (*CV_KEYS, "parity"),
            columns=[f"{name} {lang}" for name in sets for lang in ("pt", "en", "all")],
        )
        turns = cv.get("conversations") or {}
        if turns:
            lines += [
                f"Conversations, cross-validated: turn success **{turns['turn_success']:.3f}**, whole-conversation "
                f"success **{turns['conversation_success']:.3f}**",
                "",
            ]
    held = report["heldout"]
    sizes = ", ".join(f"{name}: {n}" for name, n in counts["heldout"].items())
    lines += _table(
        f"Held-out sets, all languages ({sizes} questions; evals/heldout/README.md)",
        {name: figures["all"] | {"parity": figures["parity"]} for name, figures in held.items()},
        (*HELDOUT_KEYS, "parity"),
        columns=list(held),
    )
    by_language = {f"{name} {lang}": figures[lang] for name, figures in held.items() for lang in ("pt", "en")}
    lines += _table("Held-out sets, by language", by_language, HELDOUT_KEYS, columns=list(by_language))
    for name, figures in held.items():
        if figures.get("styles"):
            styles = figures["styles"]
            lines += _table(f"{name} by style of phrasing", styles, STYLE_KEYS, columns=list(styles))
    lines += ["## Floors", "", "All metrics at or above their floors." if not failures else "Below floor:", ""]
    lines += [f"- {f}" for f in failures]
    return "\n".join(lines) + "\n"
