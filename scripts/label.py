"""Batch labelling: python scripts/label.py input=PATH output=PATH [model=...] [backend=torch|onnx] ..."""

from __future__ import annotations

import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig

from country_stance.articles import RecordError
from country_stance.batch import rejects_path, run
from country_stance.labeller import Labeller
from country_stance.models import load_model


@hydra.main(version_base=None, config_path="../configs/apps", config_name="label")
def main(cfg: DictConfig) -> None:
    model = load_model(cfg.model, backend=cfg.backend, quantize=cfg.quantize, batch_size=cfg.batch_size,
                       threads=cfg.threads, bf16=cfg.bf16)
    try:
        report = run(Labeller(model, cfg.articles_per_batch), cfg.input, cfg.output, on_error=cfg.on_error,
                     resume=cfg.resume, chunk_articles=cfg.chunk_articles, progress=cfg.progress)
    except (RecordError, FileNotFoundError, ValueError) as error:
        sys.exit(f"error: {error}")
    resumed = f" (resumed after {report.resumed_from})" if report.resumed_from else ""
    print(f"labelled {report.articles} articles{resumed} into {cfg.output}")
    if report.rejects:
        print(f"skipped {len(report.rejects)} bad records: see {rejects_path(Path(cfg.output))}")


if __name__ == "__main__":
    main()
