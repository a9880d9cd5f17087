"""POST /api/ask: a cited answer as JSON, or streamed as server-sent events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from app.answers.answering import final
from app.answers.compose import Answer
from app.answers.llm import Event
from app.web.inputs import Text
from app.web.services import Deps, client_id, screen
from app.web.views import citations_json

router = APIRouter(prefix="/api", tags=["ask"])


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Text(2000)  # type: ignore[valid-type]
    history: list[Text(2000)] = Field(default=[], max_length=10)  # type: ignore[valid-type]


def answer_json(done: Event, redacted: list[str], question: str) -> dict:
    answer = done.answer
    assert answer is not None
    body = {
        "answer": answer.text,
        "grounded": answer.grounded,
        "coverage": answer.coverage,
        "citations": citations_json(answer.citations),
        "composer": done.composer,
        "privacy": {"redacted": redacted},
    }
    if redacted:  # as the server read it: the only form a browser should keep
        body["question"] = question
    if answer.searched:
        body["searched"] = answer.searched  # the question was read with the one before it
    if done.fallback_reason:
        body["fallback_reason"] = done.fallback_reason
    return body


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def stream(
    preview: Answer, events: Iterator[Event], redacted: list[str], question: str
) -> Iterator[str]:
    """`citations` (the sources the text may cite), `delta`s of verified text, `reset` if the
    answer falls back to the extractive one, then `done` with the final answer and citations."""
    first = {
        "grounded": preview.grounded,
        "coverage": preview.coverage,
        "citations": citations_json(preview.citations),
    }
    first["privacy"] = {"redacted": redacted}
    if redacted:
        first["question"] = question
    yield _sse("citations", first)
    for event in events:
        match event.kind:
            case "delta":
                yield _sse("delta", {"text": event.text})
            case "reset":
                yield _sse("reset", {})
            case "done":
                yield _sse("done", answer_json(event, redacted, question))


@router.post("/ask", response_model=None)
def ask(
    body: AskRequest,
    request: Request,
    services: Deps,
    accept: Annotated[str | None, Header()] = None,
) -> dict | StreamingResponse:
    services.rate_limits.hit("ask", client_id(request))
    question = screen(services, body.question)
    history = [screen(services, h) for h in body.history]
    redacted = sorted({k for s in (question, *history) for k in s.redacted})
    preview, events = services.answerer.events(question.text, [h.text for h in history])
    if accept and "text/event-stream" in accept:
        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(
            stream(preview, events, redacted, question.text),
            media_type="text/event-stream",
            headers=headers,
        )
    return answer_json(final(events), redacted, question.text)
