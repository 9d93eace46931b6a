"""Parser for Decree-Law 252/2000 as published by the PGDL site.

The source is web-page text: site furniture around a header (number, title,
versions, revocation), a preamble, chapters/sections/subsections, 76 articles
and the headings of two annexes. The parser is strict: a line it cannot place
is an error naming the line, so a re-collected page that changed shape is
noticed instead of silently mis-cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.model import DECREE_ID, Document, Heading, Unit
from assistant.errors import CorpusError

_ARTICLE = re.compile(r"^Artigo (\d+)\.º$")
_DIVISION = re.compile(r"^(CAPÍTULO|SECÇÃO|SUBSECÇÃO) ([IVXL]+)$")
_PARAGRAPH = re.compile(r"^(\d+)( - |\) )(.+)$")
_ALINEA = re.compile(r"^([a-z])\) (.+)$")
_ANNEX = re.compile(r"^ANEXO (I|II)$")
_ANNEX_REF = re.compile(r"n\.º (\d+) do artigo (\d+)\.º")
_VERSION = re.compile(r'^- (\d)ª "?versão"?\s*(.*)$')
_REVOKED = re.compile(r"revogado pelo\(a\) (Lei n\.º \d+/\d+, de \d+ de \w+)")
_DIVISION_KIND = {
    "CAPÍTULO": ("capitulo", "cap"),
    "SECÇÃO": ("seccao", "sec"),
    "SUBSECÇÃO": ("subseccao", "subsec"),
}


def _clean(line: str) -> str:
    """A source line without its indentation; NBSPs inside the line are kept as printed."""
    return line.strip(" \u00a0\t\r")


@dataclass
class _State:
    units: dict[str, Unit] = field(default_factory=dict)
    headings: dict[str, Heading] = field(default_factory=dict)
    open_headings: list[Heading] = field(default_factory=list)
    article: Unit | None = None
    paragraph: Unit | None = None
    notes_mode: str | None = None

    def add(self, unit: Unit) -> Unit:
        if unit.id in self.units:
            raise CorpusError(f"duplicate unit {unit.id} in the decree source")
        self.units[unit.id] = unit
        if unit.parent:
            self.units[unit.parent].children.append(unit.id)
        return unit


def parse_decree(raw: str, source_file: str) -> Document:
    lines = [_clean(line) for line in raw.splitlines()]
    if not any(_ARTICLE.match(line) for line in lines) or "SUMÁRIO" not in lines:
        raise CorpusError(f"{source_file}: not Decree-Law 252/2000 as expected (no SUMÁRIO or articles)")
    try:
        start_body = lines.index("CAPÍTULO I")
        summary_at = lines.index("SUMÁRIO")
        preamble_at = next(i for i in range(summary_at, start_body) if set(lines[i]) == {"_"}) + 1
    except (ValueError, StopIteration) as exc:
        raise CorpusError(f"{source_file}: cannot find the preamble and first chapter of the decree") from exc

    meta = _header_meta(lines[:preamble_at], source_file)
    state = _State()
    # The document unit quotes the header facts (number, title, summary, revocation), so a
    # question on the decree's validity is answered from a verbatim source line.
    header = "\n".join(str(meta[key]) for key in ("number", "title", "summary", "revocation_note"))
    root = state.add(Unit(id=DECREE_ID, document=DECREE_ID, kind="document", own_text=header))
    _parse_preamble(lines[preamble_at:start_body], state)
    closing_at = _parse_body(lines[start_body:], state, source_file) + start_body
    _parse_tail(lines[closing_at:], state, source_file)
    _fill_text(state.units, root.id)
    return Document(
        id=DECREE_ID,
        language="pt",
        title=str(meta["title"]),
        source_file=source_file,
        units=state.units,
        headings=state.headings,
        meta=meta,
    )


def _header_meta(header: list[str], source_file: str) -> dict[str, object]:
    header = [line.replace("\u00a0", " ").strip() for line in header]
    text = "\n".join(header)
    number = next((line for line in header if line.startswith("DL n.º 252/2000")), None)
    revoked = _REVOKED.search(text)
    if number is None or revoked is None:
        raise CorpusError(f"{source_file}: header lacks the decree's number or its revocation note")
    title_at = header.index(number) + 1
    summary = header[header.index("SUMÁRIO") + 1]
    wording = next((line for line in header if line.startswith("Versão desactualizada")), "")
    versions = []
    for line in header:
        match = _VERSION.match(line)
        if match:
            versions.append({"version": int(match.group(1)), "text": line.lstrip("- ").strip()})
    return {
        "number": number,
        "short_number": "Decreto-Lei n.º 252/2000",
        "date": "2000-10-16",
        "title": header[title_at].strip(),
        "summary": summary,
        "wording": wording.rstrip("! ").strip(),
        "versions": sorted(versions, key=lambda v: int(str(v["version"]))),
        "status": "revoked",
        "revoked_by": revoked.group(1),
        "revoked_by_short": "Lei n.º 73/2021, de 12/11",
        "revocation_note": next(line for line in header if "foi revogado" in line).lstrip("- "),
        "source": "Procuradoria-Geral Distrital de Lisboa (PGDL), legislação",
    }


def _parse_preamble(lines: list[str], state: _State) -> None:
    preamble = state.add(
        Unit(id=f"{DECREE_ID}/preambulo", document=DECREE_ID, kind="preamble", own_text="", parent=DECREE_ID)
    )
    lead: str | None = None
    for number, line in enumerate(filter(None, lines), start=1):
        unit = state.add(
            Unit(
                id=f"{preamble.id}/p-{number}",
                document=DECREE_ID,
                kind="preamble-paragraph",
                own_text=line,
                number=str(number),
                parent=preamble.id,
            )
        )
        # Enumerations in the preamble are one line each; they keep their lead-in so
        # that "Reconhecer o direito ao reagrupamento familiar;" can stand alone.
        if lead:
            unit.meta["lead_in"] = lead
            if line.endswith("."):
                lead = None
        elif line.endswith(":"):
            lead = unit.id


def _parse_body(lines: list[str], state: _State, source_file: str) -> int:
    """Parse chapters and articles; return the index of the first line after them."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if line.startswith("Visto e aprovado"):
            return i
        division = _DIVISION.match(line)
        article = _ARTICLE.match(line)
        if division:
            _open_division(division.group(1), division.group(2), lines[i + 1], state)
            state.article = None
            i += 2
        elif article:
            _open_article(article.group(1), lines[i + 1], state)
            i += 2
        elif state.article is None:
            raise CorpusError(f"{source_file}: unexpected line outside any article: {line!r}")
        else:
            _article_line(line, state, source_file)
            i += 1
    raise CorpusError(f"{source_file}: the decree's closing formula ('Visto e aprovado…') is missing")


