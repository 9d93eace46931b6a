"""The assistant's own words when the corpus does not answer: what it covers, and where to go."""

from __future__ import annotations

from assistant.answering.models import Citation
from assistant.corpus.model import DOCUMENT_NAMES

# Said when no unit of the AIMA explainer can be quoted for where to go (see pointers.py): what the documents are.
SCOPE = {
    "en": (
        "I answer only from Decree-Law 252/2000 (the organic law of SEF, the former Immigration and Borders "
        "Service, now revoked), SEF's page on its international relations and an explainer on AIMA, the agency "
        "for integration, migration and asylum."
    ),
    "pt": (
        "Só respondo com base no Decreto-Lei n.º 252/2000 (a lei orgânica do SEF, o antigo Serviço de Estrangeiros "
        "e Fronteiras, hoje revogada), na página do SEF sobre relações internacionais e numa página explicativa "
        "sobre a AIMA, a agência para a integração, as migrações e o asilo."
    ),
}

NOT_FOUND = {
    "en": "I could not find an answer to this question in the documents I cover.",
    "pt": "Não encontrei resposta a esta pergunta nos documentos que conheço.",
}

NOT_STATED = {
    "en": "The documents I cover mention this subject but do not state what you ask: they give no amounts, "
    "deadlines, dates, contacts, online services, today's office holders or the state of anyone's file.",
    "pt": "Os documentos que conheço referem este assunto, mas não indicam o que pergunta: não dão valores, "
    "prazos, datas, contactos, serviços online, quem ocupa hoje um cargo nem o estado de um processo.",
}

# The units nearest the question (pointers.py), named so that the answer's text says what the documents hold.
RELATED = {
    "en": "Related, but not an answer: {units}.",
    "pt": "Relacionado, mas sem lhe responder: {units}.",
}

# Where to go, with the explainer's unit that says it (quoted as the refusal's pointer).
POINTER = {
    "en": "For immigration and asylum matters today, go to AIMA (Agency for Integration, Migration and Asylum), "
    "which the AIMA explainer ({label}) calls the central authority for integration, migration and asylum in "
    "Portugal.",
    "pt": "Para questões atuais de imigração e asilo, dirija-se à AIMA (Agência para a Integração, Migrações e "
    "Asilo), que a página explicativa sobre a AIMA ({label}) descreve como a autoridade central da integração, "
    "das migrações e do asilo em Portugal.",
}


INJECTION = {
    "en": "I can't follow instructions that change how I work, and I don't reveal my configuration. "
    "I can answer questions about the documents I cover.",
    "pt": "Não sigo instruções que alterem o meu funcionamento e não revelo a minha configuração. "
    "Posso responder a perguntas sobre os documentos que conheço.",
}


def missing_reference(text: str, language: str, page: str | None = None, paragraphs: int = 0) -> str:
    """Why a reference names nothing: the decree's extent, or the page's (``page``: its document id)."""
    if page is not None:
        name = DOCUMENT_NAMES[page][language]
        if language == "pt":
            return f"A referência «{text}» não corresponde a nenhum parágrafo {name}, que tem {paragraphs} parágrafos."
        return f"“{text}” does not name any paragraph of {name}, which has {paragraphs} paragraphs."
    if language == "pt":
        return (
            f"A referência «{text}» não corresponde a nenhuma disposição do Decreto-Lei n.º 252/2000, que tem "
            "76 artigos (do artigo 1.º ao 76.º), um preâmbulo e os anexos I e II."
        )
    return (
        f"“{text}” does not name any provision of Decree-Law 252/2000, which has 76 articles "
        "(Articles 1 to 76), a preamble and Annexes I and II."
    )


def other_law(text: str, language: str) -> str:
    """A reference to another law's article ("Article 2 of Law 23/2007"): no document holds its text."""
    if language == "pt":
        return f"Não tenho o texto desse diploma: «{text}» não está nos documentos que conheço."
    return f"I do not have that law's text: “{text}” is not in the documents I cover."


