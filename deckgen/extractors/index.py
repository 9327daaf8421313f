"""What the extractors read off every sentence, computed once per document.

Terms, definitions, ideas and cards all look at each sentence's noun phrases, its
content words and its key (the text without spaces, see ``phrases.normalise_key``).
Each computing them for itself (terms and definitions twice), the phrases alone were
most of their time on a long text.  The index holds them once per sentence.  It is
plain data: every extractor takes it as an optional ``index`` and builds one itself
when it is not given, so the result is the same with or without one.

Most of it is read off each sentence alone (``index_sentence``), so ``pipeline`` makes
those rows while Kiwi is still analysing the next lines.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from ..types import Document, Sentence
from .phrases import Phrase, content_words, normalise_key, noun_phrases, term_key
from .sentences import joined_sentences

if TYPE_CHECKING:
    from .definitions import Unranked


@dataclass(frozen=True)
class DocumentIndex:
    """Per sentence of a document (by ``Sentence.index``): phrases, words and keys."""

    phrases: tuple[tuple[Phrase, ...], ...]
    words: tuple[tuple[str, ...], ...]
    keys: tuple[str, ...]
    term_keys: tuple[str, ...]
    # ``sentences.joined_sentences(doc)``: what the definition patterns read.
    joined: tuple[Sentence, ...]
    # Each sentence's TextRank and local centrality (``ranking.rank_sentences``) when
    # computed ahead, in another process (see ``extractors.run``); else ideas computes them.
    ranks: tuple[Sequence[float], Sequence[float]] | None = None
    # What the definition rows that need no ranking make of each joined sentence
    # (``definitions.unranked_definitions``): terms and definitions both need them.
    definitions: tuple[Unranked | None, ...] | None = None

    def containing(self, needles: Iterable[str], *, term_keys: bool = False
                   ) -> dict[str, list[int]]:
        """For each needle, the sentences whose key (or term key) contains it, in order.

        The same as ``[i for i, key in enumerate(keys) if needle in key]``, but one
        search through all keys at once (a few needles over a long text would
        otherwise test every sentence for every needle).
        """
        keys = self.term_keys if term_keys else self.keys
        joined, starts = self._joined_term_keys if term_keys else self._joined_keys
        found: dict[str, list[int]] = {}
        for needle in needles:
            if needle in found:
                continue
            if not needle or "\n" in needle:  # keys have no whitespace: test one by one
                found[needle] = [i for i, key in enumerate(keys) if needle in key]
                continue
            hits = []
            position = joined.find(needle)
            while position >= 0:
                i = bisect_right(starts, position) - 1
                hits.append(i)
                # Each sentence once: go on from the next one.
                position = joined.find(needle, starts[i + 1]) if i + 1 < len(starts) else -1
            found[needle] = hits
        return found

    @cached_property
    def _joined_keys(self) -> tuple[str, list[int]]:
        return _joined(self.keys)

    @cached_property
    def _joined_term_keys(self) -> tuple[str, list[int]]:
        return _joined(self.term_keys)


def _joined(keys: tuple[str, ...]) -> tuple[str, list[int]]:
    """The keys joined by newlines (which no key contains) and where each starts."""
    starts = []
    position = 0
    for key in keys:
        starts.append(position)
        position += len(key) + 1
    return "\n".join(keys), starts


class SentenceRow(NamedTuple):
    """What the index reads off one sentence alone."""

    phrases: tuple[Phrase, ...]
    words: tuple[str, ...]
    key: str
    term_key: str


def index_sentence(sentence: Sentence) -> SentenceRow:
    """The sentence's noun phrases, content words, key and term key."""
    text = sentence.text
    key = normalise_key(text)
    return SentenceRow(
        phrases=tuple(noun_phrases(sentence)),
        words=tuple(content_words(sentence)),
        key=key,
        # term_key differs from the key only where a linking "의" is dropped.
        term_key=term_key(text) if "의" in text else key,
    )


def index_document(doc: Document, rows: Sequence[SentenceRow] | None = None) -> DocumentIndex:
    """The index of ``doc``; ``rows``: ``index_sentence`` of each sentence, when made already."""
    if rows is None:
        rows = [index_sentence(s) for s in doc.sentences]
    if len(rows) != len(doc.sentences):
        raise ValueError(f"{len(rows)} index rows for {len(doc.sentences)} sentences")
    phrases, words, keys, term_keys = zip(*rows, strict=True) if rows else ((), (), (), ())
    return DocumentIndex(
        phrases=tuple(phrases),
        words=tuple(words),
        keys=tuple(keys),
        term_keys=tuple(term_keys),
        joined=tuple(joined_sentences(doc)),
    )