def _open_division(word: str, number: str, title: str, state: _State) -> None:
    kind, prefix = _DIVISION_KIND[word]
    depth = ("capitulo", "seccao", "subseccao").index(kind)
    del state.open_headings[depth:]
    parent_id = state.open_headings[-1].id if state.open_headings else DECREE_ID
    heading = Heading(id=f"{parent_id}/{prefix}-{number.lower()}", kind=kind, number=number, title=title)
    state.headings[heading.id] = heading
    state.open_headings.append(heading)


def _open_article(number: str, heading: str, state: _State) -> None:
    state.article = state.add(
        Unit(
            id=f"{DECREE_ID}/art-{number}",
            document=DECREE_ID,
            kind="article",
            own_text="",
            number=number,
            heading=heading,
            parent=DECREE_ID,
            headings=tuple(h.id for h in state.open_headings),
        )
    )
    state.paragraph = None
    state.notes_mode = None


def _article_line(line: str, state: _State, source_file: str) -> None:
    article = state.article
    assert article is not None
    if line.startswith("Contém as alterações"):
        state.notes_mode = "amended_by"
        return
    if line.startswith("Consultar versões anteriores"):
        state.notes_mode = "previous_versions"
        return
    if state.notes_mode:
        notes = article.meta.setdefault(state.notes_mode, [])
        assert isinstance(notes, list)
        notes.append(line.lstrip("-").replace("\u00a0", " ").strip())
        return
    paragraph = _PARAGRAPH.match(line)
    alinea = _ALINEA.match(line)
    if paragraph:
        number, marker, text = paragraph.groups()
        state.paragraph = state.add(
            Unit(
                id=f"{article.id}/n-{number}",
                document=DECREE_ID,
                kind="paragraph",
                own_text=text,
                number=number,
                parent=article.id,
                meta={"marker": f"{number}{marker}"},
            )
        )
    elif alinea:
        letter, text = alinea.groups()
        parent = state.paragraph or article
        state.add(
            Unit(
                id=f"{parent.id}/al-{letter}",
                document=DECREE_ID,
                kind="item",
                own_text=text,
                number=letter,
                parent=parent.id,
                meta={"marker": f"{letter}) "},
            )
        )
    elif not article.children and not article.own_text:
        article.own_text = line
    else:
        raise CorpusError(f"{source_file}: cannot place line in {article.id}: {line!r}")


def _parse_tail(lines: list[str], state: _State, source_file: str) -> None:
    """The closing formula (approval, promulgation) and the two annex headings."""
    body = [line for line in lines if line]
    try:
        footer_at = next(i for i, line in enumerate(body) if line.startswith("Páginas:"))
    except StopIteration:
        footer_at = len(body)
    body = body[:footer_at]
    annex_at = [i for i, line in enumerate(body) if _ANNEX.match(line)]
    if len(annex_at) != 2:
        raise CorpusError(f"{source_file}: expected the headings of Annexes I and II")
    state.add(
        Unit(
            id=f"{DECREE_ID}/fecho",
            document=DECREE_ID,
            kind="closing",
            own_text="\n".join(body[: annex_at[0]]),
            parent=DECREE_ID,
        )
    )
    for at in annex_at:
        numeral = body[at].split()[1]
        reference = body[at + 1] if at + 1 < len(body) and not _ANNEX.match(body[at + 1]) else ""
        ref = _ANNEX_REF.search(reference)
        title = reference.split(")", 1)[1].strip() if ")" in reference else ""
        state.add(
            Unit(
                id=f"{DECREE_ID}/anexo-{numeral.lower()}",
                document=DECREE_ID,
                kind="annex",
                own_text=reference,
                number=numeral,
                heading=body[at],
                parent=DECREE_ID,
                meta={
                    "referred_by": f"{DECREE_ID}/art-{ref.group(2)}/n-{ref.group(1)}" if ref else None,
                    "title": title or None,
                    "tables_in_source": False,
                    "note": "The source text gives only this annex's heading; its table is not in it.",
                },
            )
        )


def _fill_text(units: dict[str, Unit], unit_id: str) -> str:
    """Compose every unit's full text from its own line and its descendants, in order."""
    unit = units[unit_id]
    own = f"{unit.meta.get('marker', '')}{unit.own_text}" if unit.own_text else ""
    parts = [own] if own else []
    parts.extend(_fill_text(units, child) for child in unit.children)
    unit.text = "\n".join(part for part in parts if part)
    return unit.text
