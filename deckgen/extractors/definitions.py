"""Definitions: sentences that say what a term is or means.

Each row of ``PATTERNS`` is one way Korean speakers define a term.  A pattern is
tried on the text right after a noun phrase ("term first": "X란 Y", "X는 Y를
말합니다") or right around it ("term last": "Y를 X라고 합니다").  The copula patterns
("X는 Y입니다", "Y는 X였습니다") are everyday sentences too, so they only count when
X is one of the document's key terms and opens (or closes) the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Document, Extract, Sentence
from .phrases import CONTENT_TAGS, Phrase, is_generic, noun_phrases, normalise_key

_COPULA_END = r"(?:이다|입니다|였습니다|이었습니다|예요|이에요|였어요|이었어요|일 뿐입니다|인 셈입니다)"
_SAY_VERBS = r"(?:말합니다|말한다|말해요|뜻합니다|뜻한다|뜻해요|의미합니다|의미한다|의미해요|가리킵니다|가리킨다|일컫습니다|일컫는다|지칭합니다|지칭한다)"
_CALL_VERBS = r"(?:합니다|한다|해요|하죠|하는데|부릅니다|부른다|불러요|부르죠|부르는데)"


@dataclass(frozen=True)
class Pattern:
    """One way of defining: ``regex`` runs on the text after (or around) the term."""

    name: str
    position: str  # "first": regex on the text after the term; "last": on the whole sentence
    regex: re.Pattern[str]
    strength: float
    needs_key_term: bool
    example: str


PATTERNS: tuple[Pattern, ...] = (
    Pattern("X란", "first", re.compile(r"^[’'”\"」]?(?:이)?란\s+(?P<definition>.+)"), 1.0, False,
            "가치 함수란 중간 단계에서 잘하고 있는지 알려주는 함수입니다."),
    Pattern("X라는 것은", "first",
            re.compile(r"^[’'”\"」]?(?:이)?라는\s*(?:것은|건|것이|말은|개념은)\s+(?P<definition>.+)"),
            1.0, False, "사전 훈련이라는 것은 모든 데이터로 모델을 훈련하는 것입니다."),
    Pattern("X는 Y를 말합니다", "first",
            re.compile(r"^[’'”\"」]?(?:은|는|이란|란)\s+(?P<definition>.+?)(?:을|를|)\s*" + _SAY_VERBS),
            1.0, False, "펄스 폭은 펄스가 켜져 있는 시간을 말합니다."),
    Pattern("X의 정의는", "first", re.compile(r"^의\s*정의(?:는|란)\s+(?P<definition>.+)"), 1.0, False,
            "일반화의 정의는 처음 보는 상황에서도 잘하는 능력입니다."),
    Pattern("Y를 X라고 합니다", "last",
            re.compile(r"^(?P<definition>.+)(?:을|를|은|는)\s+(?P<term>[^,.?!]+?)(?:이)?라고\s*" + _CALL_VERBS),
            1.0, False, "펄스가 반복되는 빈도를 펄스 반복 주파수라고 합니다."),
    Pattern("X, 즉 Y", "first", re.compile(r"^[’'”\"」]?,?\s*즉,?\s+(?P<definition>[^,.?!]{6,})"), 0.8, True,
            "샘플 효율성, 즉 더 적은 데이터로 배우는 능력이 중요합니다."),
    Pattern("X는 Y입니다", "first",
            re.compile(r"^[’'”\"」]?(?:은|는)\s+(?P<definition>.{8,}?)" + _COPULA_END + r"[.!]?$"),
            0.7, True, "점진주의는 어떤 계획에도 내재된 요소가 될 것입니다."),
    Pattern("Y는 X였습니다", "last",
            re.compile(r"^(?P<definition>.{6,}?)(?:은|는)\s+(?P<term>[^,.?!]+?)" + _COPULA_END + r"[.!]?$"),
            0.6, True, "2012년부터 2020년까지는 연구의 시대였습니다."),
)

# Words that may precede a defined term at the start of a sentence.
_OPENERS = re.compile(r"^(?:(?:그리고|그래서|하지만|그런데|즉|사실|결국|이제|여기서|우선|먼저|특히|저는|제 생각에|제 생각에는),?\s+)*")
_MIN_DEFINITION_WORDS = 2
# Morphemes that carry content in a definition; numbers count ("2012년부터 2020년까지").
_DEFINING_TAGS = CONTENT_TAGS | {"SN", "NR", "NNB"}


def extract_definitions(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None
) -> list[Extract]:
    """Definition candidates, one per term (the strongest), best first."""
    term_rank = {normalise_key(t.text): i for i, t in enumerate(terms)}
    best: dict[str, Extract] = {}
    for sentence in doc.sentences:
        if sentence.text.rstrip().endswith("?"):
            continue
        found = _match(sentence, term_rank)
        if found is None:
            continue
        key = normalise_key(found.term or "")
        if key not in best or found.score > best[key].score:
            best[key] = found
    ranked = sorted(best.values(), key=lambda e: (-e.score, e.sentence_index))
    return ranked[:limit] if limit is not None else ranked


def _match(sentence: Sentence, term_rank: dict[str, int]) -> Extract | None:
    phrases = _longest_phrases(sentence)
    for pattern in PATTERNS:
        if pattern.position == "first":
            candidates = [(p, sentence.text[p.end :]) for p in phrases]
        else:
            candidates = [(None, sentence.text)]
        for phrase, text in candidates:
            match = pattern.regex.match(text)
            if not match:
                continue
            extract = _to_extract(sentence, pattern, match, phrase, term_rank)
            if extract is not None:
                return extract
    return None


def _to_extract(
    sentence: Sentence,
    pattern: Pattern,
    match: re.Match[str],
    phrase: Phrase | None,
    term_rank: dict[str, int],
) -> Extract | None:
    if phrase is None:
        term_text = match.group("term").strip(" '\"‘’“”")
        phrase = _phrase_ending(sentence, match.start("term"), match.end("term"))
        if phrase is None:
            return None
        term_text = phrase.text
    else:
        term_text = phrase.text
        opener = _OPENERS.match(sentence.text[: phrase.start].lstrip("'\"‘“「 "))
        leading = sentence.text[: phrase.start].lstrip("'\"‘“「 ")
        if opener is None or opener.end() != len(leading):
            return None
    key = normalise_key(term_text)
    rank = term_rank.get(key)
    if pattern.needs_key_term and (rank is None or rank >= 60):
        return None
    definition = match.group("definition").strip(" ,")
    if _too_thin(sentence, definition, key):
        return None
    term_weight = 1.0 if rank is None else 1.0 + 1.0 / (1 + rank / 10)
    return Extract(
        kind="definition",
        text=definition,
        term=term_text,
        sentence_index=sentence.index,
        score=round(pattern.strength * term_weight, 4),
        span=(sentence.text.find(definition), sentence.text.find(definition) + len(definition)),
        lines=(sentence.line,),
    )


def _longest_phrases(sentence: Sentence) -> list[Phrase]:
    """For each end position, the longest non-generic noun phrase ending there."""
    by_end: dict[int, Phrase] = {}
    for phrase in noun_phrases(sentence):
        if is_generic(phrase):
            continue
        current = by_end.get(phrase.end)
        if current is None or phrase.start < current.start:
            by_end[phrase.end] = phrase
    return sorted(by_end.values(), key=lambda p: p.start)


def _phrase_ending(sentence: Sentence, start: int, end: int) -> Phrase | None:
    """The noun phrase that fills exactly ``sentence.text[start:end]`` (quotes aside)."""
    text = sentence.text[start:end].strip(" '\"‘’“”")
    for phrase in _longest_phrases(sentence):
        if phrase.text == text or (phrase.end == end and phrase.start >= start):
            return phrase if not is_generic(phrase) else None
    return None


def _too_thin(sentence: Sentence, definition: str, key: str) -> bool:
    """A definition needs at least two content morphemes of its own."""
    start = sentence.text.find(definition)
    end = start + len(definition)
    words = [t.form for t in sentence.tokens if start <= t.start < end and t.tag in _DEFINING_TAGS]
    return len(words) < _MIN_DEFINITION_WORDS or normalise_key(definition) == key
