"""Prompts are data: Jinja2 files in prompts/, rendered with StrictUndefined (a missing
variable is an error, never a silent blank)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(PROMPTS),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


def render(name: str, **values: object) -> str:
    return _env().get_template(name).render(**values)
