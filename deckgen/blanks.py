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

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .extractors.index import DocumentIndex
from .extractors.phrases import EVERYDAY_NOUNS, GENERIC_NOUNS, Phrase, concept_of, is_generic
from .types import Sentence, Token

# A one-word blank on a point is a word of this many letters at least.
LONG_WORD = 3
# A phrase that is no key term is hidden only when a general model finds it this costly.
SPECIFIC_SURPRISAL = 11.0
_LIST_MARKS = (", ", "/", "、")
# Particles that join two nouns into a pair, and the tags of what they join.
_PAIRING = frozenset("와 과 하고 이랑 랑".split())
_NOUNISH = ("NN", "NP", "SL", "SH", "SN", "XPN", "XR")
_COPULA_TAILS = ("인지", "이고", "이며", "이다", "인데", "이라")
# A concept said twice in one sentence makes a tautology of the front ("[...] 측면에서
#보면 몇 가지 [...]이 있습니다"), or gives itself away when one is left: once only.
MAX_OCCURRENCES = 1
# Tags that may follow a whole word: particles, copula, endings, punctuation, plural.
_AFTER_WORD = ("J", "VCP", "E", "S")
_PLURAL = "들"
_TOPIC_PARTICLES = frozenset("은 는".split())
# Connective endings of a clause that sets the scene: condition, concession, reason.
_SCENE_ENDINGS = frozenset(
    "면 으면 다면 는다면 ᆫ다면 라면 이라면 려면 으려면 "
    "지만 는데 ᆫ데 은데 어도 아도 더라도 니까 으니까".split()
)


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
    concepts = {id(p): concept_of(p) for p in index.phrases[sentence.index]}
    found = [p for p in index.phrases[sentence.index]
             if concepts[id(p)] in key_terms and not is_generic(p)]
    found.sort(key=lambda p: (-(p.end - p.start), key_terms[concepts[id(p)]], p.start))
    chosen: list[Phrase] = []
    for phrase in found:
        if all(phrase.end <= c.start or phrase.start >= c.end for c in chosen):
            chosen.append(phrase)
    return sorted(chosen, key=lambda p: p.start)


def choose_blank(index: DocumentIndex, sentence: Sentence, key_terms: Mapping[str, int],
                 lo: int = 0, hi: int | None = None, *, concept: str | None = None,
                 point_only: bool = False) -> Blank | None:
    """The one key term to hide in ``sentence.text[lo:hi]`` (only ``concept``, when
    given), or None when none fits.

    With ``point_only`` the blank is on the point: never in a clause of condition or
    concession, which only sets the scene, and never a short one-word noun ("데이터",
    "펄스"): any of those would fit the blank.
    """
    hi = len(sentence.text) if hi is None else hi
    phrases = [p for p in key_phrases(index, sentence, key_terms)
               if lo <= p.start and p.end <= hi]
    scene: list[tuple[int, int]] = []
    if point_only:
        scene = _scene_spans(sentence, lo)
        phrases = [p for p in phrases if specific(p)
                   and not any(a <= p.start and p.end <= b for a, b in scene)]
    concepts = [concept_of(p) for p in phrases]
    options = []
    for phrase, key in zip(phrases, concepts, strict=True):
        if concept is not None and key != concept:
            continue
        if phrase.predicative or not whole_word(sentence, phrase.start, phrase.end):
            continue
        if in_list(sentence.text, phrase.start, phrase.end) or paired_topic(
                sentence, phrase.start, phrase.end):
            continue
        spans = [(p.start, p.end) for p, k in zip(phrases, concepts, strict=True) if k == key]
        if len(spans) > MAX_OCCURRENCES or any(
                not whole_word(sentence, a, b) for a, b in spans):
            continue
        options.append((_point(sentence, phrase, key_terms[key], lo, hi), key, phrase, spans))
    if not options:
        if concept is not None:
            return None
        return _specific_phrase(index, sentence, lo, hi, scene, point_only)
    _, key, phrase, spans = max(options, key=lambda o: (o[0], -o[2].start))
    return Blank(key, phrase.text, tuple(_with_gloss(sentence.text, s) for s in spans))


def specific(phrase: Phrase) -> bool:
    """Specific enough to be one checkable answer: a phrase of two nouns or more, or one
    long word ("중생심", "출가외인"); a short one ("데이터", "뉴런") fits too many blanks.
    (Measured on the card-by-card readings: a one-word blank of two letters was good
    one time in seven.)"""
    return len(phrase.nouns) > 1 or len(phrase.key) >= LONG_WORD


def _specific_phrase(index: DocumentIndex, sentence: Sentence, lo: int, hi: int,
                     scene: Sequence[tuple[int, int]] = (),
                     point_only: bool = False) -> Blank | None:
    """Without a key term, the sentence's most specific noun phrase, said once in it:
    "결혼에 대한 [물질적 준비]는 아무 것도 필요없어요".  Only a phrase of words a
    general model finds costly (``SPECIFIC_SURPRISAL``), none of them generic or
    everyday, and no part of a longer phrase."""
    phrases = [p for p in index.phrases[sentence.index] if lo <= p.start and p.end <= hi
               and not any(a <= p.start and p.end <= b for a, b in scene)]
    found = []
    for p in phrases:
        if p.generic or p.predicative or p.surprisal < SPECIFIC_SURPRISAL or len(p.key) < 2:
            continue
        if any(n in GENERIC_NOUNS or n in EVERYDAY_NOUNS for n in p.nouns) or p.key.isdigit():
            continue
        if any(word.endswith(("한", "인", "운", "은")) for word in p.text.split()[:-1]):
            continue  # "중요한 핵심조건": a judgement of the thing, not its name
        if len(p.text) > 3 and p.text.endswith(_COPULA_TAILS):
            continue  # "데이터인지": Kiwi read the copula into the noun
        if p.text.endswith("적"):
            continue  # "의존적(입니다)": an adjective, its grammar gives it away
        if any(q is not p and q.start <= p.start and p.end <= q.end for q in phrases):
            continue
        if not whole_word(sentence, p.start, p.end) or sum(q.key == p.key for q in phrases) > 1:
            continue
        if in_list(sentence.text, p.start, p.end) or paired_topic(sentence, p.start, p.end):
            continue
        if point_only and not specific(p):
            continue
        found.append(p)
    if not found:
        return None
    # More words first: a rare one-word "phrase" is often a typo ("언에" for "언어").
    best = max(found, key=lambda p: (len(p.nouns), p.surprisal, -p.start))
    return Blank(best.key, best.text, (_with_gloss(sentence.text, (best.start, best.end)),))


