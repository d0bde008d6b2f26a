from __future__ import annotations

import json

import numpy as np

from country_stance.articles import read_articles
from country_stance.examples import Recipe, build_examples
from country_stance.labeller import Labeller
from country_stance.labels import LABELS
from country_stance.models import load_model
from country_stance.models.baselines import MajorityModel, TfidfLogRegModel
from country_stance.training import train
from tests.conftest import TOY_ARTICLES, tiny_train_config


def test_training_saves_a_complete_model_folder(tiny_model) -> None:
    names = {p.name for p in tiny_model.iterdir()}
    assert {"model.safetensors", "tokenizer.json", "recipe.json", "model.json", "config.yaml", "metrics.json",
            "README.md"} <= names
    assert "checkpoints" not in names and not any(n.endswith(".bin") for n in names)
    config = json.loads((tiny_model / "config.json").read_text())
    assert config["id2label"] == {str(i): label for i, label in enumerate(LABELS)}
    assert Recipe.load(tiny_model) == Recipe(marker="@", following_sentences=1, max_length=64)
    metrics = json.loads((tiny_model / "metrics.json").read_text())
    assert set(metrics) == {"model", "training", "dev"}
    assert metrics["training"]["train_examples"] == 2 * 9  # 9 labelled pairs, plus one swapped copy each


def test_trained_tiny_model_predicts_every_found_country(tiny_model, sample_article) -> None:
    model = load_model(tiny_model)
    [labelled] = Labeller(model).label([sample_article])
    assert sorted(labelled.predicted()) == sorted(sample_article.gold())
    for country in labelled.labels:
        assert country.label in LABELS
        assert abs(sum(country.probs.values()) - 1.0) < 1e-4
        assert country.label == max(country.probs, key=country.probs.get)


def test_same_seed_same_model(tmp_path, tiny_encoder, toy_data, tiny_model) -> None:
    again = tmp_path / "again"
    metrics = train(tiny_train_config(tiny_encoder, toy_data), again)
    first = json.loads((tiny_model / "metrics.json").read_text())
    assert metrics["dev"] == first["dev"]
    articles = list(read_articles(toy_data / "dev.jsonl"))
    examples = [e for a in articles for e in build_examples(a, Recipe(max_length=64))]
    np.testing.assert_allclose(load_model(again).predict_proba(examples),
                               load_model(tiny_model).predict_proba(examples), atol=1e-6)


def test_bf16_training_leaves_the_fp32_model_it_saves(tmp_path, tiny_encoder, toy_data) -> None:
    from country_stance.training import build_model, fit_transformer

    cfg = tiny_train_config(tiny_encoder, toy_data, bf16=True, num_train_epochs=1)
    model = build_model(cfg["model"], Recipe(**cfg["recipe"]), seed=7)
    articles = list(read_articles(toy_data / "train.jsonl"))
    examples = [e for a in articles for e in build_examples(a, model.recipe, model.count_tokens)]
    fit_transformer(model, examples, examples, cfg["trainer"], tmp_path / "checkpoints", seed=7)
    model.save(tmp_path / "saved")
    # scores computed in the training run must be those of the model label.py loads, not of a bf16 forward
    np.testing.assert_allclose(model.predict_proba(examples), load_model(tmp_path / "saved").predict_proba(examples),
                               atol=1e-6)


def test_tiny_model_learns_the_toy_training_set(tmp_path, tiny_encoder, toy_data) -> None:
    cfg = tiny_train_config(tiny_encoder, toy_data, num_train_epochs=30, early_stopping_patience=30)
    cfg["data"]["swap_copies"] = 0
    metrics = train(cfg, tmp_path / "fit")
    # dev is the training set here: a model that trains at all fits nine pairs.
    assert metrics["dev"]["stance_accuracy_on_found"] == 1.0


def test_baselines_round_trip_without_pickle(tmp_path, sample_article) -> None:
    from country_stance.articles import article_from_record

    articles = [article_from_record(r, "toy", i) for i, r in enumerate(TOY_ARTICLES, 1)]
    examples = [e for a in articles for e in build_examples(a, Recipe())]
    for model in (MajorityModel(Recipe()).fit(examples), TfidfLogRegModel(Recipe(), min_df=1).fit(examples)):
        model.save(tmp_path / model.kind)
        assert not list((tmp_path / model.kind).glob("*.pkl"))
        loaded = load_model(tmp_path / model.kind)
        np.testing.assert_allclose(loaded.predict_proba(examples), model.predict_proba(examples), atol=1e-12)
