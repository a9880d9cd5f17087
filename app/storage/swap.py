"""Building a library beside the one in use, and swapping it in: a library is in use at every
moment, the old one until the new one is complete."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REBUILD_SUFFIX = ".rebuild"
OLD_SUFFIX = ".old"
COMPLETE = "complete"


def rebuild_path(index_dir: Path) -> Path:
    """An empty directory beside the library, to build a new one in."""
    recover(index_dir)
    target = index_dir.with_name(index_dir.name + REBUILD_SUFFIX)
    shutil.rmtree(target, ignore_errors=True)  # an earlier rebuild that did not finish
    return target


def swap_in(index_dir: Path, built: Path) -> None:
    """Make the finished library in `built` the one in use; the old one goes only after."""
    (built / COMPLETE).touch()
    old = index_dir.with_name(index_dir.name + OLD_SUFFIX)
    shutil.rmtree(old, ignore_errors=True)
    if index_dir.exists():
        os.replace(index_dir, old)
    os.replace(built, index_dir)
    (index_dir / COMPLETE).unlink(missing_ok=True)
    shutil.rmtree(old, ignore_errors=True)


def recover(index_dir: Path) -> None:
    """Finish or undo a swap that was interrupted: a library is always in use afterwards if
    there was one before."""
    built = index_dir.with_name(index_dir.name + REBUILD_SUFFIX)
    old = index_dir.with_name(index_dir.name + OLD_SUFFIX)
    if index_dir.exists():
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        return
    if (built / COMPLETE).exists():
        os.replace(built, index_dir)
        (index_dir / COMPLETE).unlink(missing_ok=True)
    elif old.exists():
        os.replace(old, index_dir)
