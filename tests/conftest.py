from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from country_stance.articles import Article, read_articles

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "paris-chiefs.jsonl"

# Small labelled articles for end-to-end runs on a tiny model (written for the tests, one per stance).
TOY_ARTICLES = [
    {"id": "t1", "title": "Oslo pledge", "date": "2025-03-03", "event": "toy-1",
     "text": "Norway will send troops to the reassurance force. Russia rejects any foreign troops in Ukraine.",
     "labels": [{"country": "NOR", "label": "supportive"}, {"country": "RUS", "label": "opposed"},
                {"country": "UKR", "label": "none"}]},
    {"id": "t2", "title": "Rome hedges", "date": "2025-03-04", "event": "toy-2",
     "text": "Italy would consider a role only with a UN mandate. Spain hosted the meeting.",
     "labels": [{"country": "ITA", "label": "conditional"}, {"country": "ESP", "label": "none"}]},
    {"id": "t3", "title": "Warsaw and NATO", "date": "2025-03-05", "event": "toy-3",
     "text": "Poland said such decisions should be made within the NATO framework. Hungary will not send troops.",
     "labels": [{"country": "POL", "label": "nato_framework"}, {"country": "HUN", "label": "opposed"}]},
    {"id": "t4", "title": "Paris leads", "date": "2025-03-06", "event": "toy-4",
     "text": "France will send troops once a ceasefire holds. Germany said it is premature to discuss troops.",
     "labels": [{"country": "FRA", "label": "supportive"}, {"country": "DEU", "label": "conditional"}]},
]


@pytest.fixture(scope="session")
def sample_article() -> Article:
    return next(read_articles(SAMPLE))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def toy_data(tmp_path_factory) -> Path:
    """train / dev / test files of toy articles (dev and test reuse stories: fine for a smoke run only)."""
    folder = tmp_path_factory.mktemp("data")
    for split in ("train", "dev", "test"):
        write_jsonl(folder / f"{split}.jsonl", TOY_ARTICLES)
    return folder


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory, sample_article) -> Path:
    """A 2-layer, 32-wide BERT with a word-level vocabulary of the test texts, built here (never downloaded)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    from country_stance.labels import ID2LABEL, LABEL2ID

    torch.manual_seed(0)
    texts = [sample_article.text] + [a["text"] for a in TOY_ARTICLES]
    words = sorted({w for t in texts for w in re.findall(r"\w+|[^\w\s]", t.lower())})
    vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words])}
    folder = tmp_path_factory.mktemp("tiny-encoder")
    BertTokenizer(vocab=vocab).save_pretrained(folder)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512, num_labels=len(LABEL2ID),
                        id2label=ID2LABEL, label2id=LABEL2ID)
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder


def tiny_train_config(encoder: Path, data: Path, **trainer: object) -> dict:
    return {
        "name": "tiny",
        "seed": 7,
        "evaluate_on": ["dev"],
        "data": {"dir": str(data), "swap_copies": 1, "limit": None},
        "recipe": {"marker": "@", "following_sentences": 1, "max_length": 64},
        "model": {"kind": "transformer", "name": "tiny", "path": str(encoder), "freeze_layers": 0},
        "trainer": {"use_cpu": True, "num_train_epochs": 3, "per_device_train_batch_size": 4,
                    "per_device_eval_batch_size": 8, "learning_rate": 5e-3, "logging_steps": 1,
                    "early_stopping_patience": 3, "class_weights": True, "threads": None,
                    "disable_tqdm": True, **trainer},
    }


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, tiny_encoder, toy_data) -> Path:
    """A tiny model trained end to end through country_stance.training.train."""
    from country_stance.training import train

    folder = tmp_path_factory.mktemp("models") / "tiny"
    train(tiny_train_config(tiny_encoder, toy_data), folder)
    return folder
