"""Training: examples from the splits, the Trainer for transformers, ``fit`` for baselines, and a saved model
folder (weights, tokenizer, recipe, resolved config, metrics, model card)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from datasets import Dataset
from sklearn.metrics import f1_score

from country_stance.articles import Article
from country_stance.corpus import read_split
from country_stance.evaluation import label_and_score
from country_stance.examples import Example, Recipe, build_all, build_examples, counterfactual_swaps
from country_stance.labels import LABEL2ID, LABELS
from country_stance.models import StanceModel, native_bf16

log = logging.getLogger(__name__)


def training_examples(articles: list[Article], model: StanceModel, swap_copies: int, seed: int) -> list[Example]:
    """Examples of the labelled countries, plus ``swap_copies`` counterfactual copies in which each target
    country is renamed as another one, so the label has to come from the text, not from the country."""
    examples = [e for e in build_all(articles, model.recipe, model.count_tokens) if e.label is not None]
    for copy in range(swap_copies):
        swaps = counterfactual_swaps(articles, seed + copy + 1)
        for article in articles:
            examples += [
                e for e in build_examples(article, model.recipe, model.count_tokens, swap=swaps[article.id])
                if e.label is not None
            ]
    return examples


def class_weights(examples: list[Example]) -> torch.Tensor:
    """Inverse label frequency, normalised to mean 1 (labels absent from training get weight 1)."""
    counts = np.array([sum(e.label == label for e in examples) for label in LABELS], dtype=np.float64)
    weights = np.where(counts > 0, counts.sum() / np.maximum(counts, 1) / len(LABELS), 1.0)
    return torch.tensor(weights / weights.mean(), dtype=torch.float32)


def example_metrics(eval_pred: Any) -> dict[str, float]:
    """Example-level macro-F1 on dev, the Trainer's model-selection metric."""
    logits, labels = eval_pred
    predictions = np.asarray(logits).argmax(axis=-1)
    return {
        "macro_f1": f1_score(labels, predictions, average="macro", labels=list(range(len(LABELS))), zero_division=0),
        "accuracy": float((predictions == labels).mean()),
    }


def fit_transformer(model: Any, train: list[Example], dev: list[Example], trainer_cfg: dict, output_dir: Path,
                    seed: int) -> dict:
    """Fine-tune with the Trainer: dev evaluation each epoch (or every ``eval_steps``), best macro-F1 kept,
    early stopping."""
    from transformers import DataCollatorWithPadding, EarlyStoppingCallback, Trainer, TrainingArguments

    cfg = dict(trainer_cfg)
    patience = cfg.pop("early_stopping_patience")
    use_class_weights = cfg.pop("class_weights")
    threads = cfg.pop("threads", None)
    if threads:
        torch.set_num_threads(threads)
    if cfg.get("bf16") == "auto":
        cfg["bf16"] = native_bf16()
    # Checkpoints are saved exactly when dev is scored, so the best-scoring one can be restored at the end.
    cfg.setdefault("eval_strategy", "epoch")
    cfg["save_strategy"] = cfg["eval_strategy"]
    if "eval_steps" in cfg:
        cfg["save_steps"] = cfg["eval_steps"]
    args = TrainingArguments(
        output_dir=str(output_dir),
        load_best_model_at_end=True,
        metric_for_best_model="macro_f1",
        greater_is_better=True,
        save_total_limit=1,
        report_to="none",
        seed=seed,
        data_seed=seed,
        **cfg,
    )
    loss_fn = None
    if use_class_weights:
        weights = class_weights(train)

        def loss_fn(outputs: Any, labels: torch.Tensor, num_items_in_batch: Any = None) -> torch.Tensor:
            return torch.nn.functional.cross_entropy(outputs.logits, labels, weight=weights.to(labels.device))

    trainer = Trainer(
        model=model.model,
        args=args,
        train_dataset=_dataset(model, train),
        eval_dataset=_dataset(model, dev),
        processing_class=model.tokenizer,
        data_collator=DataCollatorWithPadding(model.tokenizer),
        compute_metrics=example_metrics,
        compute_loss_func=loss_fn,
        callbacks=[EarlyStoppingCallback(early_stopping_patience=patience)],
    )
    started = time.perf_counter()
    result = trainer.train()
    seconds = time.perf_counter() - started
    # Mixed precision wraps forward in bf16 autocast; unwrap it so that the scores saved here are those of the
    # fp32 model that label.py and evaluate.py load.
    model.model = trainer.accelerator.unwrap_model(trainer.model, keep_fp32_wrapper=False)
    model.model.eval()
    history = [h for h in trainer.state.log_history if "eval_macro_f1" in h]
    return {
        "train_seconds": seconds,
        "train_examples": len(train),
        "train_examples_per_second": len(train) * result.metrics.get("epoch", 1) / seconds,
        "epochs_run": result.metrics.get("epoch"),
        "best_dev_example_macro_f1": trainer.state.best_metric,
        "dev_history": [{"epoch": h["epoch"], "macro_f1": h["eval_macro_f1"]} for h in history],
    }


