"""Who is competent for what, read from the parsed decree (never typed by hand).

The decree assigns powers in a few fixed drafting patterns:

* a lead-in that a list of alíneas hangs from: "Ao director regional compete:",
  "Compete em especial ao director-geral:", "Ao Departamento de X, que funciona …, compete:";
* a paragraph that states one power: "À Direcção Central de Fronteiras compete definir …";
* a relative clause: "… por um director-geral, a quem compete …", "… Departamento Regional …, a quem incumbe …";
* a núcleo that receives some of its department's alíneas by reference:
  "Núcleo de Planeamento, com as competências previstas nas alíneas a) a c) e f) do número precedente";
* the service's own attributions, over the n.os under it: "São atribuições do SEF:" then "No plano interno:"
  and its alíneas (Article 2: "Conceder em território nacional vistos, …");
* delegation: "O director-geral pode delegar em …", "As competências previstas nos números anteriores
  podem ser delegadas nos subdirectores regionais, …", "… pelos directores-gerais-adjuntos, os quais
  exercerão as competências que lhes forem delegadas": the body that delegates, or the ones that may
  receive the powers, get a row for the paragraph that says so.

Each match becomes one row per power, with the unit that states the power and the unit naming the body.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from assistant.corpus import DECREE_ID, Corpus, Unit
from assistant.corpus.model import ALINEA_LETTERS

# "Ao Gabinete Jurídico compete:", "Ao Departamento de X, que funciona na …, compete:", "Aos postos … incumbe …".
# The body is matched lazily so that a body with commas ("Imigração, Registo e Difusão") stays whole.
ADDRESSED = re.compile(r"^(?:Ao|À|Aos|Às) (?P<body>.+?)(?:, que [^,]+,)? (?:compete|incumbe)\b(?P<rest>.*)$", re.DOTALL)
# "São atribuições do SEF:": the body of every alínea of the n.os below it ("No plano interno:", …).
ATTRIBUTIONS = re.compile(r"^São atribuições d[oa]s? (?P<body>.+?):$")
# "Compete em especial ao director-geral:", "Compete em especial ao conselho administrativo:".
SPECIAL = re.compile(r"^Compete(?: em especial)? (?:ao|à|aos|às) (?P<body>.+?):$")
# "… dirigido por um director-geral, a quem compete …" and "Departamento Regional … a quem compete …".
RELATIVE_AFTER_ARTICLE = re.compile(r"\b(?:um|uma) (?P<body>[^,]+?),? a quem (?:compete|incumbe)\b")
RELATIVE_AT_START = re.compile(r"^(?P<body>[A-ZÁÉÍÓÚÂÊÔÀ][^,]+?),? a quem (?:compete|incumbe)\b")
# "Núcleo de Instrução, com a competência a que aludem as alíneas a) a d) do n.º 1;"
NUCLEO = re.compile(
    r"^(?P<body>Núcleo [^,]+), com (?:a|as) (?:competências?|responsabilidades)\b.*?alíneas? (?P<letters>.+?) "
    r"(?:d[oa] (?:n\.º (?P<n>\d+)|(?P<relative>número precedente|número anterior|mesmo número|mesmo preceito)))"
)
LETTERS = re.compile(r"([a-z])\)(?:\s+a\s+([a-z])\))?")
DELEGATES = re.compile(r"^(?:O|A) (?P<body>[^,]+?) pode delegar\b")
DELEGATED_TO = re.compile(
    r"\bpodem ser delegadas (?:n[oa]s?|em) (?P<body>.+?)(?:, com a faculdade de subdelegação)?\.$"
)
EXERCISES_DELEGATED = re.compile(
    r"\bpel[oa]s (?P<body>[^,]+), (?:os|as) quais exercer\w+ as competências que lhes forem delegadas"
)

# The English bodies, read from the unofficial renderings of the same lead-ins.
EN_BODY = (
    re.compile(r"^The attributions of (?:the )?(?P<body>.+?) are\b"),
    re.compile(r"^(?:In particular, )?[Tt]he (?P<body>.+?)(?:, which [^,]+,)? shall\b"),
    re.compile(r"\b(?:a|an) (?P<body>[^,]+), (?:who|which) is (?:responsible|tasked)\b"),
    re.compile(r"^(?:[Tt]he )?(?P<body>[^,]+?),? which is (?:responsible|tasked)\b"),
    re.compile(r"^(?P<body>[A-Z][^,]+?) are responsible\b"),
    re.compile(r"^(?:[Tt]he )?(?P<body>[^,]+?), with the (?:powers?|responsibilit)"),
)
EN_DELEGATION = (
    re.compile(r"^[Tt]he (?P<body>.+?) may delegate\b"),
    re.compile(r"\bmay be delegated to (?:the )?(?P<body>.+?)(?:, with the power|\.$)"),
    re.compile(r"\bby the (?P<body>[^,]+), who shall exercise the powers delegated"),
)


@dataclass(frozen=True)
class Competence:
    body: str  # as printed in the decree, e.g. "director regional"
    body_en: str | None  # from the unofficial rendering, e.g. "regional director"
    unit_id: str  # the unit that states the power
    source_id: str  # the unit that names the body (a lead-in, or the núcleo's alínea)
    text: str  # Portuguese text of ``unit_id``
    rendering: str | None  # unofficial English rendering of ``unit_id``
    kind: str = "power"  # "attribution": one of the service's own (Article 2), not a power of one of its bodies


def extract_competences(corpus: Corpus) -> list[Competence]:
    document = corpus.documents[DECREE_ID]
    rows: list[Competence] = []
    for unit in document.units.values():
        if unit.kind not in ("article", "paragraph", "item") or not unit.own_text:
            continue
        rows.extend(_from_unit(corpus, unit))
    return rows


def _from_unit(corpus: Corpus, unit: Unit) -> list[Competence]:
    text = unit.own_text.strip()
    attributions = ATTRIBUTIONS.match(text)
    if attributions:
        items = [i for p in unit.children for i in corpus.unit(p).children if corpus.unit(i).kind == "item"]
        return [_row(corpus, attributions["body"], item, unit.id, kind="attribution") for item in items]
    nucleo = NUCLEO.match(text)
    if nucleo:
        return [_row(corpus, nucleo["body"], target, unit.id) for target in _referenced(corpus, unit, nucleo)]
    found = ADDRESSED.match(text) or SPECIAL.match(text)
    if found is None:
        found = RELATIVE_AFTER_ARTICLE.search(text) or RELATIVE_AT_START.match(text)
    if found is None:
        delegation = DELEGATES.match(text) or DELEGATED_TO.search(text) or EXERCISES_DELEGATED.search(text)
        if delegation:
            return [_row(corpus, delegation["body"].strip(), unit.id, unit.id, EN_DELEGATION)]
        return []
    body = found["body"].strip()
    items = [c for c in unit.children if corpus.unit(c).kind == "item"]
    # A lead-in ending with a colon distributes the body over its alíneas; otherwise the unit states the power.
    if items and text.endswith(":"):
        return [_row(corpus, body, item, unit.id) for item in items]
    return [_row(corpus, body, unit.id, unit.id)]


def _referenced(corpus: Corpus, unit: Unit, match: re.Match[str]) -> list[str]:
    """The alíneas a núcleo's item points to, e.g. 'alíneas a) a c) e f) do número precedente'."""
    paragraph = corpus.unit(unit.parent) if unit.parent else None
    article = paragraph.parent if paragraph and paragraph.kind == "paragraph" else None
    if paragraph is None or article is None or paragraph.number is None:
        return []
    # "do número precedente" and "do mesmo número/preceito" all point, in this decree, to the n.º just before
    # the list of núcleos (the department's own list of powers).
    number = match["n"] or str(int(paragraph.number) - 1)
    letters: list[str] = []
    for first, last in LETTERS.findall(match["letters"]):
        start = ALINEA_LETTERS.index(first)
        end = ALINEA_LETTERS.index(last) if last else start
        letters.extend(ALINEA_LETTERS[start : end + 1])
    ids = [f"{article}/n-{number}/al-{letter}" for letter in letters]
    return [i for i in ids if i in corpus]


