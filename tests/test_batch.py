from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from country_stance.articles import RecordError
from country_stance.batch import checkpoint_path, partial_path, rejects_path, run
from country_stance.labeller import Labeller
from country_stance.models import load_model
from tests.conftest import SAMPLE, TOY_ARTICLES, write_jsonl

RECORD_KEYS = {"id", "title", "date", "labels"}
LABEL_KEYS = {"country", "name", "label", "score", "probs", "evidence"}


@pytest.fixture(scope="module")
def labeller(tiny_model) -> Labeller:
    return Labeller(load_model(tiny_model), articles_per_batch=2)


def _unlabelled(tmp_path: Path, name: str = "in.jsonl") -> Path:
    records = [{k: v for k, v in a.items() if k != "labels"} for a in TOY_ARTICLES]
    return write_jsonl(tmp_path / name, records)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sample_output_schema(tmp_path, labeller, sample_article) -> None:
    out = tmp_path / "out.jsonl"
    report = run(labeller, SAMPLE, out, progress=False)
    [record] = _read(out)
    assert report.articles == 1 and report.pairs == 9
    assert set(record) == RECORD_KEYS and record["id"] == sample_article.id
    assert [c["country"] for c in record["labels"]] == ["UKR", "FRA", "RUS", "GBR", "DEU", "ITA", "POL", "USA", "DNK"]
    for country in record["labels"]:
        assert set(country) == LABEL_KEYS
        assert set(country["probs"]) == {"supportive", "conditional", "nato_framework", "opposed", "none"}
        for evidence in country["evidence"]:
            assert sample_article.text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert sorted(tmp_path.iterdir()) == [tmp_path / "out.jsonl"]


def test_broken_line_stops_the_run_and_writes_nothing(tmp_path, labeller) -> None:
    good = _unlabelled(tmp_path).read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([good[0], good[1], '{"id": "x", "text": ', good[2]]) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "labels.jsonl"
    with pytest.raises(RecordError, match=r"bad.jsonl, line 3: malformed JSON"):
        run(labeller, bad, out, progress=False)
    assert list(out.parent.iterdir()) == []


def test_skip_labels_the_rest_and_writes_rejects(tmp_path, labeller) -> None:
    good = _unlabelled(tmp_path).read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([good[0], '{"id": "x", "text": ""}', "not json", good[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    report = run(labeller, bad, out, on_error="skip", progress=False)
    assert [r["id"] for r in _read(out)] == ["t1", "t2"]
    assert _read(rejects_path(out)) == [
        {"file": str(bad), "line": 2, "reason": "empty text (article 'x')"},
        {"file": str(bad), "line": 3, "reason": "malformed JSON: Expecting value (column 1)"},
    ]
    assert len(report.rejects) == 2


class _Crash(Exception):
    pass


def test_resume_continues_after_a_crash(tmp_path, labeller) -> None:
    source = _unlabelled(tmp_path)
    whole = tmp_path / "whole.jsonl"
    run(labeller, source, whole, progress=False)

    out = tmp_path / "out.jsonl"
    calls = {"n": 0}
    real = labeller.label_group

    def crash_on_second_group(group):
        calls["n"] += 1
        if calls["n"] == 2:
            raise _Crash
        return real(group)

    labeller.label_group = crash_on_second_group
    try:
        with pytest.raises(_Crash):
            run(labeller, source, out, chunk_articles=2, progress=False)
    finally:
        del labeller.label_group
    assert not out.exists() and partial_path(out).exists()  # never a half-written output
    assert json.loads(checkpoint_path(out).read_text())["articles"] == 2

    report = run(labeller, source, out, resume=True, chunk_articles=2, progress=False)
    assert report.resumed_from == 2
    assert out.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")
    assert not partial_path(out).exists() and not checkpoint_path(out).exists()


def test_csv_and_folder_inputs_give_the_same_labels(tmp_path, labeller) -> None:
    source = _unlabelled(tmp_path)
    reference = {r["id"]: {c["country"]: c["label"] for c in r["labels"]} for r in _read_run(labeller, source)}
    csv_in = tmp_path / "in.csv"
    with csv_in.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "title", "date", "text"])
        writer.writerows([a["id"], a["title"], a["date"], a["text"]] for a in TOY_ARTICLES)
    folder = tmp_path / "txt"
    folder.mkdir()
    for a in TOY_ARTICLES:
        (folder / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    for source_path in (csv_in, folder):
        got = {r["id"]: {c["country"]: c["label"] for c in r["labels"]} for r in _read_run(labeller, source_path)}
        assert got == reference


def _read_run(labeller: Labeller, source: Path) -> list[dict]:
    out = source.parent / f"{source.stem}-{source.suffix.strip('.') or 'dir'}-out.jsonl"
    run(labeller, source, out, progress=False)
    return _read(out)


def test_csv_output_has_one_row_per_country(tmp_path, labeller) -> None:
    out = tmp_path / "out.csv"
    run(labeller, SAMPLE, out, progress=False)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["country"] for r in rows] == ["UKR", "FRA", "RUS", "GBR", "DEU", "ITA", "POL", "USA", "DNK"]
    assert rows[0]["id"] == "paris-chiefs-2025-03-11"


def test_odd_inputs_work(tmp_path, labeller) -> None:
    records = [
        {"id": "empty-country", "text": "No country is named here at all."},
        {"id": "html", "text": "<p>France <b>will send</b> troops.</p><div>Read more</div>"},
        {"id": "long", "text": "Poland will not send troops. " * 7000},  # 203,000 characters
    ]
    source = write_jsonl(tmp_path / "odd.jsonl", records)
    raw = source.read_bytes() + b'{"id": "bytes", "text": "Kyiv \xff\xfe welcomed it."}\n'
    source.write_bytes(raw)
    out = tmp_path / "out.jsonl"
    run(labeller, source, out, progress=False)
    got = {r["id"]: [c["country"] for c in r["labels"]] for r in _read(out)}
    assert got == {"empty-country": [], "html": ["FRA"], "long": ["POL"], "bytes": ["UKR"]}
