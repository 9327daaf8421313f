"""Korean analysis: one Kiwi pass over a transcript gives sentences and morphemes.

This is the only module that imports kiwipiepy.  Kiwi is loaded once per process
(``get_kiwi``) and every utterance is analysed exactly once: utterances go to
``Kiwi.tokenize`` as one iterable with ``split_sents=True``, which batches them over
Kiwi's worker threads and grows linearly with the text (analysing the whole text as
one string grows super-linearly; splitting sentences first would analyse it twice).
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .types import Document, Segment, Sentence, Token, Transcript

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

log = logging.getLogger(__name__)

# Subtitle cues are joined into blocks ending at sentence-final punctuation; a block
# never grows past this many characters, so a cue file without punctuation still goes
# to Kiwi in small pieces (its cost grows super-linearly with one input's length).
MAX_BLOCK_CHARS = 600
# Any single input longer than this (a 1 MB line) is cut into pieces of at most this
# length, at a sentence end where there is one, else at a space.
MAX_PIECE_CHARS = 2000
_SENTENCE_END = tuple(".?!…。？！\"'”’」』)")
_SENTENCE_CUT = re.compile(r"[.?!…。？！][\"'”’」』)]*(?=\s)")


@functools.cache
def get_kiwi() -> Kiwi:
    """Load Kiwi with its default model (from the kiwipiepy_model package) once."""
    from kiwipiepy import Kiwi

    log.info("loading Kiwi")
    return Kiwi()


def analyse(transcript: Transcript, kiwi: Kiwi | None = None) -> Document:
    """Split the transcript into sentences with their morphemes, in one Kiwi pass."""
    kiwi = kiwi or get_kiwi()
    blocks = list(_blocks(transcript))
    texts = (transcript.text[start:end].replace("\n", " ") for start, end in blocks)
    segment_starts = [segment.start for segment in transcript.segments]
    sentences: list[Sentence] = []
    intern = sys.intern
    for (block_start, _), analysed in zip(blocks, kiwi.tokenize(texts, split_sents=True)):
        for kiwi_tokens in analysed:
            if not kiwi_tokens:
                continue
            first = kiwi_tokens[0].start
            last = max(token.end for token in kiwi_tokens)
            start, end = block_start + first, block_start + last
            segment = transcript.segments[bisect_right(segment_starts, start) - 1]
            tokens = tuple(
                Token(intern(t.form), t.tag, t.start - first, t.len, -t.score) for t in kiwi_tokens
            )
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=transcript.text[start:end].replace("\n", " "),
                    start=start,
                    end=end,
                    line=_line_at(transcript, segment, start),
                    tokens=tokens,
                    time=segment.time,
                    speaker=segment.speaker,
                )
            )
    log.info("%s: %d sentences", transcript.source, len(sentences))
    return Document(source=transcript.source, text=transcript.text, sentences=tuple(sentences))


def _blocks(transcript: Transcript) -> Iterator[tuple[int, int]]:
    """Spans of the transcript text handed to Kiwi as one input each."""
    for start, end in _utterances(transcript):
        yield from _pieces(transcript.text, start, end)


def _utterances(transcript: Transcript) -> Iterator[tuple[int, int]]:
    """Lines of plain text; runs of subtitle cues up to a sentence end or a new speaker."""
    if not transcript.flowing:
        for segment in transcript.segments:
            yield segment.start, segment.end
        return
    block: Segment | None = None
    block_end = 0
    for segment in transcript.segments:
        if block is not None and segment.speaker != block.speaker:
            yield block.start, block_end
            block = None
        if block is None:
            block = segment
        block_end = segment.end
        text = transcript.text[segment.start : segment.end].rstrip()
        if text.endswith(_SENTENCE_END) or block_end - block.start >= MAX_BLOCK_CHARS:
            yield block.start, block_end
            block = None
    if block is not None:
        yield block.start, block_end


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_PIECE_CHARS``."""
    while end - start > MAX_PIECE_CHARS:
        cut = _cut(text, start + MAX_PIECE_CHARS // 2, start + MAX_PIECE_CHARS)
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _cut(text: str, low: int, limit: int) -> int:
    """Where to end a piece in ``[low, limit]``: the last sentence end, else space, else limit."""
    sentence_ends = [match.end() for match in _SENTENCE_CUT.finditer(text, low, limit)]
    if sentence_ends:
        return sentence_ends[-1]
    space = max(text.rfind(" ", low, limit), text.rfind("\n", low, limit))
    return space if space > low else limit


def _line_at(transcript: Transcript, segment: Segment, offset: int) -> int:
    """The source line of a text offset: the segment's line plus newlines inside it."""
    if not transcript.flowing:
        return segment.line
    return segment.line + transcript.text.count("\n", segment.start, offset)
