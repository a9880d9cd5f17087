"""The library: list, read, upload (admin) and delete (admin) documents."""

from __future__ import annotations

import hmac
import os
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Header, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from app.web.errors import ApiError, not_found
from app.web.services import Deps, Services, client_id, screen
from app.web.views import document_detail, document_summary

router = APIRouter(prefix="/api/documents", tags=["documents"])
SUPPORTED = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def require_admin(services: Services, authorization: str | None) -> None:
    token = services.settings.admin_token
    if not token:
        raise ApiError(403, "admin_disabled", "Admin endpoints are off: set REFLECT_ADMIN_TOKEN.")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "unauthorized", "A valid admin token is required.")


def valid_doc_id(doc_id: str) -> str:
    if not DOC_ID.match(doc_id):
        raise not_found("document")
    return doc_id


def summaries(services: Services) -> list[dict]:
    counts = services.library.kind_counts()
    return [document_summary(m, counts.get(m.id, {})) for m in services.library.documents()]


@router.get("")
def list_documents(services: Deps) -> dict:
    return {"documents": summaries(services)}


@router.get("/{doc_id}")
def get_document(doc_id: str, services: Deps) -> dict:
    doc = services.library.document(valid_doc_id(doc_id))
    if doc is None:
        raise not_found("document")
    return document_detail(doc, services.library.items_of(doc_id))


def _safe_name(filename: str | None) -> tuple[str, str]:
    name = Path((filename or "").replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise ApiError(
            415, "unsupported_type", f"Unsupported file type; use one of {', '.join(SUPPORTED)}."
        )
    stem = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:80] or "document"
    return stem, suffix


async def _read_capped(file: UploadFile, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := await file.read(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise ApiError(
                413, "too_large", f"The file is over the {limit // (1024 * 1024)} MB limit."
            )
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise ApiError(422, "empty_file", "The file is empty.")
    return data


@router.post("", status_code=201)
async def upload_document(
    services: Deps,
    request: Request,
    file: Annotated[UploadFile, File()],
    authorization: Annotated[str | None, Header()] = None,
) -> dict:
    require_admin(services, authorization)
    services.rate_limits.hit("upload", client_id(request))
    if services.writer is None:
        raise ApiError(503, "read_only", "This server cannot add documents.")
    stem, suffix = _safe_name(file.filename)
    named = screen(services, stem.replace("-", " "))  # a file named after a child is refused too
    if named.redacted:
        raise ApiError(
            422,
            "personal_data",
            "The file's name looks like it contains a person's name. Please rename the file "
            "after the review (for example 'child-t-learning-briefing.pdf') and upload again.",
        )
    data = await _read_capped(file, services.settings.max_upload_bytes)
    added = await run_in_threadpool(_store_upload, services, stem + suffix, data)
    meta = next(m for m in services.library.documents() if m.id == added.doc_id)
    counts = services.library.kind_counts().get(added.doc_id, {})
    return {"changed": added.changed, "document": document_summary(meta, counts)}


def _store_upload(services: Services, name: str, data: bytes):  # type: ignore[no-untyped-def]
    from_writer = services.writer
    assert from_writer is not None
    try:
        added = from_writer.add(name, data)
        from_writer.index_words()
    except ValueError as exc:  # UnreadableDocument: say what is wrong with the file, not its text
        raise ApiError(
            422, "unreadable_document", f"The document could not be read: {exc}."
        ) from exc
    uploads = services.settings.uploads_dir
    uploads.mkdir(parents=True, exist_ok=True)
    target = (uploads / name).resolve()
    if target.parent != uploads.resolve():  # belt and braces: names are slugs already
        raise ApiError(422, "bad_filename", "Invalid file name.")
    with tempfile.NamedTemporaryFile(dir=uploads, delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, target)
    return added


@router.delete("/{doc_id}")
def delete_document(
    doc_id: str, services: Deps, authorization: Annotated[str | None, Header()] = None
) -> dict:
    """Remove a document and its file, so that the next ingest does not bring it back. An
    upload's file is deleted; a corpus file is moved to `<data dir>/withdrawn/`, from where
    an administrator can restore it."""
    require_admin(services, authorization)
    doc = services.library.document(valid_doc_id(doc_id))
    if doc is None:
        raise not_found("document")
    services.library.delete_document(doc_id)
    _remove_source(services, doc.meta.origin, doc.meta.source)
    return {"deleted": doc_id}


def _remove_source(services: Services, origin: str, source: str) -> None:
    settings = services.settings
    folder = settings.corpus_dir if origin == "corpus" else settings.uploads_dir
    path = (folder / source).resolve()
    if not source or path.parent != folder.resolve() or not path.is_file():
        return
    if origin == "corpus":
        withdrawn = settings.data_dir / "withdrawn"
        withdrawn.mkdir(parents=True, exist_ok=True)
        os.replace(path, withdrawn / path.name)
    else:
        path.unlink(missing_ok=True)
