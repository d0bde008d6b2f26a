"""Stream of articles -> stream of labelled articles: the one labelling path for label.py, evaluate.py, the demo
and the benchmark.

Examples from many articles are scored together (the model sorts them by length and pads per batch); the
chunks of one (article, country) are averaged; output keeps input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

import numpy as np

from country_stance.articles import Article
from country_stance.countries import country_name
from country_stance.examples import Example, build_examples
from country_stance.labels import LABELS
from country_stance.models import StanceModel

MAX_EVIDENCE = 3
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CountryLabel:
    iso3: str
    label: str
    score: float
    probs: dict[str, float]
    evidence: tuple[tuple[int, int], ...]  # sentence spans in the article text


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    article: Article
    labels: tuple[CountryLabel, ...]

    def to_record(self) -> dict:
        text = self.article.text
        return {
            "id": self.article.id,
            "title": self.article.title,
            "date": self.article.date,
            "labels": [
                {
                    "country": c.iso3,
                    "name": country_name(c.iso3),
                    "label": c.label,
                    "score": round(c.score, 4),
                    "probs": {k: round(v, 4) for k, v in c.probs.items()},
                    "evidence": [{"text": text[s:e], "start": s, "end": e} for s, e in c.evidence],
                }
                for c in self.labels
            ],
        }

    def predicted(self) -> dict[str, str]:
        return {c.iso3: c.label for c in self.labels}


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), pulled lazily from a stream."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Labeller:
    """``label(articles)`` yields a :class:`LabelledArticle` per article, in input order."""

    def __init__(self, model: StanceModel, articles_per_batch: int = 64) -> None:
        self.model, self.articles_per_batch = model, articles_per_batch

    def label(self, articles: Iterable[Article]) -> Iterator[LabelledArticle]:
        for group in chunked(articles, self.articles_per_batch):
            yield from self.label_group(group)

    def label_group(self, group: list[Article]) -> list[LabelledArticle]:
        per_article = [build_examples(a, self.model.recipe, self.model.count_tokens) for a in group]
        flat = [e for examples in per_article for e in examples]
        probs = self.model.predict_proba(flat)
        results, offset = [], 0
        for article, examples in zip(group, per_article, strict=True):
            results.append(LabelledArticle(article, _aggregate(examples, probs[offset : offset + len(examples)])))
            offset += len(examples)
        return results


def _aggregate(examples: list[Example], probs: np.ndarray) -> tuple[CountryLabel, ...]:
    """One label per country: the mean of its chunks' probabilities; evidence from the chunk that backs it most."""
    by_country: dict[str, list[int]] = {}
    for i, example in enumerate(examples):
        by_country.setdefault(example.iso3, []).append(i)
    labels = []
    for iso3, index in by_country.items():
        mean = probs[index].mean(axis=0)
        best = int(mean.argmax())
        backing = examples[index[int(probs[index, best].argmax())]]
        labels.append(CountryLabel(
            iso3=iso3,
            label=LABELS[best],
            score=float(mean[best]),
            probs={label: float(p) for label, p in zip(LABELS, mean, strict=True)},
            evidence=backing.evidence[:MAX_EVIDENCE],
        ))
    return tuple(labels)
