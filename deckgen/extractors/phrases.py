"""Korean noun phrases and content words read off Kiwi's morpheme tags.

Shared by the extractors.  A phrase keeps its natural spelling (the text between its
first and last morpheme, spaces included: "가치 함수", "연구의 시대") and a key with
spaces removed and Latin letters lower-cased, so "사전훈련" and "사전 훈련" are one
term.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..types import Sentence, Token

NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH"})
# Tags that may continue a noun chain: numbers ("GPT 3"), noun-deriving suffixes
# ("효율성", "선험적"), prefixes ("초지능").
_CHAIN_TAGS = NOUN_TAGS | {"SN", "XSN", "XPN", "NR"}
# Suffixes that end a chain without being part of the term ("사람들" -> "사람").
_DROPPED_SUFFIXES = frozenset({"들", "님", "씨", "쯤", "짜리", "께"})
CONTENT_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "VV", "VA", "XR"})

# Nouns every talk uses, whatever its subject: discourse words ("생각", "이야기"),
# vague nouns ("것", "부분", "경우") and time/quantity words.  A term made of them
# alone is never a key term; Kiwi's surprisal pushes down the rest.  Keep this list
# generic: it is about Korean, never about one transcript.
GENERIC_NOUNS = frozenset(
    """
    것 거 게 수 때 등 중 점 적 분 번 곳 쪽 데 뿐 바 채 대로 만큼 자체 그것 이것 저것 무엇 뭔가 무언가
    생각 사람 말 일 문제 방법 이유 방식 경우 정도 부분 의미 상황 종류 질문 이야기 사실 얘기 내용
    느낌 기분 사례 예 예시 측면 관점 입장 의견 주장 답 대답 답변 설명 표현 단어 용어
    가지 하나 둘 셋 다음 처음 마지막 전체 모두 대부분 일부 여러 다른 모든 각 전부
    시간 시기 순간 지금 오늘 요즘 최근 나중 이전 이후 동안 년 해 달 주 날 초 시 개
    양 차이 필요 가능 가능성 자신 누구 분들 여러분 당신 저희 대해 관련 통해 위해 때문
    """.split()
)


@dataclass(frozen=True)
class Phrase:
    """A noun phrase in a sentence: token range, surface text, key and content nouns."""

    first: int
    last: int
    start: int
    end: int
    text: str
    key: str
    nouns: tuple[str, ...]
    surprisal: float


def normalise_key(text: str) -> str:
    """The identity of a term or phrase: no spaces, Latin letters lower-cased."""
    return "".join(text.split()).lower()


def content_words(sentence: Sentence) -> list[str]:
    """Lemmas of the content morphemes (nouns, verb and adjective stems), generic ones out."""
    return [
        token.form.lower()
        for token in sentence.tokens
        if token.tag in CONTENT_TAGS and token.form not in GENERIC_NOUNS and len(token.form) > 1
        or token.tag in ("SL", "SH")
    ]


def noun_phrases(sentence: Sentence, *, nested: bool = True) -> Iterator[Phrase]:
    """Noun chains, "N의 N" and "N적인/N한 N" phrases of a sentence.

    With ``nested``, every contiguous part of a chain is produced too ("강화 학습 환경"
    also gives "강화 학습" and "학습 환경"), so frequencies can be compared across
    nesting levels.
    """
    tokens = sentence.tokens
    chains = list(_chains(sentence))
    for first, last in chains:
        yield from _sub_phrases(sentence, first, last, nested)
    # Join neighbouring chains through "의" or an adnominal "-적인" / "-한".
    for (a_first, a_last), (b_first, b_last) in zip(chains, chains[1:]):
        link = tokens[a_last + 1 : b_first]
        if _is_linker(link, sentence.text, tokens[a_last], tokens[b_first]):
            yield _phrase(sentence, a_first, b_last)


def _chains(sentence: Sentence) -> Iterator[tuple[int, int]]:
    tokens = sentence.tokens
    i = 0
    while i < len(tokens):
        if not _starts_chain(tokens, i):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _continues_chain(sentence.text, tokens[j], tokens[j + 1]):
            j += 1
        while j > i and not _ends_chain(tokens[j]):
            j -= 1
        if _ends_chain(tokens[j]):
            yield i, j
        i = j + 1


def _starts_chain(tokens: tuple[Token, ...], i: int) -> bool:
    token = tokens[i]
    if token.tag in NOUN_TAGS:
        return True
    return token.tag == "XPN" and i + 1 < len(tokens) and tokens[i + 1].tag in NOUN_TAGS


def _continues_chain(text: str, left: Token, right: Token) -> bool:
    gap = text[left.start + left.length : right.start]
    if right.tag == "XSN":
        return gap == "" and right.form not in _DROPPED_SUFFIXES
    if right.tag == "SO" or (left.tag == "SO" and right.tag in ("SL", "SN")):
        # Latin names with hyphens: "GPT-3", "LLM-as-a-Judge".
        return gap == "" and (right.tag != "SO" or left.tag in ("SL", "SN"))
    if right.tag not in _CHAIN_TAGS:
        return False
    return gap in ("", " ")


def _ends_chain(token: Token) -> bool:
    return token.tag in NOUN_TAGS or token.tag in ("XSN", "SN")


def _is_linker(link: tuple[Token, ...], text: str, left: Token, right: Token) -> bool:
    forms = [(t.form, t.tag) for t in link]
    gap_after = text[left.start + left.length : right.start]
    if forms == [("의", "JKG")]:
        return gap_after.startswith("의 ") and gap_after.count(" ") == 1
    adnominal = forms in ([("이", "VCP"), ("ᆫ", "ETM")], [("하", "XSA"), ("ᆫ", "ETM")])
    return adnominal and left.tag in ("XSN", "NNG") and gap_after.endswith(" ")


def _sub_phrases(sentence: Sentence, first: int, last: int, nested: bool) -> Iterator[Phrase]:
    if not nested:
        yield _phrase(sentence, first, last)
        return
    heads = [i for i in range(first, last + 1) if _starts_chain(sentence.tokens, i)]
    for a in heads:
        for b in range(a, last + 1):
            if _ends_chain(sentence.tokens[b]) and b - a < 8:
                yield _phrase(sentence, a, b)


def _phrase(sentence: Sentence, first: int, last: int) -> Phrase:
    tokens = sentence.tokens[first : last + 1]
    start = tokens[0].start
    end = max(t.start + t.length for t in tokens)
    text = sentence.text[start:end]
    nouns = tuple(t.form for t in tokens if t.tag in NOUN_TAGS)
    costs = [t.surprisal for t in tokens if t.tag in NOUN_TAGS]
    return Phrase(
        first=first,
        last=last,
        start=start,
        end=end,
        text=text,
        key=normalise_key(text),
        nouns=nouns,
        surprisal=max(costs) if costs else 0.0,
    )


def is_generic(phrase: Phrase) -> bool:
    """A phrase made only of generic nouns, bound nouns or single syllables."""
    return all(noun in GENERIC_NOUNS or (len(noun) < 2 and noun.isalpha() and not noun.isascii())
               for noun in phrase.nouns)
