"""The definition patterns: each row of the table on its own example, and the guards.

Examples come from everyday science and engineering talk, never from the seed.
"""

from __future__ import annotations

import pytest

from deckgen.extractors.definitions import PATTERNS, extract_definitions
from deckgen.extractors.phrases import term_key
from deckgen.types import Extract


def key_terms(*names):
    return [Extract(kind="term", text=n, term=n, sentence_index=0, score=1.0) for n in names]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_each_pattern_finds_its_example(analyse_text, pattern):
    doc = analyse_text(pattern.example)
    found = extract_definitions(doc, terms=key_terms(pattern.defines))
    assert [d.term for d in found] == [pattern.defines]
    definition = found[0].text
    assert definition and term_key(pattern.defines) not in term_key(definition)


def test_definitions_lie_in_their_sentence(analyse_text):
    """Verbatim, but for a spoken "거"/"게" written "것" ("만드는 게" -> "만드는 것")."""
    for pattern in PATTERNS:
        if pattern.position not in ("first", "last"):
            continue
        doc = analyse_text(pattern.example)
        found = extract_definitions(doc, terms=key_terms(pattern.defines))[0]
        sentence = doc.sentences[found.sentence_index].text
        if found.span is not None:
            assert sentence[found.span[0] : found.span[1]] == found.text, pattern.name
        else:
            assert found.text.endswith("것") and found.text[:-1] in sentence, pattern.name


def test_definitions_are_noun_phrases_without_the_copula(analyse_text):
    doc = analyse_text("결혼생활이란 것은 공동체이거든요.\n"
                       "그럼 복리라는 건 뭐냐? 그것은 이자에 다시 이자가 붙는 방식이에요.")
    found = {d.term: d.text for d in extract_definitions(doc, terms=key_terms("결혼생활", "복리"))}
    assert found == {"결혼생활": "공동체", "복리": "이자에 다시 이자가 붙는 방식"}


def test_quiz_style_definitions(analyse_text):
    doc = analyse_text("그러면 마음이 깨끗한 사람이 뭐다, 성인이다.\n"
                       "남을 좋게 봐주는 것.\n이런 마음을 내는 게 뭐다?\n자비라는 마음이에요.\n"
                       "진리로써 불법이에요.")
    found = {d.term: d.text for d in extract_definitions(doc, terms=key_terms("성인"))}
    assert found.get("성인") == "마음이 깨끗한 사람"


def test_a_one_syllable_term_the_speaker_names(analyse_text):
    doc = analyse_text("저 사람 나쁘다는 것을 색이라고 해요.")
    found = extract_definitions(doc, terms=key_terms("색"))
    assert [(d.term, d.text) for d in found] == [("색", "저 사람 나쁘다는 것")]


def test_the_sentence_before_this_is_named_gives_the_definition(analyse_text):
    doc = analyse_text("근데 사실은 저 사람 나쁜 사람이 아니다.\n이것은 비상이에요, 상이 없다.\n"
                       "저 사람 나쁜 사람이 아니다\n이것을 공이라고 해요.")
    found = extract_definitions(doc, terms=key_terms("비상"))
    assert [(d.term, d.text, d.sentence_index) for d in found] == [
        ("비상", "저 사람 나쁜 사람이 아니다", 1),
        ("공", "저 사람 나쁜 사람이 아니다", 3)]


def test_pattern_names_are_unique():
    assert len({p.name for p in PATTERNS}) == len(PATTERNS)


def test_copula_needs_a_key_term(analyse_text):
    doc = analyse_text("중력 렌즈는 무거운 천체가 빛의 경로를 휘게 하는 현상입니다.")
    assert extract_definitions(doc, terms=[]) == []


def test_questions_are_not_definitions(analyse_text):
    doc = analyse_text("광합성이란 무엇일까요?")
    assert extract_definitions(doc, terms=key_terms("광합성")) == []


def test_a_prediction_is_not_a_definition(analyse_text):
    doc = analyse_text("인공지능은 경제 전반으로 확산될 거예요.")
    assert extract_definitions(doc, terms=key_terms("인공지능")) == []


def test_a_generic_subject_is_not_defined_by_its_answer(analyse_text):
    doc = analyse_text("그 질문에 대한 답은 '더 많은 전력'이었습니다.")
    assert extract_definitions(doc, terms=key_terms("전력")) == []


def test_a_demonstrative_subject_is_not_being_defined(analyse_text):
    doc = analyse_text("이 낮은 주파수는 물체의 속도가 만든 도플러 이동입니다.")
    found = extract_definitions(doc, terms=key_terms("주파수", "도플러 이동"))
    assert [d.term for d in found] != ["주파수"]


def test_kiwi_split_after_a_quoted_term_is_undone(analyse_text):
    doc = analyse_text(
        "이것이 좋은 예입니다. '엔트로피'는 단지 무질서의 정도를 재는 하나의 양일 뿐입니다."
    )
    found = extract_definitions(doc, terms=key_terms("엔트로피"))
    assert [d.term for d in found] == ["엔트로피"]


def test_every_definition_of_a_term_the_strongest_first(analyse_text):
    doc = analyse_text(
        "광합성은 식물이 햇빛으로 살아가는 방식이었습니다.\n"
        "광합성이란 빛 에너지로 양분을 만드는 과정입니다."
    )
    found = extract_definitions(doc, terms=key_terms("광합성"))
    assert [d.lines for d in found] == [(2,), (1,)]


def test_a_definition_loses_stray_quote_marks_and_focus_adverbs():
    from deckgen.extractors.definition_guards import clean_definition

    # cs231n: 'Linear classifier는 "parametric model"의 가장 단순한 형태입니다'.
    assert clean_definition('"parametric model"의 가장 단순한 형태') == (
        "parametric model의 가장 단순한 형태")
    # cs285: "보상은 단지 비용의 음수일 뿐입니다".
    assert clean_definition("단지 비용의 음수") == "비용의 음수"
    assert clean_definition("이른바 “연구의 시대”라는 시기") == "이른바 “연구의 시대”라는 시기"


def test_a_hint_names_only_specific_key_terms(analyse_text):
    # cs285's definition of 보상: its hint was "반면, 표기", which says nothing.
    from deckgen.cards import _hint
    from deckgen.extractors.index import index_document

    doc = analyse_text("반면에 cost에 대한 표기는 최적 제어 이론에 뿌리를 두고 있는데, 둘 다 같은 "
                       "것이고, 보상은 단지 비용의 음수일 뿐입니다.")
    key = {"반면": 0, "표기": 1, "최적제어이론": 2, "보상": 3}
    hint = _hint(index_document(doc), doc.sentences[0], "보상", "비용의 음수", key)
    assert hint == "최적 제어 이론"
