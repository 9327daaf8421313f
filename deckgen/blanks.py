"""What a cloze hides: one key term of the sentence, the one its point is about.

A cloze card asks one thing (Wozniak's minimum information): its blank is one concept,
every occurrence of it in the text hidden so the front does not show it elsewhere.  The
concept is a key term of the talk (the ``terms`` ranking), never a generic noun, a
number, a noun used as a verb stem ("공부하고") or part of a longer word ("핵심조건"):
a student who studied the talk can recall a key term, while any noun fits a generic
blank.

Of the key terms a sentence holds, the blank goes on its point: Korean puts the given
(the topic, "X는") first and the new (the comment) last, so a key term in the comment
is preferred over the topic, and a better-ranked term over a worse one.  The topic
stays visible and tells the student what the sentence is about.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .extractors.index import DocumentIndex
from .extractors.phrases import Phrase, is_generic
from .types import Sentence

# A concept said more often than this in one sentence makes a front of blanks.
MAX_OCCURRENCES = 2
# Tags that may follow a whole word: particles, copula, endings, punctuation, plural.
_AFTER_WORD = ("J", "VCP", "E", "S")
_PLURAL = "들"
_TOPIC_PARTICLES = frozenset("은 는".split())


class Blank(NamedTuple):
    """The concept a cloze hides: its term key, its spelling and its spans in the text."""

    concept: str
    term: str
    spans: tuple[tuple[int, int], ...]


def key_phrases(index: DocumentIndex, sentence: Sentence, key_terms: Mapping[str, int]
                ) -> list[Phrase]:
    """Key-term phrases of a sentence, not overlapping one another.

    The longest key term wins an overlap ("강화 학습" over "학습"), so a cloze never
    hides part of a compound; then the better-ranked term.
    """
    found = [p for p in index.phrases[sentence.index]
             if p.key in key_terms and not is_generic(p)]
    found.sort(key=lambda p: (-(p.end - p.start), key_terms[p.key], p.start))
    chosen: list[Phrase] = []
    for phrase in found:
        if all(phrase.end <= c.start or phrase.start >= c.end for c in chosen):
            chosen.append(phrase)
    return sorted(chosen, key=lambda p: p.start)


def choose_blank(index: DocumentIndex, sentence: Sentence, key_terms: Mapping[str, int],
                 lo: int = 0, hi: int | None = None, *, concept: str | None = None
                 ) -> Blank | None:
    """The one key term to hide in ``sentence.text[lo:hi]`` (only ``concept``, when
    given), or None when none fits."""
    hi = len(sentence.text) if hi is None else hi
    phrases = [p for p in key_phrases(index, sentence, key_terms)
               if lo <= p.start and p.end <= hi]
    options = []
    for phrase in phrases:
        if concept is not None and phrase.key != concept:
            continue
        if phrase.predicative or not whole_word(sentence, phrase.start, phrase.end):
            continue
        spans = [(p.start, p.end) for p in phrases if p.key == phrase.key]
        if len(spans) > MAX_OCCURRENCES or any(
                not whole_word(sentence, a, b) for a, b in spans):
            continue
        options.append((_point(sentence, phrase, key_terms[phrase.key], lo, hi), phrase, spans))
    if not options:
        return None
    _, phrase, spans = max(options, key=lambda o: (o[0], -o[1].start))
    return Blank(phrase.key, phrase.text, tuple(_with_gloss(sentence.text, s) for s in spans))


def whole_word(sentence: Sentence, start: int, end: int) -> bool:
    """The span is a word of its own: no letter before it, and after it a space, a
    mark, a particle, the copula or an ending (not the rest of a longer word)."""
    text = sentence.text
    if start > 0 and text[start - 1].isalnum():
        return False
    if end >= len(text) or not text[end].isalnum():
        return True
    following = next((t for t in sentence.tokens if t.start == end), None)
    if following is None:
        return False
    return following.tag.startswith(_AFTER_WORD) or following.form == _PLURAL


def _point(sentence: Sentence, phrase: Phrase, rank: int, lo: int, hi: int) -> float:
    """How much the phrase is the point: later (the comment), outside the topic ("X는"
    and what modifies it) and better ranked."""
    place = (phrase.start - lo) / max(hi - lo, 1)
    topic = phrase.end <= _topic_end(sentence, lo)
    return 1.0 / (1.0 + rank / 10) + 0.5 * place - (0.4 if topic else 0.0)


def _topic_end(sentence: Sentence, lo: int) -> int:
    """Where the first topic ("...은/는" after a noun) from ``lo`` ends, or -1."""
    tokens = sentence.tokens
    for before, token in zip(tokens, tokens[1:], strict=False):
        if token.start >= lo and token.tag == "JX" and token.form in _TOPIC_PARTICLES \
                and before.tag.startswith(("NN", "SL", "XSN")):
            return token.start
    return -1


def _with_gloss(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span grown over a gloss in brackets right after it ("최적 제어 이론(optimal
    control theory)"): left visible, the gloss would give the answer away."""
    start, end = span
    if end < len(text) and text[end] == "(":
        close = text.find(")", end)
        if 0 < close - end <= 60:
            return start, close + 1
    return span
