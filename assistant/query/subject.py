"""Questions that name what they ask about, answered by the unit that is about it.

"O que faz a Direcção Central de Fronteiras?" names a body whose powers are an article of their own
(Article 31, headed with its name); searched, it found the item of Article 22 that lists the body
among others, which says nothing of what it does. "O que é o SEF?" asks for a definition, and
Article 1(1) gives it ("…abreviadamente designado por SEF, é um serviço de segurança…"); searched,
it found the list of SEF's organs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.corpus import Corpus
from assistant.corpus.text import fold, normalize
from assistant.corpus.words import tokenize
from assistant.query.references import Reference

_WHAT_IT_DOES = re.compile(
    r"^\s*(?:(?:e|and|afinal|então|mas|so|but|well)\b,?\s+)?"  # "Afinal, o que faz …?"
    r"(?:o que (?:faz|fazia|fazem)|para que serve|quais (?:são|eram) as (?:competências|funções"
    r"|atribuições)|que (?:competências|funções) tem|what (?:does|did|do) (?:the )?(?P<en>.+?) do\b"
    r"|what (?:are|were) the (?:powers|tasks|duties|functions|responsibilities) of)\b",
    re.IGNORECASE,
)
_WHAT_IS = re.compile(
    r"^\s*(?:(?:good morning|hello|hi|olá|bom dia)[!,.]?\s+)?(?:o que (?:é|era)|what(?:'s| is| was)) "
    # "What is AIMA, in a nutshell?", "O que é a AIMA, afinal?": a clause after a comma asks nothing more.
    r"(?:o |a |the )?(?P<term>[\w-]+)\s*(?:,[^?]*)?\??\s*$",
    re.IGNORECASE,
)

# "What are all of SEF's central services?": the question is only a heading asked for as a list.
_WHAT_ARE = re.compile(
    r"^\s*(?:(?:what|which) (?:are|were)|quais (?:são|eram)) (?:all )?(?:of )?(?:tod[oa]s )?(?:the |os |as )?"
    r"(?:sef's |the sef's )?(?P<name>[^?]+?)(?: (?:of|in) (?:the )?sef| do sef)?\s*\??\s*$",
    re.IGNORECASE,
)


def named_lead(corpus: Corpus, question: str) -> str | None:
    """The unit a question names as its subject, or None: an article by its heading for what a body
    does or for the list the heading names, the unit defining a term for what the term is."""
    text = normalize(question)
    if _WHAT_IT_DOES.search(text):
        return _article_by_heading(corpus, text)
    listed = _WHAT_ARE.match(text)
    article = _names(corpus).get(_spelled(listed.group("name"))) if listed else None
    if article:
        return _the_list(corpus, article)
    match = _WHAT_IS.match(text)
    return _definition(corpus, match.group("term")) if match else None


_POWERS_OF = re.compile(r"^(?:competência d[oae]s?|powers of (?:the )?|competence of (?:the )?)", re.IGNORECASE)


_PLURALS = (
    (re.compile(r"oes\b"), "ao"),
    (re.compile(r"ais\b"), "al"),
    (re.compile(r"(?<=[rz])es\b"), ""),
    (re.compile(r"(?<=\w\w)s\b"), ""),
)


def _spelled(text: str) -> str:
    """Folded, old and new spelling alike ("Direcção" and "Direção", "director" and "diretor"), and
    in the singular ("direções regionais" and "uma direção regional" name the same body)."""
    spelled = re.sub(r"c(?=[ct])", "", fold(text))
    for plural, singular in _PLURALS:
        spelled = plural.sub(singular, spelled)
    return spelled


# Built once per corpus (by its fingerprint), not per question.
_NAMES_BY_CORPUS: dict[str, dict[str, str]] = {}


def _names(corpus: Corpus) -> dict[str, str]:
    """Folded name -> the article saying what that body does: an article's heading (without "Competência
    do"), in both languages, and a subsection's title (the body it is about) -> its first article."""
    if corpus.fingerprint not in _NAMES_BY_CORPUS:
        _NAMES_BY_CORPUS[corpus.fingerprint] = _build_names(corpus)
    return _NAMES_BY_CORPUS[corpus.fingerprint]


def _build_names(corpus: Corpus) -> dict[str, str]:
    names: dict[str, str] = {}
    for unit in corpus.units():
        if unit.kind != "article" or not unit.heading:
            continue
        own = [unit.heading, corpus.rendered_heading(unit.id, "en") or ""]
        innermost = unit.headings[-1] if unit.headings else None
        section = [corpus.heading(innermost).title, corpus.rendered_heading(innermost, "en") or ""] if innermost else []
        for name in [*own, *section]:
            key = _spelled(_POWERS_OF.sub("", name)).strip()
            if len(key) > 12:
                names.setdefault(key, unit.id)
    return names


