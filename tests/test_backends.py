"""The inference backends: torch fp32, torch bf16 autocast, ONNX Runtime fp32 and int8."""

from __future__ import annotations

import numpy as np
import pytest

from country_stance.examples import build_examples
from country_stance.labeller import Labeller
from country_stance.models import load_model


def test_onnx_fp32_gives_the_same_labels_as_torch(tiny_model, sample_article) -> None:
    torch_model = load_model(tiny_model)
    onnx_model = load_model(tiny_model, backend="onnx")
    examples = build_examples(sample_article, torch_model.recipe, torch_model.count_tokens)
    np.testing.assert_allclose(onnx_model.predict_proba(examples), torch_model.predict_proba(examples), atol=1e-5)
    [from_torch] = Labeller(torch_model).label([sample_article])
    [from_onnx] = Labeller(onnx_model).label([sample_article])
    assert from_onnx.predicted() == from_torch.predicted()
    assert (tiny_model / "onnx" / "model.onnx").exists()


def test_onnx_int8_runs_and_is_cached(tiny_model, sample_article) -> None:
    int8 = load_model(tiny_model, backend="onnx", quantize=True)
    exported = tiny_model / "onnx" / "model.int8.onnx"
    stamp = exported.stat().st_mtime_ns
    [labelled] = Labeller(int8).label([sample_article])
    assert sorted(labelled.predicted()) == sorted(sample_article.gold())
    load_model(tiny_model, backend="onnx", quantize=True)
    assert exported.stat().st_mtime_ns == stamp  # reused, not exported again


def test_bf16_autocast_stays_close_to_fp32_and_is_refused_on_onnx(tiny_model, sample_article) -> None:
    fp32 = load_model(tiny_model)
    examples = build_examples(sample_article, fp32.recipe, fp32.count_tokens)
    got, want = load_model(tiny_model, bf16=True).predict_proba(examples), fp32.predict_proba(examples)
    assert not np.array_equal(got, want)  # the forward really ran in bf16
    np.testing.assert_allclose(got, want, atol=0.02)
    with pytest.raises(ValueError, match="bf16 runs on the torch backend, not 'onnx'"):
        load_model(tiny_model, backend="onnx", bf16=True)
