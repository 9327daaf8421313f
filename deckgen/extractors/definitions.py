"""Definitions: sentences that say what a term is or means.

Each row of ``PATTERNS`` is one way Korean speakers define or characterise a term,
tried in table order (the first match wins).  Its ``position`` says where the term
and the defining text are:

* ``first``: the regex runs on the text right after a noun phrase that opens the
  sentence; the definition is its ``definition`` group ("X란 Y", "X는 Y를 말합니다");
* ``last``: the regex runs on the whole sentence and names the term in its ``term``
  group, the definition in its ``definition`` group ("Y를 X라고 합니다");
* ``back``: the sentence names what the previous one described ("이것을 X라고
  합니다"): the previous sentence is the definition;
* ``answer``: the sentence asks what X is, the next one answers ("X라는 건 뭐냐?");
* ``quiz``: the sentence asks what a description is and answers with the term, there
  or in the next sentence ("마음이 청정한 자가 뭐다, 스님이다": ``definition_quiz.py``).

Copula and "says" rows ("X는 Y입니다", "X는 '...'라고 말합니다") fit everyday sentences
too, so they only count when X is (or starts with) one of the document's key terms.
Guards against look-alikes are in ``definition_guards.py``.  Every row carries an
example, tested in ``tests/test_definitions.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..types import Document, Extract, Sentence
from .definition_guards import (
    KEY_TERMS,
    as_nominal,
    clean_definition,
    not_defining,
    opens_sentence,
    particle_follows,
    phrase_ending,
    subject_phrases,
    text_before,
    too_thin,
    vague_head,
    whole_word,
    with_head,
    with_role,
)
from .definition_patterns import (
    CUES,
    PATTERNS,
    PREFILTERS,
    Pattern,
    sentences_with,
    worth_trying,
)
from .definition_quiz import quiz_definition
from .index import DocumentIndex, index_document
from .phrases import Phrase, noun_phrases, term_key

# Only this many of the ranked terms weigh a definition (the rest count as unranked).
_RANKED_TERMS = 100
_ONE_OF = re.compile(r"(?:다른|하나의|한 가지|첫 번째|두 번째|세 번째)\s*$")


@dataclass(frozen=True)
class _Context:
    sentence: Sentence
    previous: Sentence | None
    following: Sentence | None
    term_rank: dict[str, int]
    phrases: Sequence[Phrase]
    # Whether any term is ranked high enough for the patterns that need a key term.
    any_key_term: bool


class Unranked(NamedTuple):
    """What the rows that need no key term make of a sentence with a cue (``CUES``).

    ``row`` is the first of them that accepts it (its place in ``PATTERNS``), or
    ``len(PATTERNS)`` with neither extract nor phrase when none does; ``extract`` is
    scored as if no term were ranked, and ``phrase`` is the defined phrase, whose rank
    weighs the score once terms are known.
    """

    row: int
    extract: Extract | None
    phrase: Phrase | None


def unranked_definitions(doc: Document, index: DocumentIndex | None = None
                         ) -> tuple[Unranked | None, ...]:
    """For each of ``index.joined`` (the joined sentences): None without a cue, else its
    ``Unranked``.

    These do not depend on the ranking, so terms (which asks for definitions without
    one) and definitions share them through ``DocumentIndex.definitions``.
    """
    index = index or index_document(doc)
    sentences = index.joined
    found: list[Unranked | None] = []
    for i, sentence in enumerate(sentences):
        if not CUES.search(sentence.text):
            found.append(None)
            continue
        context = _context(doc, index, sentences, i, {}, False)
        found.append(_match(context, range(len(PATTERNS)))
                     or Unranked(len(PATTERNS), None, None))
    return tuple(found)


def extract_definitions(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None,
    index: DocumentIndex | None = None,
) -> list[Extract]:
    """Definition candidates, best first (a term may have several: the selection takes
    the best one the gate keeps).

    A sentence with a cue keeps what the rows needing no key term made of it
    (``unranked_definitions``): only the rows before that one that need a key term
    are tried again, now that terms are ranked.  The first row that accepts a
    sentence wins, as when every row is tried in order.
    """
    index = index or index_document(doc)
    unranked = index.definitions
    if unranked is None:
        unranked = unranked_definitions(doc, index)
    term_rank: dict[str, int] = {}
    for i, t in enumerate(terms[:_RANKED_TERMS]):
        term_rank.setdefault(term_key(t.text), i)
    key_terms = [t for t, rank in term_rank.items() if rank < KEY_TERMS and len(t) > 1]
    with_key_term = sentences_with(index, key_terms)
    # No ranked term: no phrase can pass a pattern that needs a key term (``_to_extract``).
    any_key_term = any(rank < KEY_TERMS for rank in term_rank.values())
    every: list[Extract] = []
    sentences = index.joined
    for i in range(len(sentences)):
        found = _found(doc, index, sentences, i, unranked[i], term_rank, any_key_term,
                       key_terms, with_key_term)
        if found is not None:
            every.append(found)
    ranked = sorted(every, key=lambda e: (-e.score, e.sentence_index))
    return ranked[:limit] if limit is not None else ranked


def _found(doc: Document, index: DocumentIndex, sentences: Sequence[Sentence], i: int,
           unranked: Unranked | None, term_rank: dict[str, int], any_key_term: bool,
           key_terms: list[str], with_key_term: set[int]) -> Extract | None:
    """The definition sentence ``i`` gives, with terms ranked."""
    sentence = sentences[i]
    if unranked is None:  # no cue: only a key term makes it worth trying
        if sentence is doc.sentences[sentence.index]:  # in the index
            if sentence.index not in with_key_term:
                return None
        elif not worth_trying(sentence.text, key_terms):
            return None
        context = _context(doc, index, sentences, i, term_rank, any_key_term)
        match = _match(context, range(len(PATTERNS)))
        return match.extract if match is not None else None
    rows = [row for row in range(unranked.row) if PATTERNS[row].needs_key_term]
    if rows and any_key_term:
        context = _context(doc, index, sentences, i, term_rank, any_key_term)
        match = _match(context, rows)
        if match is not None:
            return match.extract
    if unranked.extract is None or unranked.phrase is None:
        return None
    rank = _rank(unranked.phrase, term_rank)
    return replace(unranked.extract, score=_score(PATTERNS[unranked.row], rank))


def _context(doc: Document, index: DocumentIndex, sentences: Sequence[Sentence], i: int,
             term_rank: dict[str, int], any_key_term: bool) -> _Context:
    sentence = sentences[i]
    # A sentence of the document itself is in the index; a joined one is new.
    indexed = sentence is doc.sentences[sentence.index]
    phrases = index.phrases[sentence.index] if indexed else noun_phrases(sentence)
    return _Context(sentence, sentences[i - 1] if i > 0 else None,
                    sentences[i + 1] if i + 1 < len(sentences) else None, term_rank,
                    phrases, any_key_term)


def _score(pattern: Pattern, rank: int | None) -> float:
    """A definition's score: its row's strength, weighted by its term's rank."""
    term_weight = 1.0 if rank is None else 1.0 + 1.0 / (1 + rank / 10)
    return round(pattern.strength * term_weight, 4)


