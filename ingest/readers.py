"""Every supported format -> Markdown-ish text ('#' headings, '- ' bullets, blank-line paragraphs).

Each reader uses a library made for its format; all of them feed the same block parser, so a
briefing gives the same items whichever format it arrives in.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

SUPPORTED = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")


class UnreadableDocument(ValueError):
    """The file is not a document we can read (wrong type, empty, corrupt)."""


def read_document(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    try:
        match suffix:
            case ".txt" | ".md" | ".markdown":
                text = data.decode("utf-8-sig", errors="replace")
            case ".pdf":
                text = _pdf(data)
            case ".docx":
                text = _docx(data)
            case ".html" | ".htm":
                text = _html(data)
            case _:
                raise UnreadableDocument(
                    f"unsupported file type; use one of {', '.join(SUPPORTED)}"
                )
    except UnreadableDocument:
        raise
    except Exception as exc:  # a corrupt file of a supported type
        raise UnreadableDocument(f"could not read the {suffix.lstrip('.').upper()} file") from exc
    if not text.strip():
        raise UnreadableDocument("no text could be extracted")
    return text


def _pdf(data: bytes) -> str:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    paragraphs: list[str] = []
    for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
        for element in page:
            if isinstance(element, LTTextContainer):
                lines = [ln.strip() for ln in element.get_text().splitlines() if ln.strip()]
                paragraphs.extend(_pdf_box(lines))
    return "\n\n".join(paragraphs)


_PDF_BULLET = re.compile(r"^(?:[•●▪◦‣∙·]|\(cid:\d+\)|-)\s*")


def _pdf_box(lines: list[str]) -> list[str]:
    """A text box's wrapped lines -> paragraphs; a bullet glyph (or an unmapped glyph where
    the font has no text for it, '(cid:127)') starts a new bulleted one."""
    out: list[str] = []
    for line in lines:
        if m := _PDF_BULLET.match(line):
            out.append("- " + line[m.end() :])
        elif not out:
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return out


def _docx(data: bytes) -> str:
    import docx

    out: list[str] = []
    for p in docx.Document(io.BytesIO(data)).paragraphs:
        text = p.text.strip()
        if not text:
            continue
        style = (p.style.name if p.style is not None else "").lower()
        if style.startswith("heading") or style == "title":
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            out.append(f"{'#' * level} {text}")
        elif "list" in style:
            out.append(f"- {text}")
        else:
            out.append(text)
    return "\n\n".join(out)


def _html(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "template"]):
        tag.decompose()
    out: list[str] = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td"]):
        if el.find_parent(["li", "p", "td"]) is not None:
            continue
        text = " ".join(el.get_text(" ").split())
        if not text:
            continue
        if el.name.startswith("h"):
            out.append(f"{'#' * int(el.name[1])} {text}")
        elif el.name == "li":
            out.append(f"- {text}")
        else:
            out.append(text)
    return "\n\n".join(out)
