"""Assign whole stories (``event``) to train / dev / test, so no story spans two splits."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from country_stance.articles import Article


def assign_events(articles: list[Article], test_share: float, dev_share: float, salt: str) -> dict[str, str]:
    """event -> split, filling test, then dev, in a fixed pseudo-random order of events (sha1 with ``salt``)."""
    sizes: dict[str, int] = defaultdict(int)
    for article in articles:
        sizes[_event(article)] += 1
    order = sorted(sizes, key=lambda e: hashlib.sha1(f"{salt}:{e}".encode()).hexdigest())
    total = sum(sizes.values())
    assignment, filled = {}, {"test": 0, "dev": 0}
    for event in order:
        if filled["test"] < test_share * total:
            split = "test"
        elif filled["dev"] < dev_share * total:
            split = "dev"
        else:
            split = "train"
        assignment[event] = split
        if split in filled:
            filled[split] += sizes[event]
    return assignment


def _event(article: Article) -> str:
    event = article.extra.get("event")
    if not event:
        raise ValueError(f"{article.source}: article '{article.id}' has no 'event' (needed to split by story)")
    return event


def split_articles(articles: list[Article], assignment: dict[str, str]) -> dict[str, list[Article]]:
    splits: dict[str, list[Article]] = {"train": [], "dev": [], "test": []}
    for article in articles:
        splits[assignment[_event(article)]].append(article)
    return splits


def add_to_train(splits: dict[str, list[Article]], extra: list[Article]) -> None:
    """Append training-only batches (written after dev/test were fixed), refusing any story already held out."""
    held_out = {_event(a) for split in ("dev", "test") for a in splits[split]}
    for article in extra:
        if _event(article) in held_out:
            raise ValueError(f"{article.source}: article '{article.id}' belongs to held-out story '{_event(article)}'")
    splits["train"].extend(extra)
