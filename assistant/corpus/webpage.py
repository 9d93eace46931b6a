"""Parser for the two web pages: paragraphs numbered from 1 once site furniture is gone.

A list (``a) …``, ``1. …``) stays in the paragraph whose sentence introduces it,
so "The agency's primary objectives encompass:" is never cited without its items.
Short lines with no closing punctuation are section headings, not paragraphs;
a heading with no paragraph after it is a link left over from the site.
"""

from __future__ import annotations

import re

from assistant.corpus.model import Document, Unit
from assistant.errors import CorpusError

# Furniture seen on the collected pages; matched on whole lines only.
FURNITURE = (
    re.compile(r"^Skip to main content$", re.IGNORECASE),
    re.compile(r"^Diagrama .*\(PDF\)$"),
)
_LIST_ITEM = re.compile(r"^(?:[a-z]\)|\d+\.)\s+\S")
_CLOSING_PUNCTUATION = (".", ":", ";", "!", "?")


def _is_heading(line: str) -> bool:
    return len(line.split()) <= 10 and not line.endswith(_CLOSING_PUNCTUATION)


def parse_webpage(raw: str, document_id: str, language: str, title: str, source_file: str) -> Document:
    lines = [line.strip(" \u00a0\t\r") for line in raw.splitlines()]
    lines = [line for line in lines if line and not any(p.match(line) for p in FURNITURE)]
    if not lines:
        raise CorpusError(f"{source_file}: no text left once site navigation is removed")

    blocks: list[tuple[str | None, list[str]]] = []  # (section heading, lines of one paragraph)
    section: str | None = None
    page_title = title
    for line in lines:
        previous = blocks[-1][1][-1] if blocks else ""
        if _LIST_ITEM.match(line) and (previous.endswith((":", ";")) or _LIST_ITEM.match(previous)):
            blocks[-1][1].append(line)
        elif _is_heading(line):
            if not blocks and section is None and page_title == title:
                page_title = line  # the page's own title line, shown above everything
                section = None
                continue
            section = line
        else:
            blocks.append((section, [line]))
    if not blocks:
        raise CorpusError(f"{source_file}: no paragraph found in the page")

    units: dict[str, Unit] = {}
    root = Unit(id=document_id, document=document_id, kind="document", own_text=page_title)
    units[root.id] = root
    for number, (heading, block) in enumerate(blocks, start=1):
        unit = Unit(
            id=f"{document_id}/p-{number}",
            document=document_id,
            kind="page-paragraph",
            own_text="\n".join(block),
            text="\n".join(block),
            number=str(number),
            parent=document_id,
            section=heading,
        )
        units[unit.id] = unit
        root.children.append(unit.id)
    root.text = "\n".join(units[c].text for c in root.children)
    return Document(
        id=document_id,
        language=language,
        title=page_title,
        source_file=source_file,
        units=units,
        meta={"status": "web page as collected", "title": page_title},
    )
