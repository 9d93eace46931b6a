"""Every row of the intent table matches the questions it says it matches, and misses the ones it says it misses."""

from __future__ import annotations

import re

import pytest

from assistant.query.intents import TABLE, Intent, intents_in

ROWS = [pytest.param(row, id=f"{row.name}-{row.language}-{n}") for n, row in enumerate(TABLE)]


@pytest.mark.parametrize("row", ROWS)
def test_the_row_matches_its_examples_and_misses_its_counterexamples(row: Intent) -> None:
    assert row.matches, "every row carries at least one question it must match"
    for question in row.matches:
        assert row.name in intents_in(question, (row,)), question
    for question in row.misses:
        assert row.name not in intents_in(question, (row,)), question


def test_rows_are_well_formed() -> None:
    for row in TABLE:
        assert row.language in ("en", "pt", "both") and re.compile(row.pattern)
        assert re.fullmatch(r"[a-z_]+", row.name)


def test_matching_ignores_case_and_typographic_quotes() -> None:
    assert "why" in intents_in("WHY did the government need a new law?")
    assert "successor" in intents_in("Who’s replaced SEF? Who replaced SEF?")
