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
What a row's match gives (the defined phrase, the definition, its score) is in
``definition_match.py``, guards against look-alikes in ``definition_guards.py``.  Every
row carries an example, tested in ``tests/test_definitions.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from ..types import Document, Extract, Sentence
from .definition_guards import KEY_TERMS, opens_sentence, subject_phrases
from .definition_match import MatchContext, definition_score, rank_of, to_extract
from .definition_patterns import (
    CUES,
    PATTERNS,
    PREFILTERS,
    sentences_with,
    worth_trying,
)
from .definition_quiz import quiz_definition
from .index import DocumentIndex, index_document
from .phrases import Phrase, noun_phrases, term_key

# Only this many of the ranked terms weigh a definition (the rest count as unranked).
_RANKED_TERMS = 100


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
    rank = rank_of(unranked.phrase, term_rank)
    return replace(unranked.extract, score=definition_score(PATTERNS[unranked.row], rank))


def _context(doc: Document, index: DocumentIndex, sentences: Sequence[Sentence], i: int,
             term_rank: dict[str, int], any_key_term: bool) -> MatchContext:
    sentence = sentences[i]
    # A sentence of the document itself is in the index; a joined one is new.
    indexed = sentence is doc.sentences[sentence.index]
    phrases = index.phrases[sentence.index] if indexed else noun_phrases(sentence)
    return MatchContext(sentence, sentences[i - 1] if i > 0 else None,
                    sentences[i + 1] if i + 1 < len(sentences) else None, term_rank,
                    phrases, any_key_term)


def _match(context: MatchContext, rows: Iterable[int]) -> Unranked | None:
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
                rank = rank_of(named, context.term_rank)
                return Unranked(row, replace(answer, score=definition_score(pattern, rank)), named)
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
            found = to_extract(context, pattern, match, phrase)
            if found is not None:
                return Unranked(row, *found)
    return None


def _is_key_term(phrase: Phrase, term_rank: dict[str, int]) -> bool:
    """The test ``_to_extract`` makes of an opener for a pattern that needs a key term."""
    rank = rank_of(phrase, term_rank)
    return rank is not None and rank < KEY_TERMS


