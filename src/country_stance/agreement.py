"""Inter-annotator agreement between the corpus labels and an independent second pass."""

from __future__ import annotations

from sklearn.metrics import cohen_kappa_score

from country_stance.labels import LABELS


def agreement(first: dict[str, dict[str, str]], second: dict[str, dict[str, str]]) -> dict:
    """Cohen's kappa overall and per label (one label against the rest) over the pairs both passes labelled."""
    keys = [(a, c) for a in sorted(second) for c in sorted(second[a]) if c in first.get(a, {})]
    x = [first[a][c] for a, c in keys]
    y = [second[a][c] for a, c in keys]
    per_label = {}
    for label in LABELS:
        xb, yb = [v == label for v in x], [v == label for v in y]
        per_label[label] = cohen_kappa_score(xb, yb) if any(xb) or any(yb) else float("nan")
    return {
        "articles": len(second),
        "pairs": len(keys),
        "raw_agreement": sum(a == b for a, b in zip(x, y, strict=True)) / len(keys) if keys else 0.0,
        "kappa": cohen_kappa_score(x, y, labels=list(LABELS)),
        "kappa_per_label": per_label,
        "disagreements": [
            {"id": a, "country": c, "first": first[a][c], "second": second[a][c]}
            for a, c in keys if first[a][c] != second[a][c]
        ],
    }
