"""The library API over a real index (fake embedder), including admin upload and delete."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.cli import writer_factory
from app.web.app import create_app
from ingest.pipeline import corpus_files
from tests.conftest import CORPUS
from tests.fakes import HashEmbedder
from tests.test_formats import as_docx, as_markdown

ADMIN = {"Authorization": "Bearer test-admin-token"}


@pytest.fixture
def client(fake_settings):
    embedder = HashEmbedder()
    app = create_app(fake_settings, writer=writer_factory, embedder=embedder)
    with TestClient(app) as c:
        writer = app.state.services.writer
        writer.run(corpus_files(CORPUS), sync=True)
        yield c


def test_list_and_read_documents(client):
    docs = client.get("/api/documents").json()["documents"]
    assert len(docs) == 5
    ak = next(d for d in docs if d["id"] == "child-ak-learning-briefing")
    assert ak["title"] == "Child AK learning briefing" and ak["type"] == "learning briefing"
    assert ak["item_counts"]["reflective_question"] == 6
    detail = client.get("/api/documents/child-ak-learning-briefing").json()
    questions = next(s for s in detail["sections"] if s["title"] == "Questions for Reflection")
    assert [i["label"] for i in questions["items"]][:2] == ["Question 1", "Question 2"]
    assert all(i["end"] > i["start"] for i in questions["items"])
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/documents/..%2F..%2Fetc").status_code == 404


def test_upload_needs_the_admin_token(client):
    files = {"file": ("child-z.md", as_markdown(), "text/markdown")}
    assert client.post("/api/documents", files=files).status_code == 401
    bad = {"Authorization": "Bearer wrong"}
    assert client.post("/api/documents", files=files, headers=bad).status_code == 401


def test_upload_is_searchable_on_return_and_idempotent(client, fake_settings):
    files = {"file": ("../../Child Z.docx", as_docx(), "application/octet-stream")}
    r = client.post("/api/documents", files=files, headers=ADMIN)
    assert r.status_code == 201, r.text
    doc = r.json()["document"]
    assert doc["id"] == "child-z" and r.json()["changed"] is True
    hits = client.get("/api/search", params={"q": "chronology patterns of concern", "k": 10}).json()
    assert any(h["document"]["id"] == "child-z" for h in hits["results"])
    assert (fake_settings.uploads_dir / "child-z.docx").exists()
    assert not list(fake_settings.data_dir.parent.glob("Child Z*"))
    again = client.post("/api/documents", files=files, headers=ADMIN)
    assert again.json()["changed"] is False
    assert client.delete("/api/documents/child-z").status_code == 401
    assert client.delete("/api/documents/child-z", headers=ADMIN).json() == {"deleted": "child-z"}
    assert client.get("/api/documents/child-z").status_code == 404
    assert not (fake_settings.uploads_dir / "child-z.docx").exists()


@pytest.mark.parametrize(
    "name,data,status",
    [
        ("notes.exe", b"MZ...", 415),
        ("empty.md", b"", 422),
        ("broken.pdf", b"%PDF-1.4 garbage", 422),
        ("big.md", b"x" * (11 * 1024 * 1024), 413),
    ],
)
def test_bad_uploads_get_a_clear_4xx(client, name, data, status):
    r = client.post("/api/documents", files={"file": (name, data)}, headers=ADMIN)
    assert r.status_code == status
    assert r.json()["error"]["message"]
    assert name not in r.text


def test_admin_endpoints_off_without_a_token(tmp_path):
    from tests.conftest import make_settings

    app = create_app(make_settings(tmp_path / "d"), writer=writer_factory, embedder=HashEmbedder())
    with TestClient(app) as c:
        r = c.post("/api/documents", files={"file": ("a.md", b"# A\n\ntext")}, headers=ADMIN)
        assert r.status_code == 403


def test_healthz(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["documents"] == 5
