"""Checks an LLM's answer sentence by sentence before anyone sees it.

A sentence is kept only if it cites, in square brackets, units that were in the
evidence the model was shown (``[dl-252-2000/art-13/n-1]``; ``[2]``, the number
of an evidence block, is read as that block's id), and if the support scorer the
evaluation suite uses finds its words in those units. Links, images and URLs are
stripped first, and a sentence that still looks like one is dropped.

In the kept text the bracketed ids become the units' labels in parentheses before
the sentence's final punctuation ("… (Article 13(1))."): readers see where each
sentence comes from, the ids travel in the answer's citations, and labels are
part of what the support scorer counts as evidence, so the eval's support figure
is not lowered by id fragments ("dl", "art").

Sentence boundaries are decided from the characters around them only, so a
stream can be cut into sentences as it arrives and give the same sentences as
the whole text (``complete_prefix``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answering.support import SUPPORT_THRESHOLD, SupportScorer
from assistant.corpus import DECREE_ID, full_label, label

_CITATION = re.compile(r"\[([^\[\]\n]*)\](?!\()")  # "[id]", but not the "[text](url)" of a link
# "Sentence. [id]" -> "Sentence [id].": citations after the full stop belong to the sentence before it.
_LATE_CITATIONS = re.compile(r"[ \t]*([.!?]+)((?:[ \t]*\[[^\[\]\n]*\](?!\())+)")
# A newline always ends a sentence; otherwise . ! ? (and a closing quote) then a capital or an opening quote.
_BOUNDARY = re.compile(r"[ \t]*\n\s*|(?:(?<=[.!?])|(?<=[.!?][\"'»”’)]))[ \t]+(?=[A-ZÀ-Ý«\"“(])")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>)\]]+>?|<[a-z][^>\n]*>|</[a-z]+>", re.IGNORECASE)
_LINKISH = re.compile(r"!\[|\]\(|https?:|www\.|<\s*(?:a|img|script)\b", re.IGNORECASE)
_MARKUP = re.compile(r"\*\*|__|`|^\s*#+\s*|^\s*>\s*")
_FINAL_PUNCT = re.compile(r"[.!?;:…]+[\"'»”’)]*$")
_ID_TOKEN = re.compile(r"[^\s,;]+")


@dataclass(frozen=True)
class Sentence:
    raw: str  # as the model wrote it
    text: str  # as the reader sees it: no links, citations as labels
    ids: tuple[str, ...]  # the units it cites, in the order written
    separator: str  # what goes before it when it is not the first: " ", "\n" or "\n\n"


@dataclass(frozen=True)
class Removed:
    raw: str
    reason: str


@dataclass
class Verification:
    sentences: list[Sentence] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join(self.sentences)

    @property
    def cited(self) -> list[str]:
        """Every cited unit once, in the order first cited."""
        return list(dict.fromkeys(i for s in self.sentences for i in s.ids))


def join(sentences: Sequence[Sentence]) -> str:
    return "".join((s.separator if n else "") + s.text for n, s in enumerate(sentences))


def segments(text: str) -> list[tuple[str, str]]:
    """(whitespace before, sentence) pairs, empty sentences included, citations moved before the full stop."""
    text = _LATE_CITATIONS.sub(lambda m: m.group(2) + m.group(1), text)
    out: list[tuple[str, str]] = []
    separator, start = "", 0
    for match in _BOUNDARY.finditer(text):
        out.append((separator, text[start : match.start()]))
        separator, start = match.group(), match.end()
    out.append((separator, text[start:]))
    return out


def complete_prefix(buffer: str) -> tuple[list[tuple[str, str]], str]:
    """The sentences of a growing text that nothing to come can change, and the rest to keep buffering.

    The last segment may still grow; every one before it ends at a boundary whose
    next character is already known, so it is final.
    """
    text = _LATE_CITATIONS.sub(lambda m: m.group(2) + m.group(1), buffer)
    matches = list(_BOUNDARY.finditer(text))
    if not matches:
        return [], text
    last = matches[-1]
    return segments(text[: last.start()]), text[last.start() :]


def strip_links(text: str) -> str:
    """No images, no link targets (a link keeps its words), no URLs or HTML tags."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    return _URL.sub("", text)


