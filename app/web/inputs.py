"""Free text as the API accepts it: no NUL or other control characters, no bidirectional
overrides (which can disguise what a text says), no lone surrogates (which cannot be stored)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str) -> str:
    if _SURROGATE.search(value):
        raise ValueError("text is not valid Unicode")
    cleaned = _CONTROLS.sub("", value).strip()
    if not cleaned:
        raise ValueError("text is empty")
    return cleaned


def Text(max_length: int) -> type[str]:  # noqa: N802 - reads as a type in models
    return Annotated[  # type: ignore[return-value]
        str, Field(min_length=1, max_length=max_length), AfterValidator(clean_text)
    ]
