"""Everyday phrasings of each unit, PT and EN, indexed beside it (document expansion).

People ask "who renews my residence card?"; the decree says "Ao director regional
compete: ... Conceder e renovar autorizações de residência". Embeddings and BM25
both bridge that gap poorly, so each unit carries a few hand-written phrasings of
what it says, in the words people use. They are retrieval aids only: never quoted,
never shown as the law's text. Files: ``corpus/expansions/*.yaml``, one key per
unit id, ``{pt: [...], en: [...]}``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.corpus.text import load_yaml
from assistant.errors import CorpusError

LANGUAGES = ("pt", "en")


def load_expansions(directory: Path) -> dict[str, dict[str, list[str]]]:
    """``{unit id: {language: [phrasing, ...]}}`` from every YAML file under ``directory``."""
    result: dict[str, dict[str, list[str]]] = {}
    if not directory.is_dir():
        return result
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CorpusError(f"{path}: not valid YAML ({exc})") from exc
        if not isinstance(data, dict):
            raise CorpusError(f"{path}: expected a mapping of unit id to phrasings")
        for key, value in data.items():
            unit_id = str(key)
            entry = _entry(path, unit_id, value)
            if unit_id in result:
                raise CorpusError(f"{path}: phrasings for {unit_id} are given twice")
            result[unit_id] = entry
    return result


def _entry(path: Path, unit_id: str, value: object) -> dict[str, list[str]]:
    if not isinstance(value, dict) or not set(value) <= set(LANGUAGES):
        raise CorpusError(f"{path}: {unit_id}: expected {{pt: [...], en: [...]}}")
    entry: dict[str, list[str]] = {}
    for language, phrasings in value.items():
        if not isinstance(phrasings, list) or not all(isinstance(p, str) and p.strip() for p in phrasings):
            raise CorpusError(f"{path}: {unit_id}.{language}: expected a list of non-empty strings")
        entry[str(language)] = [p.strip() for p in phrasings]
    return entry
