"""Sentences as a reader sees them: Kiwi's sentence splits, with two kinds of cut undone.

Kiwi sometimes ends a sentence at a closing quote mark and starts the next one with
the particle that belongs to the quoted word ("... 예입니다. '스케일링'" + "은 단지
하나의 단어일 뿐이지만 ...").  Pattern matchers need the whole clause, so a sentence
that opens with a particle or a copula is joined to the one before it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..types import Document, Sentence, Token

# Tags a sentence cannot start with: particles, copula, endings, suffixes.
_DEPENDENT = ("J", "VCP", "E", "XS")


def joined_sentences(doc: Document) -> Iterator[Sentence]:
    """The document's sentences, each joined with any dependent continuation."""
    pending: Sentence | None = None
    for sentence in doc.sentences:
        if pending is not None and _continues(sentence):
            head, pending = _join(doc, pending, sentence)
            if head is not None:
                yield head
            continue
        if pending is not None:
            yield pending
        pending = sentence
    if pending is not None:
        yield pending


def with_continuation(doc: Document, sentence: Sentence) -> Sentence:
    """``sentence`` joined with the next one when Kiwi cut it before a particle.

    ("'스케일링'" + "은 단지 하나의 단어일 뿐이지만 ..." gives "'스케일링'은 단지 ...";
    what came before the quote in the first part stays out.)
    """
    following = (
        doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else None
    )
    if following is None or not _continues(following):
        return sentence
    return _join(doc, sentence, following)[1]


def _continues(sentence: Sentence) -> bool:
    return bool(sentence.tokens) and sentence.tokens[0].tag.startswith(_DEPENDENT)


def _join(doc: Document, first: Sentence, second: Sentence) -> tuple[Sentence | None, Sentence]:
    """The finished part of ``first`` (if any) and one sentence from there on through ``second``.

    Kiwi may leave a finished sentence and the start of the next one together in
    ``first`` ("... 예입니다. '스케일링'"): the joined sentence starts after its last
    sentence-final mark, and what comes before stays a sentence of its own.
    """
    ends = [i for i, t in enumerate(first.tokens) if t.tag == "SF" and i < len(first.tokens) - 1]
    kept = first.tokens[ends[-1] + 1 :] if ends else first.tokens
    cut = 0
    if ends:
        mark = first.tokens[ends[-1]]
        cut = mark.start + mark.length
        cut += len(first.text[cut:]) - len(first.text[cut:].lstrip())
    begin = first.start + cut
    head = None
    if ends:
        done = first.tokens[: ends[-1] + 1]
        stop = done[-1].start + done[-1].length
        head = Sentence(
            index=first.index,
            text=first.text[:stop],
            start=first.start,
            end=first.start + stop,
            line=first.line,
            tokens=done,
            time=first.time,
            speaker=first.speaker,
        )
    text = doc.text[begin : second.end].replace("\n", " ")
    tokens = tuple(Token(t.form, t.tag, t.start - cut, t.length, t.surprisal) for t in kept)
    shift = second.start - begin
    tokens += tuple(
        Token(t.form, t.tag, t.start + shift, t.length, t.surprisal) for t in second.tokens
    )
    joined = Sentence(
        index=first.index,
        text=text,
        start=begin,
        end=second.end,
        line=first.line,
        tokens=tokens,
        time=first.time,
        speaker=first.speaker,
    )
    return head, joined