def _row(
    corpus: Corpus,
    body: str,
    unit_id: str,
    source_id: str,
    en_patterns: tuple[re.Pattern[str], ...] = EN_BODY,
    kind: str = "power",
) -> Competence:
    return Competence(
        kind=kind,
        body=body,
        body_en=_english_body(corpus, source_id, en_patterns),
        unit_id=unit_id,
        source_id=source_id,
        text=corpus.unit(unit_id).text,
        rendering=corpus.rendering(unit_id, "en"),
    )


def _english_body(corpus: Corpus, source_id: str, patterns: tuple[re.Pattern[str], ...]) -> str | None:
    entry = corpus.renderings.get("en", {}).get(source_id)
    if entry is None or not entry.text:
        return None
    for pattern in patterns:
        found = pattern.search(entry.text)
        if found:
            return found["body"].strip()
    return None


class CompetenceTable:
    """The rows of the served corpus, extracted once per corpus: a reindex swaps the corpus object, and with it
    this table. Shared by the staff view (search) and the chat (the body a cited unit names)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[Corpus, list[Competence], dict[str, list[Competence]]] | None = None

    def rows(self, corpus: Corpus) -> list[Competence]:
        return self._get(corpus)[1]

    def of_unit(self, corpus: Corpus, unit_id: str) -> list[Competence]:
        """The rows of the powers ``unit_id`` states (usually one body; a núcleo's alínea adds its núcleo)."""
        return self._get(corpus)[2].get(unit_id, [])

    def _get(self, corpus: Corpus) -> tuple[Corpus, list[Competence], dict[str, list[Competence]]]:
        with self._lock:
            if self._cached is None or self._cached[0] is not corpus:
                rows = extract_competences(corpus)
                by_unit: dict[str, list[Competence]] = {}
                for row in rows:
                    by_unit.setdefault(row.unit_id, []).append(row)
                self._cached = (corpus, rows, by_unit)
            return self._cached
