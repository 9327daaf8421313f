"""Which kept drafts become cards: coverage of the talk, one card a sentence, one a
concept before a second, ideas only where worth a card."""

from __future__ import annotations

from collections import Counter

from conftest import make_document

from deckgen.extractors.ideas import STRETCH
from deckgen.select import CARDS_PER_CONCEPT, IDEA_FLOOR, SECOND_IDEA_FLOOR, select_cards
from deckgen.types import Extract

DOC = make_document(*[f"삼투 현상 세포막 이온 통로 문장{n}" for n in range(60)])


def draft(kind: str, index: int, concept: str, score: float = 1.0, **fields) -> Extract:
    return Extract(kind=kind, text=DOC.sentences[index].text, sentence_index=index,
                   score=score, concept=concept, blanks=((0, 2),), **fields)


def picked(chosen):
    return [(c.kind, c.sentence_index, c.concept) for c in chosen]


def test_the_best_definition_of_a_term_and_no_other_card_on_its_sentence():
    chosen = select_cards(DOC, [
        draft("definition", 3, "삼투현상", 1.0, term="삼투 현상"),
        draft("definition", 7, "삼투현상", 2.0, term="삼투 현상"),
        draft("idea", 7, "세포막", 1.5),
        draft("idea", 8, "세포막", 1.4),
    ])
    assert picked(chosen) == [("definition", 7, "삼투현상"), ("idea", 8, "세포막")]


def test_one_idea_a_stretch_a_second_only_when_strong_none_below_the_floor():
    weak = [draft("idea", i, f"개념{i}", IDEA_FLOOR + i / 1000) for i in range(0, 60, 4)]
    chosen = select_cards(DOC, weak)
    stretches = [c.sentence_index // STRETCH for c in chosen]
    assert len(stretches) == len(set(stretches)) == 6

    strong = [draft("idea", i, f"개념{i}", SECOND_IDEA_FLOOR + i / 1000) for i in range(0, 60, 4)]
    strong.append(draft("idea", 59, "낮은 점수", IDEA_FLOOR - 0.01))
    chosen = select_cards(DOC, strong)
    per_stretch = Counter(c.sentence_index // STRETCH for c in chosen)
    assert set(per_stretch.values()) == {2} and len(per_stretch) == 6
    assert all(c.score >= IDEA_FLOOR for c in chosen)


def test_a_new_concept_before_a_second_card_on_one():
    chosen = select_cards(DOC, [
        draft("idea", 1, "세포막", 2.0),
        draft("idea", 12, "세포막", 1.9),
        draft("idea", 14, "이온 통로", 1.0),
    ])
    assert picked(chosen) == [("idea", 1, "세포막"), ("idea", 14, "이온 통로")]


def test_a_concept_gets_at_most_a_few_cards():
    ideas = [draft("idea", i, "세포막", 2.0) for i in range(0, 60, STRETCH)]
    assert len(select_cards(DOC, ideas)) == CARDS_PER_CONCEPT


def test_a_term_card_only_for_a_term_no_card_asks_about():
    chosen = select_cards(DOC, [
        draft("definition", 2, "삼투현상", term="삼투 현상"),
        draft("term", 5, "삼투현상", 9.0, term="삼투 현상"),
        draft("term", 6, "세포막", 8.0, term="세포막"),
        draft("term", 9, "세포막", 8.0, term="세포막"),
    ])
    assert picked(chosen) == [("definition", 2, "삼투현상"), ("term", 6, "세포막")]
