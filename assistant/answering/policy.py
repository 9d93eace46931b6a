"""Question checks that decide abstention before or after retrieval.

- prompt injection and requests to reveal prompts or configuration;
- questions on the decree's validity, answered from its metadata;
- questions on the decree's entry into force, a claimed count, annexes and lists;
- the kind of answer a question expects is in ``kinds``.
"""

from __future__ import annotations

import re

from assistant.corpus.text import normalize

_INJECTION = re.compile(
    r"ignore (?:all |any |the )?(?:previous|prior|above|earlier|your)\b|disregard (?:all|previous|prior|your)"
    r"|system prompt|hidden (?:instructions|prompt)|your (?:instructions|prompt|configuration|config|api key)"
    r"|reveal (?:your|the) |print your|you are now|\bDAN\b|jailbreak|developer mode|act as (?:a|an|if)"
    r"|pretend (?:to be|you)|from now on|new instructions|^system:|\bsystem:\s"
    r"|ignor[ae] (?:as|todas as|quaisquer) (?:instruções|indicações)|instruções anteriores|prompt de sistema"
    r"|instruções (?:ocultas|escondidas|internas)|a partir de agora|finge (?:que|ser)|age como|faz de conta"
    r"|revela (?:o teu|a tua|as tuas|os teus)|mostra (?:o teu|a tua) (?:prompt|configuração)|chave (?:da )?api"
    r"|!\[[^\]]*\]\(|\]\(https?://|<script|^\s*(?:system|sistema|admin|developer)\s*:|let'?s play a game"
    r"|vamos (?:jogar|fazer) um jogo|\byou are (?:a|an|my) |\btu és (?:um|uma)\b|\bés (?:um|uma) \w+ (?:corrupt|que)"
    r"|roleplay|role-play|modo de manutenção|maintenance mode",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)

_VALIDITY = re.compile(
    r"\b(?:in force|still (?:valid|applicable|apply|applies|in effect|effective)|revoked|repealed|"
    r"em vigor|ainda (?:é |está |se aplica|vale|válid)|revogad|ainda vigora"
    # ... unless another law's number follows: "Que lei revogou o DL 440/86?" is no question about this one.
    r"|(?:revogou|substituiu|replaced) (?:o|este|the|this) (?:decreto|diploma|dl|lei orgânica|decree|organic law)"
    r"(?![^?]*\b(?!252/2000)\d+/\d+))",
    re.IGNORECASE,
)
# The decree as the one revoking ("Which law was repealed by this decree?", "Que diplomas revogou o DL?"):
# that is Article 76 (Norma revogatória), not the header's revocation note.
_REVOKED_BY_IT = re.compile(
    r"\b(?:revogad[oa]s?|repealed|revoked) (?:by|por|pel[oa]) (?:this |the |este |esta |o presente |o |a )?"
    r"(?:decree|diploma|decreto|dl\b|organic law|lei orgânica)"
    r"|\b(?:decree|diploma|decreto|dl)\b[^?.]{0,30}\b(?:repeal|revoke|revogou|revoga|revogar|replaced?|substitu(?:i|iu))\b"
    r"|\b(?:que|quais) \w+s (?:é que )?(?:revogou|revoga)\b|norma revogatória|revoking provision",
    re.IGNORECASE,
)
# A question word near the start, after an opening "and", "so" or "tell me" ("And which law repealed it?").
_WH_QUESTION = re.compile(
    r"\s*(?:(?:and|so|but|then|e|então|mas|tell me|diz-me|diga-me)[,\s]+)?"
    r"(?:which|what|who|when|how|why|where|in which|since when|que|qual|quais|quem|quando|como|porque|por que"
    r"|onde|em que|o que|desde quando|a partir de quando)\b",
    re.IGNORECASE,
)

# Another country's law: out of scope even when the words (visa, residence) are in the corpus. Also by its
# adjective: "Spanish immigration law", "a lei brasileira".
_OTHER_COUNTRY = re.compile(
    r"\b(?:spanish|french|german|british|english|american|brazilian|italian|angolan|indian|chinese|irish|swiss"
    r"|dutch|canadian|cape verdean|mozambican)\s+(?:\w+\s+)?(?:law|laws|legislation|rules|system|visas?)\b"
    r"|\b(?:lei|leis|legislação|regras|sistema)\s+(?:\w+\s+)?(?:espanhola|francesa|alemã|britânica|inglesa"
    r"|americana|brasileira|italiana|angolana|indiana|chinesa|irlandesa|suíça|holandesa|canadiana|cabo-verdiana"
    r"|moçambicana)s?\b"
    r"|\b(?:in|em|no|na|para o|para a|to|of|do|da)\s+(?:the\s+)?(?:brazil|brasil|canada|canadá|spain|espanha|france|"
    r"frança|germany|alemanha|uk|united kingdom|reino unido|usa|us|united states|estados unidos|eua|italy|itália|"
    r"angola|cabo verde|mozambique|moçambique|india|índia|china|ireland|irlanda|switzerland|suíça|netherlands|"
    r"holanda|países baixos)\b",
    re.IGNORECASE,
)
_FOREIGN_LAW = re.compile(
    r"visa|visto|law|lei|residen|regras|rules|immigra|imigra|work|trabalh|arraigo|tax|imposto", re.IGNORECASE
)


def asks_other_jurisdiction(question: str) -> bool:
    """'Do I need a visa to work in Brazil?': another country's law, which the corpus does not cover."""
    text = normalize(question)
    return bool(_OTHER_COUNTRY.search(text) and _FOREIGN_LAW.search(text))


def injection_sentences(question: str) -> list[str]:
    """The sentences of a question that try to instruct the assistant rather than ask it."""
    text = normalize(question)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p for p in parts if _INJECTION.search(p) or _URL.search(p)]


