"""What to say about a reference that names nothing ("Article 90", "Article 13(2)(z)", "§9 of SEF's page",
"Article 2 of Law 23/2007").

The nearest unit above the missing one that exists says what it does have ("Article 13(2) has items
(a) to (l)"), so that a member of staff sees at once where the numbering stops.
"""

from __future__ import annotations

from assistant.answering import messages
from assistant.corpus import DECREE_ID, Corpus, label
from assistant.query.references import Reference


def missing_message(corpus: Corpus, reference: Reference, language: str) -> str:
    if reference.law:
        return messages.other_law(reference.text, language)
    document = reference.unit_id.split("/", 1)[0]
    if document != DECREE_ID:
        paragraphs = len(corpus.documents[document].root.children)
        return messages.missing_reference(reference.text, language, page=document, paragraphs=paragraphs)
    parent = reference.unit_id.rsplit("/", 1)[0]
    while parent not in corpus and "/" in parent:
        parent = parent.rsplit("/", 1)[0]
    if parent == DECREE_ID or parent not in corpus:
        return messages.missing_reference(reference.text, language)  # no such article: the decree's extent
    parts = [corpus.unit(c) for c in corpus.unit(parent).children]
    parts = [p for p in parts if p.kind in ("item", "paragraph", "preamble-paragraph")]
    name = label(parent, language)
    if corpus.unit(parent).kind == "preamble":
        name = "o preâmbulo" if language == "pt" else "the Preamble"
    if not parts:
        return messages.missing_part(reference.text, language, name, None)
    first, last = (p.id.rsplit("-", 1)[1] for p in (parts[0], parts[-1]))
    return messages.missing_part(reference.text, language, name, parts[0].kind, first, last)
