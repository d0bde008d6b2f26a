"""A batch labelling run: input file -> output file, streaming, resumable, atomic, with rejects on request.

Output goes to ``<output>.partial`` in chunks; after each chunk a small checkpoint file records how many
articles and bytes are safely on disk. ``resume=True`` truncates the partial file to the last checkpoint and
skips the articles already done. Only a finished run is renamed to ``<output>``, so a crash never leaves a
half-written output file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tqdm import tqdm

from country_stance.articles import Article, RecordError, read_articles, write_jsonl
from country_stance.labeller import LabelledArticle, Labeller, chunked

CSV_COLUMNS = ("id", "title", "date", "country", "name", "label", "score", "evidence")


@dataclass
class RunReport:
    articles: int = 0
    pairs: int = 0
    resumed_from: int = 0
    rejects: list[dict] = field(default_factory=list)


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def checkpoint_path(output: Path) -> Path:
    return output.with_name(output.name + ".checkpoint.json")


def rejects_path(output: Path) -> Path:
    return output.with_name(output.stem + ".rejects.jsonl")


def output_format(output: Path) -> str:
    suffix = output.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise ValueError(f"{output}: output must end in .jsonl or .csv")
    return suffix[1:]


def run(labeller: Labeller, input_path: str | os.PathLike, output: str | os.PathLike, *, on_error: str = "stop",
        resume: bool = False, chunk_articles: int = 256, progress: bool = True) -> RunReport:
    """Label every article of ``input_path`` into ``output`` (JSONL or CSV by extension)."""
    if on_error not in ("stop", "skip"):
        raise ValueError(f"on_error must be 'stop' or 'skip', not '{on_error}'")
    output = Path(output)
    fmt = output_format(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    report = RunReport()
    done, offset = _checkpoint(output) if resume else (0, 0)
    report.resumed_from = done

    def reject(error: RecordError) -> None:
        report.rejects.append({"file": error.path, "line": error.line, "reason": error.reason})

    articles = read_articles(input_path, on_error=reject if on_error == "skip" else None)
    partial = partial_path(output)
    try:
        with partial.open("r+b" if done else "wb") as stream:
            stream.truncate(offset)
            stream.seek(offset)
            if not done and fmt == "csv":
                stream.write(_csv_rows([CSV_COLUMNS]))
            labelled = labeller.label(_skip(articles, done))
            bar = tqdm(labelled, desc="labelling", unit=" articles", disable=not progress, initial=done)
            for chunk in chunked(bar, chunk_articles):
                stream.write(_encode(chunk, fmt))
                stream.flush()
                os.fsync(stream.fileno())
                done += len(chunk)
                report.pairs += sum(len(la.labels) for la in chunk)
                _save_checkpoint(output, done, stream.tell())
    except RecordError:
        # A bad record with on_error=stop: nothing of this run is kept.
        for path in (partial, checkpoint_path(output)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise
    os.replace(partial, output)
    checkpoint_path(output).unlink(missing_ok=True)
    report.articles = done
    if report.rejects:
        write_jsonl(rejects_path(output), report.rejects)
    return report


def _skip(articles: Iterable[Article], count: int) -> Iterator[Article]:
    iterator = iter(articles)
    for _ in islice(iterator, count):
        pass
    return iterator


def _checkpoint(output: Path) -> tuple[int, int]:
    path = checkpoint_path(output)
    if not path.exists() or not partial_path(output).exists():
        return 0, 0
    state = json.loads(path.read_text(encoding="utf-8"))
    return state["articles"], state["bytes"]


def _save_checkpoint(output: Path, articles: int, size: int) -> None:
    path = checkpoint_path(output)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"articles": articles, "bytes": size}), encoding="utf-8")
    os.replace(tmp, path)


def _encode(chunk: list[LabelledArticle], fmt: str) -> bytes:
    if fmt == "jsonl":
        return "".join(json.dumps(la.to_record(), ensure_ascii=False) + "\n" for la in chunk).encode("utf-8")
    return _csv_rows(row for la in chunk for row in _csv_records(la))


def _csv_records(la: LabelledArticle) -> Iterator[tuple]:
    record = la.to_record()
    for c in record["labels"]:
        evidence = " | ".join(e["text"] for e in c["evidence"])
        yield (record["id"], record["title"], record["date"], c["country"], c["name"], c["label"], c["score"],
               evidence)


def _csv_rows(rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
