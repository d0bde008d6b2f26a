from __future__ import annotations

from pathlib import Path

import pytest

from country_stance.articles import Article, read_articles

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "paris-chiefs.jsonl"


@pytest.fixture(scope="session")
def sample_article() -> Article:
    return next(read_articles(SAMPLE))
