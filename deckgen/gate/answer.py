"""Does a cloze have one checkable answer?

Its blanks hide one key term (``blanks.py`` chooses it, whole words only), and what the
front still shows must pin that term down: enough words of its own, and none that give
it away (the term written again, unhidden).
"""

from __future__ import annotations

import re

from ..blanks import in_list
from ..extractors.phrases import CONTENT_TAGS, GENERIC_NOUNS, normalise_key
from ..types import Extract, Sentence

# Content words (of two letters or more) the front must show besides the blank, and
# the length of an idea's sentence: a shorter one leaves the blank open to many answers.
MIN_SHOWN_WORDS = 2
MIN_IDEA_CHARS = 40


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
    if len(answer) >= 3 and any(_looks_alike(answer, normalise_key(word))
                                for word in shown.split()):
        return "the front shows the answer, spelt another way"
    # The words that tell the answer from its kind ("테스트" of "테스트 이미지"; not
    # "시간" of "저속 시간", which "고속 시간" shares), as the sentence says them (a term
    # card's term is spelt as the talk spells it most, "결혼생활" for "[결혼 생활]").
    said = text[candidate.blanks[0][0]:candidate.blanks[0][1]]
    modifiers = said.split()[:-1]
    if any(len(w) > 1 and normalise_key(w) in normalise_key(shown) for w in modifiers):
        return "the front shows part of the answer"
    if _judged_subject(sentence, candidate):
        return "a judgement of the blank, which many answers fit"
    if _head_shown(sentence, candidate):
        return "the front shows the answer's head word"
    if any(in_list(text, a, b) for a, b in candidate.blanks):
        return "an item of a list"
    if _paired(text, candidate):
        return "paired with its opposite, which gives it away"
    if _cuts_a_longer_term(sentence, candidate):
        return "the blank is part of a longer term"
    words = [t for t in sentence.tokens
             if start <= t.start < stop and t.tag in CONTENT_TAGS and len(t.form) > 1
             and t.form not in GENERIC_NOUNS
             and not any(a <= t.start < b for a, b in candidate.blanks)]
    short = candidate.kind in ("idea", "term") and len(text) < MIN_IDEA_CHARS
    if len(words) < MIN_SHOWN_WORDS or short:
        return "too little around the blank"
    return None


def _cuts_a_longer_term(sentence: Sentence, candidate: Extract) -> bool:
    """A word that begins the term stands right before the blank, no particle between:

    * a generic noun ("자체 [플레이]는"): the term ranking leaves such a first word out
      of a term (it is most often a quantity or a time), but here it begins the term
      ("자체 플레이", self-play);
    * a word in Latin letters ("K fold [크로스벨리데이션]", "준-RL [에이전트]"): it names
      the variant, and the front shows the term's first half.
    """
    start = candidate.blanks[0][0]
    before = [t for t in sentence.tokens if t.start + t.length <= start]
    if not before or sentence.text[before[-1].start + before[-1].length:start] != " ":
        return False
    word = before[-1]
    if word.tag == "SL":
        return True
    if word.tag != "NNG" or word.form not in GENERIC_NOUNS:
        return False
    # "…가진 경우 [...]의", "…돌아오는 동안 [...]은": a clause of time or case.
    return not (len(before) > 1 and before[-2].tag == "ETM")


# Words of judgement ("유용하다", "좋지 않다", "의존적이다", "중요하다").
_JUDGEMENTS = frozenset("유용 좋 나쁘 중요 어렵 쉽 필요 의존 유익 효과 적합 편리 흥미".split())


def _judged_subject(sentence: Sentence, candidate: Extract) -> bool:
    """The blank is in the subject of a judgement ("제 생각에는 [...]이(가) 유용할 것이고",
    "[...]의 감정에 대한 정말 흥미로운 점은 ... 매우 유용하다는 것", "[...]은(는) 어떤
    문제와 데이터인지에 의존적입니다"): useful, good or dependent things are many, and the
    front names none of what sets the answer apart."""
    end = candidate.blanks[0][1]
    rest = [t for t in sentence.tokens if t.start >= end]
    subject = None
    for i, token in enumerate(rest):
        if token.tag in ("EC", "EF", "VCP"):
            return False  # a clause ends first: the blank is not in the subject
        if token.tag == "JKS" or token.tag == "JX" and token.form in ("은", "는", "도"):
            subject = i
            break
    if subject is None:
        return False
    after = rest[subject + 1:]
    return any(t.form in _JUDGEMENTS and (
        t.tag == "VA" or t.tag in ("NNG", "XR") and i + 1 < len(after)
        and after[i + 1].tag in ("XSA", "XSN")) for i, t in enumerate(after))


def _head_shown(sentence: Sentence, candidate: Extract) -> bool:
    """The answer's head word is on the front elsewhere: alone ("[성능의 분산]" after
    "분산을 같이 계산하게 되면") or with another modifier ("Train Time은 ... [Test Time]은",
    "노이즈 이득에 비해 [신호 이득]이"): what is left to recall is a modifier, and a
    contrast or an apposition gives it.  A head an adjective describes ("더 긴 시간")
    names no other kind, and stays."""
    words = (candidate.term or "").split()
    if len(words) < 2 or len(words[-1]) < 2:
        return False
    head = normalise_key(words[-1]).lower()
    tokens = sentence.tokens
    for before, token in zip([None, *tokens], tokens, strict=False):
        if normalise_key(token.form).lower() != head or any(a <= token.start < b
                                                            for a, b in candidate.blanks):
            continue
        # Described ("펄스 사이의 더 긴 시간" beside "[저속 시간]"), it names no other kind.
        if before is None or before.tag != "ETM":
            return True
    return False


def _looks_alike(answer: str, word: str) -> bool:
    """The word starts with the answer misspelt in one vowel ("탬플릿" for "템플릿"): a
    typo in the transcript still gives the answer away ("엽록소" is another word than
    "엽록체": its consonants differ)."""
    head = word[: len(answer)]
    if len(head) < len(answer) or head == answer:
        return False
    different = [(a, b) for a, b in zip(answer, head, strict=True) if a != b]
    return len(different) == 1 and _vowel_only(*different[0])


def _vowel_only(a: str, b: str) -> bool:
    if not ("가" <= a <= "힣" and "가" <= b <= "힣"):
        return False
    x, y = ord(a) - 0xAC00, ord(b) - 0xAC00
    return x // 588 == y // 588 and x % 28 == y % 28  # same initial and final consonant


_PAIRING = re.compile(r"^\S*?(?:와|과|하고|랑|이랑)\s+(\S+\s+)?(\S+)")


def _paired(text: str, candidate: Extract) -> bool:
    """"[전송 펄스]와 수신 펄스": the blank and the phrase it is paired with share their
    head word, so the pair gives the answer away."""
    words = (candidate.term or "").split()
    if len(words) < 2 or not candidate.blanks:
        return False
    match = _PAIRING.match(text[candidate.blanks[0][1]:])
    return match is not None and match.group(2).startswith(words[-1])
