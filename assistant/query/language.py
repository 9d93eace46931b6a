"""Is a question Portuguese or English? Word evidence only; a short question does not flip."""

from __future__ import annotations

import re

from assistant.corpus.text import normalize

_PT_WORDS = frozenset(
    """o a os as um uma de do da dos das em no na nos nas por pelo pela para com sem que quem qual quais
    quando onde como porque porquê é são está estão foi ser ter tem têm pode posso podem deve meu minha
    seu sua e ou não sim se eu ele ela isso isto este esta esse essa também ainda já mais muito
    autorização residência visto estrangeiros fronteira direcção direção diretor director compete
    artigo alínea decreto lei serviço pedido pedidos renovar renova obter preciso faz fazer diz geral gerais
    adjunto adjuntos polícia funcionários departamento gabinete núcleo posto postos
    preâmbulo parágrafo página anexo artigos alínea alinea alíneas alineas número numero mapa
    coima coimas salvo condutos expulsão expulsao asilo prazo prazos taxa taxas telefone morada horário horario
    nacionalidade naturalização obrigado obrigada olá ola oi bom boa dia tarde noite tudo bem tchau valeu
    adeus entendi percebi útil""".split()
)
_EN_WORDS = frozenset(
    """the a an of to in on at by for with without what who whom which when where why how is are was were
    be been do does did can could should would will my your his her their it this that these those and
    or not yes if i you he she we they also still more very permit residence visa foreigners border
    director article decree law service application renew get need make says about there any
    preamble paragraph explainer page annex item""".split()
)
# "º" too: "art. 47.º, n.º 1, al. m)" has no other Portuguese sign.
_PT_CHARS = re.compile(r"[ãõçáéíóúâêôàº]")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBERING = re.compile(r"(?<=anexo )[ivx]+\b|(?<=annex )[ivx]+\b|\(?\b[a-z]\)")


_EN_OPENING = re.compile(
    r"^(?:what|who|which|where|when|why|how|is|are|was|were|can|could|does|do|did|should|tell me|i)\b"
)
_PT_OPENING = re.compile(r"^(?:quem|qual|quais|onde|quando|porque|como|o que|posso|pode|podem|há|existe)\b")


def detect_language(text: str, default: str = "en") -> str:
    """'pt' or 'en'. Ties (no evidence, or as much for both) go to ``default``."""
    lowered = normalize(text).lower()
    # Letters that number things are no words: "Anexo I", "e a i)?" (English "I" would count).
    lowered = _NUMBERING.sub(" ", lowered)
    words = _WORD.findall(lowered)
    pt = sum(1 for w in words if w in _PT_WORDS) + 1.5 * len(_PT_CHARS.findall(lowered))
    en = sum(1 for w in words if w in _EN_WORDS)
    # The question's frame is its language: "what is a posto misto de fronteira?" is English with a
    # Portuguese term in it (which outnumbers the frame's words).
    opening = " ".join(words[:2])
    if _EN_OPENING.match(opening):
        en += 2
    elif _PT_OPENING.match(opening):
        pt += 2
    if pt > en:
        return "pt"
    if en > pt:
        return "en"
    return default
