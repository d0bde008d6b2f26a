"""Evaluate a saved model on labelled articles: metrics.json, confusion matrix (text, PNG), errors.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from country_stance.articles import Article, write_jsonl
from country_stance.examples import build_examples
from country_stance.labeller import LabelledArticle, Labeller
from country_stance.metrics import ABSENT, confusion_text, save_confusion_png, score
from country_stance.models import StanceModel


def label_and_score(model: StanceModel, articles: list[Article], articles_per_batch: int = 64,
                    bootstrap_samples: int = 1000, seed: int = 0) -> tuple[list[LabelledArticle], dict]:
    """Label ``articles`` with the one labelling path and score them end to end against their gold labels."""
    labelled = list(Labeller(model, articles_per_batch).label(articles))
    gold = {a.id: a.gold() for a in articles}
    return labelled, score(gold, {la.article.id: la.predicted() for la in labelled}, bootstrap_samples, seed)


def evaluate(model: StanceModel, articles: list[Article], out_dir: str | Path, articles_per_batch: int = 64,
             bootstrap_samples: int = 1000, seed: int = 0) -> dict:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    labelled, metrics = label_and_score(model, articles, articles_per_batch, bootstrap_samples, seed)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    (out_dir / "confusion.txt").write_text(confusion_text(metrics["confusion"]) + "\n", encoding="utf-8")
    title = f"end-to-end confusion ({len(articles)} articles)"
    save_confusion_png(metrics["confusion"], out_dir / "confusion.png", title)
    write_jsonl(out_dir / "errors.jsonl", errors(model, labelled))
    return metrics


def errors(model: StanceModel, labelled: list[LabelledArticle]) -> list[dict]:
    """Each wrong (article, country) pair with what the model saw: its context chunks."""
    rows = []
    for la in labelled:
        gold, predicted = la.article.gold(), la.predicted()
        wrong = sorted(c for c in set(gold) | set(predicted) if gold.get(c, ABSENT) != predicted.get(c, ABSENT))
        if not wrong:
            continue
        seen = {}
        for example in build_examples(la.article, model.recipe, model.count_tokens):
            seen.setdefault(example.iso3, []).append(example.text)
        scores = {c.iso3: c.score for c in la.labels}
        rows += [
            {"id": la.article.id, "country": c, "gold": gold.get(c, ABSENT), "predicted": predicted.get(c, ABSENT),
             "score": round(scores.get(c, 0.0), 4), "model_saw": seen.get(c, [])}
            for c in wrong
        ]
    return rows
