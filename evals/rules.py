"""`assistant eval --rules`: what each rule that survives beside the fitted decision earns, measured held out.

The decision is fitted fold by fold as `assistant fit` fits it (evals/decide.py); each rule of
``assistant.answering.assistant.RULES`` is then turned off in turn and the pooled questions asked again
through the real pipeline, each with the decision fitted without its fold. A rule keeps its place when
the development held-out sets (and the gold set) answer better with it.
"""

from __future__ import annotations

from typing import Any

from assistant.answering import Assistant
from assistant.answering.assistant import RULES
from evals import decide
from evals.data import load_conversations

KEYS = ("gold_article_cited", "citation_precision_exact", "false_abstention", "abstention_accuracy")


def measure(assistant: Assistant) -> dict[str, dict[str, Any]]:
    """Figures with every rule on ("all rules"), then with each rule off, per set."""
    embedder = assistant.retriever.embedder
    embed = embedder.embed_query
    embedder.embed_query = decide.remembering(embed)  # type: ignore[method-assign]
    saved = set(assistant.rules)
    try:
        sets = decide.pool()
        conversations = load_conversations()
        models = decide.fold_models(decide.gather(assistant, [q for s in sets.values() for q in s], conversations))
        out: dict[str, dict[str, Any]] = {}
        for name, rules in [("all rules", saved), *((f"without {r}", saved - {r}) for r in RULES)]:
            assistant.rules = set(rules)
            answers, turns = decide.cross_validate(assistant, sets, models, conversations)
            out[name] = decide.figures_of(assistant, sets, answers) | {"conversations": turns}
    finally:
        assistant.rules = saved
        embedder.embed_query = embed  # type: ignore[method-assign]
    return out


def table(measured: dict[str, dict[str, Any]]) -> str:
    sets = [s for s in next(iter(measured.values())) if s != "conversations"]
    heads = [f"{s}: {k.replace('_', ' ')}" for s in sets for k in (*KEYS, "parity")] + ["conversation turns"]
    lines = ["| | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    for name, figures in measured.items():
        cells = []
        for s in sets:
            cells += [f"{figures[s]['all'].get(k, float('nan')):.3f}" for k in KEYS] + [f"{figures[s]['parity']:.3f}"]
        cells.append(f"{figures['conversations']['turn_success']:.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
