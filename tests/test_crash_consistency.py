"""A write killed at any point leaves the library whole: after a restart every listed document
is searchable in full, in its old or its new version, and nothing unlisted can be found.

Each case runs a child process (tests/crash_child.py) that is SIGKILLed at one point of the
write, against a real Chroma directory and a real SQLite file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.storage.embedded import EmbeddedLibrary
from tests.conftest import ROOT
from tests.crash_child import document
from tests.fakes import HashEmbedder

POINTS = ("after_vectors", "before_commit", "before_trim")
V1 = [f"Version one learning point {n} about chronologies and neglect {n * 7}" for n in range(6)]
V2 = [f"Version two learning point {n} about the voice of the child {n * 11}" for n in range(9)]
OTHER = ["A different briefing on missed health appointments", "Escalate when plans drift"]


def run_child(index, point: str, action: str, doc_id: str, texts: list[str], tmp_path) -> str:
    doc_file = tmp_path / f"{doc_id}.txt"
    doc_file.write_text("\n".join([doc_id, *texts]))
    done = subprocess.run(
        [sys.executable, "-m", "tests.crash_child", str(index), point, action, str(doc_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return "killed" if done.returncode == -9 else done.stdout.strip() or done.stderr[-500:]


def open_after_restart(index) -> EmbeddedLibrary:
    library = EmbeddedLibrary(index, HashEmbedder.name)
    assert not library.check(repair=True).problems  # start-up repairs what the crash left
    return library


def assert_whole(library: EmbeddedLibrary, doc_id: str, versions: list[list[str]]) -> None:
    texts = [i.text for i in library.items_of(doc_id)]
    assert texts in [*versions, []], "a document must be one whole version or absent"
    listed = {i.id for m in library.documents() for i in library.items_of(m.id)}
    for text in [t for v in versions for t in v]:
        vector = HashEmbedder().embed([text])[0]
        found = {c.item_id for c in library.dense(vector, 30)}
        assert found <= listed, "search must not find items no document lists"


def seed(index) -> None:
    library = EmbeddedLibrary(index, HashEmbedder.name)
    library.replace_document(*document("other", OTHER))
    library.replace_document(*document("same", V1))
    library.close()


@pytest.mark.parametrize("point", POINTS)
def test_a_new_document_killed_mid_write_is_absent_or_whole(tmp_path, point):
    index = tmp_path / "index"
    seed(index)
    outcome = run_child(index, point, "write", "fresh", V2, tmp_path)
    assert outcome == "killed" or (point == "before_trim" and outcome == "finished")
    library = open_after_restart(index)
    assert_whole(library, "fresh", [V2])
    if point == "before_trim":  # committed: the new document is there
        assert [i.text for i in library.items_of("fresh")] == V2
    else:
        assert library.items_of("fresh") == []
    assert [i.text for i in library.items_of("other")] == OTHER


@pytest.mark.parametrize("point", POINTS)
def test_an_update_killed_mid_write_leaves_one_version(tmp_path, point):
    index = tmp_path / "index"
    seed(index)
    assert run_child(index, point, "write", "same", V2, tmp_path) == "killed"
    library = open_after_restart(index)
    assert_whole(library, "same", [V1, V2])
    expected = V2 if point == "before_trim" else V1
    assert [i.text for i in library.items_of("same")] == expected


def test_a_delete_killed_before_the_index_is_trimmed_is_complete(tmp_path):
    index = tmp_path / "index"
    seed(index)
    assert run_child(index, "before_trim", "delete", "same", [], tmp_path) == "killed"
    library = open_after_restart(index)
    assert library.items_of("same") == [] and library.document("same") is None
    assert_whole(library, "same", [V1])


def test_a_document_larger_than_one_vector_batch_is_written_whole(tmp_path):
    texts = [
        f"Item {n}: practitioners should record what they saw on visit {n}" for n in range(7000)
    ]
    index = tmp_path / "index"
    library = EmbeddedLibrary(index, HashEmbedder.name)
    library.replace_document(*document("large", texts))
    assert library.size() == (1, 7000)
    assert library.check(repair=False).ok
    library.close()
    seed_other = EmbeddedLibrary(index, HashEmbedder.name)
    seed_other.replace_document(*document("other", OTHER))
    seed_other.close()
    assert run_child(index, "mid_vectors", "write", "large", texts[:6000], tmp_path) == "killed"
    library = open_after_restart(index)
    assert_whole(library, "large", [texts, texts[:6000]])
    assert len(library.items_of("large")) == 7000
