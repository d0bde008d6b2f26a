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
                 batch_size: int = 32) -> None:
        self.model, self.tokenizer, self.recipe, self.batch_size = model, tokenizer, recipe, batch_size

    @classmethod
    def from_encoder(cls, path: str | Path, recipe: Recipe) -> TransformerModel:
        """A fresh classification head on a pretrained encoder folder."""
        model = AutoModelForSequenceClassification.from_pretrained(
            path, num_labels=len(LABEL2ID), id2label=ID2LABEL, label2id=LABEL2ID, local_files_only=True
        )
        return cls(model, AutoTokenizer.from_pretrained(path, local_files_only=True), recipe)

    @classmethod
    def load(cls, folder: str | Path, batch_size: int = 32) -> TransformerModel:
        model = AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True, local_files_only=True)
        model.eval()
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        return cls(model, tokenizer, Recipe.load(folder), batch_size)

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
        if not examples:
            return probs
        self.model.eval()
        with torch.inference_mode():
            for index, batch in self.batches(examples):
                logits = self.model(**batch).logits
                probs[index] = torch.softmax(logits.float(), dim=-1).numpy()
        return probs