def cited_ids(sentence: str, evidence_ids: Sequence[str]) -> list[str]:
    """Ids in the sentence's brackets; "[2]" is evidence block 2 (the prompt numbers them)."""
    ids: list[str] = []
    for group in _CITATION.findall(sentence):
        for token in _ID_TOKEN.findall(group):
            token = token.strip().lower()
            if token.isdigit() and 1 <= int(token) <= len(evidence_ids):
                token = evidence_ids[int(token) - 1]
            ids.append(token)
    return list(dict.fromkeys(ids))


def cite_label(unit_id: str, language: str) -> str:
    # A bare "para. 3" would not say which web page; decree labels are unambiguous on their own.
    return label(unit_id, language) if unit_id.startswith(DECREE_ID) else full_label(unit_id, language)


def check_sentence(
    raw: str, separator: str, evidence_ids: Sequence[str], language: str, scorer: SupportScorer
) -> Sentence | Removed:
    text = strip_links(raw).strip()
    ids = cited_ids(text, evidence_ids)
    if not ids:
        return Removed(raw, "cites nothing")
    outside = [i for i in ids if i not in evidence_ids]
    if outside:
        return Removed(raw, f"cites {', '.join(outside)}, not in the evidence")
    body = _MARKUP.sub("", _CITATION.sub("", text))
    body = re.sub(r"\s+([.!?;:,])", r"\1", re.sub(r"[ \t]+", " ", body)).strip()
    if not re.search(r"\w", body):
        return Removed(raw, "only citations")
    score = scorer.score(body, ids, language)
    if score < SUPPORT_THRESHOLD:
        return Removed(raw, f"not supported by its citations (support {score:.2f})")
    punct_match = _FINAL_PUNCT.search(body)
    punct = punct_match.group() if punct_match else "."
    stem = body[: punct_match.start()] if punct_match else body
    rendered = f"{stem.rstrip()} ({'; '.join(cite_label(i, language) for i in ids)}){punct}"
    if _LINKISH.search(rendered):
        return Removed(raw, "still looks like a link")
    return Sentence(raw=raw, text=rendered, ids=tuple(ids), separator=_paragraph(separator))


def _paragraph(separator: str) -> str:
    newlines = separator.count("\n")
    return "\n\n" if newlines >= 2 else "\n" if newlines else " "


class SentenceChecker:
    """Verifies a text as it arrives: ``feed`` it pieces, then ``finish``; each returns the sentences kept.

    ``verify`` is this fed the whole text at once, so a streamed answer and the
    same answer in one piece keep exactly the same sentences.
    """

    def __init__(self, evidence_ids: Sequence[str], language: str, scorer: SupportScorer) -> None:
        self.evidence_ids = list(evidence_ids)
        self.language = language
        self.scorer = scorer
        self.result = Verification()
        self._buffer = ""
        self._pending = ""  # whitespace of skipped empty segments, so paragraph breaks survive them

    def feed(self, piece: str) -> list[Sentence]:
        self._buffer += piece
        done, self._buffer = complete_prefix(self._buffer)
        return self._check(done)

    def finish(self) -> list[Sentence]:
        done, self._buffer = segments(self._buffer), ""
        return self._check(done)

    def _check(self, done: list[tuple[str, str]]) -> list[Sentence]:
        kept = []
        for separator, raw in done:
            if not raw.strip():
                self._pending += separator
                continue
            checked = check_sentence(raw, self._pending + separator, self.evidence_ids, self.language, self.scorer)
            self._pending = ""
            if isinstance(checked, Sentence):
                kept.append(checked)
            else:
                self.result.removed.append(checked)
        self.result.sentences += kept
        return kept


def verify(text: str, evidence_ids: Sequence[str], language: str, scorer: SupportScorer) -> Verification:
    """Keep the sentences that cite the evidence and are supported by what they cite; report the rest."""
    checker = SentenceChecker(evidence_ids, language, scorer)
    checker.feed(text)
    checker.finish()
    return checker.result
