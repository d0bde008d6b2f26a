"""End-to-end evaluation of a saved model: python scripts/evaluate.py [model=PATH] [split=test|dev] [input=PATH]."""

from __future__ import annotations

from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf

from country_stance.articles import read_articles
from country_stance.corpus import split_path
from country_stance.evaluation import evaluate
from country_stance.labels import LABELS
from country_stance.models import load_model

OmegaConf.register_new_resolver("eval_name", lambda path: Path(path).name, replace=True)


@hydra.main(version_base=None, config_path="../configs/apps", config_name="evaluate")
def main(cfg: DictConfig) -> None:
    articles = list(read_articles(cfg.input or split_path(cfg.data_dir, cfg.split)))
    metrics = evaluate(load_model(cfg.model), articles, cfg.out_dir, cfg.articles_per_batch,
                       cfg.bootstrap_samples, cfg.seed)
    low, high = metrics["macro_f1_95ci"]
    print(f"{len(articles)} articles, {metrics['pairs']} pairs: end-to-end macro-F1 {metrics['macro_f1']:.3f} "
          f"(95% CI {low:.3f}-{high:.3f})")
    for label in LABELS:
        m = metrics["per_label"][label]
        print(f"  {label:<15} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n={m['support']}")
    d = metrics["country_detection"]
    print(f"  countries       P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}")
    print(f"  stance accuracy on found countries {metrics['stance_accuracy_on_found']:.3f}")
    print(f"wrote {cfg.out_dir}/metrics.json, confusion.txt, confusion.png, errors.jsonl")


if __name__ == "__main__":
    main()
