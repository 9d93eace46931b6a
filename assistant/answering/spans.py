"""Which part of a long paragraph to quote: the line or sentence that answers, with its list.

Web-page and preamble paragraphs run to several sentences and numbered lists; quoting all of one
buries the answer. A span is a sentence or a run of whole lines, so its text is always a verbatim
substring of the paragraph. A span that opens a list ("AIMA faces several challenges, including:")
answers nothing without the items under it, so it runs to the end of the list. Where a rendering
has the source's lines and sentences (``same_shape``), the same span picks its matching part;
otherwise the whole rendering is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.words import tokenize

# Under this length a paragraph is quoted whole: the answer is easy to find in it.
WHOLE_BELOW_CHARS = 400
# A list item's marker at the start of a line: "1. ", "a) ".
ITEM_MARKER = re.compile(r"^\s*(?:\d+\.|[a-z]\))\s+")
# Not after a one-letter abbreviation ("Diálogo África-U.E. Migração"): "SEF." ends a sentence, "E." does not.
_SENTENCE_BREAK = re.compile(r"(?<=[.;:])(?<![\s.\-][A-Z]\.)\s+(?=[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    first_line: int
    last_line: int
    sentence: int | None = None  # index of a sentence within first_line; None: whole lines

    def text(self, paragraph: str) -> str | None:
        """The span's text in ``paragraph`` (source or rendering), or None when its shape differs."""
        lines = paragraph.split("\n")
        if self.last_line >= len(lines):
            return None
        rest = lines[self.first_line + 1 : self.last_line + 1]
        if self.sentence is None:
            return "\n".join([lines[self.first_line], *rest])
        sentences = _sentences(lines[self.first_line])
        if self.sentence >= len(sentences) or (rest and self.sentence != len(sentences) - 1):
            return None
        return "\n".join([sentences[self.sentence], *rest])


def same_shape(source: str, rendering: str) -> bool:
    """Whether a span picks matching parts of both: as many lines, each with as many sentences."""
    return [len(_sentences(line)) for line in source.split("\n")] == [
        len(_sentences(line)) for line in rendering.split("\n")
    ]


def best_span(paragraph: str, question: str, language: str) -> Span | None:
    """The span sharing most words with the question; None when the paragraph is best quoted whole."""
    if len(paragraph) < WHOLE_BELOW_CHARS:
        return None
    pieces = _pieces(paragraph)
    if len(pieces) <= 1:
        return None
    asked = set(tokenize(question, language))
    best = max(pieces, key=lambda span: len(asked & set(tokenize(span.text(paragraph) or "", language))))
    lines = paragraph.split("\n")
    opens_list = (best.text(paragraph) or "").rstrip().endswith(":")
    last_sentence = best.sentence is None or best.sentence == len(_sentences(lines[best.first_line])) - 1
    if opens_list and last_sentence:
        end = best.first_line
        while end + 1 < len(lines) and ITEM_MARKER.match(lines[end + 1]):
            end += 1
        best = Span(best.first_line, end, best.sentence)
    return best


def _sentences(line: str) -> list[str]:
    # A list item is one piece: "1. Capacity and Resources: The agency…" is no lead-in.
    return [line] if ITEM_MARKER.match(line) else [s for s in _SENTENCE_BREAK.split(line) if s.strip()]


def _pieces(paragraph: str) -> list[Span]:
    pieces = []
    for number, line in enumerate(paragraph.split("\n")):
        if not line.strip():
            continue
        count = len(_sentences(line))
        pieces.extend([Span(number, number)] if count <= 1 else [Span(number, number, k) for k in range(count)])
    return pieces
