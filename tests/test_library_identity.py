"""A document's id is stable and its own: uploads never replace another document, a deleted
document does not come back, and a file added from anywhere stays (real store, fake vectors)."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from app.cli import _ingestor, writer_factory
from app.web.app import create_app
from ingest.pipeline import corpus_files, keep_upload
from tests.conftest import CORPUS, make_settings
from tests.fakes import HashEmbedder
from tests.test_formats import as_markdown

ADMIN = {"Authorization": "Bearer test-admin-token"}
AK = "child-ak-learning-briefing"


@pytest.fixture
def settings(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return make_settings(tmp_path / "data", corpus_dir=corpus, admin_token="test-admin-token")


@pytest.fixture
def client(settings):
    app = create_app(settings, writer=writer_factory, embedder=HashEmbedder())
    with TestClient(app) as c:
        app.state.services.writer.run(corpus_files(settings.corpus_dir), sync=True)
        yield c


def ingest_again(settings):
    """What `reflect ingest` does: the corpus and the uploads, removing what has gone."""
    ingestor = _ingestor(settings, embedder=HashEmbedder())
    summary = ingestor.run(corpus_files(settings.corpus_dir, settings.uploads_dir), sync=True)
    ingestor.library.close()
    return summary


def upload(client, name: str, data: bytes):
    return client.post("/api/documents", files={"file": (name, data, "text/plain")}, headers=ADMIN)


def titles(client) -> dict[str, str]:
    return {d["id"]: d["title"] for d in client.get("/api/documents").json()["documents"]}


def test_an_upload_named_like_a_published_review_does_not_replace_it(client):
    before = titles(client)[AK]
    for name in (f"{AK}.md", "000_27a328bb12f07fff.txt"):
        r = upload(client, name, as_markdown())
        assert r.status_code == 201, r.text
        assert r.json()["document"]["id"] != AK
    after = titles(client)
    assert after[AK] == before and len(after) == 7


def test_files_that_share_a_name_get_their_own_ids_and_delete_alone(client, settings):
    md = upload(client, "x.md", as_markdown()).json()["document"]["id"]
    html = upload(client, "x.html", b"<h1>Child Y briefing</h1><p>" + b"Learning. " * 30 + b"</p>")
    html_id = html.json()["document"]["id"]
    assert md != html_id
    assert client.delete(f"/api/documents/{md}", headers=ADMIN).status_code == 200
    assert not (settings.uploads_dir / "x.md").exists()
    assert (settings.uploads_dir / "x.html").exists()
    ingest_again(settings)
    ids = set(titles(client))
    assert md not in ids and html_id in ids


def test_a_deleted_corpus_document_does_not_come_back(client, settings):
    assert client.delete(f"/api/documents/{AK}", headers=ADMIN).status_code == 200
    ingest_again(settings)
    assert AK not in titles(client)
    assert (settings.data_dir / "withdrawn" / "000_27a328bb12f07fff.txt").exists()


def test_an_uploaded_readme_is_a_document_and_stays(client, settings):
    r = upload(client, "README.md", as_markdown())
    doc_id = r.json()["document"]["id"]
    ingest_again(settings)
    assert doc_id in titles(client)


def test_a_file_added_from_anywhere_is_kept_in_the_uploads(client, settings, tmp_path):
    outside = tmp_path / "elsewhere" / "new-briefing.md"
    outside.parent.mkdir()
    outside.write_bytes(as_markdown())
    kept = keep_upload(outside, settings.corpus_dir, settings.uploads_dir)
    assert kept == settings.uploads_dir / "new-briefing.md"
    ingestor = _ingestor(settings, embedder=HashEmbedder())
    ingestor.run([kept])
    ingestor.library.close()
    outside.unlink()
    ingest_again(settings)
    assert "new-briefing" in titles(client)
