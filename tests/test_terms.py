"""Key terms on small Korean texts analysed by the real Kiwi.

The examples are a made-up biology lecture, never the seed transcript.
"""

from __future__ import annotations

from deckgen.extractors.phrases import GENERIC_NOUNS, normalise_key, noun_phrases, term_key
from deckgen.extractors.terms import extract_terms

LECTURE = """\
오늘은 세포 호흡에서 전자 전달계가 하는 일을 이야기하겠습니다.
전자 전달계는 미토콘드리아 내막에 있습니다.
전자전달계가 멈추면 세포는 에너지를 만들지 못합니다.
그래서 사람들은 전자 전달계를 세포 호흡의 마지막 단계로 생각합니다.
광합성은 빛을 씁니다. 광합성의 한계는 빛이 약하다는 것입니다.
지금은 다시 유전체의 시대입니다. 유전체의 시대에는 서열 분석이 중요합니다.
CRISPR는 유전자를 자르는 도구입니다. CRISPR 이후로 모든 것이 바뀌었습니다.
선택적인 투과가 필요합니다. 세포막은 선택적인 투과로 물질을 가려냅니다.
제 생각에는 사람들이 그 문제를 그런 방법으로 생각하는 것 같아요. 그 생각이 문제예요.
"""


def terms_of(analyse_text, text):
    return [t.text for t in extract_terms(analyse_text(text))]


def test_multiword_terms_keep_their_natural_spelling(analyse_text):
    terms = terms_of(analyse_text, LECTURE)
    assert "전자 전달계" in terms  # "전자전달계" and "전자 전달계" are one term
    assert "유전체의 시대" in terms
    assert "선택적인 투과" in terms
    assert len({normalise_key(t) for t in terms}) == len(terms)


def test_latin_names_are_terms(analyse_text):
    assert "CRISPR" in terms_of(analyse_text, LECTURE)


def test_generic_nouns_are_never_terms(analyse_text):
    terms = terms_of(analyse_text, LECTURE)
    assert not [t for t in terms if t in GENERIC_NOUNS]
    assert "생각" not in terms and "문제" not in terms and "사람" not in terms


def test_a_contained_word_is_absorbed_by_its_compound(analyse_text):
    terms = terms_of(analyse_text, LECTURE)
    assert "전달계" not in terms  # only ever seen inside "전자 전달계"


def test_terms_record_their_lines(analyse_text):
    by_text = {t.text: t for t in extract_terms(analyse_text(LECTURE))}
    assert by_text["전자 전달계"].lines == (1, 2, 3, 4)


def test_noun_phrases_follow_morpheme_boundaries(analyse_text):
    doc = analyse_text("측정 가능한 신호와 이온 통로는 서로 다른 문제입니다.")
    texts = {p.text for p in noun_phrases(doc.sentences[0])}
    assert {"측정 가능한 신호", "이온 통로"} <= texts
    assert all(not p.text.endswith(("와", "는")) for p in noun_phrases(doc.sentences[0]))


def test_a_genitive_phrase_and_its_compound_are_one_term():
    assert term_key("유전체의 시대") == term_key("유전체 시대") == term_key("유전체시대")


def test_a_noun_used_as_a_verb_is_not_a_term_occurrence(analyse_text):
    doc = analyse_text("우리는 모델을 구축합니다. 다시 구축하고 또 구축했습니다. 구축이 끝났죠.")
    phrases = [p for s in doc.sentences for p in noun_phrases(s) if p.text == "구축"]
    assert [p.predicative for p in phrases] == [True, True, True, False]


def test_a_part_of_a_derived_word_is_no_phrase(analyse_text):
    doc = analyse_text("구조의 안정성이 부족합니다.")
    texts = {p.text for p in noun_phrases(doc.sentences[0])}
    assert "안정성" in texts and "안정" not in texts


def test_phrases_headed_by_a_vague_noun_are_not_terms(analyse_text):
    text = "접근 방식이 중요합니다. 새로운 접근 방식을 씁니다. 그 접근 방식은 빠릅니다.\n" * 2
    assert "접근 방식" not in terms_of(analyse_text, text)


def test_some_of_a_kind_and_the_words_of_any_technical_talk_are_not_terms(analyse_text):
    # "N 중 M" is M among the Ns; "데이터", "모델" alone say nothing of the talk, while a
    # term built on them does.
    text = ("세포 중 처음 두 개가 먼저 갈라집니다. 세포 중 처음 두 개를 봅니다.\n"
            "이 모델은 데이터를 씁니다. 모델이 데이터를 읽고, 모델이 다시 데이터를 봅니다.\n"
            "학습 데이터가 중요합니다. 학습 데이터를 모읍니다. 학습 데이터는 큽니다.\n"
            "세 예제는 같은 세포입니다. 이 예제를 봅니다. 다음 예제도 봅니다.\n") * 2
    terms = [normalise_key(t) for t in terms_of(analyse_text, text)]
    assert not [t for t in terms if "중" in t]
    assert "데이터" not in terms and "모델" not in terms and "예제" not in terms
    assert normalise_key("학습 데이터") in terms


def test_a_term_defined_once_is_still_a_term(analyse_text):
    text = LECTURE + "삼투 현상이란 물이 농도가 낮은 쪽에서 높은 쪽으로 옮겨 가는 현상입니다.\n"
    assert "삼투 현상" in terms_of(analyse_text, text)


def test_ranking_is_deterministic(analyse_text):
    doc = analyse_text(LECTURE)
    assert extract_terms(doc) == extract_terms(doc)
