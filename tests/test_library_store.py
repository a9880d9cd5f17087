"""The library store's behaviour, run against each backend (real storage, fake vectors)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from app.core.records import DocumentMeta, Item
from app.core.text import tokens
from app.storage.library import StoredDocument
from tests.fakes import HashEmbedder

EMBEDDER = HashEmbedder()


@pytest.fixture(params=["embedded", "postgres"])
def library(request, tmp_path):
    match request.param:
        case "embedded":
            from app.storage.embedded import EmbeddedLibrary

            store = EmbeddedLibrary(tmp_path / "index", EMBEDDER.name)
        case "postgres":
            from app.storage.postgres.library import PostgresLibrary

            store = PostgresLibrary(request.getfixturevalue("database_url"), EMBEDDER.name)
    yield store
    store.close()


def make_document(doc_id: str, texts: list[tuple[str, str]], title: str = "") -> tuple:
    title = title or f"{doc_id.title()} learning briefing (Child {doc_id[:2].upper()})"
    meta = DocumentMeta(doc_id, title, "learning briefing", source=f"{doc_id}.md", sha256=doc_id)
    items = [
        Item(
            id=f"{doc_id}-{n}",
            doc_id=doc_id,
            doc_title=title,
            section="Learning points",
            section_path=("Learning points",),
            label=f"Learning point {n + 1}",
            kind=kind,
            text=text,
            start=0,
            end=len(text),
            order=n,
            themes=("neglect",) if "neglect" in text.lower() else (),
            sentence_ends=(len(text),),
        )
        for n, (kind, text) in enumerate(texts)
    ]
    vectors = EMBEDDER.embed([i.text for i in items])
    return StoredDocument(meta, " ".join(t for _, t in texts)), items, vectors


ALPHA = [
    ("learning_point", "Neglect is cumulative: look at the whole history, not one incident."),
    ("recommendation", "Use a chronology so that patterns of missed appointments are seen."),
    ("reflective_question", "How do we hear the voice of a quieter child?"),
    ("practice_issue", "The Child in Need (CIN) plan did not make sure the baby was seen."),
]
BETA = [
    ("learning_point", "Fathers were not asked about their own learning disability."),
    ("good_practice", "The school nurse visited the family at home promptly."),
]


def write(library, doc_id, texts):
    document, items, vectors = make_document(doc_id, texts)
    library.replace_document(document, items, vectors)
    return items


def test_a_written_document_reads_back_whole(library):
    items = write(library, "alpha", ALPHA)
    write(library, "beta", BETA)
    assert library.size() == (2, 6)
    assert [m.id for m in library.documents()] == ["alpha", "beta"]
    assert [i.text for i in library.items_of("alpha")] == [t for _, t in ALPHA]
    assert library.items([items[2].id, "nope", items[0].id]) == [items[2], items[0]]
    assert [i.kind for i in library.items_of("alpha", ["recommendation"])] == ["recommendation"]
    assert library.document("alpha").text.startswith("Neglect is cumulative")
    assert library.kind_counts()["beta"] == {"learning_point": 1, "good_practice": 1}
    assert library.theme_counts() == {"neglect": 1}
    assert [i.id for i in library.themed("neglect")] == [items[0].id]
    vectors = library.vectors([items[1].id])
    assert np.allclose(vectors[0], EMBEDDER.embed([items[1].text])[0], atol=1e-6)


def test_search_finds_by_meaning_and_by_word(library):
    items = write(library, "alpha", ALPHA)
    write(library, "beta", BETA)
    query = EMBEDDER.embed(["a chronology of missed appointments"])[0]
    assert library.dense(query, 1)[0].item_id == items[1].id
    assert library.keyword(tokens("chronology"), 5)[0].item_id == items[1].id
    only_beta = library.dense(query, 5, doc_ids=["beta"])
    assert {c.item_id for c in only_beta} == {"beta-0", "beta-1"}
    questions = library.keyword(tokens("voice quieter child"), 5, kinds=["reflective_question"])
    assert [c.item_id for c in questions] == [items[2].id]
    counts = library.term_counts(tokens("chronology neglect zebra"))
    assert counts[tokens("chronology")[0]] == 1 and counts["zebra"] == 0


def test_the_lexicon_knows_the_library_words(library):
    write(library, "alpha", ALPHA)
    lexicon = library.lexicon()
    assert "cin" in lexicon.words and "quieter" in lexicon.words
    assert "Child in Need" in lexicon.glossary["cin"]
    assert "AL" in lexicon.child_names  # from the title 'Child AL'
    library.delete_document("alpha")
    assert "cin" not in library.lexicon().words


def test_replacing_a_document_leaves_nothing_of_the_old_version(library):
    write(library, "alpha", ALPHA)
    changed = [ALPHA[0], ("recommendation", "Share information with the health visitor early.")]
    new = write(library, "alpha", changed)
    assert [i.text for i in library.items_of("alpha")] == [t for _, t in changed]
    query = EMBEDDER.embed([ALPHA[1][1]])[0]
    assert {c.item_id for c in library.dense(query, 10)} <= {i.id for i in new}
    assert library.keyword(tokens("chronology"), 5) == []
    assert library.term_counts(["chronolog"]) == {"chronolog": 0}
    assert library.check(repair=False).ok


def test_deleting_a_document_removes_it_from_every_query(library):
    items = write(library, "alpha", ALPHA)
    write(library, "beta", BETA)
    assert library.delete_document("alpha") is True
    assert library.delete_document("alpha") is False
    assert library.items([i.id for i in items]) == []
    query = EMBEDDER.embed([ALPHA[0][1]])[0]
    assert all(c.item_id.startswith("beta") for c in library.dense(query, 10))
    assert library.keyword(tokens("neglect cumulative"), 5) == []
    assert library.size() == (1, 2)


def test_repeated_item_ids_in_one_document_are_stored_once(library):
    document, items, vectors = make_document("alpha", ALPHA)
    twice = [*items, dataclasses.replace(items[0], order=9)]
    library.replace_document(document, twice, np.vstack([vectors, vectors[:1]]))
    assert len(library.items_of("alpha")) == len(ALPHA)


def test_version_changes_with_every_write(library):
    before = library.version()
    write(library, "alpha", ALPHA)
    after = library.version()
    library.delete_document("alpha")
    assert len({before, after, library.version()}) == 3
