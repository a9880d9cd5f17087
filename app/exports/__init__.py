"""Export formats: one module each, listed here. A format renders a reflection session's record
and a discussion set as bytes; the printable page is the web layer's (a template)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.exports import markdown, word
from app.storage.sessions import SessionRecord
from app.storage.sets import SetRecord


@dataclass(frozen=True)
class ExportFormat:
    name: str  # the `format` query value and the file extension
    media_type: str
    session: Callable[[SessionRecord], bytes]
    discussion: Callable[[SetRecord], bytes]


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("md", markdown.MEDIA_TYPE, markdown.session, markdown.discussion),
        ExportFormat("docx", word.MEDIA_TYPE, word.session, word.discussion),
    )
}