def _the_list(corpus: Corpus, article_id: str) -> str:
    """The article's one paragraph made of items ("As direcções regionais são: a) …"), else the article."""
    lists = [child for child in corpus.unit(article_id).children if corpus.is_list(child)]
    return lists[0] if len(lists) == 1 else article_id


def _article_by_heading(corpus: Corpus, question: str) -> str | None:
    folded = f" {_spelled(question)} "
    named = [(len(name), article) for name, article in _names(corpus).items() if f" {name}" in folded]
    return max(named)[1] if named else None


def _definition(corpus: Corpus, term: str) -> str | None:
    """The first unit whose words say what the term is ("X … é um …", "X … is a …", "X … stands as …")."""
    defines = re.compile(
        rf"\b{re.escape(term)}\b[^.;]{{0,80}}?\b(?:é um|é uma|is an?|was an?|stands as)\b", re.IGNORECASE
    )
    for unit in corpus.units():
        if unit.kind not in ("document", "preamble", "annex") and unit.own_text and defines.search(unit.own_text):
            return unit.id
    return None


# "Direcção Central de Fronteiras (DCF)": the acronyms the decree defines, and the body each names.
_ACRONYM = re.compile(r"([A-ZÁÉÍÓÚÂÊÔ][\w ,ãõçáéíóúâêôà-]{6,80}?) \(([A-Z]{2,6})\)")
_ACRONYMS_BY_CORPUS: dict[str, dict[str, str]] = {}


def _acronyms(corpus: Corpus) -> dict[str, str]:
    """Acronym -> the article saying what its body does ("DCF" -> Article 30)."""
    if corpus.fingerprint not in _ACRONYMS_BY_CORPUS:
        names, found = _names(corpus), dict[str, str]()
        for unit in corpus.units():
            for match in _ACRONYM.finditer(unit.own_text or ""):
                key = _spelled(re.sub(r"^(?:a|o|as|os|à|ao) ", "", match.group(1).strip(), flags=re.I)).strip()
                article = next((a for name, a in names.items() if name.endswith(key) or key.endswith(name)), None)
                if article:
                    found.setdefault(match.group(2), article)
        _ACRONYMS_BY_CORPUS[corpus.fingerprint] = found
    return _ACRONYMS_BY_CORPUS[corpus.fingerprint]


def bodies_named(corpus: Corpus, question: str) -> tuple[str, ...]:
    """The articles of the bodies a question names, by their heading in either spelling and language, or by
    the acronym the decree gives them ("A DCF assegura…" names the Direcção Central de Fronteiras)."""
    folded = f" {_spelled(normalize(question))} "
    found = {article for name, article in _names(corpus).items() if f" {name}" in folded}
    acronyms = _acronyms(corpus)
    found |= {acronyms[a] for a in re.findall(r"\b[A-Z]{2,6}\b", question) if a in acronyms}
    return tuple(sorted(found))


# Words that ask for a named unit as a whole ("What does Article 55 say?", "De que trata o artigo 9.º?") or
# name the law it is in, not something inside it; stemmed as the lexical index stems them.
_WHOLE_UNIT_WORDS = (
    "what do does did say says said tell me explain explains mean means state states provide provides content contents "
    "text full whole entire about read show give quote please can could you deal deals cover covers "
    "mention mentions mentioned refer refers referred apply applies applied practice "
    "who which where when how why "
    "sef organic law decree "
    "o que diz dizem dizer explica explicar significa estabelece estabelecem prevê preveem conteúdo texto inteiro "
    "todo sobre ler lê mostra mostrar dá dar cita citar favor podes pode trata tratam referido referida "
    "referidos referidas menciona mencionado mencionados aplica aplicar aplicado prática "
    "quem qual quais onde quando como porque porquê "
    "lei orgânica decreto"
)
_WHOLE_UNIT = {lang: frozenset(tokenize(_WHOLE_UNIT_WORDS, lang)) for lang in ("pt", "en")}


def words_beyond_reference(question: str, references: Sequence[Reference], language: str) -> frozenset[str]:
    """The question's words once the units it names are out, and the words asking for a unit whole: empty
    for "What does Article 55 say?", "naturalis" for "What does article 2 say about naturalisation?"."""
    rest = normalize(question)
    for reference in references:
        rest = rest.replace(reference.text, " ")
    # Numbers and single letters left over name the law ("Decree-Law 252/2000") or nothing.
    return frozenset(t for t in tokenize(rest, language) if len(t) > 1 and not t.isdigit()) - _WHOLE_UNIT[language]
