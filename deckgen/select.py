"""Selection: from the drafts the gate kept, the deck's cards, coverage first.

* **One card per sentence**, and per fact: a sentence that gives a definition gives no
  idea too, a quote's sentence no idea card, and an idea the talk says twice (the same
  answer in much the same words) one card.
* **One card per concept before a second**: definitions claim their term first, then
  term cards, quotes and ideas each take a concept no card has asked about yet; a
  second card on a concept comes only from a stretch of the talk that has none.
* **Every part of the talk**: ideas are picked stretch by stretch (at most one a
  stretch), and only when they are worth a card (``IDEA_FLOOR``): a talk with ten solid
  ideas gets ten idea cards, and no stretch is filled for the sake of it.
* **Term cards** go to the key terms no definition asks about, each hidden in the
  sentence of the talk that explains it best: the one where it is the topic or the
  subject ("X는 ...", "X란 ...").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .extractors.ideas import STRETCH
from .extractors.phrases import content_words, term_key
from .types import Document, Extract

# An idea below this score (see ``extractors.ideas``) is not worth a card: in the blind
# readings of D, G and H, 9 of the 22 idea cards scoring 0.6 to 0.7 were good; in H's,
# 32 of the 46 above 0.7 (README, "How good are the cards?").  From the second score
# on, a stretch may give a second idea (a dense passage makes two points).
IDEA_FLOOR = 0.7
SECOND_IDEA_FLOOR = 0.8
# At most this many term cards, one per term, and this many cards on one concept.
TERM_CARDS = 20
CARDS_PER_CONCEPT = 2
# Two idea cards are this many sentences apart at least: a card's context shows one
# sentence either side, so a closer idea card would show its answer there.
_MIN_GAP = 2
_KINDS_FIRST = ("definition", "quote", "idea", "term")
# Two ideas whose answers share a word and whose sentences share this share of their
# content words state one fact (``_Fact.same_as``).
SAME_FACT_SHARE = 0.5


def select_cards(doc: Document, kept: Sequence[Extract]) -> list[Extract]:
    """The chosen drafts, definitions first, each kind in its own order."""
    by_kind: dict[str, list[Extract]] = {kind: [] for kind in _KINDS_FIRST}
    for draft in kept:
        by_kind[draft.kind].append(draft)
    chosen = _Chosen()
    for draft in sorted(by_kind["definition"], key=_best_first):
        if chosen.concepts[draft.concept] == 0:  # one definition a term, the best
            chosen.take(draft)
    _pick_terms(doc, by_kind["term"], chosen)
    for draft in sorted(by_kind["quote"], key=_best_first):
        if chosen.concepts[draft.concept] == 0:
            chosen.take(draft)
    _pick_ideas(doc, by_kind["idea"], chosen)
    return sorted(chosen.cards, key=lambda c: _KINDS_FIRST.index(c.kind))


class _Chosen:
    """The cards chosen so far, with the sentences and concepts they use."""

    def __init__(self) -> None:
        self.cards: list[Extract] = []
        self.sentences: set[int] = set()
        self.concepts: Counter[str] = Counter()

    def free(self, draft: Extract) -> bool:
        return draft.sentence_index not in self.sentences

    def take(self, draft: Extract) -> bool:
        if not self.free(draft):
            return False
        self.cards.append(draft)
        self.sentences.add(draft.sentence_index)
        if draft.concept:
            self.concepts[draft.concept] += 1
        return True


def _best_first(draft: Extract) -> tuple[float, int]:
    return -draft.score, draft.sentence_index


def _pick_ideas(doc: Document, ideas: Sequence[Extract], chosen: _Chosen) -> None:
    """Ideas worth a card, stretch by stretch: first one a stretch on a new concept, then
    one a stretch on any concept, then a second one where a stretch has two strong ones."""
    n = max(len(doc.sentences), 1)
    stretches = max(1, math.ceil(n / STRETCH))
    worthy = sorted((d for d in ideas if d.score >= IDEA_FLOOR), key=_best_first)
    facts = {id(d): _Fact.of(doc, d) for d in worthy}
    said: list[_Fact] = []  # the facts of the ideas picked so far
    taken: Counter[int] = Counter()
    picked: set[int] = set()
    for limit, repeats_allowed, floor in ((1, False, IDEA_FLOOR), (1, True, IDEA_FLOOR),
                                         (2, False, SECOND_IDEA_FLOOR)):
        for draft in worthy:
            stretch = draft.sentence_index * stretches // n
            repeats = chosen.concepts[draft.concept]
            if draft.score < floor or taken[stretch] >= limit or not chosen.free(draft):
                continue
            if repeats >= CARDS_PER_CONCEPT or repeats and not repeats_allowed:
                continue
            if any(draft.sentence_index + gap in picked for gap in range(1 - _MIN_GAP, _MIN_GAP)):
                continue
            fact = facts[id(draft)]
            if any(fact.same_as(other) for other in said):
                continue
            if chosen.take(draft):
                taken[stretch] += 1
                picked.add(draft.sentence_index)
                said.append(fact)


class _Fact(NamedTuple):
    """What an idea card states: its answer's words and concept, its sentence's words."""

    answer: frozenset[str]
    concept: str
    words: frozenset[str]

    @classmethod
    def of(cls, doc: Document, draft: Extract) -> _Fact:
        return cls(frozenset(term_key(w) for w in (draft.term or "").split()), draft.concept,
                   frozenset(content_words(doc.sentences[draft.sentence_index])))

    def same_as(self, other: _Fact) -> bool:
        """One thing said twice ("컴퓨터에게 이미지란 단지 [거대한 숫자 집합]에 불과합니다",
        "컴퓨터에게 이미지는 아주 큰 격자 모양의 [숫자집합]으로밖에 보이지 않습니다"): the
        answers share a word (or one concept key ends with the other) and the sentences
        half their content words."""
        a, b = self.concept, other.concept
        shares_head = len(a) > 1 and len(b) > 1 and (a.endswith(b) or b.endswith(a))
        if not self.answer & other.answer and not shares_head:
            return False
        union = self.words | other.words
        return bool(union) and len(self.words & other.words) >= SAME_FACT_SHARE * len(union)


def _pick_terms(doc: Document, drafts: Sequence[Extract], chosen: _Chosen) -> None:
    """For each term no card asks about, best-ranked first, its best explaining sentence."""
    by_term: dict[str, list[Extract]] = {}
    order: list[str] = []
    for draft in drafts:
        if draft.concept not in by_term:
            order.append(draft.concept)
        by_term.setdefault(draft.concept, []).append(draft)
    made = 0
    for concept in sorted(order, key=lambda c: -by_term[c][0].score):
        if made >= TERM_CARDS or chosen.concepts[concept]:
            continue
        options = [d for d in by_term[concept] if chosen.free(d)]
        if options and chosen.take(max(options, key=lambda d: _explains(doc, d))):
            made += 1


def _explains(doc: Document, draft: Extract) -> tuple[int, int, int]:
    """How well the sentence explains its term: the term as topic or subject, then a
    sentence of medium length, then the earlier (a talk introduces a term first)."""
    sentence = doc.sentences[draft.sentence_index]
    end = draft.blanks[0][1] if draft.blanks else 0
    following = next((t for t in sentence.tokens if t.start >= end), None)
    topic = following is not None and following.tag in ("JX", "JKS") or \
        following is not None and following.tag == "VCP" and following.start == end
    medium = 25 <= len(sentence.text) <= 120
    return int(topic), int(medium), -draft.sentence_index
