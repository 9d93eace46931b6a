"""What the LLM is sent: prompt templates and the evidence blocks they frame.

Templates live in ``<prompts_dir>/<task>.<language>.txt``.

A template is a system message, a line ``=== user ===``, then the user message,
with ``{placeholders}`` (literal braces doubled, as in ``str.format``). Loading
checks that a template uses exactly its task's variables, so that a template
that lost ``{evidence}`` or gained ``{context}`` stops the answerer at start-up,
not on the first question.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate

from assistant.corpus import Corpus, full_label
from assistant.errors import AnswererError
from assistant.retrieval import Hit

SEPARATOR = "=== user ==="
VARIABLES = {
    "answer": frozenset({"evidence", "question"}),
    "rewrite": frozenset({"history", "question"}),
}
LANGUAGES = ("en", "pt")


def template_variables(text: str) -> set[str]:
    """The ``{names}`` a template uses (``{}`` is reported as ``''``); ValueError on a stray brace."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def load_prompt(prompts_dir: Path | str, task: str, language: str) -> ChatPromptTemplate:
    if task not in VARIABLES or language not in LANGUAGES:
        raise AnswererError(f"no prompt for task {task!r} in language {language!r}")
    path = Path(prompts_dir) / f"{task}.{language}.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnswererError(f"prompt template {path} cannot be read: {exc.strerror or exc}") from exc
    system, found_separator, user = raw.partition(f"\n{SEPARATOR}\n")
    if not found_separator or not system.strip() or not user.strip():
        raise AnswererError(f"prompt template {path}: needs a system part, a line {SEPARATOR!r}, then a user part")
    try:
        used = template_variables(system) | template_variables(user)
    except ValueError as exc:
        raise AnswererError(f"prompt template {path}: {exc} (write literal braces as {{{{ and }}}})") from exc
    expected = VARIABLES[task]
    missing, unknown = sorted(expected - used), sorted(used - expected)
    if missing or unknown:
        problems = [f"missing {{{name}}}" for name in missing] + [f"unknown {{{name}}}" for name in unknown]
        wanted = ", ".join(f"{{{name}}}" for name in sorted(expected))
        raise AnswererError(f"prompt template {path}: {'; '.join(problems)} (expected exactly {wanted})")
    return ChatPromptTemplate.from_messages([("system", system.strip()), ("human", user.strip())])


def load_prompts(prompts_dir: Path | str) -> dict[tuple[str, str], ChatPromptTemplate]:
    """Every task in every language, keyed ``(task, language)``."""
    return {(task, lang): load_prompt(prompts_dir, task, lang) for task in VARIABLES for lang in LANGUAGES}


# What the model is shown of each unit, in the prompt's language.
MAX_EVIDENCE = 6
MAX_TEXT_CHARS = 1500  # a whole article can be long; the verifier still scores against all of it
_FIELDS = {
    "en": {"source": "Source", "context": "Context", "pt": "Portuguese", "en": "English"},
    "pt": {"source": "Fonte", "context": "Contexto", "pt": "português", "en": "inglês"},
}
_ROLE = {
    "en": {"original": "{lang} text (authentic)", "rendering": "{lang} rendering (unofficial)"},
    "pt": {"original": "Texto em {lang} (autêntico)", "rendering": "Versão em {lang} (não oficial)"},
}


def evidence_ids(corpus: Corpus, unit_ids: Sequence[str], hits: Sequence[Hit], limit: int = MAX_EVIDENCE) -> list[str]:
    """The selected units, then the best further hits, none inside another: the model sees each text once."""
    chosen: list[str] = []
    for unit_id in [*unit_ids, *(h.unit_id for h in hits)]:
        if len(chosen) >= limit:
            break
        if unit_id in corpus and not any(_related(unit_id, c) for c in chosen):
            chosen.append(unit_id)
    return chosen


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT_CHARS else text[:MAX_TEXT_CHARS].rsplit(" ", 1)[0] + " …"


def format_evidence(corpus: Corpus, ids: Sequence[str], language: str) -> str:
    """Numbered blocks: id, label and heading, the lead-in it hangs from, the source text and its rendering."""
    fields, roles = _FIELDS[language], _ROLE[language]
    blocks = []
    for number, unit_id in enumerate(ids, 1):
        unit = corpus.unit(unit_id)
        source = corpus.documents[unit.document].language
        other = corpus.translation_language(unit)
        title = full_label(unit_id, language)
        if unit.article:
            heading = corpus.unit(unit.article).heading if language == "pt" else None
            heading = heading or corpus.rendered_heading(unit.article, language) or corpus.unit(unit.article).heading
            title += f" — {heading}" if heading else ""
        lines = [f"[{number}] id: {unit_id}", f"{fields['source']}: {title}"]
        lead_in = [a for a in _ancestors(corpus, unit_id) if corpus.unit(a).own_text]
        if lead_in:
            context = " / ".join(corpus.unit(a).own_text for a in lead_in)
            lines.append(f"{fields['context']} ({fields[source]}): {_clip(context)}")
        lines.append(f"{roles['original'].format(lang=fields[source])}: {_clip(unit.text)}")
        rendering = corpus.rendering(unit_id, other)
        if rendering:
            lines.append(f"{roles['rendering'].format(lang=fields[other])}: {_clip(rendering)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _ancestors(corpus: Corpus, unit_id: str) -> list[str]:
    """Enclosing units below the document, outermost first (an alínea's n.º and article)."""
    out: list[str] = []
    parent = corpus.unit(unit_id).parent
    while parent and corpus.unit(parent).kind != "document":
        out.insert(0, parent)
        parent = corpus.unit(parent).parent
    return out
