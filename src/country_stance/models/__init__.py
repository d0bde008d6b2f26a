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


def load_model(folder: str | Path, backend: str = "torch", quantize: bool = False, batch_size: int = 32,
               threads: int | None = None) -> StanceModel:
    """Load any saved model folder (transformer, majority, tfidf_logreg); transformers run on torch or onnx."""
    folder = Path(folder)
    info_file = folder / MODEL_FILE
    if not info_file.exists():
        raise FileNotFoundError(f"{folder}: not a model folder (no {MODEL_FILE}); train one with scripts/train.py")
    kind = json.loads(info_file.read_text(encoding="utf-8"))["kind"]
    if kind == "transformer" and backend == "onnx":
        from country_stance.models.onnx import OnnxModel

        return OnnxModel.load(folder, quantize=quantize, batch_size=batch_size, threads=threads)
    if kind == "transformer":
        from country_stance.models.transformer import TransformerModel

        return TransformerModel.load(folder, batch_size=batch_size, threads=threads)
    from country_stance.models.baselines import BASELINES

    if kind not in BASELINES:
        raise ValueError(f"{info_file}: unknown model kind '{kind}'")
    return BASELINES[kind].load(folder)


__all__ = ["MODEL_FILE", "StanceModel", "TokenCounter", "load_model", "write_model_info"]
