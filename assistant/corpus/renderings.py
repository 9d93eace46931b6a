"""Unofficial renderings: English for the Portuguese sources, Portuguese for the English page.

They live in ``corpus/renderings/<language>/*.yaml``, keyed by unit id (or by a
heading id such as ``dl-252-2000/cap-ii/sec-iv``). A value is the rendering of
the unit's own text, or, for articles, annexes and documents, a mapping with
``heading`` and ``text``. Several files per language so that parts of the
corpus can be rendered and reviewed separately.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.text import load_yaml
from assistant.errors import CorpusError


@dataclass(frozen=True)
class Rendering:
    text: str  # rendering of the unit's own text ("" where the unit has none)
    heading: str | None = None


def load_renderings(directory: Path) -> dict[str, dict[str, Rendering]]:
    """All renderings under ``directory``, as ``{language: {id: Rendering}}``."""
    result: dict[str, dict[str, Rendering]] = {}
    if not directory.is_dir():
        return result
    for lang_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
        table: dict[str, Rendering] = {}
        for path in sorted(lang_dir.glob("*.yaml")):
            for key, value in _read(path).items():
                if key in table:
                    raise CorpusError(f"{path}: rendering for {key} is given twice")
                table[key] = _entry(path, key, value)
        result[lang_dir.name] = table
    return result


def _read(path: Path) -> dict[str, object]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a mapping of unit id to rendering")
    return {str(k): v for k, v in data.items()}


def _entry(path: Path, key: str, value: object) -> Rendering:
    if isinstance(value, str):
        return Rendering(text=value.strip())
    if isinstance(value, dict) and set(value) <= {"heading", "text"}:
        heading = value.get("heading")
        return Rendering(
            text=str(value.get("text") or "").strip(),
            heading=str(heading).strip() if heading else None,
        )
    raise CorpusError(f"{path}: rendering for {key} must be a string or {{heading, text}}")
