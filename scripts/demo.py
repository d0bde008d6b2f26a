"""The demo: the countries found in each bundled sample article (stance labels arrive with the model)."""

from __future__ import annotations

from pathlib import Path

import hydra
from omegaconf import DictConfig

from country_stance.articles import read_articles
from country_stance.countries import find_mentions


@hydra.main(version_base=None, config_path="../configs", config_name="demo")
def main(cfg: DictConfig) -> None:
    for path in sorted(Path(cfg.samples).glob("*.jsonl")):
        for article in read_articles(path):
            mentions = find_mentions(article.text)
            print(f"\n{article.id}: {article.title}")
            print(f"{'country':<8} {'mentions':>8}  first surface forms")
            for iso3 in sorted({m.iso3 for m in mentions}):
                own = [m.surface for m in mentions if m.iso3 == iso3]
                print(f"{iso3:<8} {len(own):>8}  {', '.join(dict.fromkeys(own[:6]))}")


if __name__ == "__main__":
    main()
