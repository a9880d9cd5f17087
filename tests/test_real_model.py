"""End to end with the real parts: the packaged MiniLM (ONNX int8), a real Chroma directory."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.core.embeddings import OnnxEmbedder
from app.web.app import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(backend_settings):
    with TestClient(create_app(backend_settings)) as c:
        yield c


def test_onnx_model_agrees_with_sentence_transformers(real_models):
    from app.core.embeddings import SentenceTransformerEmbedder

    texts = ["Parents repeatedly refused professionals access to the home.", "Was not brought"]
    onnx = OnnxEmbedder(real_models / "minilm-l6-int8").embed(texts)
    fp32 = SentenceTransformerEmbedder().embed(texts)
    assert np.all(np.sum(onnx * fp32, axis=1) > 0.98)


def test_index_holds_the_corpus(client):
    health = client.get("/healthz").json()
    assert health["documents"] == 5 and health["items"] > 350
    assert health["embedding_model"] == "all-MiniLM-L6-v2/onnx-int8"


@pytest.mark.parametrize(
    "question,expected",
    [
        (
            "questions for leaders about seeing the whole picture of cumulative neglect",
            "How confident am I that our systems enable practitioners to see the whole picture",
        ),
        ("what does PAMS stand for", "Parenting Assessment Manual Software"),
        (
            "learning point about knowing the family's history",
            "Knowing the family's history is critical",
        ),
    ],
)
def test_search_finds_the_learning_item(client, question, expected):
    results = client.get("/api/search", params={"q": question, "k": 5}).json()["results"]
    assert any(expected in r["text"] for r in results)
    top = results[0]
    assert top["url"].startswith(f"/documents/{top['document']['id']}#item-")
