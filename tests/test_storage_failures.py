"""Unlucky days: a read-only data dir, a full disk, a rebuild killed part way, exports of text
XML cannot hold. Real servers (subprocesses) over a copy of the real library; the read-only and
full file systems are mounts private to the server's process (`unshare -m`)."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time

import httpx
import pytest

from app.core.embeddings import ONNX_NAME
from app.exports import word
from app.storage.embedded import EmbeddedLibrary
from app.storage.sessions import CitedItem, PromptRecord, SessionRecord
from tests.browser.conftest import _port
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def can_mount() -> bool:
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    shutil.which("unshare") is None or not can_mount(),
    reason="private mounts (unshare -m, as root) are not available here",
)


def serve(data, models, mount: str) -> tuple[subprocess.Popen, str]:
    """A server whose data dir is made read-only or full by `mount` (a shell snippet run in the
    server's own mount namespace, with $D the data dir)."""
    port = _port()
    env = {
        **os.environ,
        "D": str(data),
        "REFLECT_DATA_DIR": str(data),
        "REFLECT_PORT": str(port),
        "REFLECT_MODELS_DIR": str(models),
        "REFLECT_LOG_LEVEL": "warning",
        "REFLECT_ADMIN_TOKEN": "admin-secret",
        "HF_HUB_OFFLINE": "1",
    }
    script = f"{mount} && exec {sys.executable} -m app.cli serve"
    proc = subprocess.Popen(["unshare", "-m", "sh", "-c", script], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).json()["privacy_guard"] == "ready":
                return proc, base
        except (httpx.HTTPError, KeyError, ValueError):
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("the server did not start")


@pytest.fixture
def data_copy(real_settings, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(real_settings.data_dir, data)
    return data


@needs_mounts
def test_a_read_only_data_dir_serves_reads_and_refuses_writes(data_copy, real_settings):
    mount = 'mount --bind "$D" "$D" && mount -o remount,bind,ro "$D"'
    proc, base = serve(data_copy, real_settings.model_dir, mount)
    try:
        health = httpx.get(f"{base}/healthz").json()
        assert health["status"] == "ok" and health["read_only"] is True
        answer = httpx.post(f"{base}/api/ask", json={"question": "What is cumulative harm?"})
        assert answer.status_code == 200 and answer.json()["citations"]
        made = httpx.post(f"{base}/api/reflections", json={"theme": "cumulative-harm"}, timeout=60)
        assert made.status_code == 503 and made.json()["error"]["code"] == "read_only"
        upload = httpx.post(
            f"{base}/api/documents",
            files={"file": ("x.md", b"# Child Y\n\n## Learning\n\n" + b"Learn this. " * 20)},
            headers={"Authorization": "Bearer admin-secret"},
        )
        assert upload.status_code == 503
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@needs_mounts
def test_a_full_disk_refuses_writes_with_507_and_loses_nothing(data_copy, real_settings):
    staging = data_copy.with_name("staging")
    mount = (
        f'cp -a "$D/." "{staging}/" && mount -t tmpfs -o size=64m tmpfs "$D" && '
        f'cp -a "{staging}/." "$D/"'
    )
    staging.mkdir()
    proc, base = serve(data_copy, real_settings.model_dir, mount)
    try:
        assert httpx.get(f"{base}/healthz").json()["status"] == "ok"
        seen_by_server = f"/proc/{proc.pid}/root{data_copy}"  # the server's own mounts
        subprocess.run(f'dd if=/dev/zero of="{seen_by_server}/filler" bs=64k', shell=True,
                       capture_output=True)  # fmt: skip
        made = httpx.post(f"{base}/api/reflections", json={"theme": "cumulative-harm"}, timeout=60)
        assert made.status_code == 507, made.text
        assert made.json()["error"]["code"] == "insufficient_storage"
        text = b"# Child Y learning briefing\n\n## Learning points\n\n" + b"Always look. " * 4000
        upload = httpx.post(
            f"{base}/api/documents",
            files={"file": ("child-y.md", text)},
            headers={"Authorization": "Bearer admin-secret"},
            timeout=120,
        )
        assert upload.status_code == 507, upload.text
        docs = httpx.get(f"{base}/api/documents").json()["documents"]
        assert len(docs) == 5 and "child-y" not in {d["id"] for d in docs}
        assert httpx.get(f"{base}/healthz").json()["status"] == "ok"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_rebuild_killed_part_way_leaves_the_old_library_serving(data_copy, real_settings):
    env = {
        **os.environ,
        "REFLECT_DATA_DIR": str(data_copy),
        "REFLECT_MODELS_DIR": str(real_settings.model_dir),
        "HF_HUB_OFFLINE": "1",
    }
    rebuild = [sys.executable, "-m", "app.cli", "ingest", "--rebuild"]
    proc = subprocess.Popen(rebuild, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    building = data_copy / "index.rebuild" / "library.db"
    deadline = time.monotonic() + 120
    while not building.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # part way through embedding
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    library = EmbeddedLibrary(data_copy / "index", ONNX_NAME)
    assert library.size()[0] == 5 and library.check(repair=False).ok
    library.close()
    done = subprocess.run(rebuild, env=env, cwd=ROOT, capture_output=True, timeout=600)
    assert done.returncode == 0
    assert not (data_copy / "index.rebuild").exists()
    library = EmbeddedLibrary(data_copy / "index", ONNX_NAME)
    assert library.size()[0] == 5 and library.check(repair=False).ok


def test_a_library_swapped_in_under_a_closed_one_is_read_afresh(data_copy):
    """What a rebuild does to a server that had the old library open: the directory is replaced."""
    index = data_copy / "index"
    EmbeddedLibrary(index, ONNX_NAME).close()
    EmbeddedLibrary(data_copy / "built", ONNX_NAME).close()
    index.rename(data_copy / "index.old")
    (data_copy / "built").rename(index)
    shutil.rmtree(data_copy / "index.old")
    library = EmbeddedLibrary(index, ONNX_NAME)
    assert library.size() == (0, 0) and library.check(repair=False).problems == ()
    library.close()


def test_word_exports_drop_characters_xml_cannot_hold():
    import docx

    cited = CitedItem("a" * 16, "d", "Doc", "Section", "Learning point 1", "learning_point",
                      "Page one\x0cpage two\x00 and a bell\x07.")  # fmt: skip
    record = SessionRecord(
        "s" * 16, "2026-11-24", "2026-11-24", "Doc\x0b", "practitioners", "d", None, False, 7,
        None, 0, (PromptRecord(0, "What\x0c now?", "question", (cited,)),),
    )  # fmt: skip
    opened = docx.Document(io.BytesIO(word.session(record)))
    text = "\n".join(p.text for p in opened.paragraphs)
    assert "Page one page two" in text and "\x0c" not in text
