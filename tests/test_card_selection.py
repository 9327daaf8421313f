"""Which extracts become cards: one card per concept, near-duplicates merged."""

from __future__ import annotations

from conftest import make_document

from deckgen.cards import to_cards
from deckgen.types import Extract

SENTENCES = (
    "삼투 현상 물 이동 농도 차이 세포막 통과 과정",
    "세포막 선택 투과 이온 통로 단백질 조절 원리",
)


def term(text: str, index: int) -> Extract:
    return Extract(kind="term", text=text, term=text, sentence_index=index, score=1.0,
                   lines=(index + 1,))


def cards_for(doc, **extracts):
    extracts.setdefault("terms", [term("삼투 현상", 0), term("세포막", 1)])
    return to_cards(doc, extracts, path="t.txt", namespace="1")


def test_a_defined_term_gets_no_bare_term_card():
    doc = make_document(*SENTENCES)
    definition = Extract(kind="definition", text="물 이동 농도 차이 세포막 통과 과정",
                         term="삼투 현상", sentence_index=0, score=1.0)
    kinds = [(c.kind, c.term) for c in cards_for(doc, definitions=[definition])]
    assert ("definition", "삼투 현상") in kinds
    assert ("term", "삼투 현상") not in kinds and ("term", "세포막") in kinds


def test_an_idea_repeating_a_definition_is_merged_a_short_quote_is_not():
    doc = make_document(*SENTENCES)
    definition = Extract(kind="definition", text="물 이동 농도 차이 세포막 통과 과정",
                         term="삼투 현상", sentence_index=0, score=1.0)
    quote = Extract(kind="quote", text="이온 통로", sentence_index=1, score=1.0, span=(11, 16))
    ideas = [Extract(kind="idea", text=s, sentence_index=i, score=1.0, lines=(i + 1,))
             for i, s in enumerate(SENTENCES)]
    cards = cards_for(doc, definitions=[definition], quotes=[quote], ideas=ideas)
    idea_lines = [c.source.line for c in cards if c.kind == "idea"]
    assert idea_lines == [2]
