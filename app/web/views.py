"""JSON shapes of items and documents, shared by the API routes."""

from __future__ import annotations

from app.core.records import Item
from app.storage.chroma_library import StoredDocument


def doc_ref(item: Item) -> dict:
    return {"id": item.doc_id, "title": item.doc_title}


def item_json(item: Item) -> dict:
    return {
        "id": item.id,
        "text": item.text,
        "document": doc_ref(item),
        "section": item.section,
        "label": item.label,
        "kind": item.kind,
        "audience": item.audience,
        "themes": list(item.themes),
        "url": item.url,
    }


def document_summary(doc: StoredDocument, items: list[Item]) -> dict:
    counts: dict[str, int] = {}
    for i in items:
        counts[i.kind] = counts.get(i.kind, 0) + 1
    m = doc.meta
    return {
        "id": m.id,
        "title": m.title,
        "type": m.type,
        "subject": m.subject,
        "publisher": m.publisher,
        "date": m.date,
        "items": len(items),
        "item_counts": counts,
        "url": f"/documents/{m.id}",
    }


def document_detail(doc: StoredDocument, items: list[Item]) -> dict:
    sections: list[dict] = []
    for i in items:
        if not sections or sections[-1]["path"] != list(i.section_path):
            sections.append({"title": i.section, "path": list(i.section_path), "items": []})
        sections[-1]["items"].append(
            {**item_json(i), "start": i.start, "end": i.end, "order": i.order}
        )
    return {**document_summary(doc, items), "source": doc.meta.source, "sections": sections}
