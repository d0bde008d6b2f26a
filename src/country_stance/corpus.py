"""The labelled splits: read them, load them as a ``datasets.DatasetDict``, check them."""

from __future__ import annotations

from pathlib import Path

from datasets import Dataset, DatasetDict

from country_stance.articles import Article, read_articles

SPLITS = ("train", "dev", "test")


def split_path(data_dir: str | Path, split: str) -> Path:
    return Path(data_dir) / f"{split}.jsonl"


def read_split(data_dir: str | Path, split: str) -> list[Article]:
    return list(read_articles(split_path(data_dir, split)))


def load_splits(data_dir: str | Path) -> DatasetDict:
    """train / dev / test as one DatasetDict, one row per article (labels as a list of {country, label})."""
    return DatasetDict({
        split: Dataset.from_list([_row(a) for a in read_split(data_dir, split)]) for split in SPLITS
    })


def _row(article: Article) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "text": article.text,
        "event": article.extra.get("event", ""),
        "source_style": article.extra.get("source_style", ""),
        "labels": [{"country": lab.country, "label": lab.label} for lab in article.labels or ()],
    }
