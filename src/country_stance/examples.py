"""(article, country) -> model input, built from a :class:`Recipe` that is saved beside every model.

An example's first segment is the sentences that mention the country (or a person tied to it) plus the
sentence after each, in article order, with every mention of the country wrapped in markers ("@ France @");
its second segment is the country's name. Contexts longer than ``max_length`` are split into several chunks
of whole sentences, so no mention is ever cut; the labeller averages the chunks' probabilities.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from country_stance.articles import Article
from country_stance.countries import Mention, country_name, find_mentions, surface_for
from country_stance.sentences import Sentence, split_sentences

RECIPE_FILE = "recipe.json"
# Tokens the encoder adds around a text pair: [CLS] a [SEP] b [SEP].
_PAIR_SPECIAL_TOKENS = 3

TokenCounter = Callable[[list[str]], list[int]]


@dataclass(frozen=True)
class Recipe:
    """How examples are built; training writes it beside the model and inference reads it back."""

    marker: str = "@"
    following_sentences: int = 1
    max_length: int = 256

    def save(self, folder: str | Path) -> None:
        Path(folder, RECIPE_FILE).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> Recipe:
        return cls(**json.loads(Path(folder, RECIPE_FILE).read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class Example:
    article_id: str
    iso3: str
    country: str  # the second segment: the country's name
    text: str  # the first segment: marked context sentences
    chunk: int  # 0, 1, ... when a long context is split
    evidence: tuple[tuple[int, int], ...]  # character spans of the sentences that mention the country
    label: str | None = None


def word_count(texts: list[str]) -> list[int]:
    """A tokenizer-free length estimate (word pieces run about 1.3 per word) for models without a tokenizer."""
    return [int(len(t.split()) * 1.3) + 1 for t in texts]


def build_examples(
    article: Article,
    recipe: Recipe,
    count_tokens: TokenCounter = word_count,
    mentions: Sequence[Mention] | None = None,
    swap: dict[str, str] | None = None,
) -> list[Example]:
    """One or more examples per mentioned country, in order of first mention.

    ``swap`` maps a country to a stand-in (counterfactual training copies): its mentions are rewritten as the
    stand-in's name, demonym or capital, and the second segment names the stand-in.
    """
    mentions = find_mentions(article.text) if mentions is None else mentions
    if not mentions:
        return []
    sentences = split_sentences(article.text)
    gold = article.gold()
    examples = []
    for iso3 in dict.fromkeys(m.iso3 for m in mentions):
        own = [m for m in mentions if m.iso3 == iso3]
        shown = (swap or {}).get(iso3, iso3)
        contexts = _contexts(article.text, sentences, own, recipe, shown if shown != iso3 else None)
        chunks = _pack(contexts, recipe, count_tokens, country_name(shown))
        for index, chunk in enumerate(chunks):
            examples.append(
                Example(
                    article_id=article.id,
                    iso3=iso3,
                    country=country_name(shown),
                    text=" ".join(text for text, _ in chunk),
                    chunk=index,
                    evidence=tuple(span for _, span in chunk if span is not None),
                    label=gold.get(iso3),
                )
            )
    return examples


def _contexts(
    text: str, sentences: list[Sentence], own: list[Mention], recipe: Recipe, stand_in: str | None
) -> list[tuple[str, tuple[int, int] | None]]:
    """(marked sentence, its span if it mentions the country) for each context sentence, in article order."""
    mentioning = _sentence_indices(sentences, own)
    chosen = sorted({j for i in mentioning for j in range(i, min(i + recipe.following_sentences + 1, len(sentences)))})
    contexts = []
    for i in chosen:
        sentence = sentences[i]
        inside = [m for m in own if sentence.start <= m.start < sentence.end]
        marked = _mark(text, sentence, inside, recipe.marker, stand_in)
        contexts.append((marked, (sentence.start, sentence.end) if i in mentioning else None))
    return contexts


def _sentence_indices(sentences: list[Sentence], mentions: list[Mention]) -> set[int]:
    indices, i = set(), 0
    for m in sorted(mentions, key=lambda m: m.start):
        while i < len(sentences) - 1 and sentences[i].end <= m.start:
            i += 1
        indices.add(i)
    return indices


def _mark(text: str, sentence: Sentence, mentions: list[Mention], marker: str, stand_in: str | None) -> str:
    parts, cursor = [], sentence.start
    for m in mentions:
        surface = text[m.start : m.end]
        if stand_in is not None and m.kind != "person":
            surface = surface_for(stand_in, m.kind)
        parts += [text[cursor : m.start], f"{marker} {surface} {marker}"]
        cursor = m.end
    parts.append(text[cursor : sentence.end])
    return "".join(parts)


def _pack(
    contexts: list[tuple[str, tuple[int, int] | None]], recipe: Recipe, count_tokens: TokenCounter, name: str
) -> list[list[tuple[str, tuple[int, int] | None]]]:
    """Greedy packing of whole sentences into chunks that fit ``max_length`` with the country's name."""
    budget = recipe.max_length - _PAIR_SPECIAL_TOKENS - count_tokens([name])[0]
    lengths = count_tokens([text for text, _ in contexts])
    chunks: list[list[tuple[str, tuple[int, int] | None]]] = [[]]
    used = 0
    for context, length in zip(contexts, lengths, strict=True):
        if chunks[-1] and used + length > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(context)
        used += length
    # A chunk holding only following sentences carries no mention of the country: drop it.
    return [c for c in chunks if any(span is not None for _, span in c)] or chunks


def build_all(
    articles: Iterable[Article], recipe: Recipe, count_tokens: TokenCounter = word_count
) -> Iterator[Example]:
    for article in articles:
        yield from build_examples(article, recipe, count_tokens)


def counterfactual_swaps(articles: Iterable[Article], seed: int) -> dict[str, dict[str, str]]:
    """For each article, a stand-in for every labelled country, drawn from the corpus's other countries."""
    articles = list(articles)
    pool = sorted({lab.country for a in articles for lab in a.labels or ()})
    rng = random.Random(seed)
    swaps = {}
    for article in articles:
        own = [lab.country for lab in article.labels or ()]
        choices = [c for c in pool if c not in own]
        swaps[article.id] = {c: rng.choice(choices) for c in own} if choices else {}
    return swaps
