"""What the extractors read off every sentence, computed once per document.

Terms, definitions, ideas and cards all look at each sentence's noun phrases, its
content words and its key (the text without spaces, see ``phrases.normalise_key``).
Each computing them for itself, the phrases alone were most of their time on a long
text.  The index holds them once per sentence; ``pipeline`` builds it sentence by
sentence while Kiwi's threads are still analysing the next lines.  It is plain data:
every extractor takes it as an optional ``index`` and builds one itself when it is
not given, so the result is the same with or without one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..types import Document, Sentence
from .phrases import Phrase, content_words, normalise_key, noun_phrases, term_key


class SentenceFacts(NamedTuple):
    """One sentence's entry of the index."""

    phrases: tuple[Phrase, ...]  # noun_phrases(sentence), nested
    words: tuple[str, ...]  # content_words(sentence)
    key: str  # normalise_key(sentence.text)
    term_key: str  # term_key(sentence.text)


def sentence_facts(sentence: Sentence) -> SentenceFacts:
    text = sentence.text
    key = normalise_key(text)
    return SentenceFacts(
        phrases=tuple(noun_phrases(sentence)),
        words=tuple(content_words(sentence)),
        key=key,
        term_key=term_key(text) if "의" in text else key,
    )


@dataclass(frozen=True)
class DocumentIndex:
    """Per sentence of a document (by ``Sentence.index``): phrases, words and keys."""

    phrases: tuple[tuple[Phrase, ...], ...]
    words: tuple[tuple[str, ...], ...]
    keys: tuple[str, ...]
    term_keys: tuple[str, ...]

    @classmethod
    def from_facts(cls, facts: Iterable[SentenceFacts]) -> DocumentIndex:
        columns = tuple(zip(*facts, strict=True)) or ((), (), (), ())
        phrases, words, keys, term_keys = columns
        return cls(phrases=phrases, words=words, keys=keys, term_keys=term_keys)

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


def index_document(doc: Document) -> DocumentIndex:
    return DocumentIndex.from_facts(sentence_facts(s) for s in doc.sentences)
