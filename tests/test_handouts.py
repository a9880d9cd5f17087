"""Handouts as a reader sees them: the DOCX a trainer downloads opens in a real word processor
(LibreOffice, headless) and its pages are saved as images under test-output/handouts for a
person to look at; the reflection record the same way."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.web.app import create_app

pytestmark = pytest.mark.slow
OUT = Path(__file__).resolve().parent.parent / "test-output" / "handouts"
needs_office = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="LibreOffice and poppler-utils come from Debian's packages: `make test` installs them",
)


@pytest.fixture(scope="module")
def client(real_settings):
    with TestClient(create_app(real_settings)) as c:
        yield c


def as_pages(docx: bytes, name: str, tmp_path: Path) -> tuple[list[Path], str]:
    """The DOCX through LibreOffice into a PDF, its text, and its pages as PNG images."""
    source = tmp_path / f"{name}.docx"
    source.write_bytes(docx)
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / f"{name}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / name)], check=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return sorted(OUT.glob(f"{name}-*.png")), text


@needs_office
def test_a_discussion_set_handout_opens_in_a_word_processor(client, tmp_path):
    r = client.post(
        "/api/discussion-sets",
        json={"theme": "was-not-brought", "audience": "practitioners", "count": 8},
    )
    s = r.json()
    docx = client.get(f"/api/discussion-sets/{s['id']}/export", params={"format": "docx"})
    pages, text = as_pages(docx.content, "discussion-set-was-not-brought", tmp_path)
    assert len(pages) >= 2  # the participants' page, then the facilitator's pages
    squashed = " ".join(text.split())
    assert "Questions for discussion" in squashed and "Facilitator notes" in squashed
    first_words = " ".join(s["questions"][0]["text"].split()[:6])
    assert first_words in squashed
    assert "›" in squashed  # sources by the documents' own labels


@needs_office
def test_a_reflection_record_opens_in_a_word_processor(client, tmp_path):
    s = client.post("/api/reflections", json={"document_id": "child-ak-learning-briefing"}).json()
    url = f"/api/reflections/{s['id']}"
    client.post(f"{url}/notes", json={"prompt_index": 0, "text": "We look at each referral alone."})
    client.post(f"{url}/actions", json={"text": "Chronology in every open case", "owner": "Team"})
    docx = client.get(f"{url}/export", params={"format": "docx"})
    pages, text = as_pages(docx.content, "reflection-child-ak", tmp_path)
    assert pages and "Learning briefing reflection: Child AK" in " ".join(text.split())
