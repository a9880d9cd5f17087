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
