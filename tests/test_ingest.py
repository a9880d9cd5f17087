"""Idempotent ingestion into a real Chroma directory (fake embedder: the store is under test)."""

from __future__ import annotations

import shutil

import pytest

from app.storage.embedded import EmbeddedLibrary
from app.storage.library import ModelMismatch
from ingest.pipeline import Ingestor, corpus_files
from tests.conftest import CORPUS
from tests.fakes import HashEmbedder


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts):
        self.calls += len(texts)
        return super().embed(texts)


@pytest.fixture
def corpus_copy(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def make_ingestor(tmp_path, themes, catalogue, embedder, corpus=None):
    library = EmbeddedLibrary(tmp_path / "index", embedder.name)
    return Ingestor(library, lambda: embedder, themes, catalogue, corpus or tmp_path / "corpus")


def all_items(library):
    return [i for m in library.documents() for i in library.items_of(m.id)]


def test_rerun_unchanged_embeds_nothing_and_changes_nothing(
    tmp_path, themes, catalogue, corpus_copy
):
    embedder = CountingEmbedder()
    ingestor = make_ingestor(tmp_path, themes, catalogue, embedder)
    first = ingestor.run(corpus_files(corpus_copy), sync=True)
    assert first.documents == 5 and first.embedded > 300
    assert embedder.calls == first.embedded + first.words  # items, then the library's words
    before = all_items(ingestor.library)
    again = ingestor.run(corpus_files(corpus_copy), sync=True)
    assert again.unchanged == 5 and again.embedded == 0
    assert embedder.calls == first.embedded + first.words
    assert all_items(ingestor.library) == before


def test_changed_document_replaces_its_items_and_removed_one_disappears(
    tmp_path, themes, catalogue, corpus_copy
):
    ingestor = make_ingestor(tmp_path, themes, catalogue, HashEmbedder())
    ingestor.run(corpus_files(corpus_copy), sync=True)
    ak = next(corpus_copy.glob("000_*"))
    ak.write_text(ak.read_text().replace("Are quieter or non-verbal", "Are younger or non-verbal"))
    (next(corpus_copy.glob("004_*"))).unlink()
    summary = ingestor.run(corpus_files(corpus_copy), sync=True)
    assert summary.removed == 1 and summary.unchanged == 3
    items = all_items(ingestor.library)
    texts = [i.text for i in items if i.doc_id == "child-ak-learning-briefing"]
    assert any(t.startswith("Are younger or non-verbal") for t in texts)
    assert not any(t.startswith("Are quieter or non-verbal") for t in texts)
    assert "neglect-learning-from-reviews" not in {i.doc_id for i in items}
    reopened = EmbeddedLibrary(tmp_path / "index", HashEmbedder.name)  # on disk, not in memory
    assert {i.id for i in all_items(reopened)} == {i.id for i in items}
    assert reopened.check(repair=False).ok


def test_index_refuses_another_model(tmp_path):
    EmbeddedLibrary(tmp_path / "index", "model-a").close()
    with pytest.raises(ModelMismatch):
        EmbeddedLibrary(tmp_path / "index", "model-b")


def test_unreadable_files_are_reported_and_the_rest_ingest(
    tmp_path, themes, catalogue, corpus_copy
):
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (corpus_copy / "empty.md").write_bytes(b"  \n")
    ingestor = make_ingestor(tmp_path, themes, catalogue, HashEmbedder())
    summary = ingestor.run(corpus_files(corpus_copy), sync=True)
    assert summary.documents == 5
    assert set(summary.errors) == {"broken.pdf", "empty.md"}
