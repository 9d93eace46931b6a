"""'Is the decree still in force?', 'Which law revoked it?': answered from the document's metadata
(its header's revocation note, quoted verbatim), not from retrieval."""

from __future__ import annotations

from assistant.answering import policy
from assistant.answering.models import Answer, Citation
from assistant.answering.notices import notices_for
from assistant.corpus import DECREE_ID, Corpus, label


def validity_answer(corpus: Corpus, lang: str, question: str) -> Answer:
    document = corpus.documents[DECREE_ID]
    note = str(document.meta["revocation_note"])
    translation = None
    if lang != document.language:
        # The header's rendering has one line per source line: the note's line is its rendering.
        lines = document.root.own_text.splitlines()
        rendered = corpus.renderings.get(lang, {}).get(document.id) or None
        rendered_lines = rendered.text.splitlines() if rendered else []
        if note in lines and len(rendered_lines) == len(lines):
            translation = rendered_lines[lines.index(note)]
    name = label(document.id, lang)
    citation = Citation(id=document.id, document=document.id, label=name, quote=note, translation=translation)
    # "Is it still in force?" is answered "No"; "Was it revoked?" and "Is it no longer in force?", "Yes".
    yes_no = policy.is_yes_no(question) and not policy.asks_either(question)
    word = ("Sim" if lang == "pt" else "Yes") if policy.asks_if_revoked(question) else ("Não" if lang == "pt" else "No")
    if lang == "pt":
        text = f"o {name} já não está em vigor. O seu cabeçalho diz: «{note}»"
        text = f"{word}: {text}" if yes_no else text[0].upper() + text[1:]
    else:
        text = f"{name} is no longer in force. Its header says: “{translation or note}”"
        text = f"{word}: {text}" if yes_no else text
    return Answer(
        answer=text,
        language=lang,
        abstained=False,
        citations=[citation],
        notices=notices_for(corpus, [document.id], lang),
        search_query=question,
    )
