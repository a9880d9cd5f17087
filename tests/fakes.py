"""Fakes at the boundary: a deterministic embedder that really implements the interface."""

from __future__ import annotations

import hashlib
import re

import numpy as np

DIM = 384


class HashEmbedder:
    """Bag of hashed words: similar wording gives similar vectors. Fast, deterministic."""

    name = "test-hash-embedder"

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, h % DIM] += 1.0
            out[row, -1] += 0.01  # never the zero vector
        return out / np.linalg.norm(out, axis=1, keepdims=True)
