"""Courtesy around a question ("Hello, can you tell me who grants visas, please?") is not what it asks.

Relevance is calibrated on the share of the question's words that the corpus knows and that the
best unit contains; greetings and "could you tell me" lower both, so a polite question used to be
refused where the bare one was answered. The words matched are the question's without them; what
the user wrote is kept everywhere else.
"""

from __future__ import annotations

import re

_LEADING = re.compile(
    r"^(?:"
    r"(?:(?:hello|hi|hey)(?: there)?|good (?:morning|afternoon|evening)|dear (?:sir or madam|sir|madam|sirs)"
    r"|ok(?:ay)?|certo|entendi|percebi|got it|great|perfect"
    r"|excuse me|olá|ola|oi|bom dia|boa tarde|boa noite|caro senhor|cara senhora|com licença)[,.!:]*\s+"
    # Thanks and apologies only with their punctuation: "Obrigado a quê?", "Thanks to whom…?" ask something.
    r"|(?:sorry|thanks|thank you(?: very much| so much)?(?: for (?:your|the) help)?|desculpe"
    r"|(?:muito )?obrigad[oa](?: pela ajuda)?)[,.!:]+\s+"
    r"|(?:please|kindly|por favor)[,]?\s+"
    r"|(?:can|could|would|will) you (?:please |kindly )?(?:tell|explain to|say to|help) me(?: with this)?[,:]?\s+"
    r"|(?:please )?(?:tell|explain to) me[,:]?\s+"
    r"|i(?:'d| would) like to know[,:]?\s+|i (?:want|wanted|need) to know[,:]?\s+|i was wondering[,:]?\s+"
    r"|do you know[,:]?\s+|quick question[,:]?\s+|i have a question[,:]?\s+"
    r"|(?:pode|podes|poderia|podia)(?:-me)? (?:dizer|explicar)(?:-me)?[,:]?\s+|(?:diz|diga|explique|explica)-me[,:]?\s+"
    r"|(?:gostaria|queria|quero|preciso) de saber[,:]?\s+|(?:queria|quero) saber[,:]?\s+"
    r"|(?:sabe|sabes)(?: dizer-me)?[,:]?\s+|tenho uma (?:dúvida|pergunta)[,:]?\s+|uma pergunta[,:]?\s+"
    # The frame "what does the decree say about …": every question is about the documents, and the words
    # "decree", "say" are in no unit that answers, so they too lowered relevance ("…about uniforms?").
    r"|(?:what|which) (?:does|do|did) (?:the |this )?(?:decree|decree-law|law|organic law|document|text)s? "
    r"(?:say|says|state|provide|lay down|establish|tell us) (?:about|on|regarding|concerning|as to)\s+"
    r"|o que (?:é que )?(?:diz|dizem|estabelece|prevê) (?:o |a |este |esta )?(?:decreto|decreto-lei|lei|lei orgânica"
    r"|diploma|documento|texto) (?:sobre|acerca d[eoa]s?|quanto a|relativamente a|a respeito d[eoa]s?)\s+"
    r")+",
    re.IGNORECASE,
)
# At the end, after a comma or a sentence end ("…, please?", "… ? Thanks!"): "Quem está obrigado?" asks who
# is bound, and "obrigado" there is no thanks.
_TRAILING = re.compile(
    r"(?:(?:,\s*|(?<=[.!?])\s*|\s+(?=please|por favor))(?:please|por favor|thanks|thank you(?: very much| so much)?"
    r"|obrigad[oa]|muito obrigad[oa]|thx)[.!]*)+(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)
_HAS_WORD = re.compile(r"\w")


def strip_courtesy(question: str) -> str:
    """The question without greetings and courtesy formulas around it; unchanged if nothing else is left."""
    stripped = _TRAILING.sub("", _LEADING.sub("", question.strip())).strip()
    if stripped == question.strip() or not _HAS_WORD.search(stripped):
        return question
    # Capitalised again as a question starts: the embedder is case-sensitive.
    return stripped[:1].upper() + stripped[1:]


_THANKS = (
    r"(?:thanks|thank you|thx|ty|cheers|many thanks|(?:muito )?obrigad[oa]|obg|valeu|agradeço)"
    r"(?: (?:very much|so much|a lot|again|for (?:your|the|all the) help|pela ajuda|por tudo|mesmo))*"
)
_GREETING = (
    r"(?:hello|hi|hey|good (?:morning|afternoon|evening)|how are you|olá|ola|oi|bom dia|boa tarde|boa noite"
    r"|tudo bem|como está|como vai)(?: there| gente| a todos)?"
)
_BYE = r"(?:bye|goodbye|see you|adeus|tchau|até logo|até à próxima)"
# An answer taken in: "ok", "entendi", "that was very helpful", "foi muito útil".
_ACK = (
    r"(?:ok(?:ay)?|great|perfect|got it|i see|understood|certo|ótimo|perfeito|pronto|entendi|percebi|entendido"
    r"|(?:that|this|it) (?:was|is) (?:very |really |so )?(?:helpful|useful|clear)|very helpful"
    r"|(?:foi|é) (?:muito )?(?:útil|claro)|muito útil|valeu)"
)
_ONLY_COURTESY = re.compile(
    rf"^(?:(?:{_THANKS}|{_GREETING}|{_BYE}|{_ACK})(?:[,.!?\s]+(?:and |e )?|$))+$",
    re.IGNORECASE,
)


def only_courtesy(message: str) -> str | None:
    """'thanks', 'greeting', 'bye' or 'ack' ("ok", "entendi") when the message is courtesy and nothing
    else ("obrigada pela ajuda", "oi, tudo bem?"): there is no question to search for."""
    match = _ONLY_COURTESY.match(message.strip())
    if not match:
        return None
    text = message.lower()
    if re.search(rf"\b{_THANKS}", text, re.IGNORECASE):
        return "thanks"
    if re.search(rf"\b{_BYE}", text, re.IGNORECASE):
        return "bye"
    return "greeting" if re.search(rf"\b{_GREETING}", text, re.IGNORECASE) else "ack"
