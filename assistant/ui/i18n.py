"""Every string of the page in both interface languages. Answers follow the question's language, not these."""

from __future__ import annotations

LANGUAGES = ("en", "pt")
CHOICES = [("English", "en"), ("Português", "pt")]

# navigator.language ("pt-PT", "pt-BR", "en-GB", …) → interface language; ?lang=pt|en in the URL wins.
DETECT_JS = """
(current) => {
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (asked === "pt" || asked === "en") return asked;
  const browser = (navigator.language || "en").toLowerCase();
  return browser.startsWith("pt") ? "pt" : "en";
}
"""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "## Immigration legal assistant\nAsk about SEF's organic law (Decree-Law 252/2000), "
        "SEF's international relations and AIMA. Every answer cites the text it rests on.",
        "language": "Interface language",
        "tab_chat": "Ask a question",
        "tab_browse": "Browse the decree",
        "tab_who": "Who is competent?",
        "chat": "Conversation",
        "chat_placeholder": "Ask in English or Portuguese: the answer follows your language.",
        "question": "Your question",
        "question_placeholder": "e.g. Who renews residence permits?",
        "send": "Ask",
        "examples": "**New here? Try one of these questions:**",
        "loading": "The index is loading… Please try again in a few seconds.",
        "failed": "The assistant is unavailable: {error}",
        "error": "Sorry, something went wrong while answering. Please try again.",
        "comment": "Optional comment about this answer",
        "comment_placeholder": "What was good or wrong? (optional)",
        "send_comment": "Send comment",
        "thanks": "Thank you: your feedback was saved.",
        "thanks_comment": "Thank you: your comment was saved.",
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
        "title": "## Assistente jurídico de imigração\nPergunte sobre a lei orgânica do SEF "
        "(Decreto-Lei n.º 252/2000), as relações internacionais do SEF e a AIMA. "
        "Cada resposta cita o texto em que se apoia.",
        "language": "Idioma da interface",
        "tab_chat": "Fazer uma pergunta",
        "tab_browse": "Consultar o decreto",
        "tab_who": "Quem é competente?",
        "chat": "Conversa",
        "chat_placeholder": "Pergunte em português ou inglês: a resposta segue a sua língua.",
        "question": "A sua pergunta",
        "question_placeholder": "p. ex. Quem renova as autorizações de residência?",
        "send": "Perguntar",
        "examples": "**Primeira visita? Experimente uma destas perguntas:**",
        "loading": "O índice está a carregar… Tente de novo dentro de alguns segundos.",
        "failed": "O assistente não está disponível: {error}",
        "error": "Lamentamos, ocorreu um erro ao responder. Tente de novo.",
        "comment": "Comentário opcional sobre esta resposta",
        "comment_placeholder": "O que estava bem ou mal? (opcional)",
        "send_comment": "Enviar comentário",
        "thanks": "Obrigado: a sua avaliação foi guardada.",
        "thanks_comment": "Obrigado: o seu comentário foi guardado.",
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
