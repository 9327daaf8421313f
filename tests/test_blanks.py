"""What a cloze hides: one key term, on the point of the sentence, whole words only."""

from __future__ import annotations

from deckgen.blanks import choose_blank
from deckgen.extractors.index import index_document

KEY = {"보상": 0, "비용": 1, "최적제어이론": 2, "조건": 3, "광합성": 4, "엽록체": 5}


def blank_of(analyse_text, text: str, **kwargs):
    doc = analyse_text(text)
    sentence = doc.sentences[0]
    blank = choose_blank(index_document(doc), sentence, KEY, **kwargs)
    return None if blank is None else [sentence.text[a:b] for a, b in blank.spans]


def test_the_comment_is_hidden_not_the_topic(analyse_text):
    # "보상은" is what the sentence is about; its point is what it says of it.
    assert blank_of(analyse_text, "보상은 단지 비용의 음수일 뿐입니다.") == ["비용"]


def test_the_topic_when_it_is_the_only_key_term(analyse_text):
    assert blank_of(analyse_text, "광합성은 빛으로 양분을 만듭니다.") == ["광합성"]


def test_a_term_said_twice_is_no_blank(analyse_text):
    # Both hidden, the front is a riddle of blanks; one hidden, the other gives it away.
    text = "엽록체가 없으면 광합성도 없고, 광합성이 없으면 잎도 없습니다."
    assert blank_of(analyse_text, text) == ["엽록체"]


def test_on_the_point_never_a_condition_or_a_short_common_word(analyse_text):
    text = "보상은 단지 비용의 음수일 뿐입니다."
    # On the point, a one-word blank must be a long word: the phrase of it is hidden.
    assert blank_of(analyse_text, text, point_only=True) == ["비용의 음수"]
    condition = "엽록체가 부족하면 잎이 노랗게 변합니다."
    assert blank_of(analyse_text, condition, point_only=True) is None
    # The copula's condition too (the seed: "클러스터가 말 그대로 [대륙 크기]라면 …").
    copula = "잎이 말 그대로 엽록체 덩어리라면 잎은 아주 빨리 자랄 수 있습니다."
    assert blank_of(analyse_text, copula, point_only=True) is None
    assert blank_of(analyse_text, copula) == ["엽록체"]


def test_a_gloss_right_after_the_term_is_hidden_with_it(analyse_text):
    text = "비용의 표기는 최적 제어 이론(optimal control theory)에서 왔습니다."
    spans = blank_of(analyse_text, text)
    assert spans == ["최적 제어 이론(optimal control theory)"]


def test_never_part_of_a_word(analyse_text):
    # "조건" is a key term, but here it is the end of the word "핵심조건".
    assert blank_of(analyse_text, "이것이 결혼의 가장 중요한 핵심조건이에요.") is None


def test_never_a_noun_used_as_a_verb(analyse_text):
    assert blank_of(analyse_text, "그 식물은 밤에도 광합성하고 있습니다.") is None


def test_only_the_concept_asked_for(analyse_text):
    assert blank_of(analyse_text, "보상은 단지 비용의 음수일 뿐입니다.", concept="보상") == ["보상"]


def test_never_one_side_of_a_pair_in_the_topic_of_any_clause(analyse_text):
    # The seed's second half: "피질은 균일하지만, 피질의 [뇌 영역]과 뉴런은 대부분 이웃과만
    # 소통합니다": either side of the pair fits the blank, in the first clause or a later one.
    first = "엽록체와 광합성은 잎에서 빛을 받아 양분을 만드는 데 함께 쓰입니다."
    later = "잎은 초록색이지만, 엽록체와 광합성은 잎에서 빛을 받아 양분을 만드는 데 함께 쓰입니다."
    for text in (first, later):
        assert blank_of(analyse_text, text) not in (["엽록체"], ["광합성"]), text
    # A pair in the comment is the point and stays.
    comment = "잎은 초록색이지만, 양분은 엽록체와 광합성이 함께 만들어 냅니다."
    assert blank_of(analyse_text, comment) in (["엽록체"], ["광합성"])


def test_a_key_term_said_with_or_without_the_linking_of(analyse_text):
    # The seed ranks "연구 시대" and says "…우리는 [연구의 시대]로 돌아왔습니다": one term,
    # as the ranking counts it, and one concept for the selection.
    for text in ("컴퓨팅이 커졌기 때문에 우리는 다시 연구의 시대로 돌아왔습니다.",
                 "컴퓨팅이 커졌기 때문에 우리는 다시 연구 시대로 돌아왔습니다."):
        doc = analyse_text(text)
        sentence = doc.sentences[0]
        blank = choose_blank(index_document(doc), sentence, {"연구시대": 0}, point_only=True)
        assert blank is not None, text
        assert blank.concept == "연구시대"
        assert [sentence.text[a:b] for a, b in blank.spans] == [text[text.index("연구"):
                                                                    text.index("로 돌아")]]
