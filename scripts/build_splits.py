"""Build the train / dev / test files from the authored batches, whole stories per split."""

from __future__ import annotations

from pathlib import Path

import hydra
from omegaconf import DictConfig

from country_stance.articles import read_articles, write_articles
from country_stance.corpus import split_path
from country_stance.splits import assign_events, split_articles


@hydra.main(version_base=None, config_path="../configs/apps", config_name="build_splits")
def main(cfg: DictConfig) -> None:
    articles = [a for path in sorted(Path(cfg.authored).glob("*.jsonl")) for a in read_articles(path)]
    assignment = assign_events(articles, cfg.test_share, cfg.dev_share, cfg.salt)
    for split, members in split_articles(articles, assignment).items():
        write_articles(split_path(cfg.out_dir, split), members)
        pairs = sum(len(a.labels or ()) for a in members)
        events = len({a.extra['event'] for a in members})
        print(f"{split:<6} {len(members):>4} articles {pairs:>5} pairs {events:>3} stories")


if __name__ == "__main__":
    main()
