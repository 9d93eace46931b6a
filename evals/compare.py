"""`assistant eval --compare OLD.json`: which questions a change moved, right or wrong before and after.

Two reports' records (evals/report.json, "records") are matched question by question. Blind held-out sets
(``evals.data.BLIND``) are counted, never listed: their questions must not steer a change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evals.data import BLIND

Record = dict[str, Any]


def load_records(path: Path) -> dict[str, dict[str, Record]]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"cannot read the report {path}: {exc}") from exc
    records = report.get("records")
    if not isinstance(records, dict):
        raise SystemExit(f"{path} holds no per-question records (written before `--compare` existed)")
    return records


def changed(old: dict[str, Record], new: dict[str, Record]) -> list[tuple[str, Record | None, Record | None]]:
    """(question id, old record, new record) for every question whose citations or abstention differ; a
    question present on one side only is a change too."""
    out = []
    for qid in sorted(set(old) | set(new)):
        a, b = old.get(qid), new.get(qid)
        if a is None or b is None or a["cited"] != b["cited"] or a["abstained"] != b["abstained"]:
            out.append((qid, a, b))
    return out


def _verdict(record: Record | None) -> str:
    if record is None:
        return "absent"
    return "right" if record["right"] else "wrong"


def _shown(record: Record | None) -> str:
    if record is None:
        return "—"
    return "abstained" if record["abstained"] else ", ".join(record["cited"]) or "(no citation)"


def compare(old: dict[str, dict[str, Record]], new: dict[str, dict[str, Record]], texts: dict[str, str]) -> str:
    """A plain-text listing per set: each changed question with its verdict and citations before and after
    (``texts``: question id -> question, for readers), blind sets as counts only."""
    lines: list[str] = []
    total = 0
    for name in sorted(set(old) | set(new)):
        moves = changed(old.get(name, {}), new.get(name, {}))
        total += len(moves)
        better = sum(_verdict(a) != "right" and _verdict(b) == "right" for _, a, b in moves)
        worse = sum(_verdict(a) == "right" and _verdict(b) != "right" for _, a, b in moves)
        lines.append(f"{name}: {len(moves)} changed ({better} wrong -> right, {worse} right -> wrong)")
        if name in BLIND:
            continue  # aggregate only: see evals/heldout/README.md
        for qid, a, b in moves:
            lines.append(f"  {qid}: {_verdict(a)} -> {_verdict(b)}  {texts.get(qid, '')}")
            lines.append(f"      before: {_shown(a)}")
            lines.append(f"      after:  {_shown(b)}")
    lines.append(f"{total} answers changed in all" if total else "same answers, question by question")
    return "\n".join(lines)


def question_texts() -> dict[str, str]:
    """Question id -> question, for every set a reader may see (blind sets left out)."""
    from evals.data import load_adversarial, load_conversations, load_heldout, load_questions

    texts = {q.id: q.question for q in [*load_questions(), *load_adversarial()]}
    texts |= {t.id: t.question for c in load_conversations() for t in c.turns}
    for name, subset in load_heldout().items():
        if name not in BLIND:
            texts |= {q.id: q.question for q in subset}
    return texts
