"""The plain LangChain baseline: 1000/200 character chunks, the same model, Chroma, k=5."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.core.embeddings import Embedder


class _LangChainEmbeddings:
    """Our embedder behind LangChain's Embeddings interface (so both use the same model)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [
            v.tolist()
            for start in range(0, len(texts), 16)
            for v in self._embedder.embed(texts[start : start + 16])
        ]

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0].tolist()


class Baseline:
    def __init__(self, corpus_files: list[Path], embedder: Embedder) -> None:
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        texts, metas = [], []
        for f in corpus_files:
            for chunk in splitter.split_text(f.read_text(encoding="utf-8")):
                texts.append(chunk)
                metas.append({"source": f.name})
        self._tmp = tempfile.TemporaryDirectory()
        self.store = Chroma(
            collection_name="baseline",
            embedding_function=_LangChainEmbeddings(embedder),  # type: ignore[arg-type]
            persist_directory=self._tmp.name,
            client_settings=ChromaSettings(
                anonymized_telemetry=False, is_persistent=True, persist_directory=self._tmp.name
            ),
        )
        self.store.add_texts(texts, metadatas=metas)
        self.chunks = len(texts)

    def search(self, question: str, k: int = 5) -> list[str]:
        return [d.page_content for d in self.store.similarity_search(question, k=k)]
