"""Guided reflection sessions over HTTP, on the real corpus and model, with a real SQLite file."""

from __future__ import annotations

import io
import os
import signal

import httpx
import pytest
from fastapi.testclient import TestClient

from app.web.app import create_app
from tests.serving import free_port, serve

pytestmark = pytest.mark.slow
ADMIN = {"Authorization": "Bearer admin-secret"}


@pytest.fixture(scope="module")
def client(backend_settings):
    with TestClient(create_app(backend_settings)) as c:
        yield c


def start(client, **body):
    r = client.post("/api/reflections", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def test_child_ak_session_runs_its_six_questions_in_order(client):
    s = start(client, document_id="child-ak-learning-briefing", audience="practitioners")
    questions = [p for p in s["prompts"] if p["kind"] == "question"]
    assert len(questions) == 6 and not s["derived"]
    assert questions[0]["question"].startswith("How do we ensure cumulative harm is recognised")
    assert questions[5]["question"].startswith("How confident are we to challenge")
    for p in questions:
        assert 1 <= len(p["citations"]) <= 3
        assert all(c["document"]["id"] == "child-ak-learning-briefing" for c in p["citations"])
        assert 1 <= len(p["probes"]) <= 3
        quoted = p["probes"][0].split("“")[1].split("”")[0].rstrip(" …")
        assert quoted in p["citations"][0]["text"]  # the probe quotes the learning, no more
    closing = [p["question"] for p in s["prompts"] if p["kind"] == "closing"]
    assert closing == [
        "What are our key thoughts and reflections?",
        "How will we know the learning is embedded?",
        "How does this fit with our team or service improvement plans?",
    ]
    assert s["timer_minutes"] == 7


def test_seven_minute_briefing_for_leaders(client):
    s = start(client, document_id="neglect-case-study-1-7-minute-briefing", audience="leaders")
    questions = [p["question"] for p in s["prompts"] if p["kind"] == "question"]
    assert len(questions) == 6
    assert questions[0].startswith("How confident am I that our systems enable practitioners")
    assert questions[-1].startswith("How can we build practitioner confidence")


def test_report_without_questions_gets_derived_ones(client):
    s = start(client, document_id="child-b-and-siblings-review", audience="leaders")
    assert s["derived"] is True
    derived = [p for p in s["prompts"] if p["kind"] == "derived"]
    assert derived and all(p["question"].endswith("?") for p in derived)
    assert derived[0]["citations"][0]["label"] == "Learning point 1"


def test_theme_session_spans_documents_without_duplicates(client):
    s = start(client, theme="voice-of-the-child", audience="practitioners")
    prompts = [p for p in s["prompts"] if p["kind"] != "closing"]
    assert len(prompts) >= 3
    texts = [p["question"] for p in prompts]
    assert len(set(texts)) == len(texts)
    docs = {c["document"]["id"] for p in prompts for c in p["citations"]}
    assert len(docs) >= 2


def test_a_team_can_reflect_on_a_theme_in_its_own_words(client):
    s = start(client, theme="fathers and male carers", audience="practitioners")
    assert s["title"] == "Theme reflection: fathers and male carers"
    prompts = [p for p in s["prompts"] if p["kind"] != "closing"]
    assert prompts and all(p["citations"] for p in prompts)
    r = client.post("/api/reflections", json={"theme": "the offside rule in football"})
    assert r.status_code == 422 and "offside" not in r.text


def test_notes_actions_export_and_delete(client):
    s = start(client, document_id="child-ak-learning-briefing", audience="practitioners")
    sid = s["id"]
    url = f"/api/reflections/{sid}"
    assert (
        client.post(
            f"{url}/notes", json={"prompt_index": 0, "text": "We look at incidents one by one."}
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"{url}/notes", json={"prompt_index": 0, "text": "Second browser's note."}
        ).status_code
        == 201
    )
    closing_index = len(s["prompts"]) - 2
    client.post(
        f"{url}/notes", json={"prompt_index": closing_index, "text": "Audit chronologies in March."}
    )
    action = {
        "text": "Build a chronology for every open neglect case",
        "owner": "Team manager",
        "due": "2027-01-31",
        "embedded": "Audit of 10 cases shows a chronology",
    }
    assert client.post(f"{url}/actions", json=action).status_code == 201
    assert client.patch(url, json={"current_index": 2, "attendees": 9}).json()["attendees"] == 9
    got = client.get(url).json()
    assert [n["text"] for n in got["prompts"][0]["notes"]] == [
        "We look at incidents one by one.",
        "Second browser's note.",
    ]
    assert got["current_index"] == 2
    md = client.get(f"{url}/export", params={"format": "md"}).text
    assert "We look at incidents one by one." in md and "Team manager" in md
    assert "Audit chronologies in March." in md and "Attendees: 9" in md
    html = client.get(f"{url}/export", params={"format": "html"}).text
    assert "Build a chronology for every open neglect case" in html
    import docx

    d = docx.Document(io.BytesIO(client.get(f"{url}/export", params={"format": "docx"}).content))
    text = "\n".join(p.text for p in d.paragraphs) + "\n".join(
        c.text for t in d.tables for row in t.rows for c in row.cells
    )
    assert "Second browser's note." in text and "2027-01-31" in text
    assert any(r["id"] == sid for r in client.get("/api/reflections").json()["reflections"])
    assert client.delete(url).status_code == 200  # the session's holder may delete it
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"document_id": "child-ak-learning-briefing", "audience": "managers"},
        {"audience": "leaders"},
        {"document_id": "child-ak-learning-briefing", "theme": "poverty"},
        {"document_id": "no-such-doc"},
        {"theme": "no-such-theme"},
    ],
)
def test_bad_session_requests(client, body):
    assert client.post("/api/reflections", json=body).status_code == 422


