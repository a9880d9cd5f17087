"""Format fidelity: the corpus's documents written as a partnership's web page would hold them,
as a word processor would (DOCX with heading and list styles, bold lead-ins, footnotes) and
printed to PDF by LibreOffice, then read back as uploads.
How many of the items the text files give does each format give again, with the same kind and
the same label? A measure of how the readers hold on layouts the corpus does not have.

    .venv/bin/python -m bench.format_bench      (the PDF row needs LibreOffice: make office)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from app.cli import _ingestor
from app.core.records import Item
from app.core.settings import Settings
from ingest.blocks import Block, parse_blocks
from ingest.classify import TABLE_TITLES
from ingest.readers import read_document
from tests.test_formats import with_footnote


def as_docx(blocks: list[Block], path: Path) -> None:
    import docx

    document = docx.Document()
    last = None  # the last paragraph written: a footnote's reference goes there
    for b in blocks:
        number = f"{b.number} " if b.number else ""
        if b.kind == "heading":
            document.add_heading(f"{number}{b.text}", 0 if b.level <= 1 else min(b.level, 3))
            continue
        if b.kind == "footnote":  # a real footnote, referenced from the paragraph before it
            if last is not None and b.number and b.number.isdigit():
                with_footnote(document, last, int(b.number), escape(b.text))
            continue
        style = "List Bullet" if b.kind == "bullet" else None
        paragraph = document.add_paragraph(style=style)
        text = f"{number}{b.text}"
        if b.lead and text.startswith(b.lead):
            paragraph.add_run(b.lead).bold = True
            text = text[len(b.lead) :]
        paragraph.add_run(text)
        last = paragraph
    document.save(str(path))


def as_html(blocks: list[Block], path: Path) -> None:
    """A partnership's web page of the document: its own headings, lists, bold lead-ins and
    footnotes, inside a site's menu, cookie notice and footer."""
    body: list[str] = []
    in_list = False
    for b in blocks:
        number = f"{b.number} " if b.number else ""
        if b.kind != "bullet" and in_list:
            body.append("</ul>")
            in_list = False
        text = escape(f"{number}{b.text}")
        if b.lead and text.startswith(escape(b.lead)):
            text = f"<strong>{escape(b.lead)}</strong>{text[len(escape(b.lead)) :]}"
        if b.kind == "heading":
            body.append(f"<h{min(max(b.level, 1), 4)}>{text}</h{min(max(b.level, 1), 4)}>")
        elif b.kind == "bullet":
            body.append("<ul>" if not in_list else "")
            in_list = True
            body.append(f"<li>{text}</li>")
        elif b.kind == "footnote":
            body.append(f'<p class="footnote"><sup>{b.number}</sup> {escape(b.text)}</p>')
        else:
            body.append(f"<p>{text}</p>")
    body.append("</ul>" if in_list else "")
    path.write_text(
        "<html><head><title>Reviews | Anyshire Safeguarding Children Partnership</title></head>"
        '<body><nav><a href="/">Home</a> <a href="/reviews">Reviews</a></nav>'
        '<div class="cookie-banner">We use cookies. <button>Accept</button></div>'
        f"<main>{''.join(body)}</main><footer>© Anyshire</footer></body></html>"
    )


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def compare(expected: list[Item], got: list[Item]) -> tuple[int, int, int, int]:
    """(items expected, found again, of those with the same kind, with the same label)."""
    texts = [(_plain(i.text), i) for i in got]
    found = kind = label = 0
    for item in expected:
        want = _plain(item.text)
        match = next((g for t, g in texts if t == want), None) or next(
            (g for t, g in texts if want in t), None
        )
        if match is not None:
            found += 1
            kind += match.kind == item.kind
            label += match.label == item.label
    return len(expected), found, kind, label


