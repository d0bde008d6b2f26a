"""Train a stance model: python scripts/train.py [model=...] [name=...] [experiment=...]."""

from __future__ import annotations

import json
import logging

import hydra
from omegaconf import DictConfig, OmegaConf

from country_stance.training import train

log = logging.getLogger(__name__)


@hydra.main(version_base=None, config_path="../configs", config_name="train")
def main(cfg: DictConfig) -> None:
    resolved = OmegaConf.to_container(cfg, resolve=True)
    metrics = train(resolved, cfg.output_dir)
    summary = {split: round(metrics[split]["macro_f1"], 4) for split in cfg.evaluate_on}
    log.info("saved %s; end-to-end macro-F1 %s", cfg.output_dir, json.dumps(summary))


if __name__ == "__main__":
    main()