def test_unknown_ids_and_bad_indexes(client):
    assert client.get("/api/reflections/0123456789abcdef").status_code == 404
    assert client.get("/api/reflections/../../etc").status_code == 404
    sid = start(client, document_id="child-ak-learning-briefing")["id"]
    r = client.post(f"/api/reflections/{sid}/notes", json={"prompt_index": 99, "text": "x"})
    assert r.status_code == 422
    r = client.post(f"/api/reflections/{sid}/actions", json={"text": "x", "due": "soon"})
    assert r.status_code == 422
    assert (
        client.post(
            "/api/reflections/0123456789abcdef/notes", json={"prompt_index": 0, "text": "x"}
        ).status_code
        == 404
    )


def test_an_acknowledged_note_survives_sigkill(backend_settings, tmp_path):
    import shutil

    data = tmp_path / "data"
    if backend_settings.data_dir.exists():  # the embedded library; Postgres keeps its own
        shutil.copytree(backend_settings.data_dir, data)
    settings = backend_settings.model_copy(update={"data_dir": data})
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(settings, port)
    try:
        made = httpx.post(
            f"{base}/api/reflections", json={"document_id": "child-ak-learning-briefing"}
        ).json()
        sid, key = made["id"], {"X-Access-Key": made["access_key"]}
        r = httpx.post(
            f"{base}/api/reflections/{sid}/notes",
            json={"prompt_index": 1, "text": "Typed just before the power cut"},
            headers=key,
        )
        assert r.status_code == 201
        action = {"text": "Ring the GP practice manager about WNB tracking", "owner": "Health"}
        r = httpx.post(f"{base}/api/reflections/{sid}/actions", json=action, headers=key)
        assert r.status_code == 201
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    proc = serve(settings, port)
    try:
        got = httpx.get(f"{base}/api/reflections/{sid}", headers=key).json()
        assert [n["text"] for n in got["prompts"][1]["notes"]] == [
            "Typed just before the power cut"
        ]
        assert [a["text"] for a in got["actions"]] == [action["text"]]
    finally:
        proc.terminate()
        proc.wait()
