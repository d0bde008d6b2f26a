"""Article records: read JSONL / CSV / a folder of .txt files / stdin as a stream, validate, write atomically.

Every bad record raises :class:`RecordError` naming the file, the line and what was wrong.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

from country_stance.labels import LABELS, RULES

STDIN = "-"
ErrorHandler = Callable[["RecordError"], None]
_CSV_COLUMNS = ("id", "title", "date", "text")


class RecordError(ValueError):
    """A bad input record, located by file and line (1-based)."""

    def __init__(self, path: str | os.PathLike, line: int, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}, line {line}: {reason}")


@dataclass(frozen=True, slots=True)
class Label:
    country: str
    label: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str = ""
    date: str = ""
    labels: tuple[Label, ...] | None = None  # None: unlabelled (for batch labelling)
    extra: dict[str, Any] = field(default_factory=dict)  # other fields kept as they are (event, source_style)
    source: str = ""  # "file:line", for messages further down the pipeline

    def gold(self) -> dict[str, str]:
        """ISO3 -> label, for a labelled article."""
        return {lab.country: lab.label for lab in self.labels or ()}

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "title": self.title, "date": self.date, "text": self.text}
        record.update(self.extra)
        if self.labels is not None:
            record["labels"] = [_label_record(lab) for lab in self.labels]
        return record


def _label_record(lab: Label) -> dict[str, Any]:
    record: dict[str, Any] = {"country": lab.country, "label": lab.label}
    if lab.rules:
        record["rules"] = list(lab.rules)
    return record


@cache
def iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def article_from_record(record: Any, path: str | os.PathLike, line: int) -> Article:
    """Validate one parsed record (a dict) and build the Article; raise RecordError if it is bad."""
    if not isinstance(record, dict):
        raise RecordError(path, line, f"expected a JSON object, got {type(record).__name__}")
    for key in ("id", "text"):
        if key not in record:
            raise RecordError(path, line, f"missing required field '{key}'")
    article_id, text = record["id"], record["text"]
    if not isinstance(article_id, str) or not article_id.strip():
        raise RecordError(path, line, "field 'id' must be a non-empty string")
    if not isinstance(text, str):
        raise RecordError(path, line, f"field 'text' must be a string (article '{article_id}')")
    if not text.strip():
        raise RecordError(path, line, f"empty text (article '{article_id}')")
    for key in ("title", "date"):
        if not isinstance(record.get(key) or "", str):
            raise RecordError(path, line, f"field '{key}' must be a string (article '{article_id}')")
    labels = None
    if record.get("labels") is not None:
        labels = _parse_labels(record["labels"], path, line, article_id)
    extra = {k: v for k, v in record.items() if k not in ("id", "text", "title", "date", "labels")}
    return Article(
        id=article_id,
        text=text,
        title=record.get("title") or "",
        date=record.get("date") or "",
        labels=labels,
        extra=extra,
        source=f"{path}:{line}",
    )


def _parse_labels(raw: Any, path: str | os.PathLike, line: int, article_id: str) -> tuple[Label, ...]:
    where = f"(article '{article_id}')"
    if not isinstance(raw, list):
        raise RecordError(path, line, f"field 'labels' must be a list {where}")
    seen: set[str] = set()
    labels = []
    for item in raw:
        if not isinstance(item, dict) or "country" not in item or "label" not in item:
            raise RecordError(path, line, f"each label needs 'country' and 'label' {where}")
        country, label = item["country"], item["label"]
        if country not in iso3_codes():
            raise RecordError(path, line, f"country '{country}' is not an ISO 3166-1 alpha-3 code {where}")
        if label not in LABELS:
            raise RecordError(path, line, f"unknown label '{label}' for {country} {where}; valid: {', '.join(LABELS)}")
        if country in seen:
            raise RecordError(path, line, f"country '{country}' is labelled twice {where}")
        rules = item.get("rules") or []
        unknown = [r for r in rules if r not in RULES]
        if unknown:
            raise RecordError(path, line, f"unknown rule tag '{unknown[0]}' for {country} {where}")
        seen.add(country)
        labels.append(Label(country, label, tuple(rules)))
    return tuple(labels)


def read_articles(path: str | os.PathLike, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """Stream articles from JSONL, CSV, a folder of .txt files, or stdin ("-", JSONL); ids must be unique.

    A bad record raises :class:`RecordError`, or, given ``on_error``, is handed to it and skipped.
    """
    seen: set[str] = set()
    for item in _read_any(path):
        if isinstance(item, tuple):
            article, line = item
            if article.id not in seen:
                seen.add(article.id)
                yield article
                continue
            item = RecordError(article.source.rsplit(":", 1)[0], line, f"duplicate id '{article.id}'")
        if on_error is None:
            raise item
        on_error(item)


def _read_any(path: str | os.PathLike) -> Iterator[tuple[Article, int] | RecordError]:
    """Articles with their line, or the RecordError of a bad line (so a caller may skip it and go on)."""
    if str(path) == STDIN:
        yield from _read_jsonl(sys.stdin, "<stdin>")
        return
    path = Path(path)
    if path.is_dir():
        yield from _read_txt_folder(path)
    elif not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    elif path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", errors="replace", newline="") as stream:
            yield from _read_csv(stream, path)
    elif path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        with path.open(encoding="utf-8", errors="replace") as stream:
            yield from _read_jsonl(stream, path)
    else:
        raise RecordError(path, 0, f"unknown input format '{path.suffix}'; use .jsonl, .csv, a folder of .txt or -")


def _checked(record: Any, path: str | os.PathLike, line: int) -> tuple[Article, int] | RecordError:
    try:
        return article_from_record(record, path, line), line
    except RecordError as error:
        return error


def _read_jsonl(stream: IO[str], path: str | os.PathLike) -> Iterator[tuple[Article, int] | RecordError]:
    for line_no, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield RecordError(path, line_no, f"malformed JSON: {error.msg} (column {error.colno})")
            continue
        yield _checked(record, path, line_no)


def _read_csv(stream: IO[str], path: Path) -> Iterator[tuple[Article, int] | RecordError]:
    reader = csv.DictReader(stream)
    missing = [c for c in ("id", "text") if c not in (reader.fieldnames or [])]
    if missing:
        expected = ",".join(_CSV_COLUMNS)
        raise RecordError(path, 1, f"CSV header lacks column(s) {', '.join(missing)}; expected {expected}")
    for row in reader:
        line_no = reader.line_num
        record: dict[str, Any] = {k: v for k, v in row.items() if k in _CSV_COLUMNS}
        if row.get("labels"):
            try:
                record["labels"] = json.loads(row["labels"])
            except json.JSONDecodeError as error:
                yield RecordError(path, line_no, f"column 'labels' is not JSON: {error.msg}")
                continue
        yield _checked(record, path, line_no)


def _read_txt_folder(folder: Path) -> Iterator[tuple[Article, int] | RecordError]:
    for file in sorted(folder.glob("*.txt")):
        text = file.read_text(encoding="utf-8", errors="replace")
        yield _checked({"id": file.stem, "text": text}, file, 1)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and rename it into place only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_jsonl(path: str | os.PathLike, records: Iterable[dict[str, Any]]) -> int:
    """Write records as JSONL atomically; return how many were written."""
    count = 0
    with atomic_writer(path) as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_articles(path: str | os.PathLike, articles: Iterable[Article]) -> int:
    return write_jsonl(path, (a.to_record() for a in articles))
