from __future__ import annotations

import pytest

from country_stance.metrics import ABSENT, bootstrap_interval, pairs, score

GOLD = {"a1": {"FRA": "supportive", "DEU": "none"}, "a2": {"POL": "nato_framework"}}
PRED = {"a1": {"FRA": "supportive", "DEU": "conditional", "GBR": "none"}, "a2": {}}


def test_pairs_cover_both_sides() -> None:
    assert pairs(GOLD, PRED) == [
        ("a1", "none", "conditional"),
        ("a1", "supportive", "supportive"),
        ("a1", ABSENT, "none"),
        ("a2", "nato_framework", ABSENT),
    ]


def test_end_to_end_scores_on_a_hand_checked_case() -> None:
    m = score(GOLD, PRED, bootstrap_samples=50)
    # supportive 1/1; conditional: one false positive; nato_framework: missed by the finder (false negative);
    # none: GBR invented (false positive) and DEU mislabelled (false negative); opposed: absent.
    assert m["per_label"]["supportive"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert m["per_label"]["none"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert m["per_label"]["nato_framework"]["support"] == 1
    assert m["macro_f1"] == pytest.approx(0.2)
    assert m["country_detection"]["precision"] == pytest.approx(2 / 3)
    assert m["country_detection"]["recall"] == pytest.approx(2 / 3)
    assert m["stance_accuracy_on_found"] == 0.5
    assert m["confusion"]["none"]["conditional"] == 1
    assert m["confusion"][ABSENT]["none"] == 1
    assert m["confusion"]["nato_framework"][ABSENT] == 1
    assert m["pairs"] == 4 and m["articles"] == 2


def test_interval_resamples_whole_articles() -> None:
    # Perfect labels: a resample holds a1 only (2 labels right: 0.4), a2 only (0.2) or both (0.6).
    low, high = bootstrap_interval(pairs(GOLD, GOLD), samples=200)
    assert (low, high) == (pytest.approx(0.2), pytest.approx(0.6))


def test_bootstrap_is_reproducible() -> None:
    rows = pairs(GOLD, PRED)
    assert bootstrap_interval(rows, 200, seed=3) == bootstrap_interval(rows, 200, seed=3)
