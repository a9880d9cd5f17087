"""Reflect on Postgres as a partnership runs it: `reflect ingest` into a real Postgres with
pgvector, then two servers on one database (one of them with two workers). What one process
writes, every other reads at once; nothing acknowledged is lost; rate limits are counted once
for all of them."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import pytest

from tests.conftest import CORPUS, make_settings
from tests.serving import free_port, serve

pytestmark = pytest.mark.slow
ADMIN = {"Authorization": "Bearer admin-secret"}
# an hour's window: a minute's fixed window turned over mid-test as often as not, each search
# taking about a second, and the limit was never met
SEARCHES_PER_HOUR = 12


def _reflect(settings, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "REFLECT_DATA_DIR": str(settings.data_dir),
        "REFLECT_MODELS_DIR": str(settings.model_dir),
        "HF_HUB_OFFLINE": "1",
        **({"REFLECT_DATABASE_URL": settings.database_url} if settings.database_url else {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def settings(tmp_path_factory, real_models, postgres_server):
    name = f"reflect_servers_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return make_settings(
        tmp_path_factory.mktemp("pg-servers") / "data",
        models_dir=real_models,
        database_url=urlunsplit(urlsplit(postgres_server)._replace(path=f"/{name}")),
    )


@pytest.fixture(scope="module")
def ingested(settings):
    first = _reflect(settings, "ingest")
    assert first.returncode == 0, first.stderr
    return first


def test_ingest_into_postgres_is_idempotent(settings, ingested):
    assert "5 documents (0 unchanged" in ingested.stdout
    again = _reflect(settings, "ingest")
    assert again.returncode == 0, again.stderr
    assert "5 documents (5 unchanged, 0 removed), 0 items embedded" in again.stdout


@pytest.fixture(scope="module")
def servers(settings, ingested):
    """Server A runs two workers, server B one; both on the same database."""
    env = {
        "REFLECT_ADMIN_TOKEN": "admin-secret",
        "REFLECT_RATE_LIMIT_ASK": "",
        "REFLECT_RATE_LIMIT_WRITE": "",
        "REFLECT_RATE_LIMIT_SEARCH": f"{SEARCHES_PER_HOUR}/hour",
    }
    ports = free_port(), free_port()
    procs = [serve(settings, ports[0], REFLECT_WORKERS="2", **env)]
    try:
        procs.append(serve(settings, ports[1], **env))
        yield tuple(f"http://127.0.0.1:{p}" for p in ports)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)


def test_health_says_postgres(servers):
    for base in servers:
        health = httpx.get(f"{base}/healthz").json()
        assert health["status"] == "ok" and health["storage"] == "postgres"


def test_two_workers_keep_every_note_from_eight_clients(servers):
    a, b = servers
    made = httpx.post(f"{a}/api/reflections", json={"document_id": "child-ak-learning-briefing"})
    sid, key = made.json()["id"], {"X-Access-Key": made.json()["access_key"]}

    def add(client: int) -> list[int]:
        with httpx.Client(base_url=a, headers=key, timeout=30) as http:
            return [
                http.post(
                    f"/api/reflections/{sid}/notes",
                    json={"prompt_index": 0, "text": f"Note {n} from table {client}"},
                ).status_code
                for n in range(25)
            ]

    with ThreadPoolExecutor(8) as pool:
        statuses = [s for got in pool.map(add, range(8)) for s in got]
    assert statuses == [201] * 200
    session = httpx.get(f"{b}/api/reflections/{sid}", headers=key).json()  # the other server
    texts = {n["text"] for n in session["prompts"][0]["notes"]}
    assert texts == {f"Note {n} from table {c}" for n in range(25) for c in range(8)}


def test_an_upload_through_one_server_is_searchable_through_the_other(servers):
    a, b = servers
    text = (
        "# Child P learning briefing\n\n## Learning\n\n"
        "- Practitioners should check that a lodger or new adult in the household has been "
        "identified and assessed before closing a contact about a baby's bruising.\n"
    )
    files = {"file": ("child-p-learning-briefing.md", text.encode(), "text/markdown")}
    r = httpx.post(f"{a}/api/documents", files=files, headers=ADMIN, timeout=120)
    assert r.status_code == 201, r.text
    doc_id = r.json()["document"]["id"]
    q = {"q": "a new adult living in the household with a bruised baby", "k": 3}
    hits = httpx.get(f"{b}/api/search", params=q).json()["results"]
    assert hits[0]["document"]["id"] == doc_id
    assert httpx.delete(f"{b}/api/documents/{doc_id}", headers=ADMIN).status_code == 200
    hits = httpx.get(f"{a}/api/search", params=q).json()["results"]
    assert all(h["document"]["id"] != doc_id for h in hits)


def test_sixteen_clients_on_two_workers_get_no_errors(servers):
    a, _ = servers
    questions = [
        "What should a health visitor do when a family keeps missing appointments?",
        "How do we hear the voice of a child who does not speak up?",
        "What did the reviews say about fathers and other men in the household?",
        "What is cumulative neglect?",
    ]

    def ask(client: int) -> list[int]:
        with httpx.Client(base_url=a, timeout=60) as http:
            return [
                http.post("/api/ask", json={"question": questions[(client + n) % 4]}).status_code
                for n in range(4)
            ]

    with ThreadPoolExecutor(16) as pool:
        statuses = [s for got in pool.map(ask, range(16)) for s in got]
    assert statuses == [200] * 64


def test_rate_limits_are_counted_once_for_every_server(servers):
    """A client that spreads its searches over the servers (and workers) meets its limit
    once, not once per process."""
    statuses = []
    for n in range(SEARCHES_PER_HOUR + 1):
        base = servers[n % 2]
        statuses.append(httpx.get(f"{base}/api/search", params={"q": "neglect"}).status_code)
    assert statuses[-1] == 429
    assert 200 in statuses[: SEARCHES_PER_HOUR // 2]


def test_the_embedded_backend_refuses_a_second_worker(tmp_path):
    settings = make_settings(tmp_path / "data", corpus_dir=CORPUS)
    env = {**os.environ, "REFLECT_DATA_DIR": str(settings.data_dir), "REFLECT_WORKERS": "2"}
    env.pop("REFLECT_DATABASE_URL", None)
    got = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve"], env=env, capture_output=True, text=True
    )
    assert got.returncode == 2
    assert "one process" in got.stderr and "REFLECT_DATABASE_URL" in got.stderr


def test_migrate_copies_an_embedded_library_and_its_records(real_settings, database_url, tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from app.web.app import create_app

    embedded = real_settings.model_copy(update={"data_dir": tmp_path / "data"})
    shutil.copytree(real_settings.data_dir, embedded.data_dir)
    with TestClient(create_app(embedded)) as client:
        made = client.post("/api/reflections", json={"document_id": "child-ak-learning-briefing"})
        sid, key = made.json()["id"], {"X-Access-Key": made.json()["access_key"]}
        note = {"prompt_index": 1, "text": "We rarely ask who else lives in the home"}
        assert client.post(f"/api/reflections/{sid}/notes", json=note, headers=key).is_success
        action = {"text": "Add household members to the referral checklist", "owner": "Team"}
        assert client.post(f"/api/reflections/{sid}/actions", json=action, headers=key).is_success
        body = {"theme": "voice-of-the-child", "audience": "practitioners", "count": 3}
        built = client.post("/api/discussion-sets", json=body)
        assert built.status_code == 201, built.text
        built = built.json()
        q = {"q": "missed health appointments", "k": 3}
        before = [h["id"] for h in client.get("/api/search", params=q).json()["results"]]
        documents = client.get("/api/documents").json()

    from app.storage.migrate import read_records

    held = {t: len(rows) for t, (_, rows) in read_records(embedded.data_dir / "reflect.db").items()}
    assert held["reflections"] >= 1 and held["notes"] >= 1 and held["discussion_sets"] >= 1
    settings = embedded.model_copy(update={"database_url": database_url})
    first = _reflect(embedded, "migrate", "--to", "postgres", "--database-url", database_url)
    assert first.returncode == 0, first.stderr
    assert "Copied to Postgres: 5 documents" in first.stdout
    assert (
        f"{held['reflections']} sessions ({held['notes']} notes, {held['actions']} actions), "
        f"{held['discussion_sets']} discussion sets ({held['discussion_set_versions']} versions)"
    ) in first.stdout
    again = _reflect(embedded, "migrate", "--to", "postgres", "--database-url", database_url)
    assert "0 documents (0 items with their vectors; 5 already there)" in again.stdout
    assert "0 sessions (0 notes, 0 actions), 0 discussion sets" in again.stdout

    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["storage"] == "postgres"
        assert client.get("/api/documents").json() == documents
        after = [h["id"] for h in client.get("/api/search", params=q).json()["results"]]
        assert after == before
        session = client.get(f"/api/reflections/{sid}", headers=key).json()
        assert [n["text"] for n in session["prompts"][1]["notes"]] == [note["text"]]
        assert [a["text"] for a in session["actions"]] == [action["text"]]
        more = {"prompt_index": 1, "text": "And a second note, after the move"}
        added = client.post(f"/api/reflections/{sid}/notes", json=more, headers=key)
        assert added.status_code == 201
        set_key = {"X-Access-Key": built["access_key"]}
        got = client.get(f"/api/discussion-sets/{built['id']}", headers=set_key).json()
        assert got["questions"] == built["questions"]


def test_connections_the_database_dropped_are_replaced_unnoticed(database_url, tmp_path):
    """A database restart (or a proxy that drops idle connections) costs no request."""
    from fastapi.testclient import TestClient

    from app.web.app import create_app
    from tests.fakes import HashEmbedder

    settings = make_settings(tmp_path / "data", database_url=database_url)
    with TestClient(create_app(settings, embedder=HashEmbedder())) as client:
        assert client.get("/api/documents").status_code == 200
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert [client.get("/api/documents").status_code for _ in range(4)] == [200] * 4
        assert client.get("/api/reflections").status_code == 200


def test_a_rebuild_is_built_beside_the_library_and_swapped_in_while_serving(settings, servers):
    a, b = servers
    question = {"question": "What should practitioners do when a baby has a bruise?"}
    before = httpx.post(f"{a}/api/ask", json=question, timeout=60).json()
    rebuilt = _reflect(settings, "ingest", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "5 documents (0 unchanged, 0 removed)" in rebuilt.stdout
    with psycopg.connect(settings.database_url) as conn:
        schemas = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace")}
    assert "library" in schemas and "library_rebuild" not in schemas
    for base in (a, b):  # both servers read the new library without a restart
        after = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
        assert after["answer"] == before["answer"]
        assert [c["id"] for c in after["citations"]] == [c["id"] for c in before["citations"]]
