"""Starting `reflect serve` as a real process for a test, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from tests.browser.conftest import _port as free_port  # noqa: F401 (re-exported)


def serve(settings, port: int, **env: str) -> subprocess.Popen:
    """`reflect serve` on `settings` (its data dir, models and database), ready when its
    personal-data guard is."""
    environment = {
        **os.environ,
        "REFLECT_DATA_DIR": str(settings.data_dir),
        "REFLECT_PORT": str(port),
        "REFLECT_MODELS_DIR": str(settings.model_dir),
        "HF_HUB_OFFLINE": "1",
        "REFLECT_LOG_LEVEL": "warning",
        **({"REFLECT_DATABASE_URL": settings.database_url} if settings.database_url else {}),
        **env,
    }
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve"], env=environment)
    for _ in range(1800):
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}")
        try:
            health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            if health.json().get("privacy_guard") == "ready":
                return proc
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.1)
    proc.kill()
    pytest.fail("server did not start")
