"""Reflect speaks the OpenAI chat-completions protocol, so existing chat front ends and the
official `openai` client can use it as a 'model' that answers with its own cited answers."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from app.answers.answering import final
from app.answers.llm import Event
from app.web.errors import ApiError
from app.web.inputs import Text
from app.web.services import Deps, client_id, screen
from app.web.views import citations_json

router = APIRouter(prefix="/v1", tags=["openai-compatible"])
MODEL = "reflect"


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: Text(8000) | None = None  # type: ignore[valid-type]


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")  # clients send sampling options we do not use
    model: str = Field(default=MODEL, max_length=100)
    messages: list[Message] = Field(min_length=1, max_length=50)
    stream: bool = False


@router.get("/models")
def models() -> dict:
    return {
        "object": "list",
        "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "reflect"}],
    }


def _sources(done: Event) -> str:
    assert done.answer is not None
    lines = [
        f"[{n}] {i.doc_title} › {i.section} › {i.label} ({i.url})"
        for n, i in enumerate(done.answer.citations, 1)
    ]
    return "\n\nSources:\n" + "\n".join(lines) if lines else ""


@router.post("/chat/completions", response_model=None)
def chat(body: ChatRequest, request: Request, services: Deps) -> dict | StreamingResponse:
    services.rate_limits.hit("ask", client_id(request))
    asked = [m.content for m in body.messages if m.role == "user" and m.content]
    if not asked:
        raise ApiError(422, "invalid_request", "Invalid request. messages: no user message.")
    screened = [screen(services, text) for text in asked[-4:]]
    _, events = services.answerer.events(screened[-1].text, [s.text for s in screened[:-1]])
    created = int(time.time())
    if body.stream:
        return StreamingResponse(_chunks(events, created), media_type="text/event-stream")
    done = final(events)
    assert done.answer is not None
    return {
        "id": f"reflect-{created}",
        "object": "chat.completion",
        "created": created,
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": done.answer.text + _sources(done)},
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": citations_json(done.answer.citations),
    }


def _chunk(created: int, delta: dict, finish: str | None = None) -> str:
    payload = {
        "id": f"reflect-{created}",
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n"


def _chunks(events: Iterator[Event], created: int) -> Iterator[str]:
    """Chat clients cannot take text back, so the text is sent once it is final."""
    yield _chunk(created, {"role": "assistant"})
    done = final(events)
    assert done.answer is not None
    for line in (done.answer.text + _sources(done)).splitlines(keepends=True):
        yield _chunk(created, {"content": line})
    yield _chunk(created, {}, "stop")
    yield "data: [DONE]\n\n"
