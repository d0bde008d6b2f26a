"""The three entry points end to end, as a user runs them (Hydra command lines), on a tiny model."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, SAMPLE


def _run(script: str, *overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *overrides], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_train_evaluate_label(tmp_path, tiny_encoder, toy_data) -> None:
    model = tmp_path / "models" / "tiny"
    trained = _run("train.py", f"model.path={tiny_encoder}", "model.freeze_layers=0", f"data.dir={toy_data}",
                   "recipe.max_length=64", "trainer.max_steps=6", "trainer.eval_steps=3", "+trainer.disable_tqdm=true",
                   "evaluate_on=[dev]", f"output_dir={model}", f"hydra.run.dir={tmp_path / 'hydra'}")
    assert trained.returncode == 0, trained.stderr[-2000:]
    assert (model / "model.safetensors").exists() and (model / "metrics.json").exists()

    out = tmp_path / "eval"
    evaluated = _run("evaluate.py", f"model={model}", f"input={SAMPLE}", f"out_dir={out}", "bootstrap_samples=20")
    assert evaluated.returncode == 0, evaluated.stderr[-2000:]
    assert "1 articles, 9 pairs: end-to-end macro-F1" in evaluated.stdout
    assert {p.name for p in out.iterdir()} == {"metrics.json", "confusion.txt", "confusion.png", "errors.jsonl"}
    assert json.loads((out / "metrics.json").read_text())["country_detection"]["f1"] == 1.0

    labels = tmp_path / "labels.jsonl"
    labelled = _run("label.py", f"input={SAMPLE}", f"output={labels}", f"model={model}", "progress=false")
    assert labelled.returncode == 0, labelled.stderr[-2000:]
    assert json.loads(labels.read_text())["id"] == "paris-chiefs-2025-03-11"

    demo = _run("demo.py", f"model={model}")
    assert demo.returncode == 0, demo.stderr[-2000:]
    titles = [line.split(":")[0] for line in demo.stdout.splitlines() if line.startswith(("paris-", "demo-"))]
    assert titles[0] == "paris-chiefs-2025-03-11" and len(titles) == 3  # the reference article comes first
    assert sum(line.startswith("Denmark ") for line in demo.stdout.splitlines()) == 1

    bad = tmp_path / "bad.jsonl"
    bad.write_text(SAMPLE.read_text() + "{oops\n", encoding="utf-8")
    failed = _run("label.py", f"input={bad}", f"output={tmp_path / 'none.jsonl'}", f"model={model}")
    assert failed.returncode == 1
    assert f"error: {bad}, line 2: malformed JSON" in failed.stderr
    assert not (tmp_path / "none.jsonl").exists()


def test_an_experiment_overrides_the_training_defaults() -> None:
    from hydra import compose, initialize_config_dir

    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base=None):
        cfg = compose(config_name="train", overrides=["experiment=smoke"])
    assert (cfg.name, cfg.evaluate_on, cfg.data.limit, cfg.trainer.max_steps) == ("smoke", ["dev"], 12, -1)
