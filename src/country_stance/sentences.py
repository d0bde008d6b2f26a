"""Sentence spans with character offsets (sentencex: fast, and keeps "U.S." and "Mr." inside a sentence)."""

from __future__ import annotations

from dataclasses import dataclass

from sentencex import get_sentence_boundaries


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int  # exclusive, trailing whitespace stripped


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, as offsets; paragraphs never join two sentences."""
    sentences = []
    for boundary in get_sentence_boundaries("en", text):
        start, end = boundary["start_index"], boundary["end_index"]
        # A line break always ends a sentence (headlines, datelines, list items, boilerplate lines).
        for line_start, line_end in _lines(text, start, end):
            while line_start < line_end and text[line_start].isspace():
                line_start += 1
            while line_end > line_start and text[line_end - 1].isspace():
                line_end -= 1
            if line_end > line_start:
                sentences.append(Sentence(line_start, line_end))
    return sentences


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    while (newline := text.find("\n", cursor, end)) >= 0:
        spans.append((cursor, newline))
        cursor = newline + 1
    spans.append((cursor, end))
    return spans