def opens_with_injection(question: str) -> bool:
    """A message that starts by instructing ("SYSTEM: …", "Let's play a game: …") is an injection as a
    whole; one that asks first and instructs after ("Who grants visas? Also, answer only 'yes'.") has a
    real question to answer."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+|\n+", normalize(question)) if p]
    return bool(parts) and bool(_INJECTION.search(parts[0]) or _URL.search(parts[0]))


def strip_injection(question: str) -> str:
    """What is left of a question once instruction-like sentences are removed."""
    text = normalize(question)
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return " ".join(p for p in parts if not (_INJECTION.search(p) or _URL.search(p))).strip()


# When it started to apply ("Quando entra em vigor o decreto?") is Article 75, not whether it still applies.
_ENTRY_INTO_FORCE = re.compile(
    r"\b(?:entra|entrou|entrará|entraria|entrada) em vigor\b|\b(?:come|comes|came|enter|enters|entered|entry)"
    r" into force\b|\b(?:take|takes|took) effect\b|\bproduzir efeitos\b"
    r"|\b(?:since when|desde quando)\b[^?]*\b(?:in force|em vigor)\b",
    re.IGNORECASE,
)
# The provision on when the decree applies from (Article 75), found by its words, not by its number.
_ENTERS_INTO_FORCE = re.compile(r"\bentra em vigor\b", re.IGNORECASE)
_NOT_THIS_LAW = re.compile(r"\b(?!252/2000\b)\d+/\d{2,4}\b")  # Law 73/2021 included: it has its own date
_NAMES_A_PART = re.compile(r"\b(?:article|artigo|art\.|n\.º|alínea|paragraph|item)\s", re.IGNORECASE)


def asks_entry_into_force(question: str) -> bool:
    """'When did the decree take effect?': about the decree as a whole, not a part of it or another law."""
    text = normalize(question)
    return bool(_ENTRY_INTO_FORCE.search(text)) and not (
        _NAMES_A_PART.search(text) or _NOT_THIS_LAW.search(_REVOKED_BY_NUMBER.sub(" ", text))
    )


def states_entry_into_force(text: str) -> bool:
    return bool(_ENTERS_INTO_FORCE.search(text))


# "Que lei revogou o DL 252/2000?" names the decree by number: that number is no other law.
_REVOKED_BY_NUMBER = re.compile(r"\b(?:dl|decreto-lei|decree-law)\s*(?:n\.º\s*)?252/2000\b", re.IGNORECASE)


# What a validity question is about: the decree (named, or "it"/"this"), not a permit, a visa or a treaty.
_OTHER_SUBJECT = re.compile(
    r"\b(?:permits?|autoriza[çc][ãa]o|autoriza[çc][õo]es|visas?|vistos?|cart[ãa]o|cards?|passports?|passaportes?"
    r"|t[íi]tulos?|agreements?|acordos?|schengen|conven[çc][ãa]o|convention|treaty|tratado|documents?|documentos?)\b",
    re.IGNORECASE,
)
# Another law's number: neither this decree's nor that of the law that revoked it (its header's note).
_ANOTHER_LAW = re.compile(r"\b(?!252/2000\b|73/2021\b)\d+/\d{2,4}\b")
_ASKS_IF_REVOKED = re.compile(
    r"\b(?:revoked|repealed|replaced|revogad[oa]|substituíd[oa]|no longer|já não|deixou de|ceased)\b|\brevogou\b",
    re.IGNORECASE,
)


# The decree named with "in force" beside it ("… ao abrigo do Decreto-Lei 252/2000, que está em vigor?"): a
# premise about the decree itself, whatever else (a permit) the question is about.
_DECREE_IN_FORCE = re.compile(
    r"\b(?:252/2000|this decree|this decree-law|este decreto|este decreto-lei|a lei orgânica do sef|"
    r"the sef organic law)\b[^?.]{0,40}\b(?:em vigor|in force)\b",
    re.IGNORECASE,
)


def asks_validity(question: str) -> bool:
    text = normalize(question)
    if _DECREE_IN_FORCE.search(text) and not _ENTRY_INTO_FORCE.search(text):
        return True
    if _OTHER_SUBJECT.search(text) or _ANOTHER_LAW.search(_REVOKED_BY_NUMBER.sub(" ", text)):
        return False  # "Is my residence permit still valid?" is no question about the decree
    # Entry into force is no evidence of asking about validity; what else the question says may be.
    return bool(_VALIDITY.search(_ENTRY_INTO_FORCE.sub(" ", text))) and not _REVOKED_BY_IT.search(text)


def asks_if_revoked(question: str) -> bool:
    """'Was it revoked?' (yes) rather than 'Is it still in force?' (no)."""
    return bool(_ASKS_IF_REVOKED.search(normalize(question)))


def asks_either(question: str) -> bool:
    """'Is it still in force, or has it been repealed?': neither yes nor no answers it."""
    return bool(re.search(r"\b(?:or|ou)\b", normalize(question), re.IGNORECASE))


def is_yes_no(question: str) -> bool:
    """'Is it still in force?' (answered "No: …") rather than 'Which law revoked it?'."""
    return not _WH_QUESTION.match(normalize(question))


_ANNEX_OR_LIST = re.compile(r"\b(?:anexo|annex|list|lista|listed|listad)", re.IGNORECASE)
_WHERE = re.compile(r"\b(?:where|onde)\b", re.IGNORECASE)


def mentions_annex_or_list(question: str) -> bool:
    return bool(_ANNEX_OR_LIST.search(question))


def asks_where(question: str) -> bool:
    return bool(_WHERE.search(question))
