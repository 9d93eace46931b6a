"""Notices that go with answers. The revocation is read from the decree's metadata, never typed here."""

from __future__ import annotations

from assistant.corpus import Corpus

UNOFFICIAL = {
    "en": "English renderings are unofficial translations; only the Portuguese text is authentic.",
    "pt": "As traduções para português da página em inglês são não oficiais.",
}


# SEF's own page speaks of SEF in the present; SEF no longer does that work. Said once per answer: the
# decree's notice already says it when the decree is cited too.
SEF_PAGE = "sef-relacoes-internacionais"
SEF_GONE = {
    "en": "SEF's page describes SEF's international relations as they were; SEF's immigration and asylum "
    "functions are now carried out by AIMA (Agency for Integration, Migration and Asylum), described in the "
    "AIMA explainer.",
    "pt": "A página do SEF descreve as relações internacionais do SEF tal como eram; as funções do SEF em "
    "matéria de imigração e asilo são hoje exercidas pela AIMA (Agência para a Integração, Migrações e Asilo), "
    "descrita na página explicativa sobre a AIMA.",
}


def validity_notice(corpus: Corpus, document_id: str, language: str) -> str | None:
    """'This decree was revoked by …' for a document whose metadata says it is revoked."""
    meta = corpus.documents[document_id].meta
    if meta.get("status") != "revoked":
        return None
    number = meta.get("short_number", document_id)
    revoked_by = meta["revoked_by"]
    if language == "pt":
        return (
            f"Atenção: o {number} foi revogado pela {revoked_by} e já não está em vigor. "
            "As funções do SEF em matéria de imigração e asilo são hoje exercidas pela AIMA "
            "(Agência para a Integração, Migrações e Asilo), descrita na página explicativa sobre a AIMA."
        )
    return (
        f"Warning: Decree-Law 252/2000 ({number}) was revoked by {revoked_by} "
        "and is no longer in force. SEF's immigration and asylum functions are now carried out by AIMA "
        "(Agency for Integration, Migration and Asylum), described in the AIMA explainer."
    )


def notices_for(corpus: Corpus, documents: list[str], language: str) -> list[str]:
    out: list[str] = []
    for document_id in dict.fromkeys(documents):
        notice = validity_notice(corpus, document_id, language)
        if notice:
            out.append(notice)
    if SEF_PAGE in documents and not out:
        out.append(SEF_GONE[language])
    if any(corpus.documents[d].language != language for d in documents):
        out.append(UNOFFICIAL[language])
    return out


def amendment_notices(corpus: Corpus, unit_ids: list[str], language: str) -> list[str]:
    """'Article 10 contains the amendments of DL n.º 290-A/2001': the source's note under an amended article,
    for each article cited (the text quoted is the amended one)."""
    out = []
    articles = dict.fromkeys(corpus.unit(u).article for u in unit_ids if u in corpus)
    for article in articles:
        if article is None:
            continue
        amended_by = corpus.unit(article).meta.get("amended_by")
        if not isinstance(amended_by, list) or not amended_by:
            continue
        laws = ", ".join(str(law) for law in amended_by)
        number = article.rsplit("-", 1)[1]
        if language == "pt":
            out.append(
                f"O artigo {number}.º contém as alterações de: {laws} (nota da fonte); o texto citado é o alterado."
            )
        else:
            out.append(
                f"Article {number} contains the amendments made by: {laws} (a note in the source); the text "
                "quoted is the amended one."
            )
    return out
