"""A packaged pretrained encoder fine-tuned as a sequence-pair classifier (context, country name)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer, PreTrainedTokenizerBase

from country_stance.examples import Example, Recipe
from country_stance.labels import ID2LABEL, LABEL2ID
from country_stance.models import write_model_info


def packaged_encoder(package: str, folder: str) -> Path:
    """The Hugging Face folder shipped inside an installed PyPI package (weights come from PyPI, not a hub)."""
    try:
        path = Path(str(resources.files(package).joinpath(folder)))
    except ModuleNotFoundError:
        raise FileNotFoundError(f"encoder package '{package}' is not installed (pip install {package})") from None
    if not (path / "config.json").exists():
        raise FileNotFoundError(f"{path}: no config.json, so not a Hugging Face model folder")
    return path


class TransformerModel:
    kind = "transformer"

    def __init__(self, model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, recipe: Recipe,
                 batch_size: int = 32, bf16: bool = False) -> None:
        self.model, self.tokenizer, self.recipe, self.batch_size = model, tokenizer, recipe, batch_size
        self.bf16 = bf16  # inference under bf16 autocast (weights stay fp32)

    @classmethod
    def from_encoder(cls, path: str | Path, recipe: Recipe) -> TransformerModel:
        """A fresh classification head on a pretrained encoder folder."""
        model = AutoModelForSequenceClassification.from_pretrained(
            path, num_labels=len(LABEL2ID), id2label=ID2LABEL, label2id=LABEL2ID, local_files_only=True
        )
        return cls(model, AutoTokenizer.from_pretrained(path, local_files_only=True), recipe)

    def freeze_lower_layers(self, layers: int) -> None:
        """Freeze the embeddings and the lowest ``layers`` encoder layers (0: train everything).

        On a 2-core CPU, backward through fewer layers is what makes fine-tuning fit in minutes."""
        if layers <= 0:
            return
        base = getattr(self.model, self.model.base_model_prefix)
        for module in [base.embeddings, *base.encoder.layer[:layers]]:
            for parameter in module.parameters():
                parameter.requires_grad = False

    @classmethod
    def load(cls, folder: str | Path, batch_size: int = 32, threads: int | None = None,
             bf16: bool = False) -> TransformerModel:
        if threads:
            torch.set_num_threads(threads)
        model = AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True, local_files_only=True)
        model.eval()
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        return cls(model, tokenizer, Recipe.load(folder), batch_size, bf16)

    def save(self, folder: str | Path) -> None:
        self.model.save_pretrained(folder)
        self.tokenizer.save_pretrained(folder)
        write_model_info(folder, self.kind, self.recipe)

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(texts, add_special_tokens=False)["input_ids"]]

    def encode(self, examples: list[Example]) -> dict[str, list[list[int]]]:
        """Token ids of (context, country) pairs; contexts were packed to fit, so truncation is only a guard."""
        return dict(self.tokenizer(
            [e.text for e in examples], [e.country for e in examples],
            truncation="only_first", max_length=self.recipe.max_length,
        ))

    def batches(self, examples: list[Example]) -> list[tuple[list[int], dict[str, torch.Tensor]]]:
        """Length-sorted, dynamically padded batches, each with the example indices it holds."""
        encoded = self.encode(examples)
        order = sorted(range(len(examples)), key=lambda i: len(encoded["input_ids"][i]))
        batches = []
        for start in range(0, len(order), self.batch_size):
            index = order[start : start + self.batch_size]
            features = [{key: values[i] for key, values in encoded.items()} for i in index]
            batches.append((index, self.tokenizer.pad(features, return_tensors="pt")))
        return batches

    def predict_proba(self, examples: list[Example]) -> np.ndarray:
        probs = np.zeros((len(examples), len(LABEL2ID)), dtype=np.float32)
        for index, batch in self.batches(examples):
            logits = self.logits(batch)
            exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
            probs[index] = exp / exp.sum(axis=-1, keepdims=True)
        return probs

    def logits(self, batch: dict[str, torch.Tensor]) -> np.ndarray:
        """The encoder forward on one padded batch (the ONNX model overrides this and nothing else)."""
        self.model.eval()
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            return self.model(**batch).logits.float().numpy()
