"""The layers stay true: imports run one way (contracts in pyproject.toml, import-linter)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_imports_follow_the_layers():
    run = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports; exit(lint_imports())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout
