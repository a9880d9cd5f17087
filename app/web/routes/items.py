"""One learning item with the passage around it (the chat page's side panel), and starters."""

from __future__ import annotations

import re

from fastapi import APIRouter

from app.web.errors import not_found
from app.web.services import Deps
from app.web.views import item_json

router = APIRouter(prefix="/api", tags=["items"])
ITEM_ID = re.compile(r"^[0-9a-f]{16}$")
CONTEXT = 2


@router.get("/items/{item_id}")
def get_item(item_id: str, services: Deps) -> dict:
    found = services.library.items([item_id]) if ITEM_ID.match(item_id) else []
    if not found:
        raise not_found("item")
    item = found[0]
    section = services.library.section_of(item)
    at = [i.id for i in section].index(item.id)
    meta = next((m for m in services.library.documents() if m.id == item.doc_id), None)
    return {
        "item": item_json(item),
        "document": {
            "id": item.doc_id,
            "title": item.doc_title,
            "type": meta.type if meta else None,
            "date": meta.date if meta else None,
            "subject": meta.subject if meta else None,
            "url": f"/documents/{item.doc_id}",
        },
        "section_path": list(item.section_path),
        "before": [item_json(i) for i in section[max(0, at - CONTEXT) : at]],
        "after": [item_json(i) for i in section[at + 1 : at + 1 + CONTEXT]],
    }


@router.get("/starters")
def starters(services: Deps) -> dict:
    """Questions the library can answer, made from its themes (most-covered first)."""
    counts = services.library.theme_counts()
    ranked = sorted(services.themes, key=lambda t: -counts.get(t.slug, 0))
    covered = [t for t in ranked if counts.get(t.slug, 0) >= 3]
    return {
        "questions": [t.question for t in covered[:6]],
        "themes": [{"slug": t.slug, "title": t.title, "items": counts[t.slug]} for t in covered],
    }