def _match(context: _Context, rows: Iterable[int]) -> Unranked | None:
    """The first of ``rows`` (places in ``PATTERNS``, in order) that accepts the sentence."""
    sentence = context.sentence
    text = sentence.text
    question = text.rstrip().endswith("?")
    openers: list[Phrase] | None = None
    for row in rows:
        pattern = PATTERNS[row]
        if question and pattern.position not in ("answer", "quiz"):
            continue  # a question defines nothing, except the one its answer defines
        if pattern.needs_key_term and not context.any_key_term or not PREFILTERS[row](text):
            continue
        if pattern.position == "quiz":
            quiz = quiz_definition(sentence, context.previous, context.following,
                                   context.phrases)
            if quiz is not None:
                answer, named = quiz
                rank = _rank(named, context.term_rank)
                return Unranked(row, replace(answer, score=_score(pattern, rank)), named)
            continue
        if pattern.position in ("first", "answer"):
            if openers is None:  # only now: most sentences never get this far
                openers = [p for p in subject_phrases(sentence, context.phrases)
                           if opens_sentence(sentence, p)]
            candidates: list[tuple[Phrase | None, str]] = [
                (p, text[p.end :]) for p in openers
                if not pattern.needs_key_term or _is_key_term(p, context.term_rank)]
        else:
            candidates = [(None, text)]
        for phrase, rest in candidates:
            match = pattern.regex.match(rest)
            if not match:
                continue
            found = _to_extract(context, pattern, match, phrase)
            if found is not None:
                return Unranked(row, *found)
    return None


def _is_key_term(phrase: Phrase, term_rank: dict[str, int]) -> bool:
    """The test ``_to_extract`` makes of an opener for a pattern that needs a key term."""
    rank = _rank(phrase, term_rank)
    return rank is not None and rank < KEY_TERMS


def _to_extract(context: _Context, pattern: Pattern, match: re.Match[str],
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
    rank = _rank(phrase, context.term_rank)
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
        not_defining(sentence, pattern.copula, text, context.term_rank)
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
        score=_score(pattern, rank),
        span=(start, start + len(definition)) if start >= 0 else None,
        lines=(sentence.line,),
    ), phrase


def _definition(context: _Context, pattern: Pattern, match: re.Match[str], phrase: Phrase,
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


def _rank(phrase: Phrase, term_rank: dict[str, int]) -> int | None:
    """The phrase's rank among key terms, or that of a key term it starts with."""
    key = term_key(phrase.text)
    if key in term_rank:
        return term_rank[key]
    parts = [rank for term, rank in term_rank.items()
             if rank < KEY_TERMS and len(term) > 1 and key.startswith(term)]  # 40 at most
    return min(parts) if parts else None
