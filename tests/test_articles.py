from __future__ import annotations

import json
from pathlib import Path

import pytest

from country_stance.articles import RecordError, read_articles, write_articles, write_jsonl

GOOD = {"id": "a1", "title": "T", "date": "2025-03-02", "text": "France will send troops.",
        "labels": [{"country": "FRA", "label": "supportive"}]}


def _jsonl(tmp_path: Path, lines: list[str], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(RecordError) as info:
        list(read_articles(path))
    return str(info.value)


def test_reads_the_sample(sample_article) -> None:
    assert sample_article.id == "paris-chiefs-2025-03-11"
    assert sample_article.gold()["POL"] == "nato_framework"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ('{"id": "a2", "text": "x"', "line 2: malformed JSON: Expecting ',' delimiter (column 25)"),
        (json.dumps({"text": "France"}), "line 2: missing required field 'id'"),
        (json.dumps({"id": "a2"}), "line 2: missing required field 'text'"),
        (json.dumps({"id": "a2", "text": "  "}), "line 2: empty text (article 'a2')"),
        (json.dumps({"id": "a1", "text": "Again"}), "line 2: duplicate id 'a1'"),
        (json.dumps({"id": "a2", "text": "x", "labels": [{"country": "FRA", "label": "happy"}]}),
         "line 2: unknown label 'happy' for FRA (article 'a2'); valid: supportive, conditional, nato_framework, "
         "opposed, none"),
        (json.dumps({"id": "a2", "text": "x", "labels": [{"country": "FR", "label": "none"}]}),
         "line 2: country 'FR' is not an ISO 3166-1 alpha-3 code (article 'a2')"),
        (json.dumps({"id": "a2", "text": "x", "labels": [{"country": "FRA", "label": "none"},
                                                          {"country": "FRA", "label": "opposed"}]}),
         "line 2: country 'FRA' is labelled twice (article 'a2')"),
        ("[1, 2]", "line 2: expected a JSON object, got list"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path: Path, record: str, message: str) -> None:
    path = _jsonl(tmp_path, [json.dumps(GOOD), record])
    assert _error(path) == f"{path}, {message}"


def test_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps(GOOD), "", "{broken"])
    expected = "line 3: malformed JSON: Expecting property name enclosed in double quotes (column 2)"
    assert _error(path) == f"{path}, {expected}"


def test_csv_and_folder_inputs(tmp_path: Path) -> None:
    csv_path = tmp_path / "in.csv"
    csv_path.write_text('id,title,date,text\nb1,T,2025-01-01,"Poland, said ""no"""\nb2,,,\n', encoding="utf-8")
    assert _error(csv_path) == f"{csv_path}, line 3: empty text (article 'b2')"
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "z.txt").write_text("Kyiv agreed.", encoding="utf-8")
    (folder / "a.txt").write_text("Paris agreed.", encoding="utf-8")
    assert [(a.id, a.text) for a in read_articles(folder)] == [("a", "Paris agreed."), ("z", "Kyiv agreed.")]


def test_csv_reads_rows(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('id,title,date,text\nb1,T,2025-01-01,"Poland said ""no"""\n', encoding="utf-8")
    [article] = read_articles(path)
    assert (article.id, article.title, article.text, article.labels) == ("b1", "T", 'Poland said "no"', None)


def test_round_trip_keeps_extra_fields(tmp_path: Path) -> None:
    record = {**GOOD, "event": "london-summit", "source_style": "wire"}
    path = _jsonl(tmp_path, [json.dumps(record)])
    out = tmp_path / "out.jsonl"
    assert write_articles(out, read_articles(path)) == 1
    assert json.loads(out.read_text(encoding="utf-8")) == record


def test_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"

    def records():
        yield {"id": "ok"}
        raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        write_jsonl(out, records())
    assert list(tmp_path.iterdir()) == []


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "in.xml"
    path.write_text("<a/>", encoding="utf-8")
    assert _error(path) == f"{path}, line 0: unknown input format '.xml'; use .jsonl, .csv, a folder of .txt or -"
