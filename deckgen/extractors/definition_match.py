"""What a row of ``PATTERNS`` makes of the sentence it matched: the defined phrase, the
definition (in that sentence or, by the row's position, the one before or after), and
its score (see ``definitions.py`` for the rows and positions)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Extract, Sentence
from .definition_guards import (
    KEY_TERMS,
    as_nominal,
    clean_definition,
    not_defining,
    particle_follows,
    phrase_ending,
    text_before,
    too_thin,
    vague_head,
    whole_word,
    with_head,
    with_role,
)
from .definition_patterns import Pattern
from .phrases import Phrase, term_key

_ONE_OF = re.compile(r"(?:다른|하나의|한 가지|첫 번째|두 번째|세 번째)\s*$")


@dataclass(frozen=True)
class MatchContext:
    """A sentence a row is tried on, with its neighbours and the ranking of terms."""

    sentence: Sentence
    previous: Sentence | None
    following: Sentence | None
    term_rank: dict[str, int]
    phrases: Sequence[Phrase]
    # Whether any term is ranked high enough for the patterns that need a key term.
    any_key_term: bool


def definition_score(pattern: Pattern, rank: int | None) -> float:
    """A definition's score: its row's strength, weighted by its term's rank."""
    term_weight = 1.0 if rank is None else 1.0 + 1.0 / (1 + rank / 10)
    return round(pattern.strength * term_weight, 4)


def to_extract(context: MatchContext, pattern: Pattern, match: re.Match[str],
               phrase: Phrase | None) -> tuple[Extract, Phrase] | None:
    """The definition a row's match gives, and the defined phrase."""
    sentence = context.sentence
    if phrase is None:
        phrase = phrase_ending(sentence, match.start("term"), match.end("term"), context.phrases,
                               short=pattern.names)
        if phrase is None:
            return None
    if "definition" in match.re.groupindex and not particle_follows(sentence, match):
        return None
    if len(term_key(phrase.text)) < 2 and not (pattern.names and phrase.nouns[-1].isalpha()
                                               and not phrase.key.isascii()):
        return None  # "W", "x": a symbol, not a term (a Hangul one the speaker names is)
    rank = rank_of(phrase, context.term_rank)
    if pattern.needs_key_term and (rank is None or rank >= KEY_TERMS):
        return None
    if _ONE_OF.search(sentence.text[: phrase.start]):
        return None  # "또 다른 선택 전략은 X입니다": one instance, not what it is
    term = with_role(sentence, phrase)
    if term == phrase.text and pattern.position not in ("first", "answer"):
        term = whole_word(sentence.text, phrase)
    found = _definition(context, pattern, match, phrase, term)
    if found is None:
        return None
    holder, definition = found
    definition = as_nominal(holder, definition)
    # A copula says "is" of anything: only the explicit rows ("X란", "X라는 것은",
    # "X라고 합니다") may define by a single noun, and a short definition by a copula
    # must not end on a vague head ("사전 훈련은 스케일링할 대상이었습니다").
    explicit = pattern.strength >= 0.9
    if too_thin(holder, definition, phrase.key, one_noun_ok=explicit) or (
            not explicit and vague_head(holder, definition)):
        return None
    definition = with_head(holder, definition)
    if not definition:
        return None
    if holder is sentence and any(
        not_defining(sentence, text)
        for text in (definition, clean_definition(match.groupdict().get("definition") or ""))
        if text
    ):
        return None
    start = sentence.text.find(definition) if holder is sentence else -1
    return Extract(
        kind="definition",
        text=definition,
        term=term,
        sentence_index=sentence.index,
        score=definition_score(pattern, rank),
        span=(start, start + len(definition)) if start >= 0 else None,
        lines=(sentence.line,),
    ), phrase


def _definition(context: MatchContext, pattern: Pattern, match: re.Match[str], phrase: Phrase,
                term: str) -> tuple[Sentence, str] | None:
    """Where the definition is and its text, by the pattern's position."""
    sentence = context.sentence
    if pattern.position == "answer":
        following = context.following
        if following is None or following.text.rstrip().endswith("?"):
            return None
        return following, following.text.strip()
    if pattern.position == "back":
        previous = context.previous
        if previous is None or previous.text.rstrip().endswith("?"):
            return None
        return previous, clean_definition(previous.text.strip().rstrip("."))
    if pattern.names and _modifies_term(sentence, phrase):
        return None  # "나쁘다 하는 상이라고 그래요": a kind of the term, not its meaning
    if pattern.position == "last" and (
        match.start("definition") < match.start("term") < phrase.start
    ):
        # The term group may hold more than the term: the definition runs up to it.
        term_start = phrase.start - (len(term) - len(phrase.text))
        return sentence, clean_definition(text_before(sentence, match.start("definition"),
                                                      term_start))
    return sentence, clean_definition(match.group("definition"))


def _modifies_term(sentence: Sentence, phrase: Phrase) -> bool:
    """The words before the named term modify it (an adnominal ending right before it),
    rather than being the object it names ("Y를 X라고 합니다")."""
    before = [t for t in sentence.tokens if t.start + t.length <= phrase.start]
    return bool(before) and before[-1].tag == "ETM"


def rank_of(phrase: Phrase, term_rank: dict[str, int]) -> int | None:
    """The phrase's rank among key terms, or that of a key term it starts with."""
    key = term_key(phrase.text)
    if key in term_rank:
        return term_rank[key]
    parts = [rank for term, rank in term_rank.items()
             if rank < KEY_TERMS and len(term) > 1 and key.startswith(term)]  # 40 at most
    return min(parts) if parts else None
