"""The definition patterns: each row of the table on its own example, and the guards."""

from __future__ import annotations

import pytest

from deckgen.extractors.definitions import PATTERNS, extract_definitions
from deckgen.types import Extract

EXPECTED_TERMS = {
    "X란": "가치 함수",
    "X라는 것은": "사전 훈련",
    "X는 Y를 말합니다": "펄스 폭",
    "X의 정의는": "일반화",
    "Y를 X라고 합니다": "펄스 반복 주파수",
    "X, 즉 Y": "샘플 효율성",
    "X는 Y입니다": "점진주의",
    "Y는 X였습니다": "연구의 시대",
}


def key_terms(*names):
    return [Extract(kind="term", text=n, term=n, sentence_index=0, score=1.0) for n in names]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_each_pattern_finds_its_example(analyse_text, pattern):
    doc = analyse_text(pattern.example)
    expected = EXPECTED_TERMS[pattern.name]
    found = extract_definitions(doc, terms=key_terms(expected))
    assert [d.term for d in found] == [expected]
    definition = found[0].text
    assert definition and expected not in definition
    assert definition in pattern.example


def test_the_table_covers_every_pattern():
    assert set(EXPECTED_TERMS) == {p.name for p in PATTERNS}


def test_copula_needs_a_key_term(analyse_text):
    doc = analyse_text("점진주의는 어떤 계획에도 내재된 요소가 될 것입니다.")
    assert extract_definitions(doc, terms=[]) == []


def test_questions_are_not_definitions(analyse_text):
    doc = analyse_text("가치 함수란 무엇일까요?")
    assert extract_definitions(doc, terms=key_terms("가치 함수")) == []


def test_one_definition_per_term_the_strongest(analyse_text):
    doc = analyse_text(
        "가치 함수는 아주 중요한 도구였습니다.\n"
        "가치 함수란 중간 단계에서 잘하고 있는지 알려주는 함수입니다."
    )
    found = extract_definitions(doc, terms=key_terms("가치 함수"))
    assert len(found) == 1
    assert found[0].lines == (2,)
