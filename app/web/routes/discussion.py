"""Discussion sets for trainers."""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.discussion.questions import Question
from app.discussion.sets import AUDIENCE_NAMES, Built
from app.exports import common
from app.storage.sessions import Ownership
from app.storage.sets import SetRecord
from app.web.callers import key_hash, may_open, new_access_key, remember_key
from app.web.errors import ApiError, not_found
from app.web.inputs import Text
from app.web.routes.downloads import Format, download
from app.web.services import Deps, Services, Who, screen, theme_for
from app.web.views import set_json, set_summary_json

router = APIRouter(prefix="/api/discussion-sets", tags=["discussion sets"])
SET_ID = re.compile(r"^[0-9a-f]{16}$")
DocId = Annotated[str, Field(min_length=1, max_length=100)]


class NewSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    theme: Text(100) | None = None  # type: ignore[valid-type]
    document_ids: list[DocId] | None = Field(default=None, min_length=1, max_length=20)
    audience: Literal["practitioners", "leaders", "multi-agency"] = "practitioners"
    count: int = Field(default=6, ge=3, le=20)
    seed: int | None = Field(default=None, ge=0, le=2**31)

    @model_validator(mode="after")
    def one_source(self) -> NewSet:
        if (self.theme is None) == (self.document_ids is None):
            raise ValueError("give either theme or document_ids")
        return self


class SetEdit(BaseModel):
    """Remove and reorder questions (the positions kept, in order), or rename the set."""

    model_config = ConfigDict(extra="forbid")
    order: list[Annotated[int, Field(ge=0, le=100)]] | None = Field(
        default=None, min_length=1, max_length=20
    )
    title: Text(200) | None = None  # type: ignore[valid-type]


class Reword(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text(1000)  # type: ignore[valid-type]


class Regenerate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seed: int | None = Field(default=None, ge=0, le=2**31)


class Restore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, le=100000)


def set_id(sid: str) -> str:
    if not SET_ID.match(sid):
        raise not_found("discussion set")
    return sid


def _open(services: Services, who: Who, sid: str) -> SetRecord:
    """The set, if this caller may open it; to anyone else it does not exist."""
    record = services.discussion_sets.get(set_id(sid))
    if not may_open(who, record.ownership):
        raise not_found("discussion set")
    return record


def _build(services: Services, body: NewSet, seed: int | None) -> tuple[str, Built]:
    """The default title and the built set, for a request (its theme already screened)."""
    sets = services.discussion_sets
    audience = AUDIENCE_NAMES[body.audience]
    if body.theme is not None:
        theme = theme_for(services, body.theme)
        vector = services.embedder.embed([theme.words])[0]
        candidates = sets.theme_candidates(theme, vector, body.audience)
        title = f"{theme.title}: discussion set for {audience}"
        what = theme.title.lower()
    else:
        doc_ids = list(dict.fromkeys(body.document_ids or []))
        candidates = sets.document_candidates(doc_ids, body.audience)
        titles = {m.id: m.title for m in services.library.documents()}
        names = "; ".join(titles[d] for d in doc_ids)
        title = f"{names}: discussion set for {audience}"
        what = "these documents"
    built = sets.build(
        candidates,
        body.count,
        body.audience,
        seed,
        what,
        rephrase=_rephraser(services, body.audience),
    )
    return title, built


@router.post("", status_code=201)
def create(body: NewSet, request: Request, response: Response, services: Deps, who: Who) -> dict:
    services.rate_limits.hit("write", who.bucket)
    if body.theme is not None:  # screened once, then used and kept as screened
        body = body.model_copy(update={"theme": screen(services, body.theme).text})
    title, built = _build(services, body, body.seed)
    key = new_access_key()
    record = services.discussion_sets.create(
        title,
        body.model_dump(),
        built,
        ownership=Ownership(key_hash(key), who.user, who.team),
    )
    remember_key(request, response, key)
    return {
        **set_json(record),
        "access_key": key,  # given once: anyone with it can open the set
        "share_url": f"/discuss?set={record.id}#key={key}",
    }


