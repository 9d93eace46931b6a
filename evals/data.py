"""The gold data: questions, hard cases and conversations, loaded and checked against the corpus."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.corpus import Corpus
from assistant.corpus.text import load_yaml

GOLD_DIR = Path(__file__).resolve().parent / "gold"
HELDOUT_DIR = Path(__file__).resolve().parent / "heldout"
# Held-out sets nobody may read question by question (evals/heldout/README.md): their figures are printed in
# aggregate only, and `assistant eval --compare` counts their changed answers without naming them.
BLIND = frozenset({"set-2", "set-4"})


@dataclass(frozen=True)
class Question:
    id: str
    language: str
    question: str
    gold: tuple[str, ...]
    answer: str | None = None
    # Other units judged, one by one, to answer the question on their own words (pooled judgments:
    # units the assistant or the retriever put forward, kept only when a reviewer accepted them).
    # Citing one is correct; not citing one costs no recall.
    also: tuple[str, ...] = ()
    pair: str | None = None
    category: str = "answerable"  # answerable | out-of-scope | unanswerable | false-premise | injection
    expect: str = "answer"  # answer | abstain | correct-premise | answer-safely
    # How the question is phrased (held-out sets 3 and 4): plain, situation, pt-term, typo, no-accents,
    # brazilian, clerk; None where the set does not say.
    style: str | None = None

    @property
    def answerable(self) -> bool:
        return self.expect != "abstain"


@dataclass(frozen=True)
class Conversation:
    id: str
    language: str
    turns: tuple[Question, ...] = field(default_factory=tuple)


def _read(path: Path) -> list[dict[str, Any]]:
    data = load_yaml(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list")
    return data


def _question(entry: dict[str, Any]) -> Question:
    return Question(
        id=str(entry["id"]),
        language=str(entry["language"]),
        question=str(entry["question"]),
        gold=tuple(str(g) for g in entry.get("gold") or ()),
        answer=str(entry["answer"]) if entry.get("answer") else None,
        also=tuple(str(a) for a in entry.get("also") or ()),
        pair=str(entry["pair"]) if entry.get("pair") else None,
        category=str(entry.get("category", "answerable")),
        expect=str(entry.get("expect", "answer")),
        style=str(entry["style"]) if entry.get("style") else None,
    )


def load_questions(gold_dir: Path = GOLD_DIR) -> list[Question]:
    """The answerable questions (questions-*.yaml)."""
    out: list[Question] = []
    for path in sorted(gold_dir.glob("questions-*.yaml")):
        out.extend(_question(e) for e in _read(path))
    return out


def load_heldout(heldout_dir: Path = HELDOUT_DIR) -> dict[str, list[Question]]:
    """The held-out sets (evals/heldout/set-*.yaml) by name: questions written blind to the system after its
    tuning, answerable or not. Nothing is fitted on them; they tell how the gold-set figures generalise."""
    return {path.stem: [_question(e) for e in _read(path)] for path in sorted(heldout_dir.glob("set-*.yaml"))}


def load_adversarial(gold_dir: Path = GOLD_DIR) -> list[Question]:
    return [_question(e) for e in _read(gold_dir / "adversarial.yaml")]


def load_conversations(gold_dir: Path = GOLD_DIR) -> list[Conversation]:
    out = []
    for entry in _read(gold_dir / "conversations.yaml"):
        turns = tuple(
            _question({"id": f"{entry['id']}/{i}", "language": entry["language"], **turn})
            for i, turn in enumerate(entry["turns"], start=1)
        )
        out.append(Conversation(id=str(entry["id"]), language=str(entry["language"]), turns=turns))
    return out


def check_gold(corpus: Corpus, questions: list[Question]) -> list[str]:
    """Problems with the gold data: unknown ids, answers that are not verbatim spans."""
    from assistant.corpus.text import contains_verbatim

    problems = []
    for q in questions:
        for field_name, ids in (("gold", q.gold), ("also", q.also)):
            problems += [f"{q.id}: {field_name} {unit_id} is not a unit" for unit_id in ids if unit_id not in corpus]
        if q.answer and not any(
            unit_id in corpus and contains_verbatim(corpus.unit(unit_id).text, q.answer) for unit_id in q.gold
        ):
            problems.append(f"{q.id}: answer is not a verbatim span of a gold unit")
    return problems
