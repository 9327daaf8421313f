"""Does a cloze have one checkable answer?

Its blanks hide one key term (``blanks.py`` chooses it, whole words only), and what the
front still shows must pin that term down: enough words of its own, and none that give
it away (the term written again, unhidden).
"""

from __future__ import annotations

from ..blanks import in_list
from ..extractors.phrases import CONTENT_TAGS, GENERIC_NOUNS, normalise_key
from ..types import Extract, Sentence

# Content words (of two letters or more) the front must show besides the blank.
MIN_SHOWN_WORDS = 2


def answer_problem(candidate: Extract, sentence: Sentence, start: int = 0,
                   end: int | None = None) -> str | None:
    """Why the cloze on ``sentence.text[start:end]`` has no one checkable answer."""
    if not candidate.blanks:
        return "no key term to hide"
    text = sentence.text
    stop = len(text) if end is None else end
    shown = text[start:stop]
    for a, b in sorted(candidate.blanks, reverse=True):
        shown = shown[: a - start] + " " + shown[b - start:]
    answer = normalise_key(candidate.term or "")
    if answer and answer in normalise_key(shown):
        return "the front shows the answer"
    parts = (candidate.term or "").split()
    if len(parts) > 1 and any(len(w) > 1 and normalise_key(w) in normalise_key(shown)
                              for w in parts):
        return "the front shows part of the answer"
    if any(in_list(text, a, b) for a, b in candidate.blanks):
        return "an item of a list"
    words = [t for t in sentence.tokens
             if start <= t.start < stop and t.tag in CONTENT_TAGS and len(t.form) > 1
             and t.form not in GENERIC_NOUNS
             and not any(a <= t.start < b for a, b in candidate.blanks)]
    if len(words) < MIN_SHOWN_WORDS:
        return "too little around the blank"
    return None

