"""The definition patterns of ``definitions.py``: the table, and a cheap test for each row.

Each row is one way Korean speakers define or characterise a term (see
``definitions.py`` for what ``position`` means).  Before its regex, a row is tried
with ``PREFILTERS``: words the sentence must contain (``cues``) and words it must end
with (``ends``), which the regex cannot match without.  Most sentences fail that
substring test, and the regexes (several with lazy ``.+?`` groups, slow on a long
sentence that does not match) are never run on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .phrases import normalise_key, term_key

if TYPE_CHECKING:
    from .index import DocumentIndex

_Q = r"[’'”\"」』]?"
_COPULA_WORDS = ("이다", "입니다", "였습니다", "이었습니다", "이였습니다", "예요", "이에요",
                 "였어요", "이었어요", "이죠", "였죠", "일 뿐입니다", "인 셈입니다")
_SAY_WORDS = ("말합니다", "말한다", "말해요", "뜻합니다", "뜻한다", "뜻해요", "의미합니다",
              "의미한다", "의미해요", "가리킵니다", "가리킨다", "일컫습니다", "일컫는다",
              "지칭합니다", "지칭한다")
_CALL_WORDS = ("합니다", "한다", "해요", "하죠", "하는데", "하며", "하고", "부릅니다", "부른다",
               "불러요", "부르죠", "부르는데", "부르며", "불립니다", "불려요", "불리죠", "그래요",
               "그럽니다", "그러죠", "그러고", "말해요", "말합니다")
_TELLS_WORDS = ("말합니다", "말한다", "말해요", "말하죠", "알려줍니다", "알려준다", "알려 줍니다",
                "말해 줍니다", "말해줍니다")
_THIS_WORDS = ("이것이", "이게", "이것은", "이건", "이는", "이를", "이것을", "이걸")
_QUESTION_WORDS = ("뭐냐", "무엇인가", "무엇일까요", "뭘까요", "무엇입니까", "뭔가요")
_EXISTS_WORDS = ("있습니다", "있었습니다", "있다", "있어요", "존재합니다")


def _any_of(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(words) + ")"


_COPULA = _any_of(_COPULA_WORDS)
_SAY = _any_of(_SAY_WORDS)
_CALL = _any_of(_CALL_WORDS)
_TELLS = _any_of(_TELLS_WORDS)
_THIS = _any_of(_THIS_WORDS)


@dataclass(frozen=True)
class Pattern:
    """One way of defining; see ``definitions.py`` for ``position``."""

    name: str
    position: str  # "first", "last", "back", "answer" or "quiz"
    regex: re.Pattern[str]
    strength: float
    needs_key_term: bool
    example: str
    defines: str  # the term the example defines
    # A cheap test before the regex: the sentence contains a word of each group and
    # (when given) ends, but for a final "." or "!", with one of ``ends``.  Only words
    # the regex cannot match without (``tests/test_definitions.py`` checks that).
    cues: tuple[tuple[str, ...], ...] = ()
    ends: tuple[str, ...] = ()
    # The speaker names the term ("X라고 합니다"): a one-syllable term counts ("색").
    names: bool = False


PATTERNS: tuple[Pattern, ...] = (
    Pattern("X란 Y", "first",
            re.compile(_Q + r"(?:이)?란\s+(?:것은\s+|건\s+)?(?P<definition>.+)"), 1.0, False,
            "광합성이란 빛 에너지로 양분을 만드는 과정입니다.", "광합성",
            cues=(("란",),)),
    Pattern("X라는 것은 Y", "first",
            re.compile(_Q + r"(?:이)?라는\s*(?:것은|건|것이|말은|개념은|용어는|단어는|표현은)"
                       r"\s+(?P<definition>.+)"),
            1.0, False,
            "기회비용이라는 것은 포기한 것 가운데 가장 큰 가치를 뜻합니다.", "기회비용",
            cues=(("라는",),)),
    Pattern("X라는 건 뭐냐? Y", "answer",
            re.compile(_Q + r"(?:(?:이)?라(?:는|고 하는)\s*(?:건|것은|게)|은|는)\s*"
                       r"(?:뭐냐|무엇인가|무엇일까요|뭘까요|무엇입니까|뭔가요)"),
            0.9, False,
            "그럼 복리라는 건 뭐냐? 이자에 다시 이자가 붙는 방식이에요.", "복리",
            cues=(_QUESTION_WORDS,)),
    Pattern("X의 정의는 Y", "first", re.compile(r"의\s*정의(?:는|란)\s+(?P<definition>.+)"), 1.0,
            False, "엔트로피의 정의는 계가 가질 수 있는 상태의 수를 재는 양입니다.", "엔트로피",
            cues=(("정의",),)),
    Pattern("X는 Y를 말합니다", "first",
            re.compile(_Q + r"(?:은|는|이란|란)\s+(?P<definition>.+?)(?:을|를)\s*" + _SAY),
            1.0, False, "펄스 폭은 펄스가 켜져 있는 시간을 말합니다.", "펄스 폭",
            cues=(_SAY_WORDS,)),
    Pattern("X라고 하는 것인데, 이는 Y", "last",
            re.compile(r".*?(?P<term>[^,.?!]+?)(?:이)?라고\s*(?:하는|부르는)\s*것(?:인데|이며|으로)"
                       r",?\s*(?:이는|이것은|그것은)\s+(?P<definition>.+)"),
            1.0, False,
            "결국 우리가 쓰는 것은 해시 테이블이라고 하는 것인데, "
            "이는 키로 값을 바로 찾는 자료 구조입니다.", "해시 테이블",
            cues=(("라고",), ("이는", "이것은", "그것은"))),
    Pattern("이것을 X라고 합니다", "back",
            re.compile(r"(?:그리고\s|그래서\s|바로\s)*" + _THIS
                       + r"\s+(?P<term>[^,.?!]+?)(?:이)?라고(?:도)?\s*" + _CALL),
            1.0, False,
            "물이 끓는 온도는 기압이 낮을수록 내려갑니다. 이것을 고도 효과라고 합니다.",
            "고도 효과",
            cues=(("라고",), _THIS_WORDS), names=True),
    Pattern("Y를 X라고 합니다", "last",
            re.compile(r"(?P<definition>.+?)\s+(?P<term>[^,.?!]+?)(?:이)?라고(?:도)?\s*" + _CALL),
            1.0, False, "펄스가 반복되는 빈도를 펄스 반복 주파수라고 합니다.", "펄스 반복 주파수",
            cues=(("라고",),), names=True),
    Pattern("X는 Y라는 뜻", "first",
            re.compile(_Q + r"(?:은|는)\s+(?P<definition>[^,]{6,}?)(?:이)?라는\s+"
                       r"(?:뜻|의미|말|개념|아이디어|생각)"),
            0.9, False, "병목 현상은 가장 느린 부분이 전체 속도를 정한다는 뜻입니다.", "병목 현상",
            cues=(("라는",),)),
    Pattern("X는 '...'라고 말합니다", "first",
            re.compile(_Q + r"(?:은|는)\s+(?P<definition>.{6,}?)(?:와|과)?\s*(?:같이|처럼|라고|고)"
                       r"\s*" + _TELLS),
            0.8, True,
            "손실 함수는 \"예측이 정답에서 이만큼 멀다\"라고 말해 줍니다.", "손실 함수",
            cues=(_TELLS_WORDS,)),
    Pattern("X, 즉 Y", "first", re.compile(_Q + r",?\s*즉,?\s+(?P<definition>[^,.?!]{6,})"), 0.8,
            True, "과적합, 즉 훈련 데이터만 외워 버리는 현상이 생깁니다.", "과적합",
            cues=(("즉",),)),
    Pattern("Y, 즉 X", "last",
            re.compile(r"(?P<definition>.{6,}?),\s*즉,?\s+(?P<term>[^,.?!\s]+?)"
                       r"(?:만|은|는|이|가|을|를|도|로|으로|와|과)?(?=[\s,.!]|$)"),
            0.8, True, "물이 수증기로 바뀌는 현상, 즉 증발이 일어납니다.", "증발",
            cues=(("즉",),)),
    Pattern("이것이 X입니다", "back",
            re.compile(r"(?:그리고\s|그래서\s|바로\s)*(?:이것이|이게|이것은|이건)\s+(?P<term>[^,.?!]+?)"
                       + _COPULA + r"(?:,\s*[^,.?!]{1,20})?[.!]?$"),
            0.7, True,
            "공기가 위로 올라가며 식으면 구름이 생깁니다. 이것이 상승 응결입니다.", "상승 응결",
            cues=(("이것이", "이게", "이것은", "이건"), _COPULA_WORDS)),
    Pattern("X는 A가 아니라 B다", "first",
            re.compile(_Q + r"(?:은|는|이란|란|(?:이)?라는 것은|(?:이)?라는 것의 핵심은"
                       r"|의 핵심은)\s+(?P<definition>.{2,}?(?:이|가)\s+아니(?:라|고)"
                       r"\s*,?\s*.{2,})$"),
            0.9, True, "화석 연료는 식물이 아니라 오래전 생물의 유해가 굳은 것입니다.", "화석 연료",
            cues=(("아니",),)),
    Pattern("Y하는 게 X다", "last",
            re.compile(r"(?P<definition>.{6,}?(?:는|은|던)\s*(?:게|것이|거))\s+(?P<term>[^,.?!]+?)"
                       r"(?:이)?(?:고|다|에요|예요|입니다|이죠|죠)[.!]?$"),
            0.7, True, "잎이 빛을 받아 양분을 만드는 게 광합성이다.", "광합성"),
    Pattern("X는 Y입니다", "first",
            re.compile(_Q + r"(?:은|는)\s+(?P<definition>.{8,}?)" + _COPULA + r"[.!]?$"),
            0.7, True, "중력 렌즈는 무거운 천체가 빛의 경로를 휘게 하는 현상입니다.", "중력 렌즈",
            ends=_COPULA_WORDS),
    Pattern("Y하는 X와 같은 것", "last",
            re.compile(r"(?P<definition>.{8,}[는은할던])\s+(?P<term>[^,.?!]+?)(?:와|과)\s*같은\s*"
                       r"것" + _COPULA),
            0.6, True, "잎이 빛을 받아 양분을 만드는 광합성과 같은 것입니다.", "광합성",
            cues=(("같은",),)),
    Pattern("A와 B 사이에 X가 있습니다", "last",
            re.compile(r"(?P<definition>.*?\S(?:와|과|나)\s.*?\s(?:사이|간)(?:의|에|에는)?)\s+"
                       r"(?P<term>[^,.?!]+?)(?:이|가)\s+" + _any_of(_EXISTS_WORDS) + r"[.!]?$"),
            0.7, False, "압력과 부피 사이에 반비례 관계가 있습니다.", "반비례 관계",
            cues=(("사이", "간"),), ends=_EXISTS_WORDS),
    Pattern("Y가 뭐다, X다", "quiz", re.compile(r"(?!)"), 0.9, False,
            "빛으로 양분을 만드는 과정이 뭐다, 광합성이다.", "광합성",
            cues=(("뭐",),)),
)

# Words one of the patterns that need no key term must contain.
CUES = re.compile(r"란|라는|정의|말합|뜻합|의미합|가리킵|일컫|지칭|라고|사이|간"
                  r"|뭐냐|무엇|뭘까|뭔가|뭐다|뭐예요|뭐에요")


def _prefilter(pattern: Pattern) -> Callable[[str], bool]:
    """The pattern's cheap test on a sentence: its ``ends`` and ``cues`` (see ``Pattern``).

    Built once per pattern: a group of one word is a substring test, a longer group
    one regex search for any of its words.
    """
    ends = pattern.ends
    groups = [_finds_any(group) for group in pattern.cues]

    def may_match(text: str) -> bool:
        if ends:
            body = text[:-1] if text.endswith("\n") else text
            if not (body.endswith(ends)
                    or body[-1:] in (".", "!") and body[:-1].endswith(ends)):
                return False
        return all(found(text) for found in groups)

    return may_match


def _finds_any(words: tuple[str, ...]) -> Callable[[str], object]:
    """A test for any of ``words`` in a text."""
    if len(words) == 1:
        word = words[0]
        return lambda text: word in text
    return re.compile("|".join(map(re.escape, words))).search


PREFILTERS = tuple(_prefilter(pattern) for pattern in PATTERNS)


def sentences_with(index: DocumentIndex, key_terms: list[str]) -> set[int]:
    """The sentences ``worth_trying`` lets through for a key term, from the index."""
    found: set[int] = set()
    for term_keys in (False, True):
        for hits in index.containing(key_terms, term_keys=term_keys).values():
            found.update(hits)
    return found


def worth_trying(text: str, key_terms: list[str]) -> bool:
    """Cheap filter before the patterns: a cue of a pattern that needs no key term, or
    a key term for the ones that do."""
    if CUES.search(text):
        return True
    keys = (normalise_key(text), term_key(text))
    return any(term in key for term in key_terms for key in keys)
