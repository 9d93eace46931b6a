"""The corpus as the rest of the package sees it: documents, units, renderings."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from assistant.corpus.decree import parse_decree
from assistant.corpus.expansions import load_expansions
from assistant.corpus.model import Document, Heading, Unit, parse_id
from assistant.corpus.renderings import Rendering, load_renderings
from assistant.corpus.text import load_yaml
from assistant.corpus.webpage import parse_webpage
from assistant.errors import CorpusError, UnitNotFound

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


@dataclass
class Corpus:
    documents: dict[str, Document]
    renderings: dict[str, dict[str, Rendering]]
    fingerprint: str  # hash of every source, rendering and expansion file: changes when any does
    # Everyday phrasings per unit and language, for retrieval only (corpus/expansions/).
    expansions: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def units(self) -> Iterator[Unit]:
        for document in self.documents.values():
            yield from document.units.values()

    @cached_property
    def _by_id(self) -> dict[str, Unit]:
        # One lookup per call: a search reads a few hundred units, each several times.
        return {unit.id: unit for unit in self.units()}

    def unit(self, unit_id: str) -> Unit:
        found = self._by_id.get(unit_id)
        if found is None:
            reason = "is not a valid unit id" if parse_id(unit_id) is None else "names no unit of the corpus"
            raise UnitNotFound(f"{unit_id[:200]!r} {reason}")
        return found

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {unit.id: position for position, unit in enumerate(self.units())}

    def position(self, unit_id: str) -> int:
        """Where a unit stands in the corpus: documents in their order, each read top to bottom."""
        return self._positions[self.unit(unit_id).id]

    def is_list(self, unit_id: str) -> bool:
        """Whether a unit holds lettered items (a list: "As direcções regionais são: a) …")."""
        return any(self.unit(child).kind == "item" for child in self.unit(unit_id).children)

    def __contains__(self, unit_id: object) -> bool:
        return isinstance(unit_id, str) and unit_id in self._by_id

    def heading(self, heading_id: str) -> Heading:
        return self.documents[heading_id.split("/", 1)[0]].headings[heading_id]

    def translation_language(self, unit: Unit) -> str:
        """The language a unit is rendered into: the other one of PT/EN."""
        return "en" if self.documents[unit.document].language == "pt" else "pt"

    def rendering(self, unit_id: str, language: str) -> str | None:
        """Full unofficial rendering of a unit and its descendants, or None if missing."""
        unit = self.unit(unit_id)
        if self.documents[unit.document].language == language:
            return None
        table = self.renderings.get(language, {})
        return self._compose(unit, table)

    def heading_in(self, unit_id: str, language: str) -> str:
        """A unit's heading in ``language``: its own in its document's language, else its rendering's ("" if none)."""
        unit = self.unit(unit_id)
        if language == self.documents[unit.document].language:
            return unit.heading or ""
        return self.rendered_heading(unit_id, language) or ""

    def rendered_heading(self, key: str, language: str) -> str | None:
        entry = self.renderings.get(language, {}).get(key)
        if entry is None:
            return None
        return entry.heading or entry.text

    def _compose(self, unit: Unit, table: dict[str, Rendering]) -> str | None:
        own = table.get(unit.id)
        if unit.own_text and (own is None or not own.text):
            return None
        parts = [f"{unit.meta.get('marker', '')}{own.text}"] if own and own.text and unit.own_text else []
        for child_id in unit.children:
            child = self._compose(self.unit(child_id), table)
            if child is None:
                return None
            parts.append(child)
        return "\n".join(parts)


def load_corpus(corpus_dir: Path | str | None = None) -> Corpus:
    """Parse every source listed in ``corpus/sources.yaml`` and load the renderings."""
    root = Path(corpus_dir) if corpus_dir else DEFAULT_CORPUS_DIR
    manifest_path = root / "sources.yaml"
    if not manifest_path.is_file():
        raise CorpusError(f"{manifest_path}: corpus manifest not found")
    manifest = load_yaml(manifest_path.read_text(encoding="utf-8")) or {}
    digest = hashlib.sha256()
    documents: dict[str, Document] = {}
    for entry in manifest.get("documents", []):
        path = root / entry["file"]
        raw = _read_source(path)
        digest.update(entry["id"].encode() + b"\0" + raw.encode("utf-8"))
        if entry["parser"] == "decree":
            document = parse_decree(raw, str(path))
        elif entry["parser"] == "webpage":
            document = parse_webpage(raw, entry["id"], entry["language"], entry["title"], str(path))
        else:
            raise CorpusError(f"{manifest_path}: unknown parser {entry['parser']!r} for {entry['id']}")
        document.meta.setdefault("publisher", entry.get("publisher"))
        documents[document.id] = document

    renderings_dir, expansions_dir = root / "renderings", root / "expansions"
    for path in [*sorted(renderings_dir.rglob("*.yaml")), *sorted(expansions_dir.glob("*.yaml"))]:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    renderings = load_renderings(renderings_dir)
    corpus = Corpus(
        documents=documents,
        renderings=renderings,
        fingerprint=digest.hexdigest()[:16],
        expansions=load_expansions(expansions_dir),
    )
    _check_rendering_keys(corpus)
    _check_expansion_keys(corpus)
    return corpus


def _read_source(path: Path) -> str:
    if not path.is_file():
        raise CorpusError(f"{path}: source file not found")
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if not raw.strip():
        raise CorpusError(f"{path}: source file is empty")
    return raw


def _check_rendering_keys(corpus: Corpus) -> None:
    """A rendering for an id that does not exist is a typo that would never be shown."""
    known = {u.id for u in corpus.units()}
    for document in corpus.documents.values():
        known.update(document.headings)
    for language, table in corpus.renderings.items():
        unknown = sorted(set(table) - known)
        if unknown:
            raise CorpusError(f"renderings/{language}: no such unit or heading: {', '.join(unknown[:5])}")


def _check_expansion_keys(corpus: Corpus) -> None:
    unknown = sorted(key for key in corpus.expansions if key not in corpus)
    if unknown:
        raise CorpusError(f"expansions: no such unit: {', '.join(unknown[:5])}")
