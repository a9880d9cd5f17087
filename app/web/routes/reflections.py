"""Guided reflection sessions for team meetings. A session opens only to whoever holds its
access key (given once, when it is made, and kept in the creator's browser), its owner and
team under single sign-on, and the admin; to anyone else it does not exist."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.exports import common
from app.reflection.plan import Plan
from app.storage.sessions import Ownership, SessionRecord
from app.web.callers import key_hash, may_open, new_access_key, remember_key
from app.web.errors import ApiError, not_found
from app.web.inputs import Text
from app.web.routes.downloads import Format, download
from app.web.services import Deps, Services, Who, screen, theme_for
from app.web.views import action_json, note_json, session_json, session_summary_json

router = APIRouter(prefix="/api/reflections", tags=["reflections"])
SESSION_ID = re.compile(r"^[0-9a-f]{16}$")
Audience = Literal["practitioners", "leaders"]
Strict = ConfigDict(extra="forbid")
Role = Text(100)  # a role or agency, never a name


class NewReflection(BaseModel):
    model_config = Strict
    document_id: str | None = Field(default=None, max_length=100)
    theme: str | None = Field(default=None, max_length=100)
    audience: Audience = "practitioners"
    timer_minutes: int = Field(default=7, ge=1, le=120)
    attendees: int | None = Field(default=None, ge=0, le=1000)
    # the roles or agencies present (no names needed)
    roles: list[Role] = Field(default_factory=list, max_length=30)  # type: ignore[valid-type]

    @model_validator(mode="after")
    def one_source(self) -> NewReflection:
        if (self.document_id is None) == (self.theme is None):
            raise ValueError("give either document_id or theme")
        return self


class NewNote(BaseModel):
    model_config = Strict
    prompt_index: int = Field(ge=0, le=1000)
    text: Text(10000)  # type: ignore[valid-type]


class NoteEdit(BaseModel):
    model_config = Strict
    text: Text(10000)  # type: ignore[valid-type]


class FollowUpAnswer(BaseModel):
    model_config = Strict
    take: bool


class NewAction(BaseModel):
    model_config = Strict
    text: Text(2000)  # type: ignore[valid-type]
    owner: Text(200) | None = None  # type: ignore[valid-type]
    due: dt.date | None = None
    embedded: Text(2000) | None = None  # type: ignore[valid-type]
    note_id: int | None = Field(default=None, ge=0)  # the note it was drawn from


class ActionEdit(BaseModel):
    model_config = Strict
    text: Text(2000) | None = None  # type: ignore[valid-type]
    owner: Text(200) | None = None  # type: ignore[valid-type]
    due: dt.date | None = None
    embedded: Text(2000) | None = None  # type: ignore[valid-type]


class SessionUpdate(BaseModel):
    model_config = Strict
    current_index: int | None = Field(default=None, ge=0, le=1000)
    timer_minutes: int | None = Field(default=None, ge=1, le=120)
    attendees: int | None = Field(default=None, ge=0, le=1000)
    roles: list[Role] | None = Field(default=None, max_length=30)  # type: ignore[valid-type]
    timer: Literal["start", "pause", "reset"] | None = None


class PromptUpdate(BaseModel):
    model_config = Strict
    status: Literal["open", "skipped"]


def session_id(rid: str) -> str:
    if not SESSION_ID.match(rid):
        raise not_found("reflection session")
    return rid


def _open(services: Services, who: Who, rid: str) -> SessionRecord:
    """The session, if this caller may open it; to anyone else it does not exist."""
    record = services.reflections.get(session_id(rid))
    if not may_open(who, record.ownership):
        raise not_found("reflection session")
    return record


def _roles(services: Services, roles: list[str]) -> tuple[str, ...]:
    return tuple(screen(services, r).text for r in roles if r.strip())


@router.post("", status_code=201)
def create(
    body: NewReflection, request: Request, response: Response, services: Deps, who: Who
) -> dict:
    services.rate_limits.hit("write", who.bucket)
    if body.document_id is not None:
        plan = services.reflections.plan_for_document(body.document_id, body.audience)
        theme = None
    else:
        theme = theme_for(services, screen(services, body.theme or "").text)
        vector = services.embedder.embed([theme.words])[0]
        plan = services.reflections.plan_for_theme(theme, body.audience, vector)
    plan = _reworded(services, plan, body.audience)
    if not any(p.kind != "closing" for p in plan.prompts):
        raise ApiError(
            422,
            "nothing_to_reflect_on",
            "The library has no learning to reflect on for that choice.",
        )
    key = new_access_key()
    record = services.reflections.create(
        plan,
        body.audience,
        body.document_id,
        (theme.slug or theme.title) if theme else None,  # a typed theme: its screened words
        body.timer_minutes,
        body.attendees,
        roles=_roles(services, body.roles),
        ownership=Ownership(key_hash(key), who.user, who.team),
    )
    remember_key(request, response, key)
    return {
        **session_json(record),
        "access_key": key,  # given once: anyone with it can open the session
        "share_url": f"/reflect?session={record.id}#key={key}",
    }


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
def list_sessions(services: Deps, who: Who) -> dict:
    """The sessions this caller may open, newest first."""
    mine = [s for s in services.reflections.summaries() if may_open(who, s.ownership)]
    return {"reflections": [session_summary_json(s) for s in mine]}


@router.get("/{rid}")
def get(rid: str, services: Deps, who: Who) -> dict:
    return session_json(_open(services, who, rid))


@router.patch("/{rid}")
def update(rid: str, body: SessionUpdate, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    fields = body.model_dump(exclude_none=True)
    if "roles" in fields:
        fields["roles"] = _roles(services, fields["roles"])
    return session_json(services.reflections.update(rid, fields))


@router.patch("/{rid}/prompts/{index}")
def prompt_status(rid: str, index: int, body: PromptUpdate, services: Deps, who: Who) -> dict:
    """Skip a prompt (the record shows it skipped), or open it again."""
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    return session_json(services.reflections.set_status(rid, index, body.status))


@router.post("/{rid}/notes", status_code=201)
def add_note(rid: str, body: NewNote, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    note = screen(services, body.text)
    saved = services.reflections.add_note(rid, body.prompt_index, note.text)
    return {**note_json(saved), "privacy": {"redacted": list(note.redacted)}}


@router.patch("/{rid}/notes/{note_id}")
def edit_note(rid: str, note_id: int, body: NoteEdit, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    note = screen(services, body.text)
    saved = services.reflections.edit_note(rid, note_id, note.text)
    return {**note_json(saved), "privacy": {"redacted": list(note.redacted)}}


@router.delete("/{rid}/notes/{note_id}")
def delete_note(rid: str, note_id: int, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.reflections.delete_note(rid, note_id)
    return {"deleted": note_id}


@router.post("/{rid}/notes/{note_id}/follow-up")
def answer_follow_up(
    rid: str, note_id: int, body: FollowUpAnswer, services: Deps, who: Who
) -> dict:
    """Take up the follow-up Reflect offered (it becomes the next prompt) or pass."""
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    return session_json(services.reflections.answer_follow_up(rid, note_id, body.take))


def _screened_action(services: Services, body: NewAction | ActionEdit) -> tuple[dict, list[str]]:
    fields: dict = {}
    redacted: set[str] = set()
    for name in ("text", "owner", "embedded"):  # the owner is a role, never a person
        value = getattr(body, name)
        if value is not None:
            screened = screen(services, value)
            fields[name] = screened.text
            redacted.update(screened.redacted)
    if body.due is not None:
        fields["due"] = body.due.isoformat()
    return fields, sorted(redacted)


@router.post("/{rid}/actions", status_code=201)
def add_action(rid: str, body: NewAction, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    fields, redacted = _screened_action(services, body)
    saved = services.reflections.add_action(
        rid,
        fields["text"],
        fields.get("owner"),
        fields.get("due"),
        fields.get("embedded"),
        body.note_id,
    )
    return {**action_json(saved), "privacy": {"redacted": redacted}}


@router.patch("/{rid}/actions/{action_id}")
def edit_action(rid: str, action_id: int, body: ActionEdit, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.rate_limits.hit("write", who.bucket)
    fields, redacted = _screened_action(services, body)
    saved = services.reflections.edit_action(rid, action_id, fields)
    return {**action_json(saved), "privacy": {"redacted": redacted}}


@router.delete("/{rid}/actions/{action_id}")
def delete_action(rid: str, action_id: int, services: Deps, who: Who) -> dict:
    _open(services, who, rid)
    services.reflections.delete_action(rid, action_id)
    return {"deleted": action_id}


@router.get("/{rid}/export", response_model=None)
def export(
    rid: str,
    request: Request,
    services: Deps,
    who: Who,
    format: Format = "md",
) -> Response:
    record = _open(services, who, rid)
    return download(
        request,
        format,
        f"reflection-{rid}",
        lambda f: f.session(record),
        (
            "reflection_export.html",
            {
                "r": session_json(record),
                "title": common.session_title(record),
                "attendees": common.attendees(record),
            },
        ),
    )


@router.delete("/{rid}")
def delete(rid: str, services: Deps, who: Who) -> dict:
    """The session's holders (or the admin) may delete it, with its notes and actions."""
    _open(services, who, rid)
    services.reflections.delete(rid)
    return {"deleted": rid}
