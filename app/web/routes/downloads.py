"""One way to send an exported record: Markdown or DOCX as a download, or a printable page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response

Format = Literal["md", "docx", "html"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(
    request: Request,
    format: Format,
    name: str,
    markdown: Callable[[], str],
    docx: Callable[[], bytes],
    page: tuple[str, dict],
) -> Response:
    attachment = {"Content-Disposition": f'attachment; filename="{name}.{format}"'}
    match format:
        case "md":
            return PlainTextResponse(
                markdown(), media_type="text/markdown; charset=utf-8", headers=attachment
            )
        case "docx":
            return Response(docx(), media_type=DOCX, headers=attachment)
    from app.web.routes.pages import templates

    template, context = page
    return templates.TemplateResponse(request, template, context)
