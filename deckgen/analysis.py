"""Korean analysis: one Kiwi pass over a transcript gives sentences and morphemes.

This is the only module that imports kiwipiepy.  Kiwi is loaded once per process
(``get_kiwi``) and every utterance is analysed exactly once: utterances go to
``Kiwi.tokenize`` as one iterable, which batches them over Kiwi's worker threads and
grows linearly with the text (analysing the whole text as one string grows
super-linearly; splitting sentences first would analyse it twice).  Kiwi marks each
morpheme's sentence, so the sentences are read off the one pass.

Converting Kiwi's tokens happens on this thread while Kiwi's workers analyse the
next utterances, so it overlaps the analysis instead of following it; so does whatever
the caller's ``on_sentence`` does with each sentence.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

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
# Kiwi's options.  The default model ("cong") without the multi-word dictionary of
# WikiData names: that dictionary takes over half of Kiwi's loading time and mistakes
# everyday phrases for titles ("트레이닝 데이터" became the film "Training Day").
KIWI_OPTIONS: dict[str, Any] = {"load_multi_dict": False}
# Kiwi drops a candidate analysis that scores this much worse than the best one so far
# (its default is 8).  At 4 it spends 18% less CPU on the seed x10 (5: 13%); 4.5% of
# its lines come out differently (5: 3%).  The seed's gold scores stay the same or
# better (one more idea matches), a few idea cards of the seed and of the corpus are
# swapped for others, and at 3 the seed's ideas lose a gold point: see the README,
# Performance.
KIWI_CUTOFF_THRESHOLD = 4.0

# Token is a NamedTuple; building it through tuple.__new__ skips the Python-level
# __new__ wrapper, which is most of the cost of converting millions of morphemes.
_new_tuple = tuple.__new__


@functools.cache
def get_kiwi() -> Kiwi:
    """Load Kiwi with its default model (from the kiwipiepy_model package) once."""
    from kiwipiepy import Kiwi

    log.info("loading Kiwi")
    kiwi = Kiwi(**KIWI_OPTIONS)
    kiwi.global_config.cutoff_threshold = KIWI_CUTOFF_THRESHOLD
    return kiwi


def analyse(transcript: Transcript, kiwi: Kiwi | None = None,
            on_sentence: Callable[[Sentence], object] | None = None) -> Document:
    """Split the transcript into sentences with their morphemes, in one Kiwi pass.

    ``on_sentence`` is called with each sentence, in order, as soon as it is read.
    """
    kiwi = kiwi or get_kiwi()
    blocks = list(_blocks(transcript))
    text = transcript.text
    texts = (text[start:end].replace("\n", " ") for start, end in blocks)
    segment_starts = [segment.start for segment in transcript.segments]
    sentences: list[Sentence] = []
    for (block_start, _), kiwi_tokens in zip(blocks, kiwi.tokenize(texts), strict=True):
        found = _sentences(kiwi_tokens)
        if transcript.flowing:
            found = _split_at_line_ends(text, block_start, found)
        found = _rejoin(found)
        for first, last, tokens in found:
            start, end = block_start + first, block_start + last
            segment = transcript.segments[bisect_right(segment_starts, start) - 1]
            sentence = Sentence(
                index=len(sentences),
                text=text[start:end].replace("\n", " "),
                start=start,
                end=end,
                line=_line_at(transcript, segment, start),
                tokens=tokens,
                time=segment.time,
                speaker=segment.speaker,
            )
            sentences.append(sentence)
            if on_sentence is not None:
                on_sentence(sentence)
    log.info("%s: %d sentences", transcript.source, len(sentences))
    return Document(source=transcript.source, text=text, sentences=tuple(sentences))


# Tags of a noun after which "셋" is the loanword "set" ("벨리데이션 셋", "트레이닝 셋"), not
# "three" (which follows a particle or stands alone: "셋으로 나눕니다", "셋째").
_SET_AFTER = frozenset({"NNG", "NNP", "SL"})


def _sentences(kiwi_tokens: Sequence[Any]) -> Iterator[tuple[int, int, tuple[Token, ...]]]:
    """(start, end, tokens) of each sentence of one Kiwi result, offsets in its input.

    The morphemes of a sentence share Kiwi's ``sent_position``; token offsets become
    relative to the sentence start.
    """
    intern = sys.intern
    position = -1
    first = last = 0
    tokens: list[Token] = []
    previous_tag = ""
    for t in kiwi_tokens:
        start = t.start
        if t.sent_position != position:
            if tokens:
                yield first, last, tuple(tokens)
            position, first, last, tokens = t.sent_position, start, 0, []
        length = t.len
        if start + length > last:
            last = start + length
        tag = t.tag
        if tag == "NR" and previous_tag in _SET_AFTER and t.form == "셋":
            tag = "NNG"  # "테스트 셋": the loanword "set", which Kiwi reads as the number three
        previous_tag = tag
        tokens.append(_new_tuple(Token, (intern(t.form), tag, start - first, length, -t.score)))
    if tokens:
        yield first, last, tuple(tokens)


# Tags that continue a sentence rather than start one: particles, endings, suffixes,
# punctuation (a word in Latin letters, hanja or digits may start one).
_DEPENDENT = ("J", "E", "XS", "VCP", "VX", "SF", "SP", "SS", "SE", "SO", "SW")


def _split_at_line_ends(text: str, block_start: int,
                        found: Iterable[tuple[int, int, tuple[Token, ...]]]
                        ) -> Iterator[tuple[int, int, tuple[Token, ...]]]:
    """Kiwi's sentences, also cut where a subtitle line ends on a final ending and the
    next line starts a new clause: a cue that ends "...말할 수 있는데요" and a cue that
    starts "제가 ..." are two sentences, though no mark separates them."""
    for first, last, tokens in found:
        start = block_start + first
        if "\n" not in text[start : block_start + last]:
            yield first, last, tokens
            continue
        cut = 0
        for i in range(1, len(tokens)):
            before, token = tokens[i - 1], tokens[i]
            gap = text[start + before.start + before.length : start + token.start]
            if "\n" in gap and _ends_sentence(tokens, i) and not token.tag.startswith(_DEPENDENT):
                yield from _part(first, tokens, cut, i)
                cut = i
        yield from _part(first, tokens, cut, len(tokens))


# Endings that only ever end a sentence, which Kiwi reads as connective when the next
# cue goes on without a full stop ("…생각해 봅시다" + "Linear classifier는 …").
_ONLY_FINAL = frozenset("ᆸ니다 습니다 ᆸ니까 습니까 ᆸ시다 읍시다".split())


def _ends_sentence(tokens: Sequence[Token], i: int) -> bool:
    """The tokens before ``i`` end on a final ending (Kiwi reads a final "-는데요" as a
    bound noun and "요", and a final "-ㅂ시다" before more text as connective)."""
    last = tokens[i - 1]
    if last.tag == "EF" or (last.tag == "EC" and last.form in _ONLY_FINAL):
        return True
    return last.tag == "JX" and last.form == "요" and i >= 2 and (
        tokens[i - 2].tag.startswith("E") or tokens[i - 2].form == "데")


# Verbs of saying that may follow a quoted "-다" without "라고" ("상을 짓는다 그래요").
_SAYING_STEMS = frozenset({"그렇", "그러", "하", "말하", "부르"})
_QUOTABLE = frozenset({"다", "는다", "ㄴ다", "라", "이다"})


def _rejoin(found: Iterable[tuple[int, int, tuple[Token, ...]]]
            ) -> Iterator[tuple[int, int, tuple[Token, ...]]]:
    """Kiwi's sentences with two kinds of cut undone: one after a comma ("이것은
    비상이에요, 상이 없다") and one before a lone verb of saying ("이것을 상을
    짓는다 그래요"), which only ever continues the sentence before it."""
    held: tuple[int, int, tuple[Token, ...]] | None = None
    for sentence in found:
        if held is not None and _continues(held[2], sentence[2]):
            first, _, tokens = held
            shift = sentence[0] - first
            held = first, sentence[1], tokens + tuple(
                _new_tuple(Token, (t.form, t.tag, t.start + shift, t.length, t.surprisal))
                for t in sentence[2])
            continue
        if held is not None:
            yield held
        held = sentence
    if held is not None:
        yield held


def _continues(before: Sequence[Token], tokens: Sequence[Token]) -> bool:
    if before[-1].tag == "SP" and before[-1].form == ",":
        return True
    # Only with no full stop between them: a written "X다. 그래요." stays two sentences.
    if before[-1].tag != "EF" or before[-1].form not in _QUOTABLE:
        return False
    words = [t for t in tokens if not t.tag.startswith("S")]
    return (1 < len(words) <= 3 and words[0].form in _SAYING_STEMS
            and words[0].tag.startswith(("VV", "VA")) and words[-1].tag == "EF")


def _part(first: int, tokens: tuple[Token, ...], begin: int, end: int
          ) -> Iterator[tuple[int, int, tuple[Token, ...]]]:
    """The sentence of ``tokens[begin:end]``, offsets made relative to its own start."""
    part = tokens[begin:end]
    if not part:
        return
    shift = part[0].start
    stop = max(t.start + t.length for t in part)
    yield first + shift, first + stop, tuple(
        _new_tuple(Token, (t.form, t.tag, t.start - shift, t.length, t.surprisal)) for t in part)


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
