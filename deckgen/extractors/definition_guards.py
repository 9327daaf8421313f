"""Helpers of the definition patterns: where a term is, and guards against look-alikes.

The patterns in ``definitions.py`` fit many everyday sentences; these checks keep the
ones a teacher would call a definition:

* the defined phrase opens its sentence (only openers, modifiers or an apposition
  such as "일정한 거짓 경보 비율, 줄여서" come before it), and is no demonstrative
  reference ("이 낮은 주파수는 ..." identifies something said before);
* "~ㄹ 것입니다" is a prediction ("확산될 거예요"), not a definition;
* a pronoun subject inside the definition ("..., 이는 많은 금액입니다") starts a new
  clause about something else;
* a definition needs two content morphemes of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Sentence, Token
from .phrases import (
    CONTENT_TAGS,
    GENERIC_NOUNS,
    VAGUE_NOUNS,
    Phrase,
    is_generic,
    noun_phrases,
    term_key,
)

# Only the best-ranked terms count as "key terms" for the copula rows.
KEY_TERMS = 40
_MIN_DEFINITION_WORDS = 2
# Morphemes that carry content in a definition; numbers count ("1950년부터").
_DEFINING_TAGS = CONTENT_TAGS | {"SN", "NR", "NNB"}
# Words that may open a sentence before the defined term.
_OPENERS = frozenset(
    "그리고 그래서 하지만 그런데 즉 사실 사실은 결국 이제 여기서 우선 먼저 특히 저는 제 "
    "생각에 생각에는 음 어 네 예 자 아마 아마도 그러니까 따라서 그러면 또 또한 다만 물론 "
    "근데 그럼 그니까 왜냐하면 왜냐면 "
    # Focus adverbs: "보상은 단지 비용의 음수일 뿐" defines 보상 as 비용의 음수.
    "단지 그저 그냥 단순히 오직 바로".split()
)
_APPOSITION = re.compile(r"^.{2,60}?,\s*(?:줄여서|약칭|즉|다시 말해)\s*$")
# Adnominal words that narrow a term down ("진정한 보상 해킹", "좋은 배우자").
_QUALIFIERS = re.compile(r"(?:진정한|진짜|참된|좋은|올바른|진정한 의미의|중요한|핵심적인)")
_ROLE = re.compile(r"(?:으로서|로서|으로써|로써)$")
_DEMONSTRATIVES = frozenset("이 그 저 이런 그런 저런 이러한 그러한".split())
_TRAILING = re.compile(r"[\"'”’」』]?\s*(?:와|과)?\s*(?:같이|처럼)$")
_FUTURE = re.compile(r"([가-힣])\s*(?:것|거)$")


def subject_phrases(sentence: Sentence, phrases: Sequence[Phrase] | None = None
                    ) -> list[Phrase]:
    """For each end position, the longest non-generic noun phrase ending there."""
    by_end: dict[int, Phrase] = {}
    for phrase in phrases if phrases is not None else noun_phrases(sentence):
        if is_generic(phrase):
            continue
        current = by_end.get(phrase.end)
        if current is None or phrase.start < current.start:
            by_end[phrase.end] = phrase
    return sorted(by_end.values(), key=lambda p: p.start)


def opens_sentence(sentence: Sentence, phrase: Phrase) -> bool:
    """True when only openers, modifiers, an apposition or quote marks precede the phrase."""
    leading = sentence.text[: phrase.start]
    if _APPOSITION.match(leading):
        return True
    # After a comma a new clause starts ("..., 보상은 단지 비용의 음수일 뿐입니다"), or
    # an aside ends ("근데 이 공동체, 결혼생활이란 것은 ...").
    leading = leading[leading.rfind(", ") + 2 :] if ", " in leading else leading
    for word in leading.split():
        bare = word.strip(",'\"‘“「『")
        if not bare or bare in _OPENERS or _ROLE.search(bare):
            continue
        if bare in _DEMONSTRATIVES:
            return False
        last = _last_token_in(sentence, sentence.text.find(word), len(word))
        if last is None or last.tag not in ("ETM", "MM", "MAJ", "MAG", "IC"):
            return False
    return True


def with_role(sentence: Sentence, phrase: Phrase) -> str:
    """The phrase with a role word right before it: "종교로써 불교" (Buddhism as a
    religion) is another term than "불교"."""
    words = sentence.text[: phrase.start].split()
    if words and _ROLE.search(words[-1]) and len(words[-1]) > 3:
        return f"{words[-1]} {phrase.text}"
    if words and _QUALIFIERS.fullmatch(words[-1]):
        # "진정한 보상 해킹은 ...", "가장 중요한 마음의 조건은 ...": what is said of that
        # one, not of every one.
        degree = words[-2] + " " if len(words) > 1 and words[-2] in ("가장", "제일") else ""
        return f"{degree}{words[-1]} {phrase.text}"
    return phrase.text


def _last_token_in(sentence: Sentence, start: int, length: int) -> Token | None:
    inside = [t for t in sentence.tokens if start <= t.start < start + length]
    return inside[-1] if inside else None


def phrase_ending(sentence: Sentence, start: int, end: int,
                  phrases: Sequence[Phrase] | None = None, *, short: bool = False
                  ) -> Phrase | None:
    """The longest noun phrase inside ``sentence.text[start:end]`` that ends at ``end``
    (``short``: a one-syllable noun counts, where the speaker names it)."""
    while end > start and sentence.text[end - 1] in " '\"‘’“”":
        end -= 1
    candidates = phrases if phrases is not None else noun_phrases(sentence)
    inside = [p for p in candidates if p.end == end and p.start >= start]
    if not inside:
        return None
    phrase = min(inside, key=lambda p: p.start)
    head = phrase.nouns[-1]
    if short and len(phrase.key) == 1 and head not in GENERIC_NOUNS:
        return phrase
    return None if is_generic(phrase) or head in VAGUE_NOUNS else phrase


def particle_follows(sentence: Sentence, match: re.Match[str]) -> bool:
    """False when what the regex took for a particle ("은", "를") ends a verb ("있는")."""
    end = match.end("definition")
    if match.string[end : end + 2] not in ("은 ", "는 ", "을 ", "를 ", "이 ", "가 "):
        return True
    offset = len(sentence.text) - len(match.string) + end
    token = next((t for t in sentence.tokens if t.start <= offset < t.start + t.length), None)
    return token is None or token.tag.startswith("J")


def whole_word(text: str, phrase: Phrase) -> str:
    """The phrase grown back to the start of its first word ("거듭" + "제곱 법칙")."""
    start = phrase.start
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start : phrase.end]


def text_before(sentence: Sentence, start: int, end: int) -> str:
    """``sentence.text[start:end]`` without the particle that links it to what follows."""
    before = [t for t in sentence.tokens if start <= t.start and t.start + t.length <= end]
    while before and before[-1].tag.startswith(("SS", "SP")):
        before.pop()
    if before and before[-1].tag.startswith("J"):
        end = before[-1].start
    return sentence.text[start:end]


def clean_definition(text: str) -> str:
    """The defining text without quote marks, a trailing "와 같이" or leading openers."""
    words = text.strip(" ,'\"‘’“”").split(" ")
    while len(words) > 1 and words[0].rstrip(",") in _OPENERS | {"또는", "혹은"}:
        words = words[1:]
    text = _TRAILING.sub("", " ".join(words)).strip(" ,")
    # A quote mark whose pair lay outside the definition, or was stripped off its start
    # ('"parametric model"의 가장 단순한 형태').
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    return text


_SUBJECT_GE = re.compile(r"([는은던])\s*게$")
_LEADING_REFERENCE = re.compile(r"^(?:그것은|그건|그게|이것은|이건|이게|그중|그 중)\s+")


def as_nominal(sentence: Sentence, definition: str) -> str:
    """The definition as a noun phrase: the copula and its ending cut ("공동체이거든요"
    -> "공동체"), a final "거" written "것", an answer's leading "그것은" dropped (it is
    the term the card asks about)."""
    text = _LEADING_REFERENCE.sub("", definition.strip())
    if _SUBJECT_GE.search(text):
        return _SUBJECT_GE.sub(r"\1 것", text)  # "양분을 만드는 게" (것이)
    start = sentence.text.find(text)
    if start < 0:
        return text
    inside = [t for t in sentence.tokens if start <= t.start < start + len(text)]
    saying = _saying_verb_at(inside)
    if saying is not None:  # "Y를 말합니다": the definition is Y
        end = inside[saying - 1]
        return sentence.text[start : end.start].rstrip(" ,") if saying > 1 else text
    copula = next((i for i in range(len(inside) - 1, -1, -1) if inside[i].tag == "VCP"), None)
    if copula is None or copula == 0 or not all(
            t.tag.startswith(("E", "J", "S")) for t in inside[copula + 1:]):
        return text.rstrip(" .!")
    last = inside[copula - 1]
    text = sentence.text[start : last.start + last.length].rstrip(" ,")
    if last.tag == "NNB" and last.form == "거":
        text = text[:-1] + "것"
    return text


_SAYING_VERBS = frozenset("말하 뜻하 의미하 가리키 일컫 지칭하".split())


def _saying_verb_at(tokens: list[Token]) -> int | None:
    """The place of a final "말하다"-like verb right after an object particle, if any."""
    for i in range(len(tokens) - 1, 0, -1):
        token = tokens[i]
        if token.tag.startswith(("E", "S", "XSV")):
            continue
        if token.tag.startswith("VV") and token.form in _SAYING_VERBS \
                or token.form in ("말", "의미", "뜻", "지칭") and i + 1 < len(tokens) \
                and tokens[i + 1].tag == "XSV":
            return i if tokens[i - 1].tag == "JKO" else None
        return None
    return None


def vague_head(sentence: Sentence, definition: str) -> bool:
    """A short definition (two content words at most) whose last noun says nothing of
    what the thing is ("스케일링할 대상", "중요한 부분")."""
    start = sentence.text.find(definition)
    if start < 0:
        return False
    inside = [t for t in sentence.tokens if start <= t.start < start + len(definition)
              and t.tag in _DEFINING_TAGS]
    return len(inside) <= _MIN_DEFINITION_WORDS and bool(inside) and (
        inside[-1].form in VAGUE_NOUNS)


def with_head(sentence: Sentence, definition: str) -> str:
    """A definition that stops on a modifier gets the noun it needs: "...알려주는" ->
    "...알려주는 것" (from "Y하는 X와 같은 것입니다")."""
    start = sentence.text.find(definition)
    if start < 0:
        return definition
    inside = [t for t in sentence.tokens if start <= t.start < start + len(definition)
              and not t.tag.startswith("S")]
    return definition + " 것" if inside and inside[-1].tag == "ETM" else definition


def too_thin(sentence: Sentence, definition: str, key: str, *, one_noun_ok: bool = True
             ) -> bool:
    """A definition needs two content morphemes besides the term, or (``one_noun_ok``)
    one noun that the term is ("결혼생활이란 것은 공동체이거든요")."""
    start = sentence.text.find(definition)
    if start < 0:  # not verbatim: count the whole sentence, less the term
        return sum(t.tag in _DEFINING_TAGS for t in sentence.tokens) < _MIN_DEFINITION_WORDS + 2
    end = start + len(definition)
    inside = [t for t in sentence.tokens if start <= t.start < end and t.tag in _DEFINING_TAGS]
    if term_key(definition) == key or not inside:
        return True
    if not one_noun_ok:
        return len(inside) < _MIN_DEFINITION_WORDS
    one_noun = len(inside) == 1 and inside[0].tag in ("NNG", "NNP") \
        and len(inside[0].form) > 1
    return len(inside) < _MIN_DEFINITION_WORDS and not one_noun


def not_defining(sentence: Sentence, definition: str) -> bool:
    """True for the look-alikes listed in the module docstring."""
    start = sentence.text.find(definition)
    if start < 0:
        return False
    inside = [t for t in sentence.tokens if start <= t.start < start + len(definition)]
    if _predicts(definition):
        return True
    pairs = zip(inside, inside[1:], strict=False)
    return any(a.tag == "NP" and b.tag in ("JX", "JKS") for a, b in pairs)


def _predicts(definition: str) -> bool:
    """Ends in "ㄹ 것/거": "될 것", "할 거", "있을 것"."""
    match = _FUTURE.search(definition)
    return match is not None and (ord(match.group(1)) - 0xAC00) % 28 == 8  # final ㄹ
