"""What an answer is, inside the package (the API turns these into its pydantic schemas)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    id: str
    document: str
    label: str
    quote: str  # verbatim source text of the unit named by ``id``
    translation: str | None  # unofficial rendering in the answer's language, or None


@dataclass
class Answer:
    answer: str
    language: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    conversation_id: str | None = None
    answerer: str = "extractive"
    # Why the assistant abstained (out_of_scope, weak_evidence, injection, missing_reference, ...).
    reason: str | None = None
    search_query: str | None = None  # the query actually searched (follow-ups are rewritten)
    # A refusal's way forward (pointers.py), never its evidence, so never in ``citations``: the units nearest the
    # question ("related, not an answer") and the AIMA explainer's unit saying where such matters go today.
    related: list[Citation] = field(default_factory=list)
    pointer: Citation | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "answer": self.answer,
            "language": self.language,
            "abstained": self.abstained,
            "citations": [c.__dict__ for c in self.citations],
            "notices": list(self.notices),
            "conversation_id": self.conversation_id,
            "related": [c.__dict__ for c in self.related],
            "pointer": self.pointer.__dict__ if self.pointer else None,
        }
