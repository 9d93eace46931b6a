"""`assistant eval --compare`: the per-question diff of two reports, blind sets counted and never listed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evals.compare import changed, compare

ROOT = Path(__file__).resolve().parents[2]


def rec(cited: list[str], right: bool, abstained: bool = False) -> dict[str, object]:
    return {"cited": cited, "abstained": abstained, "right": right}


OLD = {
    "gold": {"q1": rec(["a/art-1"], True), "q2": rec(["a/art-2"], False), "q3": rec([], True, abstained=True)},
    "set-2": {"b1": rec(["a/art-5"], True), "b2": rec(["a/art-6"], True)},
}
NEW = {
    "gold": {"q1": rec(["a/art-1"], True), "q2": rec(["a/art-3"], True), "q3": rec(["a/art-9"], False)},
    "set-2": {"b1": rec(["a/art-5"], True), "b2": rec(["a/art-7"], False)},
}


def test_only_answers_that_moved_are_listed_with_their_verdicts() -> None:
    assert [qid for qid, _, _ in changed(OLD["gold"], NEW["gold"])] == ["q2", "q3"]
    text = compare(OLD, NEW, {"q2": "Who decides?", "b2": "a blind question"})
    assert "gold: 2 changed (1 wrong -> right, 1 right -> wrong)" in text
    assert "q2: wrong -> right  Who decides?" in text
    assert "before: a/art-2" in text and "after:  a/art-3" in text
    assert "before: abstained" in text and "after:  a/art-9" in text


def test_a_blind_set_is_counted_but_never_named() -> None:
    text = compare(OLD, NEW, {"b2": "a blind question"})
    assert "set-2: 1 changed (0 wrong -> right, 1 right -> wrong)" in text
    assert "b2" not in text and "a blind question" not in text and "a/art-7" not in text


def test_same_answers_say_so() -> None:
    assert compare(OLD, OLD, {}).endswith("same answers, question by question")


def test_the_command_compares_two_report_files(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({"records": OLD}), encoding="utf-8")
    new.write_text(json.dumps({"records": NEW}), encoding="utf-8")
    run = [sys.executable, "-m", "assistant.cli", "eval", "--compare", str(old), "--against", str(new)]
    out = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert "gold: 2 changed" in out and "3 answers changed in all" in out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"answers": {}}), encoding="utf-8")
    failed = subprocess.run([*run[:-3], str(bad), "--against", str(new)], capture_output=True, text=True, cwd=ROOT)
    assert failed.returncode != 0 and "no per-question records" in failed.stderr
