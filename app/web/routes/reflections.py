"""Guided reflection sessions for team meetings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, replace
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.reflection.plan import Plan
from app.web.errors import ApiError, not_found
from app.web.inputs import Text
from app.web.routes.documents import require_admin
from app.web.routes.downloads import Format, download
from app.web.services import Deps, Services, screen
from app.web.views import session_json, session_summary_json

router = APIRouter(prefix="/api/reflections", tags=["reflections"])
SESSION_ID = re.compile(r"^[0-9a-f]{16}$")
Audience = Literal["practitioners", "leaders"]
Strict = ConfigDict(extra="forbid")


class NewReflection(BaseModel):
    model_config = Strict
    document_id: str | None = Field(default=None, max_length=100)
    theme: str | None = Field(default=None, max_length=100)
    audience: Audience = "practitioners"
    timer_minutes: int = Field(default=7, ge=1, le=120)
    attendees: int | None = Field(default=None, ge=0, le=1000)

    @model_validator(mode="after")
    def one_source(self) -> NewReflection:
        if (self.document_id is None) == (self.theme is None):
            raise ValueError("give either document_id or theme")
        return self


class NewNote(BaseModel):
    model_config = Strict
    prompt_index: int = Field(ge=0, le=1000)
    text: Text(10000)  # type: ignore[valid-type]


class NewAction(BaseModel):
    model_config = Strict
    text: Text(2000)  # type: ignore[valid-type]
    owner: Text(200) | None = None  # type: ignore[valid-type]
    due: dt.date | None = None
    embedded: Text(2000) | None = None  # type: ignore[valid-type]


class SessionUpdate(BaseModel):
    model_config = Strict
    current_index: int | None = Field(default=None, ge=0, le=1000)
    timer_minutes: int | None = Field(default=None, ge=1, le=120)
    attendees: int | None = Field(default=None, ge=0, le=1000)


def session_id(rid: str) -> str:
    if not SESSION_ID.match(rid):
        raise not_found("reflection session")
    return rid


def _theme(services: Services, slug: str):  # type: ignore[no-untyped-def]
    theme = next(
        (t for t in services.themes if t.slug == slug or t.title.lower() == slug.lower()), None
    )
    if theme is None:
        raise ApiError(422, "unknown_theme", "No such theme; GET /api/starters lists them.")
    return theme


@router.post("", status_code=201)
def create(body: NewReflection, services: Deps) -> dict:
    if body.document_id is not None:
        plan = services.reflections.plan_for_document(body.document_id, body.audience)
        theme = None
    else:
        theme = _theme(services, body.theme or "")
        vector = services.embedder.embed([f"{theme.title}: {', '.join(theme.aliases)}"])[0]
        plan = services.reflections.plan_for_theme(theme, body.audience, vector)
    plan = _reworded(services, plan, body.audience)
    if len(plan.prompts) <= 3:
        raise ApiError(
            422,
            "nothing_to_reflect_on",
            "The library has no learning to reflect on for that choice.",
        )
    record = services.reflections.create(
        plan,
        body.audience,
        body.document_id,
        theme.slug if theme else None,
        body.timer_minutes,
        body.attendees,
    )
    return session_json(record)


def _reworded(services: Services, plan: Plan, audience: str) -> Plan:
    """With a model configured, derived questions may be reworded; the documents' own
    questions never are, and a wording is kept only if it passes verification."""
    llm = services.llm
    if llm is None or not plan.derived:
        return plan
    prompts = []
    for p in plan.prompts:
        if p.kind == "derived" and p.citations:
            source = p.citations[0]
            vector = services.library.vectors([source.id])[0]
            text = llm.phrase_question(p.question, source, vector, audience)
            p = replace(p, question=text or p.question)
        prompts.append(p)
    return replace(plan, prompts=tuple(prompts))


@router.get("")
def list_sessions(services: Deps) -> dict:
    return {"reflections": [session_summary_json(s) for s in services.reflections.summaries()]}


@router.get("/{rid}")
def get(rid: str, services: Deps) -> dict:
    return session_json(services.reflections.get(session_id(rid)))


@router.patch("/{rid}")
def update(rid: str, body: SessionUpdate, services: Deps) -> dict:
    fields = body.model_dump(exclude_none=True)
    return session_json(services.reflections.update(session_id(rid), fields))


@router.post("/{rid}/notes", status_code=201)
def add_note(rid: str, body: NewNote, services: Deps) -> dict:
    note = screen(services, body.text)
    saved = services.reflections.add_note(session_id(rid), body.prompt_index, note.text)
    return {**asdict(saved), "privacy": {"redacted": list(note.redacted)}}


@router.post("/{rid}/actions", status_code=201)
def add_action(rid: str, body: NewAction, services: Deps) -> dict:
    text = screen(services, body.text)
    embedded = screen(services, body.embedded) if body.embedded else None
    owner = screen(services, body.owner) if body.owner else None  # a role, not a person
    due = body.due.isoformat() if body.due else None
    saved = services.reflections.add_action(
        session_id(rid),
        text.text,
        owner.text if owner else None,
        due,
        embedded.text if embedded else None,
    )
    screened = [s for s in (text, embedded, owner) if s is not None]
    redacted = sorted({k for s in screened for k in s.redacted})
    return {**asdict(saved), "privacy": {"redacted": redacted}}


@router.get("/{rid}/export", response_model=None)
def export(
    rid: str,
    request: Request,
    services: Deps,
    format: Format = "md",
) -> Response:
    record = services.reflections.get(session_id(rid))
    return download(
        request,
        format,
        f"reflection-{rid}",
        lambda f: f.session(record),
        ("reflection_export.html", {"r": session_json(record)}),
    )


@router.delete("/{rid}")
def delete(rid: str, services: Deps, authorization: Annotated[str | None, Header()] = None) -> dict:
    require_admin(services, authorization)
    services.reflections.delete(session_id(rid))
    return {"deleted": rid}
