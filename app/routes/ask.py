"""POST /api/ask: a cited answer as JSON, or streamed as server-sent events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from app.answering import answer_question
from app.compose import Answer
from app.inputs import Text
from app.services import Deps, client_id, screen
from app.views import item_json

router = APIRouter(prefix="/api", tags=["ask"])


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Text(2000)  # type: ignore[valid-type]
    history: list[Text(2000)] = Field(default=[], max_length=10)  # type: ignore[valid-type]


def answer_json(answer: Answer, redacted: list[str]) -> dict:
    return {
        "answer": answer.text,
        "grounded": answer.grounded,
        "citations": [{"n": n, **item_json(i)} for n, i in enumerate(answer.citations, 1)],
        "composer": "extractive",
        "privacy": {"redacted": redacted},
    }


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def stream(answer: Answer, redacted: list[str]) -> Iterator[str]:
    body = answer_json(answer, redacted)
    yield _sse(
        "citations",
        {"grounded": answer.grounded, "citations": body["citations"], "privacy": body["privacy"]},
    )
    for k, line in enumerate(answer.lines):
        yield _sse("delta", {"text": line + ("\n" if k < len(answer.lines) - 1 else "")})
    yield _sse("done", body)


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
    answer = answer_question(services, question.text, [h.text for h in history])
    if accept and "text/event-stream" in accept:
        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(
            stream(answer, redacted), media_type="text/event-stream", headers=headers
        )
    return answer_json(answer, redacted)