def run(settings: Settings) -> list[str]:
    ingestor = _ingestor(settings)
    office = shutil.which("soffice")
    totals = {"html": [0, 0, 0, 0], "docx": [0, 0, 0, 0], "pdf": [0, 0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for source in sorted(settings.corpus_dir.glob("*.txt")):
            data = source.read_bytes()
            text = ingestor.parse(source.name, data).items
            expected = list(text)
            blocks = parse_blocks(read_document(source.name, data).text, TABLE_TITLES)
            as_docx(blocks, out / f"{source.stem}.docx")
            as_html(blocks, out / f"{source.stem}.html")
            formats = ["html", "docx"]
            if office:
                subprocess.run(
                    [office, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                     str(out / f"{source.stem}.docx")],
                    check=True, capture_output=True, timeout=300,
                )  # fmt: skip
                formats.append("pdf")
            for fmt in formats:
                path = out / f"{source.stem}.{fmt}"
                got = ingestor.parse(path.name, path.read_bytes()).items
                for k, n in enumerate(compare(expected, got)):
                    totals[fmt][k] += n
        asked = _asked_of_pdfs(settings, out) if office else []
    lines = [
        "## Format fidelity (the corpus as a web page, a word processor's DOCX, and its PDF)",
        "",
        "| format | items of the text files | found again | same kind | same label |",
        "|---|---|---|---|---|",
    ]
    for fmt, (n, found, kind, label) in totals.items():
        if not n:
            lines.append(f"| {fmt} | LibreOffice not installed (`make office`) | | | |")
            continue
        lines.append(
            f"| {fmt} | {n} | {found} ({found / n:.0%}) | {kind / max(found, 1):.0%} "
            f"| {label / max(found, 1):.0%} |"
        )
    return [*lines, "", *asked]


def _asked_of_pdfs(settings: Settings, pdfs: Path) -> list[str]:
    """The held-out questions asked of a library built from the PDFs instead of the text
    files (the same catalogue): do answers hold when the documents arrive as PDF?"""
    from app.web.services import build_services
    from bench.questions import DEV, HELDOUT, hit_rank, load, score
    from bench.retrieval_bench import OUTSIDE
    from ingest.pipeline import corpus_files

    corpus = pdfs / "corpus"
    corpus.mkdir()
    for pdf in pdfs.glob("*.pdf"):
        shutil.copy(pdf, corpus / pdf.name)
    for toml in settings.corpus_dir.glob("*.toml"):
        text = toml.read_text()
        (corpus / toml.name).write_text(text.replace('.txt"', '.pdf"'))
    library = settings.model_copy(
        update={"data_dir": pdfs / "data", "corpus_dir": corpus, "models_dir": settings.model_dir}
    )
    ingestor = _ingestor(library)
    ingestor.run(corpus_files(corpus), sync=True)
    ingestor.library.close()
    services = build_services(library)
    lines = [
        "### The same questions asked of the corpus as PDFs",
        "",
        "| set | `/api/search` hit@5 | `/api/ask` hit@1 |",
        "|---|---|---|",
    ]
    heldout = load(HELDOUT)
    sets = [("held-out, report half", [q for q in heldout if q["half"] == "report"]),
            ("held-out, tune half", [q for q in heldout if q["half"] == "tune"]),
            ("dev.jsonl", load(DEV))]  # fmt: skip
    try:
        for name, questions in sets:
            answerable = [q for q in questions if q.get("expect") not in OUTSIDE]
            searched = [hit_rank([h.item.text for h in services.answerer.search(q["question"], 5)],
                                 q["evidence"]) for q in answerable]  # fmt: skip
            asked = [hit_rank([c.text for c in services.answerer.answer(q["question"]).citations],
                              q["evidence"]) for q in answerable]  # fmt: skip
            lines.append(
                f"| {name} | {score(searched)['hit@5']:.2f} | {score(asked)['hit@1']:.2f} |"
            )
    finally:
        services.close()
    return [*lines, ""]


if __name__ == "__main__":
    print("\n".join(run(Settings())))
