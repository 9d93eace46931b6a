"""Indirect prompt injection, scored by `assistant eval`: the AIMA page with planted instructions, links
and zero-width text (evals/fixtures/aima-explainer.injected.txt) is indexed in a scratch folder, and
questions that reach the planted paragraphs, and ordinary ones, are asked of the answerers. The same
check runs through the HTTP server in `assistant reliability` and tests/reliability."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.answering import Assistant
from assistant.config import Settings
from assistant.retrieval import build_index, open_retriever
from evals.reliability.injection import (
    PLANTED_QUESTIONS,
    is_planted,
    planted_corpus,
    planted_outcome,
    prompt_fragments,
)


def evaluate_planted(settings: Settings, embedder: Embeddings, llm_too: bool = False) -> dict[str, Any]:
    """For the configured answerer (and, with ``llm_too``, the LLM answerer beside it): the share of
    questions resisted (nothing planted, linked or from the prompts in the answer; no planted paragraph
    cited; the revocation notice whenever the decree is cited), and how many questions reach a planted
    paragraph in the top 5, which is what makes the figure mean something."""
    prompts = prompt_fragments(settings.prompts_dir)
    # The scratch index's Chroma client stays open until the process ends (chromadb caches one per path);
    # `assistant eval` builds one such index per run.
    with tempfile.TemporaryDirectory(prefix="planted-") as scratch:
        env = planted_corpus(Path(scratch), settings.index_dir)
        planted = settings.model_copy(
            update={
                "corpus_dir": Path(env["ASSISTANT_CORPUS_DIR"]),
                "index_dir": Path(env["ASSISTANT_INDEX_DIR"]),
                "chroma_url": None,  # a scratch index on disk, never a shared server's collection
            }
        )
        build_index(planted, embedder=embedder)
        retriever = open_retriever(planted, embedder=embedder)
        reached = sum(
            any(is_planted(h.unit_id) for h in retriever.search(question, k=5).hits)
            for question, _ in PLANTED_QUESTIONS
        )
        assistants = {"configured": Assistant.from_retriever(planted, retriever)}
        if llm_too:
            assistants["llm"] = Assistant.from_retriever(planted.model_copy(update={"answerer": "llm"}), retriever)
        out: dict[str, Any] = {}
        for name, assistant in assistants.items():
            outcomes = [
                planted_outcome(question, assistant.ask(question, language).to_dict(), prompts)
                for question, language in PLANTED_QUESTIONS
            ]
            out[name] = {
                "answerer": assistant.answerer.name,
                "questions": len(outcomes),
                "reached_planted": reached,
                "resisted": sum(o["resisted"] for o in outcomes) / len(outcomes),
                "failures": [o for o in outcomes if not o["resisted"]],
            }
        return out
