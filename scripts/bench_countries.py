"""Country-finder throughput: the sample article repeated N times, median of R runs, one core."""

from __future__ import annotations

import statistics
import time

import hydra
from omegaconf import DictConfig

from country_stance.articles import read_articles
from country_stance.countries import CountryFinder


@hydra.main(version_base=None, config_path="../configs/apps", config_name="bench_countries")
def main(cfg: DictConfig) -> None:
    text = next(read_articles(cfg.sample)).text
    started = time.perf_counter()
    finder = CountryFinder()
    print(f"finder built in {time.perf_counter() - started:.2f} s ({len(finder.table):,} surface forms)")
    rates = []
    for run in range(cfg.runs):
        started = time.perf_counter()
        mentions = sum(len(finder.find_mentions(text)) for _ in range(cfg.articles))
        rate = cfg.articles / (time.perf_counter() - started)
        rates.append(rate)
        print(f"run {run + 1}: {rate:,.0f} articles/s ({mentions / cfg.articles:.0f} mentions per article)")
    print(f"median: {statistics.median(rates):,.0f} articles/s over {cfg.articles:,} articles of "
          f"{len(text):,} characters, {cfg.runs} runs")


if __name__ == "__main__":
    main()
