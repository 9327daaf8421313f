"""Korean noun phrases and content words read off Kiwi's morpheme tags.

Shared by the extractors.  A phrase keeps its natural spelling (the text between its
first and last morpheme, spaces included: "가치 함수", "연구의 시대") and a key with
spaces removed and Latin letters lower-cased, so "사전훈련" and "사전 훈련" are one
term.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..types import Sentence, Token
from .vocabulary import EVERYDAY_NOUNS, GENERIC_NOUNS, VAGUE_NOUNS

__all__ = ["EVERYDAY_NOUNS", "GENERIC_NOUNS", "VAGUE_NOUNS", "Phrase", "concept_of",
           "content_words", "is_generic", "normalise_key", "noun_phrases", "term_key"]

NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH"})
# Tags that may continue a noun chain: numbers ("GPT 3"), noun-deriving suffixes
# ("효율성", "선험적"), prefixes ("초지능").
_CHAIN_TAGS = NOUN_TAGS | {"SN", "XSN", "XPN", "NR"}
# Suffixes that end a chain without being part of the term ("사람들" -> "사람").
_DROPPED_SUFFIXES = frozenset({"들", "님", "씨", "쯤", "짜리", "께", "끼리"})
CONTENT_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "VV", "VA", "XR"})

# Bound nouns that are grammar, never part of a term (others, such as "시간" or
# "초", may end one: "고속 시간", "마이크로초").
_GRAMMATICAL_BOUND = frozenset(
    "것 거 게 수 데 때문 등 뿐 바 줄 채 대로 만큼 듯 척 지 리 나름 터 김 적".split()
)


_LINKING_OF = re.compile(r"(?<=\S)의\s+")
# Tags a phrase's nouns are read from.
_NOUN_OR_BOUND = NOUN_TAGS | {"NNB"}
_ENDS_CHAIN = NOUN_TAGS | {"XSN", "SN", "NNB"}
_STARTS_CHAIN = NOUN_TAGS | {"XPN"}
_MAY_CONTINUE = _CHAIN_TAGS | {"NNB", "SO"}
# Phrase is a NamedTuple: built through tuple.__new__ (skipping the Python-level
# __new__), over ten times cheaper than a frozen dataclass, and a long transcript
# has hundreds of thousands of phrases.
_new_tuple = tuple.__new__


class Phrase(NamedTuple):
    """A noun phrase in a sentence: token range, surface text, key and content nouns."""

    first: int
    last: int
    start: int
    end: int
    text: str
    key: str
    nouns: tuple[str, ...]
    surprisal: float
    predicative: bool = False
    # Only generic nouns (see ``is_generic``): read once here, tested by every extractor.
    generic: bool = False


def normalise_key(text: str) -> str:
    """The identity of a term or phrase: no spaces, Latin letters lower-cased."""
    return "".join(text.split()).lower()


def term_key(text: str) -> str:
    """The identity of a term: its key with a linking "의" dropped ("연구의 시대" = "연구 시대")."""
    if "의" not in text:
        return normalise_key(text)  # nothing to drop: skip the regex
    return normalise_key(_LINKING_OF.sub(" ", text))


def concept_of(phrase: Phrase) -> str:
    """The key term a phrase says, however the linking "의" is spoken ("연구의 시대" and
    "연구 시대" are one term, as in the ranking)."""
    return phrase.key if "의" not in phrase.text else term_key(phrase.text)


def content_words(sentence: Sentence) -> list[str]:
    """Lemmas of the content morphemes (nouns, verb and adjective stems), generic ones out."""
    # Unpacking each token is cheaper than reading its fields by name, once per morpheme.
    return [
        form.lower()
        for form, tag, _, _, _ in sentence.tokens
        if tag in CONTENT_TAGS and form not in GENERIC_NOUNS and len(form) > 1
        or tag in ("SL", "SH")
    ]


def noun_phrases(sentence: Sentence, *, nested: bool = True) -> list[Phrase]:
    """Noun chains, "N의 N" and "N적인/N한 N" phrases of a sentence.

    With ``nested``, every contiguous part of a chain is produced too ("강화 학습 환경"
    also gives "강화 학습" and "학습 환경"), so frequencies can be compared across
    nesting levels.
    """
    tokens = sentence.tokens
    tags = [token[1] for token in tokens]
    chains = _chains(sentence, tags)
    if not chains:
        return []
    found: list[Phrase] = []
    for first, last in chains:
        if first == last and tags[first] in NOUN_TAGS:
            found.append(_one_noun(sentence, first))  # most chains: one noun
        elif nested:
            _add_sub_phrases(sentence, tags, first, last, found)
        else:
            found.append(_phrase(sentence, first, last))
    # Join neighbouring chains through "의" or an adnominal "-적인" / "-한": the left
    # chain with the whole right chain, and (nested) with each head-ending prefix of it,
    # so "지속적인 학습" is also counted inside "지속적인 학습 곡선".
    for (a_first, a_last), (b_first, b_last) in zip(chains, chains[1:], strict=False):
        if not 0 < b_first - a_last - 1 < 3:
            continue  # every linker is one or two morphemes
        link = tokens[a_last + 1 : b_first]
        if not _is_linker(link, sentence.text, tokens[a_last], tokens[b_first]):
            continue
        ends = range(b_first, b_last + 1) if nested else (b_last,)
        for end in ends:
            if tags[end] in _ENDS_CHAIN and end - b_first < 4:
                found.append(_phrase(sentence, a_first, end))
    return found


def _chains(sentence: Sentence, tags: list[str]) -> list[tuple[int, int]]:
    """(first, last) token of each maximal noun chain, trimmed to end on a noun."""
    tokens = sentence.tokens
    text = sentence.text
    n = len(tokens)
    chains = []
    i = 0
    # Only a noun or a prefix can start a chain: visit those, not every morpheme.
    for head in [k for k, tag in enumerate(tags) if tag in _STARTS_CHAIN]:
        if head < i or not _starts_chain(tags, head):
            continue
        j = head
        while j + 1 < n and tags[j + 1] in _MAY_CONTINUE and _continues_chain(
                text, tokens[j], tokens[j + 1]):
            j += 1
        while j > head and tags[j] not in _ENDS_CHAIN:
            j -= 1
        if tags[j] in _ENDS_CHAIN:
            chains.append((head, j))
        i = j + 1
    return chains


def _starts_chain(tags: list[str], i: int) -> bool:
    tag = tags[i]
    if tag in NOUN_TAGS:
        return True
    return tag == "XPN" and i + 1 < len(tags) and tags[i + 1] in NOUN_TAGS


def _continues_chain(text: str, left: Token, right: Token) -> bool:
    if right.tag not in _MAY_CONTINUE:
        return False
    gap = text[left.start + left.length : right.start]
    if right.tag == "NNB":
        return right.form not in _GRAMMATICAL_BOUND and left.tag in NOUN_TAGS and gap in ("", " ")
    if right.tag == "XSN":
        return gap == "" and right.form not in _DROPPED_SUFFIXES
    if right.tag == "SO" or (left.tag == "SO" and right.tag in ("SL", "SN")):
        # Latin names with hyphens: "GPT-3", "LLM-as-a-Judge".
        return gap == "" and (right.tag != "SO" or left.tag in ("SL", "SN"))
    if right.tag not in _CHAIN_TAGS:
        return False
    return gap in ("", " ")


def _is_linker(link: tuple[Token, ...], text: str, left: Token, right: Token) -> bool:
    forms = [(t.form, t.tag) for t in link]
    gap_after = text[left.start + left.length : right.start]
    if forms == [("의", "JKG")]:
        return gap_after.startswith("의 ") and gap_after.count(" ") == 1
    adnominal = forms in ([("이", "VCP"), ("ᆫ", "ETM")], [("하", "XSA"), ("ᆫ", "ETM")])
    return adnominal and left.tag in ("XSN", "NNG") and gap_after.endswith(" ")


def _add_sub_phrases(sentence: Sentence, tags: list[str], first: int, last: int,
                     found: list[Phrase]) -> None:
    """Every part of the chain ``first..last`` from a head to a noun, at most 8 tokens.

    A part ending where a suffix follows ("일반" of "일반화") is not a phrase of its
    own.  The parts starting at one head grow one token at a time, so their ends,
    nouns and word costs (see ``_word_cost``) are carried along, not recomputed.
    """
    tokens = sentence.tokens
    text = sentence.text
    text_length = len(text)
    count = len(tokens)
    for a in range(first, last + 1):
        if not _starts_chain(tags, a):
            continue
        start = end = tokens[a].start
        nouns: list[str] = []
        generic = True
        best = word = 0.0
        previous_end = -1
        for b in range(a, min(last, a + 7) + 1):
            form, tag, token_start, length, surprisal = tokens[b]
            token_end = token_start + length
            if token_end > end:
                end = token_end
            if tag in _NOUN_OR_BOUND:
                nouns.append(form)
                generic = generic and _is_generic_noun(form)
            # A gap in the text ends a word (``text[previous_end:token_start]`` is not empty).
            if 0 <= previous_end < token_start and previous_end < text_length:
                best, word = (word if word > best else best), 0.0  # max(best, word)
            if tag in _CHAIN_TAGS:
                word += 0.0 if 0.0 > surprisal else surprisal  # max(surprisal, 0.0)
            previous_end = token_end
            if tag not in _ENDS_CHAIN:
                continue
            after = tokens[b + 1] if b + 1 < count else None
            if after is not None and b < last and after.tag == "XSN" and after.start == token_end:
                continue
            phrase_text = text[start:end]
            found.append(_new_tuple(Phrase, (
                a, b, start, end, phrase_text, "".join(phrase_text.split()).lower(),
                tuple(nouns), word if word > best else best, _is_predicate_suffix(after, end),
                generic,
            )))


def _one_noun(sentence: Sentence, i: int) -> Phrase:
    """The phrase of a chain of one noun: ``_add_sub_phrases`` of ``i..i``, without loops."""
    tokens = sentence.tokens
    form, _, start, length, surprisal = tokens[i]
    end = start + length if length > 0 else start
    word = 0.0 + (0.0 if 0.0 > surprisal else surprisal)
    text = sentence.text[start:end]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return _new_tuple(Phrase, (
        i, i, start, end, text, "".join(text.split()).lower(), (form,),
        word if word > 0.0 else 0.0, _is_predicate_suffix(after, end), _is_generic_noun(form),
    ))


def _phrase(sentence: Sentence, first: int, last: int) -> Phrase:
    tokens = sentence.tokens[first : last + 1]
    start = tokens[0].start
    end = max(t.start + t.length for t in tokens)
    text = sentence.text[start:end]
    nouns = tuple(t.form for t in tokens if t.tag in _NOUN_OR_BOUND)
    after = sentence.tokens[last + 1] if last + 1 < len(sentence.tokens) else None
    return _new_tuple(Phrase, (
        first, last, start, end, text, normalise_key(text), nouns,
        _word_cost(sentence.text, tokens), _is_predicate_suffix(after, end),
        all(map(_is_generic_noun, nouns)),
    ))


def _word_cost(text: str, tokens: tuple[Token, ...]) -> float:
    """Kiwi's cost of the phrase's most unusual written word (its stem and affixes).

    A word's cost is the sum over its morphemes, so a derived word ("초지능",
    "일반화", "점진주의") costs what its parts cost together, not its cheapest part.
    """
    best = 0.0
    word = 0.0
    previous_end = None
    for token in tokens:
        if previous_end is not None and text[previous_end : token.start] != "":
            best, word = max(best, word), 0.0
        if token.tag in _CHAIN_TAGS:
            word += max(token.surprisal, 0.0)
        previous_end = token.start + token.length
    return max(best, word)


def _is_predicate_suffix(token: Token | None, end: int) -> bool:
    """A noun used as a verb or adjective stem: "구축하다", "유용한", "내재된"."""
    return token is not None and token.tag.startswith(("XSV", "XSA")) and token.start == end


def is_generic(phrase: Phrase) -> bool:
    """A phrase made only of generic nouns, bound nouns or single syllables."""
    return phrase.generic


def _is_generic_noun(noun: str) -> bool:
    return noun in GENERIC_NOUNS or (len(noun) < 2 and noun.isalpha() and not noun.isascii())
