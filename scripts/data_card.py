"""Rewrite the generated tables of the data card (data/README.md) from the split files."""

from __future__ import annotations

import hydra
from omegaconf import DictConfig

from country_stance.datacard import update_card


@hydra.main(version_base=None, config_path="../configs/apps", config_name="data_card")
def main(cfg: DictConfig) -> None:
    update_card(cfg.readme, cfg.data_dir)
    print(f"updated {cfg.readme}")


if __name__ == "__main__":
    main()