def _dataset(model: Any, examples: list[Example]) -> Dataset:
    encoded = model.encode(examples)
    encoded["labels"] = [LABEL2ID[e.label] for e in examples]
    return Dataset.from_dict(encoded)


def build_model(model_cfg: dict, recipe: Recipe, seed: int) -> Any:
    """A fresh, untrained model from its config (``kind`` picks the class)."""
    kind = model_cfg["kind"]
    if kind == "transformer":
        from country_stance.models.transformer import TransformerModel, packaged_encoder

        torch.manual_seed(seed)
        path = model_cfg.get("path") or packaged_encoder(model_cfg["package"], model_cfg["folder"])
        model = TransformerModel.from_encoder(path, recipe)
        model.freeze_lower_layers(model_cfg.get("freeze_layers", 0))
        return model
    from country_stance.models.baselines import BASELINES

    params = {k: v for k, v in model_cfg.items() if k not in ("kind", "name")}
    return BASELINES[kind](recipe, **params, **({"seed": seed} if kind == "tfidf_logreg" else {}))


def train(cfg: dict, output_dir: str | Path) -> dict:
    """The whole training run from a resolved config; returns the metrics it saved."""
    seed = cfg["seed"]
    torch.manual_seed(seed)
    np.random.seed(seed)
    recipe = Recipe(**cfg["recipe"])
    model = build_model(cfg["model"], recipe, seed)
    splits = {split: read_split(cfg["data"]["dir"], split) for split in ("train", "dev", "test")}
    limit = cfg["data"].get("limit")
    if limit:
        splits = {k: v[:limit] for k, v in splits.items()}
    train_examples = training_examples(splits["train"], model, cfg["data"]["swap_copies"], seed)
    log.info("%d training examples from %d articles", len(train_examples), len(splits["train"]))
    output_dir = Path(output_dir)
    started = time.perf_counter()
    if model.kind == "transformer":
        dev_examples = [e for e in build_all(splits["dev"], recipe, model.count_tokens) if e.label is not None]
        info = fit_transformer(model, train_examples, dev_examples, cfg["trainer"], output_dir / "checkpoints", seed)
    else:
        model.fit(train_examples)
        info = {"train_seconds": time.perf_counter() - started, "train_examples": len(train_examples)}
    metrics = {"model": cfg["model"]["name"], "training": info}
    for split in cfg["evaluate_on"]:
        _, metrics[split] = label_and_score(model, splits[split])
        log.info("%s end-to-end macro-F1 %.3f", split, metrics[split]["macro_f1"])
    save_model_folder(model, output_dir, cfg, metrics)
    return metrics


def save_model_folder(model: StanceModel, folder: Path, cfg: dict, metrics: dict) -> None:
    import shutil

    import yaml

    model.save(folder)
    shutil.rmtree(folder / "checkpoints", ignore_errors=True)
    (folder / "config.yaml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(model_card(cfg, metrics), encoding="utf-8")


def model_card(cfg: dict, metrics: dict) -> str:
    lines = [
        f"# country-stance model: {cfg['model']['name']}",
        "",
        "Labels the position a news article attributes to each country it mentions on the proposed",
        "multinational force for post-ceasefire Ukraine: " + ", ".join(LABELS) + ".",
        "",
        "## Data",
        f"Trained on `{cfg['data']['dir']}/train.jsonl` (the project's authored corpus; see its data card),",
        f"model selected on dev; {cfg['data']['swap_copies']} counterfactual country-swap copies per article.",
        "",
        "## Intended use",
        "Batch labelling of English news about the Ukraine reassurance force with `scripts/label.py`, with",
        "human review of low-score labels. Not for other topics, other languages, or decisions about people.",
        "",
        "## Measured results (end-to-end, over (article, country) pairs)",
        "",
        "| split | macro-F1 | 95% CI | country F1 | stance acc. on found |",
        "|---|---|---|---|---|",
    ]
    for split in cfg["evaluate_on"]:
        m = metrics[split]
        low, high = m["macro_f1_95ci"]
        lines.append(f"| {split} | {m['macro_f1']:.3f} | {low:.3f}-{high:.3f} | "
                     f"{m['country_detection']['f1']:.3f} | {m['stance_accuracy_on_found']:.3f} |")
    lines += [
        "",
        f"Training time: {metrics['training']['train_seconds']:.0f} s on this machine.",
        "",
        "## Limitations",
        "The corpus is authored for the project (2025 events), not sampled from real outlets; positions of",
        "smaller countries are partly invented. Countries the finder misses cannot be labelled.",
        "",
    ]
    return "\n".join(lines)

