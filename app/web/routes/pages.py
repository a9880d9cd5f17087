"""HTML pages (Jinja2, autoescaped). Document text is only ever rendered as text."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.core import kinds
from app.web.errors import not_found
from app.web.routes.documents import summaries, valid_doc_id
from app.web.services import Deps
from app.web.views import profile_json

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")


def render(request: Request, name: str, **context) -> HTMLResponse:  # type: ignore[no-untyped-def]
    names = {"kind_names": kinds.NAMES, "kind_plurals": kinds.PLURALS}
    return templates.TemplateResponse(request, name, {**names, **context})


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request) -> HTMLResponse:
    return render(request, "chat.html", nav="ask")


@router.get("/reflect", response_class=HTMLResponse)
def reflect_page(request: Request, services: Deps) -> HTMLResponse:
    docs = services.library.documents()
    return render(request, "reflect.html", documents=docs, themes=services.themes, nav="reflect")


@router.get("/reflect/{rid}/present", response_class=HTMLResponse)
def present_page(request: Request, rid: str) -> HTMLResponse:
    """Large type, read-only, following the facilitator's screen (the page reads the session
    through the API, so it opens only for those who hold the session)."""
    return render(request, "present.html", nav="reflect", rid=rid if rid.isalnum() else "")


@router.get("/discuss", response_class=HTMLResponse)
def discuss_page(request: Request, services: Deps) -> HTMLResponse:
    docs = services.library.documents()
    return render(request, "discuss.html", documents=docs, themes=services.themes, nav="discuss")


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, services: Deps) -> HTMLResponse:
    return render(request, "documents.html", documents=summaries(services), nav="documents")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(doc_id: str, request: Request, services: Deps) -> HTMLResponse:
    doc = services.library.document(valid_doc_id(doc_id))
    if doc is None:
        raise not_found("document")
    sections: list[dict] = []
    for item in services.library.items_of(doc_id):
        if not sections or sections[-1]["path"] != item.section_path:
            sections.append({"title": item.section, "path": item.section_path, "items": []})
        sections[-1]["items"].append(item)
    items = [i for section in sections for i in section["items"]]
    profile = profile_json(doc.profile or {}, items)
    return render(
        request, "document.html", doc=doc, sections=sections, profile=profile, nav="documents"
    )
