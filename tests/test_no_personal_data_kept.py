"""After a session in which a practitioner typed personal data, neither the server's log nor
anything under the data dir holds any of the values."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import httpx
import pytest

from tests.browser.conftest import _port
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
VALUES = [
    "Jayden",
    "Kelly",
    "Okafor",
    "943 476 5919",
    "07700 900123",
    "14/02/2024",
    "kelly.smith@example.com",
    "LS1 4AB",
]


def test_typed_personal_data_is_nowhere_on_disk_or_in_logs(real_settings, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(real_settings.data_dir, data)
    port, log = _port(), tmp_path / "server.log"
    env = {
        **os.environ,
        "REFLECT_DATA_DIR": str(data),
        "REFLECT_PORT": str(port),
        "REFLECT_MODELS_DIR": str(real_settings.model_dir),
        "HF_HUB_OFFLINE": "1",
        "REFLECT_LOG_LEVEL": "debug",
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(1200):
                try:
                    if httpx.get(f"{base}/healthz").json()["privacy_guard"] == "ready":
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            c = httpx.Client(base_url=base, timeout=30)
            asked = c.post(
                "/api/ask",
                json={
                    "question": "Jayden is 4 and his mum Kelly keeps "
                    "missing appointments, what should I do?"
                },
            )
            assert asked.status_code == 200
            assert asked.json()["privacy"]["redacted"] == ["name"]
            assert (
                c.post(
                    "/api/ask", json={"question": "NHS 943 476 5919 was not brought"}
                ).status_code
                == 422
            )
            assert c.get("/api/search", params={"q": "call 07700 900123"}).status_code == 422
            assert (
                c.get("/api/search", params={"q": "Jayden missed appointments"}).status_code == 200
            )
            sid = c.post(
                "/api/reflections", json={"document_id": "child-ak-learning-briefing"}
            ).json()["id"]
            note = c.post(
                f"/api/reflections/{sid}/notes",
                json={
                    "prompt_index": 0,
                    "text": "Kelly said Jayden was seen on 14/02/2024 by Dr Okafor",
                },
            )
            assert note.status_code == 201 and "Kelly" not in note.text
            assert (
                c.post(
                    f"/api/reflections/{sid}/notes",
                    json={"prompt_index": 0, "text": "email kelly.smith@example.com, LS1 4AB"},
                ).status_code
                == 422
            )
            assert (
                c.post(
                    f"/api/reflections/{sid}/actions",
                    json={"text": "Check on Jayden", "owner": "Team manager"},
                ).status_code
                == 201
            )
            for fmt in ("md", "docx", "html"):
                export = c.get(f"/api/reflections/{sid}/export", params={"format": fmt}).content
                assert not any(v.encode() in export for v in VALUES)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    logged = log.read_bytes()
    assert b'"path": "/api/ask"' in logged  # the log is there, and structured
    for value in VALUES:
        assert value.encode() not in logged, f"{value} in the log"
    for path in data.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            for value in VALUES:
                assert value.encode() not in blob, f"{value} in {path.relative_to(data)}"
