"""The optional LLM path against a real (scripted) OpenAI-compatible server: every kind of bad
model output is verified away or falls back; and Reflect itself answers the openai client."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from app.web.app import create_app
from tests import llm_server

pytestmark = pytest.mark.slow
QUESTION = "What do the reviews say about recognising cumulative harm?"


@pytest.fixture(scope="module")
def model_url():
    server, url = llm_server.start()
    yield url
    server.shutdown()


def client_for(real_settings, model_url, script, timeout=5.0):
    settings = real_settings.model_copy(
        update={
            "llm_base_url": model_url,
            "llm_model": script,
            "llm_timeout": timeout,
            "rate_limit_ask": "",
        }
    )
    return TestClient(create_app(settings))


def ask(c, question=QUESTION):
    r = c.post("/api/ask", json={"question": question})
    assert r.status_code == 200
    return r.json()


def assert_well_formed(body):
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == set(range(1, len(body["citations"]) + 1))
    for bad in ("<script", "evil.example", "![", "](http", "test-admin-token"):
        assert bad not in body["answer"]


def test_good_answers_are_kept_and_cited(real_settings, model_url):
    with client_for(real_settings, model_url, "good") as c:
        body = ask(c)
    assert body["composer"] == "llm" and "fallback_reason" not in body
    assert_well_formed(body)
    first = body["citations"][0]["text"]
    assert body["answer"].split(" [1]")[0] in first


@pytest.mark.parametrize(
    "script,reason",
    [
        ("invented", "too_little_verified"),
        ("markers", "too_little_verified"),
        ("junk", "too_little_verified"),
        ("error", "llm_error"),
        ("dropped", None),
    ],
)
def test_bad_output_is_dropped_or_falls_back(real_settings, model_url, script, reason):
    with client_for(real_settings, model_url, script) as c:
        body = ask(c)
    assert_well_formed(body)
    assert "14 days" not in body["answer"] and "73%" not in body["answer"]
    assert body["composer"] == "extractive"
    if reason:
        assert body["fallback_reason"] == reason
    assert body["citations"]


@pytest.mark.parametrize("script", ["html", "inject"])
def test_markup_links_and_injected_text_never_reach_the_answer(real_settings, model_url, script):
    with client_for(real_settings, model_url, script) as c:
        body = ask(c)
    assert_well_formed(body)
    assert "Ignore previous instructions" not in body["answer"]


def test_a_reversed_meaning_is_never_served(real_settings, model_url):
    """A model that keeps its sources' words but turns their meaning round: a condition, a
    frequency, a swapped role, an address to send notes to. None of it is kept."""
    with client_for(real_settings, model_url, "reversed") as c:
        body = ask(c)
    assert_well_formed(body)
    answer = body["answer"].lower()
    for turned in ("only if", "rarely", "safeguarding-review", "send your notes"):
        assert turned not in answer, turned
    first = body["citations"][0]["text"]
    if re.search(r"\bchild", first, re.I):
        assert (
            re.sub(r"\bchild", "parent", first.split(".")[0], count=1, flags=re.I).lower()[:60]
            not in answer
        )


def test_a_slow_first_token_falls_back(real_settings, model_url):
    with client_for(real_settings, model_url, "slow", timeout=1.0) as c:
        body = ask(c)
    assert body["composer"] == "extractive" and body["fallback_reason"] == "llm_timeout"


def test_questions_the_library_does_not_cover_never_reach_the_model(real_settings, model_url):
    with client_for(real_settings, model_url, "good") as c:
        body = ask(c, "What is the capital of France?")
    assert body["grounded"] is False and body["composer"] == "extractive"


def test_stream_sends_only_verified_sentences(real_settings, model_url):
    with (
        client_for(real_settings, model_url, "invented") as c,
        c.stream(
            "POST", "/api/ask", json={"question": QUESTION}, headers={"Accept": "text/event-stream"}
        ) as r,
    ):
        raw = "".join(r.iter_text())
    events = [
        (m.group(1), json.loads(m.group(2)))
        for m in re.finditer(r"event: (\w+)\ndata: (.*)\n\n", raw)
    ]
    streamed = "".join(d["text"] for e, d in events if e == "delta")
    assert "14 days" not in streamed and "73%" not in streamed
    assert [e for e, _ in events][-2:] == ["reset", "done"]
    assert events[-1][1]["composer"] == "extractive"


def test_openai_client_gets_cited_answers(real_settings):
    from openai import OpenAI

    with TestClient(create_app(real_settings)) as c:
        client = OpenAI(base_url="http://testserver/v1", api_key="unused", http_client=c)
        assert [m.id for m in client.models.list()] == ["reflect"]
        reply = client.chat.completions.create(
            model="reflect", messages=[{"role": "user", "content": QUESTION}]
        )
        text = reply.choices[0].message.content
        assert "[1]" in text and "Sources:" in text
        chunks = client.chat.completions.create(
            model="reflect", messages=[{"role": "user", "content": QUESTION}], stream=True
        )
        streamed = "".join(ch.choices[0].delta.content or "" for ch in chunks)
        assert streamed == text
        bad = c.post(
            "/v1/chat/completions",
            json={"messages": [{"role": "user", "content": "NHS 943 476 5919"}]},
        )
        assert bad.status_code == 422 and "943" not in bad.text


def test_a_model_may_reword_built_questions_but_only_verified(real_settings, model_url):
    body = {"theme": "cumulative-harm", "audience": "practitioners", "count": 5}
    with client_for(real_settings, model_url, "good") as c:
        good = c.post("/api/discussion-sets", json=body).json()["questions"]
    with client_for(real_settings, model_url, "invented") as c:
        invented = c.post("/api/discussion-sets", json=body).json()["questions"]
    reworded = [q for q in good if q["text"].startswith("In our own work")]
    assert reworded and all(q["kind"] != "document_question" for q in reworded)
    assert all(q["text"].endswith("?") for q in good)
    assert not any("14 days" in q["text"] for q in invented)  # failed checks: template kept


def test_derived_reflection_questions_may_be_reworded(real_settings, model_url):
    body = {"document_id": "child-b-and-siblings-review", "audience": "leaders"}
    with client_for(real_settings, model_url, "good") as c:
        prompts = c.post("/api/reflections", json=body).json()["prompts"]
    derived = [p for p in prompts if p["kind"] == "derived"]
    assert any(p["question"].startswith("In our own work") for p in derived)
    assert all(p["question"].endswith("?") for p in derived)


def test_in_lead_mode_the_model_writes_only_a_verified_first_sentence(real_settings, model_url):
    def lead_client(script):
        settings = real_settings.model_copy(
            update={
                "llm_base_url": model_url,
                "llm_model": script,
                "llm_mode": "lead",
                "rate_limit_ask": "",
            }
        )
        return TestClient(create_app(settings))

    with TestClient(create_app(real_settings)) as c:
        extractive = ask(c)
    with lead_client("good") as c:
        written = ask(c)
    assert written["composer"] == "llm_lead"
    first, *rest = written["answer"].split("\n")
    assert first.startswith("In short, the review found this:") and first.endswith("[1]")
    assert rest == extractive["answer"].split("\n")[1:]  # the rest is the extractive answer
    assert written["citations"] == extractive["citations"]
    for script in ("invented", "reversed"):
        with lead_client(script) as c:
            body = ask(c)
        assert body["composer"] == "extractive" and body["fallback_reason"] == "lead_not_verified"
        assert body["answer"] == extractive["answer"]