def _rephraser(services: Services, audience: str):  # type: ignore[no-untyped-def]
    """With a model configured, built questions may be reworded (never the documents' own)."""
    llm = services.llm
    if llm is None:
        return None

    def rephrase(q: Question) -> str | None:
        if q.kind == "document_question" or not q.citations:
            return None
        item = q.citations[0]
        return llm.phrase_question(q.text, item, services.library.vectors([item.id])[0], audience)

    return rephrase


@router.get("")
def list_sets(services: Deps, who: Who) -> dict:
    """The sets this caller may open, newest first."""
    mine = [s for s in services.discussion_sets.summaries() if may_open(who, s.ownership)]
    return {"discussion_sets": [set_summary_json(s) for s in mine]}


@router.get("/{sid}")
def get(
    sid: str,
    services: Deps,
    who: Who,
    version: Annotated[int | None, Query(ge=1, le=100000)] = None,
) -> dict:
    """The set as it stands, or an earlier version of it."""
    _open(services, who, sid)
    return set_json(services.discussion_sets.get(sid, version))


@router.get("/{sid}/versions")
def versions(sid: str, services: Deps, who: Who) -> dict:
    _open(services, who, sid)
    return {"versions": [asdict(v) for v in services.discussion_sets.versions(sid)]}


@router.patch("/{sid}")
def edit(sid: str, body: SetEdit, services: Deps, who: Who) -> dict:
    _open(services, who, sid)
    services.rate_limits.hit("write", who.bucket)
    if body.order is None and body.title is None:
        raise ApiError(422, "nothing_to_change", "Give the questions' new order or a new title.")
    record = None
    if body.order is not None:
        record = services.discussion_sets.reorder(sid, body.order)
    if body.title is not None:
        title = screen(services, body.title).text
        record = services.discussion_sets.rename(sid, title)
    assert record is not None
    return set_json(record)


@router.patch("/{sid}/questions/{position}")
def reword(sid: str, position: int, body: Reword, services: Deps, who: Who) -> dict:
    """The trainer's own wording for a question (the citations stay; the set says it was
    edited, and keeps Reflect's wording)."""
    _open(services, who, sid)
    services.rate_limits.hit("write", who.bucket)
    text = screen(services, body.text).text
    return set_json(services.discussion_sets.reword(sid, position, text))


@router.post("/{sid}/regenerate")
def regenerate(sid: str, body: Regenerate, services: Deps, who: Who) -> dict:
    """New questions for the same request: a new version of this set, not a new set."""
    record = _open(services, who, sid)
    services.rate_limits.hit("write", who.bucket)
    seed = body.seed if body.seed is not None else secrets.randbelow(2**31) + 1
    request = NewSet.model_validate({**record.request, "seed": seed})
    _, built = _build(services, request, seed)
    return set_json(services.discussion_sets.regenerate(sid, built, request.model_dump()))


@router.post("/{sid}/restore")
def restore(sid: str, body: Restore, services: Deps, who: Who) -> dict:
    _open(services, who, sid)
    services.rate_limits.hit("write", who.bucket)
    return set_json(services.discussion_sets.restore(sid, body.version))


@router.get("/{sid}/export", response_model=None)
def export(
    sid: str,
    request: Request,
    services: Deps,
    who: Who,
    format: Format = "md",
) -> Response:
    record = _open(services, who, sid)
    return download(
        request,
        format,
        f"discussion-set-{sid}",
        lambda f: f.discussion(record),
        ("discussion_export.html", {"s": set_json(record), "forms": common.FORM_NAMES}),
    )


@router.delete("/{sid}")
def delete(sid: str, services: Deps, who: Who) -> dict:
    """The set's holders (or the admin) may delete it."""
    _open(services, who, sid)
    services.discussion_sets.delete(sid)
    return {"deleted": sid}
