"""The corpus layer: parsed, citable, bilingual units. Knows nothing of indexes or answers."""

from assistant.corpus.corpus import Corpus, load_corpus
from assistant.corpus.model import DECREE_ID, Document, Heading, Unit, full_label, label, parse_id

__all__ = ["DECREE_ID", "Corpus", "Document", "Heading", "Unit", "full_label", "label", "load_corpus", "parse_id"]
