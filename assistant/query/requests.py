"""A request for the answer's language inside a question: "Who grants visas, in English please?",
"In English please: quem dirige o SEF?", and, after an answer, "and in Portuguese?"."""

from __future__ import annotations

import re

from assistant.corpus.text import normalize

_LANGUAGE_NAME = r"(?P<language>english|inglês|ingles|portuguese|português|portugues)"
# "And in Portuguese?", "Em inglês, por favor": the previous question again, answered in that language.
_IN_LANGUAGE = re.compile(
    r"^(?:and |what about |how about |now |e |agora |(?:can you |could you |please )?(?:say|answer|repeat|give)"
    r" (?:that|it|this|me that|the answer) |(?:pode|podes) (?:responder|repetir|dizer)(?: isso)? )?"
    r"(?:in|em) " + _LANGUAGE_NAME + r"(?:,? (?:please|por favor))?\s*[?.!]*$",
    re.IGNORECASE,
)


def asks_for_language(question: str) -> str | None:
    """'pt' or 'en' when the question only asks to have the last answer in that language."""
    match = _IN_LANGUAGE.match(normalize(question))
    if not match:
        return None
    return _language_code(match.group("language"))


# "Who grants visas, in English please?", "Quem concede vistos? Responda em inglês.": a question, and the
# language to answer it in. Only after a comma or a sentence end: "Can I write in English?" and "Are
# integration programmes in Portuguese, please?" ask about a language.
_LANGUAGE_SUFFIX = re.compile(
    r"(?:(?P<sep>[,;?.!])\s*(?:(?:please|por favor)[,]?\s+)?(?:(?:answer|respond|reply|write)(?: me| it)?\s+"
    r"|(?:responda|responde|responder|escreva|escreve)(?:-me)?\s+)?(?:in|em)\s+"
    + _LANGUAGE_NAME
    + r"(?:,?\s*(?:please|por favor))?)\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)


# Text-speak with no separator: "who grants visas in english pls", "quem concede vistos responda em ingles".
# Without a comma, "in English" may be part of the question ("Are the courses in Portuguese please?"):
# taken as a request only after a verb asking for an answer, with "pls", or after a wh-question, and
# never after "is", "written", "disponível"…, which make the language the subject.
_LANGUAGE_TAIL = re.compile(
    r"(?<!\bare)(?<!\bis)(?<!\bbe)(?<!\bsão)(?<!\bé)(?<!\bestá)(?<!\bestão)(?<!written)(?<!spoken)(?<!available)"
    r"(?<!escrito)(?<!escritos)(?<!escrita)(?<!escritas)(?<!disponível)"
    r"\s+(?:(?P<verb>answer|respond|reply|responda|responde|responder)(?: me| it|-me)?\s+)?(?:in|em)\s+"
    + _LANGUAGE_NAME
    + r"(?:\s+(?P<please>pls|plz|please|por favor))?\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
_WH_START = re.compile(
    r"^(?:who|what|which|where|when|how|why|whom|quem|que|qual|quais|onde|quando|como|porque|porquê|o que)\b",
    re.IGNORECASE,
)


def _language_code(name: str) -> str:
    return "en" if name.lower() in ("english", "inglês", "ingles") else "pt"


# "In English, please: quem dirige o SEF?", "Em português: who heads SEF?"
_LANGUAGE_PREFIX = re.compile(
    r"^\s*(?:(?:please )?(?:answer |respond |reply )?|(?:responda|responde) )?(?:in|em)\s+"
    + _LANGUAGE_NAME
    + r"(?:,?\s*(?:please|pls|por favor))?\s*[:,\-–]\s*",
    re.IGNORECASE,
)


def split_language_request(question: str) -> tuple[str, str | None]:
    """The question without a request for a language (closing it, or opening it before a colon or
    comma), and that language ('pt' or 'en')."""
    text = normalize(question)
    opening = _LANGUAGE_PREFIX.match(text)
    if opening and re.search(r"\w", text[opening.end() :]):
        rest = text[opening.end() :]
        return rest[:1].upper() + rest[1:], _language_code(opening.group("language"))
    match = _LANGUAGE_SUFFIX.search(text) or _language_tail(text)
    if not match:
        return question, None
    sep = match.groupdict().get("sep") or ""
    rest = text[: match.start()].rstrip() + (sep if sep in "?.!" else "")
    if not re.search(r"\w", rest):
        return question, None
    rest = rest if rest.endswith(("?", ".", "!")) else rest + (match.group("end") or "")
    return rest, _language_code(match.group("language"))


def _language_tail(text: str) -> re.Match[str] | None:
    match = _LANGUAGE_TAIL.search(text)
    if not match or match.group("verb"):
        return match
    please = (match.group("please") or "").lower()
    if please in ("pls", "plz") or (please and _WH_START.match(text)):
        return match
    return None
