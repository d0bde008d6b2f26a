"""The corpus itself: every split valid, found countries == labelled countries, stories and texts apart."""

from __future__ import annotations

from collections import Counter

import pytest

from country_stance.articles import Article
from country_stance.corpus import SPLITS, load_splits, read_split
from country_stance.countries import find_countries
from country_stance.splits import add_to_train
from tests.conftest import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def splits():
    return {split: read_split(DATA, split) for split in SPLITS}  # read_split validates every record


def test_every_labelled_country_is_found_and_every_found_country_labelled(splits) -> None:
    mismatches = [
        (a.id, sorted(set(a.gold()) - set(found)), sorted(set(found) - set(a.gold())))
        for articles in splits.values()
        for a in articles
        if (found := find_countries(a.text)) != sorted(a.gold())
    ]
    assert mismatches == []


def test_no_story_spans_two_splits(splits) -> None:
    owner: dict[str, str] = {}
    for split, articles in splits.items():
        for a in articles:
            assert owner.setdefault(a.extra["event"], split) == split, a.extra["event"]


def test_no_text_is_shared_across_splits_and_the_demo_sample_is_in_none(splits, sample_article) -> None:
    texts = Counter(a.text for articles in splits.values() for a in articles)
    assert [t[:60] for t, n in texts.items() if n > 1] == []
    assert sample_article.text not in texts
    assert sample_article.id not in {a.id for articles in splits.values() for a in articles}


def test_sizes_meet_the_corpus_targets(splits) -> None:
    articles = [a for split in splits.values() for a in split]
    assert len(articles) >= 400 and sum(len(a.gold()) for a in articles) >= 2400
    train_labels = Counter(label for a in splits["train"] for label in a.gold().values())
    assert min(train_labels[label] for label in ("supportive", "conditional", "opposed", "nato_framework")) >= 150
    assert len(splits["test"]) >= 70 and sum(len(a.gold()) for a in splits["test"]) >= 400
    assert len(splits["dev"]) >= 40


def test_splits_load_as_a_datasetdict() -> None:
    dataset = load_splits(DATA)
    assert set(dataset) == set(SPLITS)
    assert dataset["test"].column_names == ["id", "title", "date", "text", "event", "source_style", "labels"]


def test_training_only_batches_join_train_and_refuse_a_held_out__story() -> None:
    splits = {"train": [_story("1", "a")], "dev": [_story("2", "b")], "test": [_story("3", "c")]}
    add_to_train(splits, [_story("4", "d")])
    assert [a.id for a in splits["train"]] == ["1", "4"]
    with pytest.raises(ValueError, match=r"x\.jsonl:5: article '5' belongs to held-out story 'c'"):
        add_to_train(splits, [_story("5", "c")])


def _story(article_id: str, event: str) -> Article:
    return Article(id=article_id, text="", extra={"event": event}, source=f"x.jsonl:{article_id}")
