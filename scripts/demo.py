"""The demo: label the bundled sample articles with the default model and print a table."""

from __future__ import annotations

import hydra
from omegaconf import DictConfig

from country_stance.articles import read_articles
from country_stance.countries import country_name
from country_stance.labeller import Labeller
from country_stance.models import load_model


@hydra.main(version_base=None, config_path="../configs/apps", config_name="demo")
def main(cfg: DictConfig) -> None:
    labeller = Labeller(load_model(cfg.model))
    articles = [a for path in cfg.samples for a in read_articles(path)]
    for labelled in labeller.label(articles):
        article, gold = labelled.article, labelled.article.gold()
        print(f"\n{article.id}: {article.title}")
        print(f"{'country':<16} {'label':<15} {'conf.':>5}  {'gold':<15} evidence")
        for c in labelled.labels:
            start, end = c.evidence[0] if c.evidence else (0, 0)
            evidence = " ".join(article.text[start:end].split())
            if len(evidence) > cfg.evidence_chars:
                evidence = evidence[: cfg.evidence_chars - 3] + "..."
            print(f"{country_name(c.iso3):<16} {c.label:<15} {c.score:>5.2f}  {gold.get(c.iso3, '-'):<15} {evidence}")


if __name__ == "__main__":
    main()
