"""The API's JSON shapes, made from records. Stored records never are the API's JSON: a change
here changes what clients see, never what is on disk."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.records import DocumentMeta, Item
from app.reflection.clock import clock
from app.storage.library import StoredDocument
from app.storage.sessions import (
    ActionRecord,
    CitedItem,
    FollowUp,
    NoteRecord,
    SessionRecord,
    SessionSummary,
)
from app.storage.sets import SetRecord, SetSummary

Cited = Item | CitedItem  # a learning item as an answer, a session or a set cites it


def item_json(item: Cited) -> dict:
    return {
        "id": item.id,
        "text": item.text,
        "document": {"id": item.doc_id, "title": item.doc_title},
        "section": item.section,
        "label": item.label,
        "kind": item.kind,
        "audience": item.audience,
        "themes": list(item.themes),
        "url": item.url,
    }


def citations_json(items: Sequence[Cited]) -> list[dict]:
    return [{"n": n, **item_json(i)} for n, i in enumerate(items, 1)]


def document_summary(meta: DocumentMeta, counts: dict[str, int]) -> dict:
    return {
        "id": meta.id,
        "title": meta.title,
        "type": meta.type,
        "subject": meta.subject,
        "publisher": meta.publisher,
        "date": meta.date,
        "items": sum(counts.values()),
        "item_counts": dict(counts),
        "url": f"/documents/{meta.id}",
    }


def sections(items: list[Item]) -> list[dict]:
    """A document's items grouped under their sections, in document order."""
    out: list[dict] = []
    for i in items:
        if not out or out[-1]["path"] != list(i.section_path):
            out.append({"title": i.section, "path": list(i.section_path), "items": []})
        out[-1]["items"].append({**item_json(i), "start": i.start, "end": i.end, "order": i.order})
    return out


def document_detail(doc: StoredDocument, items: list[Item]) -> dict:
    counts: dict[str, int] = {}
    for i in items:
        counts[i.kind] = counts.get(i.kind, 0) + 1
    return {
        **document_summary(doc.meta, counts),
        "source": doc.meta.source,
        "origin": doc.meta.origin,
        "profile": profile_json(doc.profile or {}, items),
        "sections": sections(items),
    }


def profile_json(profile: dict, items: list[Item]) -> dict:
    """What a document says about itself, each fact with the item it was read from."""
    by_id = {i.id: i for i in items}
    out: dict = {"type": profile.get("type")}
    for name in ("author", "date", "partnership", "children", "publication"):
        fact = profile.get(name)
        if fact:
            source = by_id.get(fact.get("item") or "")
            out[name] = {
                "value": fact["value"],
                "sentence": fact.get("sentence"),
                "citation": item_json(source) if source else None,
            }
    summary = profile.get("summary")
    if summary:
        cited = [by_id[i] for i in summary.get("items", []) if i in by_id]
        out["summary"] = {"text": summary["text"], "citations": citations_json(cited)}
    points = profile.get("key_points")
    if points:  # the document's own list of what it found, under its own heading
        listed = [by_id[i] for i in points.get("items", []) if i in by_id]
        out["key_points"] = {"heading": points["heading"], "citations": citations_json(listed)}
    for name in ("findings", "recommendations", "changes"):
        out[name] = [
            {"label": by_id[e["item"]].label, "id": e["item"], "url": by_id[e["item"]].url}
            for e in profile.get(name, [])
            if e["item"] in by_id
        ]
    out["questions"] = profile.get("questions", 0)
    return out


def follow_up_json(f: FollowUp | None) -> dict | None:
    if f is None:
        return None
    return {
        "text": f.text,
        "citations": citations_json(f.citations),
        "status": f.status,
        "prompt_index": f.prompt_index,
    }


def note_json(n: NoteRecord) -> dict:
    return {
        "id": n.id,
        "prompt_index": n.prompt_index,
        "text": n.text,
        "created": n.created,
        "updated": n.updated,
        "follow_up": follow_up_json(n.follow_up),
    }


def action_json(a: ActionRecord) -> dict:
    return {
        "id": a.id,
        "text": a.text,
        "owner": a.owner,
        "due": a.due,
        "embedded": a.embedded,
        "created": a.created,
        "updated": a.updated,
        "note_id": a.note_id,
    }


def session_json(r: SessionRecord) -> dict:
    time = clock(r)
    return {
        "id": r.id,
        "title": r.title,
        "created": r.created,
        "updated": r.updated,
        "document_id": r.document_id,
        "theme": r.theme,
        "audience": r.audience,
        "derived": r.derived,
        "timer_minutes": r.timer_minutes,
        "attendees": r.attendees,
        "roles": list(r.roles),
        "note": r.note,
        "current_index": r.current_index,
        "timer": {
            "running": time.running,
            "elapsed_seconds": round(time.elapsed, 1),
            "remaining_seconds": round(time.remaining, 1),
        },
        "prompts": [
            {
                "index": p.index,
                "question": p.question,
                "kind": p.kind,
                "status": p.status,
                "follows": p.follows,
                "citations": citations_json(p.citations),
                "probes": list(p.probes),
                "notes": [note_json(n) for n in r.notes if n.prompt_index == p.index],
            }
            for p in r.in_order()
        ],
        "actions": [action_json(a) for a in r.actions],
    }


def session_summary_json(s: SessionSummary) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "audience": s.audience,
        "created": s.created,
        "updated": s.updated,
        "notes": s.notes,
        "actions": s.actions,
    }


def set_json(s: SetRecord) -> dict:
    return {
        "id": s.id,
        "created": s.created,
        "updated": s.updated,
        "title": s.title,
        "request": s.request,
        "version": s.version,
        "shortfall": (
            {"asked": s.request.get("count"), "given": len(s.questions), "reason": s.shortfall}
            if s.shortfall
            else None
        ),
        "questions": [
            {
                "text": q.text,
                "kind": q.kind,
                "form": q.form,
                "edited": q.original is not None,
                "original": q.original,
                "facilitator_notes": q.facilitator_notes,
                "notes": [
                    {"label": n.label, "text": n.text, "cites": list(n.cites)} for n in q.notes
                ],
                "citations": citations_json(q.citations),
            }
            for q in s.questions
        ],
        "case_summaries": [
            {
                "document": {"id": c.doc_id, "title": c.doc_title},
                "text": c.text,
                "citations": [item_json(i) for i in c.citations],
            }
            for c in s.case_summaries
        ],
    }


def set_summary_json(s: SetSummary) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "created": s.created,
        "questions": s.questions,
        "version": s.version,
    }
