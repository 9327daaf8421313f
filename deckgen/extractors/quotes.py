"""Quotes: text the speaker puts in quote marks, kept when it is worth remembering.

Quote marks are paired on the transcript text itself, so a quote may run over a line
break (it keeps the break, and so occurs verbatim in the transcript).  What makes a
quote memorable is judged from its words: a quoted key term ('스케일링') or a quoted
claim carrying the talk's vocabulary is; a one-word filler ('좋아', '그것') or a
snippet of acted-out dialogue ("죄송해요") is not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from ..types import Document, Extract
from .phrases import GENERIC_NOUNS, normalise_key

_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'"}
_MAX_QUOTE_CHARS = 300
_MAX_LINE_BREAKS = 2
_WORD = re.compile(r"[\w\-]+")


def extract_quotes(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None
) -> list[Extract]:
    """Quoted spans worth a card, best first."""
    term_rank = {normalise_key(t.text): i for i, t in enumerate(terms)}
    key_terms = [key for key, rank in term_rank.items() if rank < 80]
    starts = [s.start for s in doc.sentences]
    found = []
    for start, end in quoted_spans(doc.text):
        text = doc.text[start:end].strip()
        if not text:
            continue
        index = bisect_right(starts, start) - 1
        if index < 0:
            continue
        sentence = doc.sentences[index]
        score = _memorability(text, term_rank, key_terms)
        if score <= 0:
            continue
        offset = start - sentence.start
        found.append(
            Extract(
                kind="quote",
                text=text,
                sentence_index=index,
                score=round(score, 4),
                span=(offset, offset + len(text)),
                lines=(sentence.line,),
            )
        )
    found.sort(key=lambda e: (-e.score, e.sentence_index))
    return found[:limit] if limit is not None else found


def quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text between matching quote marks."""
    i = 0
    n = len(text)
    while i < n:
        close = _PAIRS.get(text[i])
        if close is None or (text[i] == "'" and _is_apostrophe(text, i)):
            i += 1
            continue
        j = _find_close(text, i + 1, close)
        if j is None:
            i += 1
            continue
        yield i + 1, j
        i = j + 1


def _find_close(text: str, start: int, close: str) -> int | None:
    limit = min(len(text), start + _MAX_QUOTE_CHARS)
    breaks = 0
    for j in range(start, limit):
        ch = text[j]
        if ch == "\n":
            breaks += 1
            if breaks > _MAX_LINE_BREAKS:
                return None
        elif ch == close and j > start:
            return j
    return None


def _is_apostrophe(text: str, i: int) -> bool:
    """A ' between two Latin letters (don't, it's) does not open a quote."""
    return 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() \
        and text[i + 1].isascii() and text[i + 1].isalpha()


def _memorability(text: str, term_rank: dict[str, int], key_terms: list[str]) -> float:
    words = _WORD.findall(text)
    key = normalise_key(text)
    rank = term_rank.get(key.strip(".,?!"))
    if rank is not None and rank < 40:
        return 1.0 + 1.0 / (1 + rank)  # a key term named in quotes
    content = [w for w in words if len(w) > 1 and w not in GENERIC_NOUNS]
    if len(content) < 4:
        return 0.0
    term_hits = sum(1 for key_term in key_terms if key_term in key)
    length = min(len(content) / 10, 1.0)
    return 0.3 * length + 0.35 * min(term_hits, 3)
