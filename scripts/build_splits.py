"""Build the train / dev / test files from the authored batches, whole stories per split."""

from __future__ import annotations

from pathlib import Path

import hydra
from omegaconf import DictConfig

from country_stance.articles import Article, read_articles, write_articles
from country_stance.corpus import split_path
from country_stance.splits import add_to_train, assign_events, split_articles


@hydra.main(version_base=None, config_path="../configs/apps", config_name="build_splits")
def main(cfg: DictConfig) -> None:
    articles = _read_all(Path(cfg.authored))
    assignment = assign_events(articles, cfg.test_share, cfg.dev_share, cfg.salt)
    splits = split_articles(articles, assignment)
    add_to_train(splits, _read_all(Path(cfg.train_only)))
    for split, members in splits.items():
        write_articles(split_path(cfg.out_dir, split), members)
        pairs = sum(len(a.labels or ()) for a in members)
        events = len({a.extra['event'] for a in members})
        print(f"{split:<6} {len(members):>4} articles {pairs:>5} pairs {events:>3} stories")


def _read_all(folder: Path) -> list[Article]:
    return [a for path in sorted(folder.glob("*.jsonl")) for a in read_articles(path)]


if __name__ == "__main__":
    main()
