"""End-to-end scoring over (article, country) pairs, the project's headline number.

A gold country the finder missed is a false negative of its gold label; a predicted country the gold lacks is a
false positive of its predicted label. Per-label F1, then the mean over the five labels (macro-F1). Country
finding P/R/F1 and stance accuracy on correctly found countries are reported beside it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

from country_stance.labels import LABELS

ABSENT = "(absent)"  # a pair on one side only: not in gold (row) / not predicted (column)

Labelling = Mapping[str, Mapping[str, str]]  # article id -> {ISO3: label}


def pairs(gold: Labelling, predicted: Labelling) -> list[tuple[str, str, str]]:
    """(article id, gold label or ABSENT, predicted label or ABSENT) for every pair on either side."""
    rows = []
    for article_id in sorted(set(gold) | set(predicted)):
        g, p = gold.get(article_id, {}), predicted.get(article_id, {})
        for iso3 in sorted(set(g) | set(p)):
            rows.append((article_id, g.get(iso3, ABSENT), p.get(iso3, ABSENT)))
    return rows


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def macro_f1(rows: list[tuple[str, str, str]]) -> float:
    return sum(_per_label(rows, label)["f1"] for label in LABELS) / len(LABELS)


def _per_label(rows: list[tuple[str, str, str]], label: str) -> dict[str, float]:
    tp = sum(1 for _, g, p in rows if g == label and p == label)
    fp = sum(1 for _, g, p in rows if p == label and g != label)
    fn = sum(1 for _, g, p in rows if g == label and p != label)
    return _f1(tp, fp, fn)


def confusion(rows: list[tuple[str, str, str]]) -> dict[str, dict[str, int]]:
    """gold row -> predicted column -> count, both over LABELS + ABSENT."""
    axis = [*LABELS, ABSENT]
    matrix = {g: dict.fromkeys(axis, 0) for g in axis}
    for _, g, p in rows:
        matrix[g][p] += 1
    return matrix


def bootstrap_interval(rows: list[tuple[str, str, str]], samples: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of macro-F1, resampling articles (pairs of one article move together)."""
    by_article: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        by_article.setdefault(row[0], []).append(row)
    articles = sorted(by_article)
    rng = random.Random(seed)
    scores = sorted(
        macro_f1([r for a in rng.choices(articles, k=len(articles)) for r in by_article[a]]) for _ in range(samples)
    )
    return scores[int(0.025 * samples)], scores[int(0.975 * samples) - 1]


def score(gold: Labelling, predicted: Labelling, bootstrap_samples: int = 1000, seed: int = 0) -> dict:
    """All the figures evaluate.py reports, as plain data."""
    rows = pairs(gold, predicted)
    found = [(g, p) for _, g, p in rows if g != ABSENT and p != ABSENT]
    detection = _f1(
        len(found),
        sum(1 for _, g, p in rows if g == ABSENT),
        sum(1 for _, g, p in rows if p == ABSENT),
    )
    low, high = bootstrap_interval(rows, bootstrap_samples, seed) if rows and bootstrap_samples > 0 else (0.0, 0.0)
    return {
        "articles": len(set(gold) | set(predicted)),
        "pairs": len(rows),
        "macro_f1": macro_f1(rows),
        "macro_f1_95ci": [low, high],
        "per_label": {label: _per_label(rows, label) for label in LABELS},
        "country_detection": detection,
        "stance_accuracy_on_found": sum(g == p for g, p in found) / len(found) if found else 0.0,
        "confusion": confusion(rows),
    }


def confusion_text(matrix: dict[str, dict[str, int]]) -> str:
    axis = list(matrix)
    width = max(len(a) for a in axis) + 2
    lines = ["gold \\ predicted".ljust(width) + "".join(a[:12].rjust(14) for a in axis)]
    lines += [g.ljust(width) + "".join(str(matrix[g][p]).rjust(14) for p in axis) for g in axis]
    return "\n".join(lines)


def save_confusion_png(matrix: dict[str, dict[str, int]], path: str | Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    axis = list(matrix)
    values = [[matrix[g][p] for p in axis] for g in axis]
    fig, ax = plt.subplots(figsize=(7, 6))
    ax.imshow(values, cmap="Blues")
    ax.set_xticks(range(len(axis)), axis, rotation=45, ha="right")
    ax.set_yticks(range(len(axis)), axis)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
