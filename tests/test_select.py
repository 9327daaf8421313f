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
    # Sentences that say different things of it (the same words would be one fact).
    doc = make_document(*[f"세포막 주제{n} 내용{n} 설명{n}" for n in range(60)])
    ideas = [Extract(kind="idea", text=s.text, sentence_index=s.index, score=2.0,
                     concept="세포막", blanks=((0, 3),)) for s in doc.sentences[::STRETCH]]
    assert len(select_cards(doc, ideas)) == CARDS_PER_CONCEPT


def test_one_fact_said_twice_gets_one_card(analyse_text):
    # cs231n's first half says it twice, twenty sentences apart.
    filler = "".join(f"오늘의 {n}번째 예제를 함께 살펴보겠습니다.\n" for n in range(20))
    seen_as = "컴퓨터에게 이미지는 아주 큰 격자 모양의 {}(으)로밖에 보이지 않습니다.\n"
    doc = analyse_text("다시 말하자면, 컴퓨터에게 이미지란 단지 거대한 숫자 집합에 불과합니다.\n"
                       + filler + seen_as.format("숫자집합").replace("(으)", "으")
                       + seen_as.format("픽셀 밝기").replace("(으)", ""))
    last = len(doc.sentences) - 1

    def idea(index: int, term: str, score: float) -> Extract:
        sentence = doc.sentences[index]
        start = sentence.text.index(term)
        return Extract(kind="idea", text=sentence.text, sentence_index=index, score=score,
                       term=term, concept=term.replace(" ", ""),
                       blanks=((start, start + len(term)),))

    chosen = select_cards(doc, [idea(0, "거대한 숫자 집합", 1.5), idea(last - 1, "숫자집합", 1.0)])
    assert picked(chosen) == [("idea", 0, "거대한숫자집합")]
    # Another answer on much the same words is another fact (matlab: "...그러면 [도플러
    # 이동]도 증가합니다", "...시간 지연이 [반 파장] 이상으로 증가합니다").
    chosen = select_cards(doc, [idea(0, "거대한 숫자 집합", 1.5), idea(last, "픽셀 밝기", 1.0)])
    assert len(chosen) == 2


def test_a_term_card_only_for_a_term_no_card_asks_about():
    chosen = select_cards(DOC, [
        draft("definition", 2, "삼투현상", term="삼투 현상"),
        draft("term", 5, "삼투현상", 9.0, term="삼투 현상"),
        draft("term", 6, "세포막", 8.0, term="세포막"),
        draft("term", 9, "세포막", 8.0, term="세포막"),
    ])
    assert picked(chosen) == [("definition", 2, "삼투현상"), ("term", 6, "세포막")]