def missing_part(text: str, language: str, parent: str, kind: str | None, first: str = "", last: str = "") -> str:
    """'Article 13(2) has items (a) to (l)': what the unit above the missing one does have.
    ``parent`` is that unit's label; ``kind`` the parts' kind ('item', 'paragraph', 'preamble-paragraph'), or
    None when it is not divided."""
    if language == "pt":
        where = parent[:1].lower() + parent[1:]
        where = where if where.startswith("o ") else f"o {where}"
        if kind is None:
            return (
                f"A referência «{text}» não corresponde a nenhuma disposição: {where} não se divide em números "
                "nem alíneas."
            )
        parts = {"item": f"as alíneas {first}) a {last})", "paragraph": f"os n.os {first} a {last}"}.get(
            kind, f"os parágrafos {first} a {last}"
        )
        return f"A referência «{text}» não corresponde a nenhuma disposição: {where} tem {parts}."
    if kind is None:
        return f"“{text}” does not name any provision: {parent} is not divided into paragraphs or items."
    parts = f"items ({first}) to ({last})" if kind == "item" else f"paragraphs {first} to {last}"
    return f"“{text}” does not name any provision: {parent} has {parts}."


ANNEX = {
    "en": "The source text of Decree-Law 252/2000 gives only the heading of {annex}; its table is not in it, "
    "so I cannot say what it lists.",
    "pt": "O texto-fonte do Decreto-Lei n.º 252/2000 só contém o título do {annex}; o respetivo quadro não "
    "consta dele, pelo que não posso dizer o que enumera.",
}


# A message that is courtesy only ("obrigada pela ajuda", "hello"): no question, so no search and no refusal.
COURTESY = {
    "thanks": {"en": "You're welcome.", "pt": "De nada."},
    "bye": {"en": "Goodbye.", "pt": "Até à próxima."},
    "greeting": {"en": "Hello.", "pt": "Olá."},
    "ack": {"en": "Glad to help.", "pt": "Ainda bem."},
}
INVITATION = {
    "en": "Ask me about Decree-Law 252/2000 (SEF's organic law, now revoked), SEF's page on its international "
    "relations or the explainer on AIMA, for example: “Who granted residence permits?”",
    "pt": "Pode perguntar-me sobre o Decreto-Lei n.º 252/2000 (a lei orgânica do SEF, hoje revogada), a página "
    "do SEF sobre relações internacionais ou a página explicativa sobre a AIMA, por exemplo: «Quem concedia "
    "as autorizações de residência?»",
}


NO_ANCHOR = {
    "en": "Which article do you mean? Your question names a paragraph or item without its article, and there "
    "is no earlier answer to take it from: write it out, for example “Article 13(2)(i)”.",
    "pt": "De que artigo? A pergunta indica um número ou alínea sem o artigo, e não há resposta anterior a que se "
    "refira: escreva-a por extenso, por exemplo «artigo 13.º, n.º 2, alínea i)».",
}


def named_units(citations: list[Citation], language: str) -> str:
    """'Article 17(1)(f) and Article 47(1)(m) of Decree-Law 252/2000': labels grouped by document, in order."""
    by_document: dict[str, list[str]] = {}
    for citation in citations:
        by_document.setdefault(citation.document, []).append(citation.label)
    parts = []
    for document, labels in by_document.items():
        if language == "pt":
            labels = [lab[:1].lower() + lab[1:] for lab in labels]
            parts.append(f"{_joined(labels, ' e ')} {DOCUMENT_NAMES[document]['pt']}")
        else:
            parts.append(f"{_joined(labels, ' and ')} of {DOCUMENT_NAMES[document]['en']}")
    return "; ".join(parts)


def _joined(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def way_forward(language: str, related: list[Citation], pointer: Citation | None) -> str:
    """After a refusal: what the documents hold near the question, then where to go (or, with nowhere to
    quote, what the documents are)."""
    said = [RELATED[language].format(units=named_units(related, language))] if related else []
    said.append(POINTER[language].format(label=pointer.label) if pointer else SCOPE[language])
    return " ".join(said)


def abstention(
    kind: str,
    language: str,
    detail: str | None = None,
    related: list[Citation] | None = None,
    pointer: Citation | None = None,
) -> str:
    tail = way_forward(language, related or [], pointer)
    if kind == "no_anchor":
        return NO_ANCHOR[language]
    if kind == "courtesy" and detail in COURTESY:
        return f"{COURTESY[detail][language]} {INVITATION[language]}"
    if kind == "injection":
        return f"{INJECTION[language]} {tail}"
    if kind == "missing_reference" and detail:
        return f"{detail} {tail}"  # detail: missing_reference()'s words
    if kind == "annex_not_in_source" and detail:
        return f"{ANNEX[language].format(annex=detail)} {tail}"
    if kind == "not_stated":
        return f"{NOT_STATED[language]} {tail}"
    return f"{NOT_FOUND[language]} {tail}"
