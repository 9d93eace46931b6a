"""Checks on the evidence, not the question (the question's are read by the plan, ``assistant/query/``)."""

from __future__ import annotations

import re

# The provision on when the decree applies from (Article 75), found by its words, not by its number.
_ENTERS_INTO_FORCE = re.compile(r"\bentra em vigor\b", re.IGNORECASE)


def states_entry_into_force(text: str) -> bool:
    return bool(_ENTERS_INTO_FORCE.search(text))
