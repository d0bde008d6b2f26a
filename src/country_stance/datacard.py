"""The data card's tables, computed from the files (scripts/data_card.py writes them into data/README.md)."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path

from country_stance.agreement import agreement
from country_stance.articles import Article
from country_stance.corpus import SPLITS, read_split
from country_stance.countries import country_name
from country_stance.labels import LABELS, RULES

START, END = "<!-- stats:start -->", "<!-- stats:end -->"


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def stats_markdown(data_dir: str | Path) -> str:
    splits = {split: read_split(data_dir, split) for split in SPLITS}
    everything = [a for articles in splits.values() for a in articles]
    parts = ["### Size and labels per split", _split_table(splits), "", "### Lengths (characters)",
             _length_table(splits), "", "### Source styles", _count_table(Counter(
                 a.extra.get("source_style", "?") for a in everything), "style"), "",
             "### Rule coverage (pairs tagged with each guide rule)", _rules_table(everything), "",
             "### Countries", _country_table(everything), "", "### Second-pass agreement",
             _agreement_section(Path(data_dir), everything)]
    return "\n".join(parts)


def _split_table(splits: dict[str, list[Article]]) -> str:
    rows = []
    for split, articles in [*splits.items(), ("all", [a for s in splits.values() for a in s])]:
        counts = Counter(label for a in articles for label in a.gold().values())
        stories = len({a.extra.get("event") for a in articles})
        rows.append([split, len(articles), stories, sum(counts.values()), *(counts[label] for label in LABELS)])
    return _table(["split", "articles", "stories", "pairs", *LABELS], rows)


def _length_table(splits: dict[str, list[Article]]) -> str:
    rows = []
    for split, articles in [*splits.items(), ("all", [a for s in splits.values() for a in s])]:
        lengths = [len(a.text) for a in articles]
        rows.append([split, min(lengths), int(statistics.median(lengths)), max(lengths),
                     f"{sum(n > 1500 for n in lengths) / len(lengths):.0%}",
                     f"{sum(n > 3500 for n in lengths) / len(lengths):.0%}"])
    return _table(["split", "min", "median", "max", "> 1,500", "> 3,500"], rows)


def _count_table(counts: Counter, name: str) -> str:
    return _table([name, "articles"], [[k, v] for k, v in counts.most_common()])


def _rules_table(articles: list[Article]) -> str:
    counts = Counter(rule for a in articles for lab in a.labels or () for rule in lab.rules)
    return _table(["rule", "pairs"], [[rule, counts[rule]] for rule in RULES])


def _country_table(articles: list[Article]) -> str:
    per_country: dict[str, Counter] = {}
    for a in articles:
        for iso3, label in a.gold().items():
            per_country.setdefault(iso3, Counter())[label] += 1
    ranked = sorted(per_country, key=lambda c: -sum(per_country[c].values()))
    rows = [[f"{country_name(c)} ({c})", sum(per_country[c].values()), len(per_country[c]),
             *(per_country[c][label] for label in LABELS)] for c in ranked[:20]]
    head = f"{len(per_country)} distinct countries labelled. The 20 most frequent:\n\n"
    return head + _table(["country", "pairs", "distinct labels", *LABELS], rows)


def _agreement_section(data_dir: Path, articles: list[Article]) -> str:
    second: dict[str, dict[str, str]] = {}
    for path in sorted((data_dir / "agreement").glob("second_pass_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            second[record["id"]] = {lab["country"]: lab["label"] for lab in record["labels"]}
    first_pass = _first_pass(data_dir)
    result = agreement(first_pass, second)
    split_of = {a.id: split for split in SPLITS for a in read_split(data_dir, split)}
    per_split = Counter(split_of.get(i, "?") for i in second)
    rows = [["overall", f"{result['kappa']:.3f}"]] + [[k, f"{v:.3f}"] for k, v in result["kappa_per_label"].items()]
    return (
        f"{result['articles']} articles ({len(second) / len(articles):.0%}; "
        + ", ".join(f"{split} {per_split[split]}" for split in SPLITS)
        + f"), {result['pairs']} pairs; raw agreement {result['raw_agreement']:.1%}; "
        f"{len(result['disagreements'])} disagreements (adjudicated, see above).\n\n"
        + _table(["Cohen's kappa", "value"], rows)
    )


def _first_pass(data_dir: Path) -> dict[str, dict[str, str]]:
    """The labels as first authored: the adjudication file records what each disagreement was before."""
    current = {a.id: a.gold() for split in SPLITS for a in read_split(data_dir, split)}
    path = data_dir / "agreement" / "first_pass.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        current[record["id"]] = {**current[record["id"]], record["country"]: record["label"]}
    return current


def update_card(readme: str | Path, data_dir: str | Path) -> None:
    readme = Path(readme)
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{stats_markdown(data_dir)}\n{END}{tail}", encoding="utf-8")
