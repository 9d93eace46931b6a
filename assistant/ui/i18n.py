"""Every string of the page in both interface languages. Answers follow the question's language, not these."""

from __future__ import annotations

LANGUAGES = ("en", "pt")
CHOICES = [("English", "en"), ("Português", "pt")]

# navigator.language ("pt-PT", "pt-BR", "en-GB", …) → interface language; ?lang=pt|en in the URL wins.
# The page's load event passes (language, stored conversation): the second goes through untouched.
DETECT_JS = """
(current, stored) => {
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (asked === "pt" || asked === "en") return [asked, stored];
  const browser = (navigator.language || "en").toLowerCase();
  return [browser.startsWith("pt") ? "pt" : "en", stored];
}
"""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "## Immigration legal assistant\nFind out who was competent for visas, residence permits, borders, "
        "asylum and expulsions under SEF's organic law (Decree-Law 252/2000), what SEF's international relations "
        "were and what AIMA does. Every answer quotes the text it rests on.",
        "language": "Interface language",
        "tab_chat": "Ask a question",
        "tab_browse": "Browse the decree",
        "tab_who": "Who is competent?",
        "chat": "Conversation",
        "chat_placeholder": "Ask in English or Portuguese: the answer follows your language.",
        "question": "Your question",
        "question_placeholder": "e.g. Who renews residence permits?",
        "send": "Ask",
        "stop": "Stop",
        "new_chat": "New conversation",
        "thinking": "Searching the documents…",
        "stopped": "Stopped: no answer was given to this question.",
        "copy": "Copy",
        "copied": "Copied",
        "follow_ups": "Ask next:",
        "related": "Related, not an answer",
        "where_to_go": "Where to go",
        "sources": "Sources",
        "comment_on": "Comment on the answer to “{question}” (optional)",
        "rated_1": "You found this answer helpful. Thank you: your feedback was saved.",
        "rated_-1": "You found this answer unhelpful. Thank you: your feedback was saved.",
        "your_comment": "Your comment: “{comment}”",
        "next_item": "And ({letter})?",
        "next_paragraph": "And paragraph {number}?",
        "page_paragraph": "What does paragraph {number} of {page} say?",
        "powers_of": "What are the powers of the {body}?",
        "attributions_of": "What are the attributions of {body}?",
        "in_other": "And in Portuguese?",
        "what_says": "What does {label} of {document} say?",
        "examples": "**New here? Try one of these questions:**",
        "loading": "The index is loading… Please try again in a few seconds.",
        "failed": "The assistant is unavailable: {error}",
        "error": "Sorry, something went wrong while answering. Please try again.",
        "comment": "Optional comment about this answer",
        "comment_placeholder": "What was good or wrong? (optional)",
        "send_comment": "Send comment",
        "source": "Source text (Portuguese, authentic)",
        "source_en": "Source text (English)",
        "rendering": "Unofficial English rendering",
        "rendering_pt": "Unofficial Portuguese rendering",
        "no_rendering": "(no rendering available)",
        "open": "Open in the decree ↗",
        "article": "Article",
        "toc": "Table of contents (click a row)",
        "heading": "Title",
        "id": "Id",
        "pick": "Pick an article in the table of contents.",
        "search": "Search bodies and powers",
        "search_placeholder": "e.g. residence permits, director regional, asylum",
        "who_intro": "Powers assigned by Decree-Law 252/2000, read from the decree itself: each row is one "
        "provision, with the body it assigns a power to.",
        "body": "Body",
        "label": "Provision",
        "text_pt": "Portuguese text",
        "text_en": "English (unofficial)",
        "rows": "{count} of {total} provisions",
    },
    "pt": {
        "title": "## Assistente jurídico de imigração\nSaiba quem era competente para vistos, autorizações de "
        "residência, fronteiras, asilo e expulsões segundo a lei orgânica do SEF (Decreto-Lei n.º 252/2000), quais "
        "eram as relações internacionais do SEF e o que faz a AIMA. Cada resposta cita o texto em que se apoia.",
        "language": "Idioma da interface",
        "tab_chat": "Fazer uma pergunta",
        "tab_browse": "Consultar o decreto",
        "tab_who": "Quem é competente?",
        "chat": "Conversa",
        "chat_placeholder": "Pergunte em português ou inglês: a resposta segue a sua língua.",
        "question": "A sua pergunta",
        "question_placeholder": "p. ex. Quem renova as autorizações de residência?",
        "send": "Perguntar",
        "stop": "Parar",
        "new_chat": "Nova conversa",
        "thinking": "A procurar nos documentos…",
        "stopped": "Interrompido: esta pergunta ficou sem resposta.",
        "copy": "Copiar",
        "copied": "Copiado",
        "follow_ups": "Perguntar a seguir:",
        "related": "Relacionado, não é uma resposta",
        "where_to_go": "Onde se dirigir",
        "sources": "Fontes",
        "comment_on": "Comentário sobre a resposta a «{question}» (opcional)",
        "rated_1": "Achou esta resposta útil. Obrigado: a sua avaliação foi guardada.",
        "rated_-1": "Achou esta resposta pouco útil. Obrigado: a sua avaliação foi guardada.",
        "your_comment": "O seu comentário: «{comment}»",
        "next_item": "E a alínea {letter})?",
        "next_paragraph": "E o n.º {number}?",
        "page_paragraph": "O que diz o §{number} {page}?",
        "powers_of": "Quais são as competências {of_body}?",
        "attributions_of": "Quais são as atribuições {of_body}?",
        "in_other": "E em inglês?",
        "what_says": "O que diz o {label} {document}?",
        "examples": "**Primeira visita? Experimente uma destas perguntas:**",
        "loading": "O índice está a carregar… Tente de novo dentro de alguns segundos.",
        "failed": "O assistente não está disponível: {error}",
        "error": "Lamentamos, ocorreu um erro ao responder. Tente de novo.",
        "comment": "Comentário opcional sobre esta resposta",
        "comment_placeholder": "O que estava bem ou mal? (opcional)",
        "send_comment": "Enviar comentário",
        "source": "Texto original (português, autêntico)",
        "source_en": "Texto original (inglês)",
        "rendering": "Tradução inglesa não oficial",
        "rendering_pt": "Tradução portuguesa não oficial",
        "no_rendering": "(sem tradução disponível)",
        "open": "Abrir no decreto ↗",
        "article": "Artigo",
        "toc": "Índice (clique numa linha)",
        "heading": "Epígrafe",
        "id": "Id",
        "pick": "Escolha um artigo no índice.",
        "search": "Pesquisar órgãos e competências",
        "search_placeholder": "p. ex. autorizações de residência, director regional, asilo",
        "who_intro": "Competências atribuídas pelo Decreto-Lei n.º 252/2000, lidas do próprio decreto: cada linha é "
        "uma disposição, com o órgão a que atribui a competência.",
        "body": "Órgão",
        "label": "Disposição",
        "text_pt": "Texto em português",
        "text_en": "Inglês (não oficial)",
        "rows": "{count} de {total} disposições",
    },
}

# Questions the corpus answers well, for a first-time visitor.
EXAMPLES = {
    "en": [
        "Who renews residence permits?",
        "Who handles asylum applications?",
        "Is Decree-Law 252/2000 still in force?",
        "What is AIMA?",
    ],
    "pt": [
        "Quem concede e renova autorizações de residência?",
        "Quem trata dos pedidos de asilo?",
        "O Decreto-Lei n.º 252/2000 ainda está em vigor?",
        "O que é a AIMA?",
    ],
}


def lang_of(value: str | None) -> str:
    return value if value in LANGUAGES else "en"


def t(lang: str | None, key: str, **values: object) -> str:
    text = TEXT[lang_of(lang)][key]
    return text.format(**values) if values else text
