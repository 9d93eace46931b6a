"""The abstention threshold chosen by `assistant fit` (evals/calibrate.py), on hand-made scores."""

from __future__ import annotations

from evals.calibrate import best_threshold


def test_threshold_separates_when_it_can() -> None:
    scores = [0.05, 0.1, 0.2, 0.6, 0.7, 0.8, 0.9]
    labels = [0, 0, 0, 1, 1, 1, 1]
    # Abstaining between 0.2 and 0.6 catches every negative and no positive.
    assert 0.2 < best_threshold(scores, labels) < 0.6


def test_threshold_never_costs_more_false_abstentions_than_allowed() -> None:
    scores = [0.05, 0.1, 0.3, 0.2, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97]
    labels = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]
    # Catching the negative at 0.3 would push the positive at 0.2 under the line: 1 of 7 > 4%.
    chosen = best_threshold(scores, labels)
    assert 0.1 < chosen < 0.2
    assert sum(1 for s, y in zip(scores, labels, strict=True) if y == 1 and s < chosen) == 0


def test_threshold_prefers_catching_negatives_within_the_budget() -> None:
    # 30 positives: one false abstention (3.3%) is within the 4% budget if it catches a negative.
    scores = [0.1, 0.3, *([0.25] + [0.9] * 29)]
    labels = [0, 0, *([1] * 30)]
    assert 0.3 < best_threshold(scores, labels) < 0.9  # catches both negatives, one positive pays for it


def test_questions_refused_on_other_grounds_need_no_threshold() -> None:
    scores = [0.1, 0.3, *([0.25] + [0.9] * 29)]
    labels = [0, 0, *([1] * 30)]
    always = [False, True, *([False] * 30)]  # the negative at 0.3 is refused anyway (say, an injection)
    assert 0.1 < best_threshold(scores, labels, always=always) < 0.25  # no false abstention needed now
    # A positive refused on other grounds uses up the budget: the threshold may not add one.
    assert best_threshold(scores, labels, extra=(0, 0, 1)) < 0.25


def test_past_nine_negatives_in_ten_a_further_one_must_be_worth_its_false_abstentions() -> None:
    # 10 negatives, nine easy to refuse (0.05) and one at 0.5; 50 positives, two of them at 0.4.
    scores = [*([0.05] * 9), 0.5, 0.4, 0.4, *([0.9] * 48)]
    labels = [*([0] * 10), *([1] * 50)]
    # Refusing the tenth costs two false abstentions (within the 4% budget) and lowers F1
    # (0.909 against 0.947): nine in ten is enough.
    assert 0.05 < best_threshold(scores, labels) < 0.4
    # Without that floor on recall the budget would be spent to catch it.
    assert 0.5 < best_threshold(scores, labels, min_negative_recall=1.0) < 0.9
