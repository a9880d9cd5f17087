"""One way to send an exported record: a file in any registered format, or a printable page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.exports import FORMATS, ExportFormat

PAGE = "html"
Format = Annotated[str, Query(pattern="^(" + "|".join([*FORMATS, PAGE]) + ")$")]


def download(
    request: Request,
    format: str,
    name: str,
    render: Callable[[ExportFormat], bytes],
    page: tuple[str, dict],
) -> Response:
    if format == PAGE:
        from app.web.routes.pages import templates

        template, context = page
        return templates.TemplateResponse(request, template, context)
    chosen = FORMATS[format]
    attachment = {"Content-Disposition": f'attachment; filename="{name}.{chosen.name}"'}
    return Response(render(chosen), media_type=chosen.media_type, headers=attachment)
