"""The stored shapes of the records of sessions and sets: what a database keeps of each, in
JSON, never the API's JSON (app.storage.sqlite's store writes them, and the Postgres store that
runs its SQL)."""

from __future__ import annotations

import json
from dataclasses import asdict

from app.storage.sessions import CitedItem, FollowUp, PromptRecord
from app.storage.sets import CaseSummary, NewSet, NotePart, SetQuestion, SetRecord


def encode_cited(c: CitedItem) -> dict:
    return asdict(c)


def decode_cited(d: dict) -> CitedItem:
    if "document" in d:  # the shape before records had their own (API JSON)
        d = {**d, "doc_id": d["document"]["id"], "doc_title": d["document"]["title"]}
    return CitedItem(
        d["id"],
        d["doc_id"],
        d["doc_title"],
        d["section"],
        d["label"],
        d["kind"],
        d["text"],
        d.get("audience"),
        tuple(d.get("themes") or ()),
    )


def encode_prompt(p: PromptRecord) -> dict:
    return {
        "index": p.index,
        "question": p.question,
        "kind": p.kind,
        "citations": [encode_cited(c) for c in p.citations],
        "probes": list(p.probes),
        "status": p.status,
        "order": p.order,
        "follows": p.follows,
    }


def decode_prompt(d: dict) -> PromptRecord:
    return PromptRecord(
        d["index"],
        d["question"],
        d["kind"],
        tuple(decode_cited(c) for c in d.get("citations", ())),
        tuple(d.get("probes", ())),
        d.get("status", "open"),
        float(d.get("order", d["index"])),
        d.get("follows"),
    )


def encode_follow_up(f: FollowUp | None) -> str | None:
    if f is None:
        return None
    return dumps(
        {
            "text": f.text,
            "citations": [encode_cited(c) for c in f.citations],
            "status": f.status,
            "prompt_index": f.prompt_index,
        }
    )


def decode_follow_up(raw: str | None) -> FollowUp | None:
    if not raw:
        return None
    d = json.loads(raw)
    cited = tuple(decode_cited(c) for c in d.get("citations", ()))
    return FollowUp(d["text"], cited, d.get("status", "offered"), d.get("prompt_index"))


def encode_question(q: SetQuestion) -> dict:
    return {
        "text": q.text,
        "kind": q.kind,
        "facilitator_notes": q.facilitator_notes,
        "citations": [encode_cited(c) for c in q.citations],
        "form": q.form,
        "notes": [asdict(n) for n in q.notes],
        "original": q.original,
    }


def decode_question(d: dict) -> SetQuestion:
    return SetQuestion(
        d["text"],
        d["kind"],
        d.get("facilitator_notes", ""),
        tuple(decode_cited(c) for c in d.get("citations", ())),
        d.get("form", ""),
        tuple(
            NotePart(n["label"], n["text"], tuple(n.get("cites", ()))) for n in d.get("notes", ())
        ),
        d.get("original"),
    )


def encode_case(c: CaseSummary) -> dict:
    return {
        "doc_id": c.doc_id,
        "doc_title": c.doc_title,
        "text": c.text,
        "citations": [encode_cited(x) for x in c.citations],
    }


def decode_case(d: dict) -> CaseSummary:
    if "document" in d:
        d = {**d, "doc_id": d["document"]["id"], "doc_title": d["document"]["title"]}
    return CaseSummary(
        d["doc_id"],
        d["doc_title"],
        d["text"],
        tuple(decode_cited(c) for c in d.get("citations", ())),
    )


def set_body(record: SetRecord | NewSet) -> str:
    return dumps(
        {
            "request": record.request,
            "questions": [encode_question(q) for q in record.questions],
            "case_summaries": [encode_case(c) for c in record.case_summaries],
            "shortfall": record.shortfall,
        }
    )


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
