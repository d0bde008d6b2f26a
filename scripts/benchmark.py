"""Labelling throughput, side by side in one run (medians of ``runs``), plus backend parity and peak memory.

(a) label.py's path (batch.run: read, find, build, score, write); (b) a transformers text-classification
pipeline called per (article, country) pair with the article and the country name as a text pair; (c) the raw
encoder forward over the exact token batches of (a), the ceiling. Prints a/b, a/c; ONNX fp32 and int8 and torch
bf16 autocast against torch fp32 (speed, label agreement, macro-F1); peak memory (VmHWM of a fresh process) at two
corpus sizes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import hydra
import torch
from omegaconf import DictConfig

from country_stance.articles import Article, read_articles, write_articles
from country_stance.batch import run
from country_stance.corpus import split_path
from country_stance.countries import country_name, find_countries
from country_stance.evaluation import label_and_score
from country_stance.examples import build_examples
from country_stance.labeller import Labeller
from country_stance.models import load_model, native_bf16


def scaled_corpus(source: list[Article], size: int, path: Path) -> Path:
    """``size`` unlabelled articles cycling through ``source`` (new ids), written as JSONL."""
    articles = (
        Article(id=f"{source[i % len(source)].id}-{i}", text=source[i % len(source)].text,
                title=source[i % len(source)].title)
        for i in range(size)
    )
    write_articles(path, articles)
    return path


def median_rate(fn: Callable[[], int], runs: int) -> float:
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        count = fn()
        rates.append(count / (time.perf_counter() - started))
    return statistics.median(rates)


def label_path(model, corpus: Path, out: Path, articles_per_batch: int) -> int:
    return run(Labeller(model, articles_per_batch), corpus, out, progress=False).articles


def pipeline_per_pair(folder: str, articles: list[Article]) -> int:
    from transformers import pipeline

    classify = pipeline("text-classification", model=folder, tokenizer=folder, device="cpu")
    for article in articles:
        for iso3 in find_countries(article.text):
            classify({"text": article.text, "text_pair": country_name(iso3)}, truncation=True, max_length=512)
    return len(articles)


def encoder_ceiling(model, articles: list[Article]) -> Callable[[], int]:
    examples = [e for a in articles for e in build_examples(a, model.recipe, model.count_tokens)]
    batches = [batch for _, batch in model.batches(examples)]

    def forward() -> int:
        for batch in batches:
            model.logits(batch)
        return len(articles)

    return forward


def peak_memory_mb(cfg: DictConfig, corpus: Path, out: Path) -> float:
    """Peak RSS (VmHWM) of a fresh process labelling ``corpus`` (label.py's path, progress bar off).

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent, VmHWM restarts at exec."""
    code = (
        "import re\n"
        "from country_stance.batch import run\nfrom country_stance.labeller import Labeller\n"
        "from country_stance.models import load_model\n"
        f"model = load_model({cfg.memory_model!r}, batch_size={cfg.batch_size})\n"
        f"run(Labeller(model, {cfg.articles_per_batch}), {str(corpus)!r}, {str(out)!r}, progress=False)\n"
        "status = open('/proc/self/status').read()\n"
        "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)) / 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


@hydra.main(version_base=None, config_path="../configs/apps", config_name="benchmark")
def main(cfg: DictConfig) -> None:
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    test = list(read_articles(split_path(cfg.data_dir, "test")))
    work = Path(tempfile.mkdtemp(prefix="country-stance-bench-"))
    corpus = scaled_corpus(test, cfg.articles, work / "corpus.jsonl")
    pairs = sum(len(find_countries(a.text)) for a in test) / len(test)
    print(f"corpus: {cfg.articles:,} articles from the {len(test)} test articles, {pairs:.1f} countries each; "
          f"model {cfg.model}; {torch.get_num_threads()} threads; medians of {cfg.runs} runs; "
          f"native bf16: {native_bf16()}")

    torch_model = load_model(cfg.model, batch_size=cfg.batch_size)
    a = median_rate(lambda: label_path(torch_model, corpus, work / "a.jsonl", cfg.articles_per_batch), cfg.runs)
    subset = test[: cfg.pipeline_articles]
    b = median_rate(lambda: pipeline_per_pair(cfg.model, subset), cfg.runs)
    c = median_rate(encoder_ceiling(torch_model, list(read_articles(corpus))), cfg.runs)
    print(f"(a) label.py path        {a:8.1f} articles/s  {a * pairs:8.1f} pairs/s")
    print(f"(b) per-pair pipeline    {b:8.1f} articles/s  (on {len(subset)} articles)")
    print(f"(c) raw encoder forward  {c:8.1f} articles/s")
    print(f"a/b = {a / b:.2f}   a/c = {a / c:.2f}")

    labelled, torch_metrics = label_and_score(torch_model, test, bootstrap_samples=0)
    reference = {la.article.id: la.predicted() for la in labelled}
    total = sum(len(v) for v in reference.values())
    variants = {
        "onnx fp32": dict(backend="onnx"),
        "onnx int8": dict(backend="onnx", quantize=True),
        "torch bf16": dict(bf16=True),  # only worth it where native_bf16(); measured either way
    }
    for name, options in variants.items():
        fast = load_model(cfg.model, batch_size=cfg.batch_size, **options)
        rate = median_rate(lambda m=fast: label_path(m, corpus, work / "o.jsonl", cfg.articles_per_batch),
                           cfg.variant_runs)
        labelled, metrics = label_and_score(fast, test, bootstrap_samples=0)
        got = {la.article.id: la.predicted() for la in labelled}
        same = sum(got[i].get(c) == label for i in reference for c, label in reference[i].items())
        f1, torch_f1 = metrics["macro_f1"], torch_metrics["macro_f1"]
        print(f"{name}: {rate:8.1f} articles/s = {rate / a:.2f}x torch fp32; labels agree on {same / total:.1%} "
              f"of {total} test pairs; macro-F1 {f1:.4f} vs {torch_f1:.4f} (diff {f1 - torch_f1:+.4f})")

    for size in cfg.memory_sizes:
        big = scaled_corpus(test, size, work / f"memory-{size}.jsonl")
        print(f"peak memory labelling {size:,} articles with {cfg.memory_model}: "
              f"{peak_memory_mb(cfg, big, work / 'memory-out.jsonl'):.0f} MB")


if __name__ == "__main__":
    main()
