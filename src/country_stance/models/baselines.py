"""Baselines on the same examples: the majority label, and TF-IDF + logistic regression.

Saved as plain JSON (vocabulary, idf, coefficients): nothing is unpickled from a model folder.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from country_stance.examples import Example, Recipe, word_count
from country_stance.labels import LABEL2ID, LABELS
from country_stance.models import write_model_info

PARAMS_FILE = "params.json"


class MajorityModel:
    kind = "majority"

    def __init__(self, recipe: Recipe, label: str = "none") -> None:
        self.recipe, self.label = recipe, label

    def count_tokens(self, texts: list[str]) -> list[int]:
        return word_count(texts)

    def fit(self, examples: list[Example]) -> MajorityModel:
        self.label = Counter(e.label for e in examples).most_common(1)[0][0]
        return self

    def predict_proba(self, examples: list[Example]) -> np.ndarray:
        probs = np.zeros((len(examples), len(LABELS)), dtype=np.float32)
        probs[:, LABEL2ID[self.label]] = 1.0
        return probs

    def save(self, folder: str | Path) -> None:
        write_model_info(folder, self.kind, self.recipe)
        Path(folder, PARAMS_FILE).write_text(json.dumps({"label": self.label}) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> MajorityModel:
        params = json.loads(Path(folder, PARAMS_FILE).read_text(encoding="utf-8"))
        return cls(Recipe.load(folder), params["label"])


class TfidfLogRegModel:
    kind = "tfidf_logreg"

    def __init__(self, recipe: Recipe, ngram_max: int = 2, min_df: int = 2, c: float = 4.0, seed: int = 0) -> None:
        self.recipe = recipe
        self.pipeline = Pipeline([
            ("tfidf", TfidfVectorizer(ngram_range=(1, ngram_max), min_df=min_df, sublinear_tf=True)),
            ("logreg", LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=seed)),
        ])

    def count_tokens(self, texts: list[str]) -> list[int]:
        return word_count(texts)

    def fit(self, examples: list[Example]) -> TfidfLogRegModel:
        self.pipeline.fit([e.text for e in examples], [LABEL2ID[e.label] for e in examples])
        return self

    def predict_proba(self, examples: list[Example]) -> np.ndarray:
        probs = np.zeros((len(examples), len(LABELS)), dtype=np.float32)
        if examples:
            probs[:, self.pipeline.classes_] = self.pipeline.predict_proba([e.text for e in examples])
        return probs

    def save(self, folder: str | Path) -> None:
        write_model_info(folder, self.kind, self.recipe)
        tfidf, logreg = self.pipeline.named_steps["tfidf"], self.pipeline.named_steps["logreg"]
        params = {
            "tfidf": {k: v for k, v in tfidf.get_params().items() if k in ("ngram_range", "min_df", "sublinear_tf")},
            "vocabulary": {term: int(i) for term, i in tfidf.vocabulary_.items()},
            "idf": tfidf.idf_.tolist(),
            "classes": logreg.classes_.tolist(),
            "coef": logreg.coef_.tolist(),
            "intercept": logreg.intercept_.tolist(),
        }
        Path(folder, PARAMS_FILE).write_text(json.dumps(params), encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> TfidfLogRegModel:
        params = json.loads(Path(folder, PARAMS_FILE).read_text(encoding="utf-8"))
        model = cls(Recipe.load(folder))
        tfidf = TfidfVectorizer(**{**params["tfidf"], "ngram_range": tuple(params["tfidf"]["ngram_range"])})
        tfidf.vocabulary_ = params["vocabulary"]
        tfidf.idf_ = np.asarray(params["idf"])
        logreg = LogisticRegression()
        logreg.classes_ = np.asarray(params["classes"])
        logreg.coef_ = np.asarray(params["coef"])
        logreg.intercept_ = np.asarray(params["intercept"])
        model.pipeline = Pipeline([("tfidf", tfidf), ("logreg", logreg)])
        return model


BASELINES = {MajorityModel.kind: MajorityModel, TfidfLogRegModel.kind: TfidfLogRegModel}
