"""What a sentence says of a term candidate besides its occurrence, and Kiwi's misreadings.

* named: the phrase is quoted ('스케일링'), glossed in Latin letters ("확장(scaling)"),
  or followed by a way of naming ("X란", "X라는 개념", "X라고 합니다");
* inside brackets: a gloss or a stage direction, not an occurrence in the talk;
* misread: Kiwi left a particle or the copula on an unknown noun ("기댓값이고").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..types import Sentence
from .phrases import Phrase

if TYPE_CHECKING:
    from .terms import _Stats

_QUOTE_OPEN = "'\"‘“「『"
_QUOTE_CLOSE = "'\"’”」』"
# A phrase right before one of these is being named or defined (matched at the phrase's
# end, up to 70 characters on).
_NAMING_AFTER = re.compile(
    r"[’'”\"」』]?\s*(?:\([A-Za-z][^)]*\)|이?란\s|이?라는\s*(?:개념|용어|단어|말|이름|표현|현상|것)"
    r"|이?라고\s*(?:부르|하|합|말하)|이?라 ?(?:부르|불리)|(?:은|는)\s.{2,60}?(?:을|를)\s*"
    r"(?:말합니다|뜻합니다|의미합니다|가리킵니다))"
)
# Every way of naming above contains one of these: a sentence with none names no phrase.
NAMING_HINT = re.compile(r"[(란라]|말합니다|뜻합니다|의미합니다|가리킵니다")
# Particles, copula and endings Kiwi sometimes leaves on an unknown noun ("기댓값이고"
# read as one noun): a candidate that is another one plus these is a misreading.
_GRAMMAR_TAILS = (
    "이고", "이며", "이다", "이나", "이라", "이란", "이랑", "이지", "이면", "에서", "으로",
    "은", "는", "이", "가", "을", "를", "에", "도", "로", "와", "과", "만",
)


def drop_misread(stats: dict[str, _Stats]) -> None:
    """Drop candidates with a word that is another candidate plus a grammatical tail."""
    for key in list(stats):
        words = stats[key].forms.most_common(1)[0][0].lower().split()
        if any(_misread(word, stats) for word in words):
            del stats[key]


def _misread(word: str, stats: dict[str, _Stats]) -> bool:
    for tail in _GRAMMAR_TAILS:
        stem = word[: -len(tail)]
        if word.endswith(tail) and len(stem) >= 2 and stem in stats and stats[stem].count >= 2:
            return True
    return False


def bracketed(text: str) -> list[tuple[int, int]]:
    """Spans inside round brackets: glosses ("(value function)") and stage directions
    ("(청중 웃음)") are not occurrences of a term in the talk."""
    if "(" not in text:
        return []  # most sentences: no need to walk the text
    spans = []
    start = None
    for i, ch in enumerate(text):
        if ch == "(":
            start = i
        elif ch == ")" and start is not None:
            spans.append((start, i + 1))
            start = None
    return spans


def is_named(sentence: Sentence, phrase: Phrase, may_name: bool = True) -> bool:
    """Quoted, or followed by a way of naming (``may_name``: the sentence has a hint of one)."""
    text = sentence.text
    before = text[phrase.start - 1] if phrase.start > 0 else ""
    after = text[phrase.end] if phrase.end < len(text) else ""
    if before and before in _QUOTE_OPEN and after in _QUOTE_CLOSE:
        return True
    return may_name and _NAMING_AFTER.match(text, phrase.end, phrase.end + 70) is not None


