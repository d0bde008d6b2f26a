"""Stance models behind one interface: ``predict_proba(examples) -> (n, 5)`` over LABELS, ``save``, ``load_model``.

Every model folder holds ``model.json`` (its kind) and the example recipe, so every entry point loads any
model the same way and builds examples exactly as training did.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np

from country_stance.examples import Example, Recipe, TokenCounter

MODEL_FILE = "model.json"


class StanceModel(Protocol):
    kind: str
    recipe: Recipe

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    def predict_proba(self, examples: list[Example]) -> np.ndarray: ...

    def save(self, folder: str | Path) -> None: ...


def write_model_info(folder: str | Path, kind: str, recipe: Recipe, **extra: object) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MODEL_FILE).write_text(json.dumps({"kind": kind, **extra}, indent=2) + "\n", encoding="utf-8")
    recipe.save(folder)


def native_bf16() -> bool:
    """Whether this CPU multiplies bf16 in hardware (AVX512-BF16 or AMX). There, bf16 autocast made MiniLM
    training ~1.3x and label.py 1.75x faster than fp32 (whole runs); elsewhere bf16 is emulated and slower."""
    cpuinfo = Path("/proc/cpuinfo")
    flags = cpuinfo.read_text(encoding="utf-8") if cpuinfo.exists() else ""
    return "avx512_bf16" in flags or "amx_bf16" in flags


def load_model(folder: str | Path, backend: str = "torch", quantize: bool = False, batch_size: int = 32,
               threads: int | None = None, bf16: bool = False) -> StanceModel:
    """Load any saved model folder (transformer, majority, tfidf_logreg); transformers run on torch (fp32, or
    bf16 autocast) or onnx (fp32, or int8 with ``quantize``)."""
    folder = Path(folder)
    if bf16 and backend != "torch":
        raise ValueError(f"bf16 runs on the torch backend, not '{backend}' (use quantize=true for a faster onnx)")
    info_file = folder / MODEL_FILE
    if not info_file.exists():
        raise FileNotFoundError(f"{folder}: not a model folder (no {MODEL_FILE}); train one with scripts/train.py")
    kind = json.loads(info_file.read_text(encoding="utf-8"))["kind"]
    if kind == "transformer" and backend == "onnx":
        from country_stance.models.onnx import OnnxModel

        return OnnxModel.load(folder, quantize=quantize, batch_size=batch_size, threads=threads)
    if kind == "transformer":
        from country_stance.models.transformer import TransformerModel

        return TransformerModel.load(folder, batch_size=batch_size, threads=threads, bf16=bf16)
    from country_stance.models.baselines import BASELINES

    if kind not in BASELINES:
        raise ValueError(f"{info_file}: unknown model kind '{kind}'")
    return BASELINES[kind].load(folder)


__all__ = ["MODEL_FILE", "StanceModel", "TokenCounter", "load_model", "native_bf16", "write_model_info"]