def in_list(text: str, start: int, end: int) -> bool:
    """The span is one item of a list ("데이터, 파라미터, [...] 스케일링",
    "트레이닝/[...]"): hiding it asks for a set, not one answer."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return before.endswith(_LIST_MARKS) or after.startswith(_LIST_MARKS) and (
        end + 2 < len(text) and text[end + 2 : end + 3].isalnum())


def paired_topic(sentence: Sentence, start: int, end: int) -> bool:
    """The span is one side of a pair "X와 Y" in the topic of its clause ("[AGI]와 사전
    훈련에서 일어난 일은", "피질은 균일하지만, 피질의 [뇌 영역]과 뉴런은"): the topic is
    what the clause takes as known, and either side of it would fit the blank.  (A pair
    in the comment is the point, "정책과 [전이 확률]에 의해 유도된 분포", and stays.)  A
    "와" before a verb or an adjective ("X와 경쟁하다", "X와 비슷하다") joins no pair."""
    if end > _topic_end(sentence, _clause_start(sentence, start)):
        return False
    tokens = [t for t in sentence.tokens if not t.tag.startswith("S") or t.tag in _NOUNISH]
    for i, token in enumerate(tokens):
        if token.form not in _PAIRING or not token.tag.startswith(("JC", "JKB")):
            continue
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if before is None or after is None or not before.tag.startswith(_NOUNISH):
            continue
        if not after.tag.startswith(_NOUNISH) or after.start == token.start + token.length:
            continue
        if token.start == end or after.start == start:
            return True
    return False


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


def _scene_spans(sentence: Sentence, lo: int) -> list[tuple[int, int]]:
    """The clauses of condition, concession, reason or time ("X가 증가하면", "...지만",
    "...니까", "...일 때"): spans of the sentence a blank on its point does not lie in (the topic
    may hold the point, "[물질적 준비]는 아무 것도 필요없어요"; ``_point`` prefers the
    comment)."""
    spans = []
    clause_start = lo
    tokens = sentence.tokens
    setting = _setting_end(tokens, lo)
    if setting > lo:
        spans.append((lo, setting))
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        if token.start < lo:
            continue
        # "PRF가 1kHz이고 펄스 폭이 1마이크로초일 때", "...올라갈 때까지": a clause of time.
        if token.tag == "ETM" and following is not None and following.form == "때" \
                and following.tag.startswith("NN"):
            spans.append((clause_start, token.start))
            clause_start = following.start + following.length
            continue
        if token.tag != "EC":
            continue
        if following is not None and following.tag.startswith("VX"):
            continue  # "적용시켜 본다면": one clause with its auxiliary verb
        if token.form in _SCENE_ENDINGS:
            spans.append((clause_start, token.start))
        clause_start = token.start + token.length
    return spans


def _setting_end(tokens: Sequence[Token], lo: int) -> int:
    """Where a setting that opens the sentence ends ("모방학습에서는, ...", "그리고 강화
    학습에서는 ..."): like a condition, it frames the point; -1 when there is none."""
    for i, token in enumerate(tokens):
        if token.start < lo:
            continue
        if token.tag == "JKB" and token.form == "에서":
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            framed = following is not None and (following.tag == "JX" and following.form == "는"
                                                or following.form == ",")
            return token.start if framed else -1
        if not token.tag.startswith(("NN", "SL", "SN", "SH", "XSN", "XPN", "JKG", "MAJ",
                                     "MAG", "SS", "SP")):
            return -1
    return -1


def _clause_start(sentence: Sentence, at: int) -> int:
    """Where the clause holding offset ``at`` begins: after the last connective ending
    before it ("피질은 균일하지만, [피질의 뇌 영역과 뉴런은] ...")."""
    start = 0
    for token in sentence.tokens:
        if token.start >= at:
            break
        if token.tag == "EC":
            start = token.start + token.length
    return start


def _topic_end(sentence: Sentence, lo: int) -> int:
    """Where the topic ("...은/는" after a noun) of the first clause from ``lo`` ends
    (the last one, in "일반적으로는 하이퍼파라미터 선택은 ..."), or -1."""
    tokens = sentence.tokens
    end = -1
    for before, token in zip(tokens, tokens[1:], strict=False):
        if token.start < lo:
            continue
        if token.tag == "EC":
            break
        if token.tag == "JX" and token.form in _TOPIC_PARTICLES \
                and before.tag.startswith(("NN", "SL", "XSN", "JKB")):
            end = token.start
    return end


def _with_gloss(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span grown over a gloss in brackets right after it ("최적 제어 이론(optimal
    control theory)"): left visible, the gloss would give the answer away."""
    start, end = span
    if end < len(text) and text[end] == "(":
        close = text.find(")", end)
        if 0 < close - end <= 60:
            return start, close + 1
    return span
