"""Key terms on small Korean texts analysed by the real Kiwi."""

from __future__ import annotations

from deckgen.extractors.phrases import GENERIC_NOUNS, normalise_key, noun_phrases
from deckgen.extractors.terms import extract_terms

LECTURE = """\
오늘은 강화 학습에서 가치 함수가 하는 일을 이야기하겠습니다.
가치 함수는 에이전트가 지금 잘하고 있는지 알려줍니다.
가치함수가 없으면 에이전트는 마지막까지 기다려야 합니다.
그래서 사람들은 가치 함수를 사전 훈련 다음 단계로 생각합니다.
사전훈련은 모든 데이터를 씁니다. 사전 훈련의 한계는 데이터가 유한하다는 것입니다.
지금은 다시 연구의 시대입니다. 연구의 시대에는 아이디어가 중요합니다.
AlexNet은 두 개의 GPU로 만들었습니다. AlexNet 이후로 모든 것이 바뀌었습니다.
지속적인 학습이 필요합니다. 사람은 지속적인 학습으로 일을 배웁니다.
제 생각에는 사람들이 그 문제를 그런 방법으로 생각하는 것 같아요. 그 생각이 문제예요.
"""


def terms_of(analyse_text, text):
    return [t.text for t in extract_terms(analyse_text(text))]


def test_multiword_terms_keep_their_natural_spelling(analyse_text):
    terms = terms_of(analyse_text, LECTURE)
    assert "가치 함수" in terms
    assert "사전 훈련" in terms  # "사전훈련" and "사전 훈련" are one term
    assert "연구의 시대" in terms
    assert "지속적인 학습" in terms
    assert len({normalise_key(t) for t in terms}) == len(terms)


def test_latin_names_are_terms(analyse_text):
    assert "AlexNet" in terms_of(analyse_text, LECTURE)


def test_generic_nouns_are_never_terms(analyse_text):
    terms = terms_of(analyse_text, LECTURE)
    assert not [t for t in terms if t in GENERIC_NOUNS]
    assert "생각" not in terms and "문제" not in terms and "사람" not in terms


def test_a_contained_word_is_absorbed_by_its_compound(analyse_text):
    terms = terms_of(analyse_text, LECTURE)
    assert "함수" not in terms  # only ever seen inside "가치 함수"


def test_terms_record_their_lines(analyse_text):
    by_text = {t.text: t for t in extract_terms(analyse_text(LECTURE))}
    assert by_text["가치 함수"].lines == (1, 2, 3, 4)


def test_noun_phrases_follow_morpheme_boundaries(analyse_text):
    doc = analyse_text("검증 가능한 보상과 샘플 효율성은 서로 다른 문제입니다.")
    texts = {p.text for p in noun_phrases(doc.sentences[0])}
    assert {"검증 가능한 보상", "샘플 효율성"} <= texts
    assert all(not p.text.endswith(("과", "은")) for p in noun_phrases(doc.sentences[0]))
