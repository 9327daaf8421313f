"""Korean-aware cloze on real sentences of the seed, and the stored cloze syntax."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.cloze import (
    escape_literal,
    hidden,
    leaks,
    make_cloze,
    plain,
    segments,
    spoken_particle,
    to_anki,
    unclozed,
)
from deckgen.fieldhtml import strip_controls

# (sentence from the seed, phrase to hide, expected cloze text)
SEED_TABLE = [
    ("가치 함수를 사용하면 맨 끝까지 기다릴 필요가 없습니다.", "가치 함수",
     "{{c1::가치 함수}}을(를) 사용하면 맨 끝까지 기다릴 필요가 없습니다."),
    ("사전 훈련은 스케일링할 대상이었습니다.", "사전 훈련",
     "{{c1::사전 훈련}}은(는) 스케일링할 대상이었습니다."),
    ("제 생각에는 가치 함수가 유용할 것이고, 앞으로도 사용될 것이라고 확신합니다.", "가치 함수",
     "제 생각에는 {{c1::가치 함수}}이(가) 유용할 것이고, 앞으로도 사용될 것이라고 확신합니다."),
    ("이 둘 중 하나가 사전 훈련과 유사하다고 생각하는지 궁금합니다.", "사전 훈련",
     "이 둘 중 하나가 {{c1::사전 훈련}}와(과) 유사하다고 생각하는지 궁금합니다."),
    ("AlexNet은 두 개의 GPU로 구축되었습니다.", "GPU",
     "AlexNet은 두 개의 {{c1::GPU}}(으)로 구축되었습니다."),
    ("AlexNet은 두 개의 GPU로 구축되었습니다.", "AlexNet",
     "{{c1::AlexNet}}은(는) 두 개의 GPU로 구축되었습니다."),
    ("2020년까지, 2012년부터 2020년까지는 연구의 시대였습니다.", "연구의 시대",
     "2020년까지, 2012년부터 2020년까지는 {{c1::연구의 시대}}(이)었습니다."),
    ("AGI라는 용어는 왜 존재할까요?", "AGI", "{{c1::AGI}}(이)라는 용어는 왜 존재할까요?"),
    ("이것이 강화 학습이 순진하게 수행되는 방식입니다.", "강화 학습",
     "이것이 {{c1::강화 학습}}이(가) 순진하게 수행되는 방식입니다."),
    # A particle that does not depend on the noun stays as spoken.
    ("시장에서도 볼 수 있고, 진화에서도 볼 수 있습니다.", "진화",
     "시장에서도 볼 수 있고, {{c1::진화}}에서도 볼 수 있습니다."),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), SEED_TABLE)
def test_particles_after_a_cloze_are_neutralised(analyse_text, text, phrase, expected):
    sentence = analyse_text(text).sentences[0]
    start = sentence.text.index(phrase)
    cloze = make_cloze(sentence, [(start, start + len(phrase))])
    assert cloze == expected
    # Everything outside the cloze and its particle is exactly as spoken.
    before, after = expected.split("}}", 1)
    assert sentence.text.startswith(before.split("{{c1::")[0])
    assert not leaks(cloze)


def test_cloze_boundaries_fall_on_morpheme_boundaries(seed_document):
    from deckgen.cards import to_cards  # noqa: F401  (cards build clozes this way)
    from deckgen.extractors.phrases import noun_phrases

    for sentence in seed_document.sentences[:200]:
        starts = {t.start for t in sentence.tokens}
        ends = {t.start + t.length for t in sentence.tokens}
        for phrase in noun_phrases(sentence):
            assert phrase.start in starts and phrase.end in ends, (sentence.text, phrase.text)


def test_transcript_braces_never_open_a_cloze():
    literal = "{{c1::answer}} and {{FrontSide}} \\ {x}"
    stored = escape_literal(literal)
    assert list(segments(stored)) == [("text", literal, 0)]
    html = to_anki(stored)
    # Every literal brace is kept apart from the next by <wbr>, which Anki's editor
    # keeps as it is (it would turn an entity such as &#123; back into a brace).
    assert "{{" not in html and "}}" not in html
    assert "{<wbr>{<wbr>c1::answer<wbr>}<wbr>}" in html
    assert re.sub(r"<wbr>", "", html) == literal


def test_stored_cloze_round_trip():
    stored = "앞 {{c1::가치 함수}}은(는) \\{\\{c2::no\\}\\} 뒤"
    assert hidden(stored) == ["가치 함수"]
    assert plain(stored) == "앞 가치 함수은(는) {{c2::no}} 뒤"
    # The particle goes into the cloze as spoken, its neutral form into the hint: the
    # front shows "[…은(는)]", the back "가치 함수는".
    assert str(to_anki(stored)) == (
        "앞 {{c1::가치 함수는::…은(는)}} {<wbr>{<wbr>c2::no<wbr>}<wbr>} 뒤")


def test_the_back_says_the_particle_the_sentence_said():
    # After a Latin word the syllable cannot tell; the sentence can.
    cloze = "사전 훈련은 {{c1::AGI}}을(를) 제공합니다."
    said = "사전 훈련은 AGI를 제공합니다."
    assert str(to_anki(cloze, said)) == "사전 훈련은 {{c1::AGI를::…을(를)}} 제공합니다."
    assert html.unescape(unclozed(str(to_anki(cloze, said)))) == said


def test_leaks_detects_a_visible_answer():
    assert leaks("{{c1::가치 함수}}는 가치함수다")
    assert not leaks("{{c1::가치 함수}}은(는) 도구다")


@given(st.text())
def test_escaped_text_is_always_literal(text):
    assert list(segments(escape_literal(text))) == ([("text", text, 0)] if text else [])
    html_text = str(to_anki(escape_literal(text)))
    assert "<" not in html_text.replace("&lt;", "").replace("<wbr>", "")
    assert "{{" not in html_text and "}}" not in html_text
    assert html.unescape(html_text.replace("<wbr>", "")) == strip_controls(text)


def test_a_particle_after_a_closing_quote_mark_is_neutralised(analyse_text):
    doc = analyse_text("그래서 '스케일링'은 단지 하나의 단어일 뿐입니다.")
    sentence = doc.sentences[0]
    start = sentence.text.index("스케일링")
    cloze = make_cloze(sentence, [(start, start + 4)])
    assert cloze == "그래서 '{{c1::스케일링}}'은(는) 단지 하나의 단어일 뿐입니다."


@pytest.mark.parametrize(("text", "word", "cloze"), [
    ("그게 바로 스님이지, 아니고.", "스님", "그게 바로 {{c1::스님}}(이)지, 아니고."),
    ("그것은 불교예요.", "불교", "그것은 {{c1::불교}}(이)에요."),
    ("좋은 아버지의 자식이니까.", "자식", "좋은 아버지의 {{c1::자식}}(이)니까."),
    ("그 사람은 학생이면서 교사다.", "학생", "그 사람은 {{c1::학생}}(이)면서 교사다."),
])
def test_a_copula_after_a_blank_is_neutral_not_a_subject_particle(analyse_text, text, word,
                                                                   cloze):
    sentence = analyse_text(text).sentences[0]
    start = sentence.text.index(word)
    made = make_cloze(sentence, [(start, start + len(word))])
    assert made == cloze
    assert html.unescape(unclozed(str(to_anki(made)))) == text


@pytest.mark.parametrize(
    ("word", "neutral", "spoken"),
    [
        ("모델", "이(가)", "이"),
        ("아이디어", "이(가)", "가"),
        ("배포", "을(를)", "를"),
        ("인간", "은(는)", "은"),
        ("컴퓨팅", "와(과)", "과"),
        ("뇌", "와(과)", "와"),
        ("학습", "(으)로", "으로"),
        ("서울", "(으)로", "로"),
        ("사전 훈련", "(이)었습니다", "이었습니다"),
        ('모델"', "은(는)", "은"),
        ("AI", "이(가)", "이(가)"),
    ],
)
def test_a_neutral_particle_is_spoken_by_the_last_syllable(word, neutral, spoken):
    assert spoken_particle(word, neutral) == spoken


def test_unclozed_idea_cards_read_as_their_sentence(seed_study_set, lecture_study_set):
    """The change report's labels: every idea card of the seed and the test lecture, its
    clozes shown, is the sentence as spoken (when its hidden words end in a Hangul
    syllable; after "AI" the neutral form stays)."""
    checked = 0
    for card in [*seed_study_set.cards, *lecture_study_set.cards]:
        if card.kind != "idea" or not all("가" <= h[-1] <= "힣" for h in hidden(card.cloze)):
            continue
        assert html.unescape(unclozed(str(to_anki(card.cloze)))) == card.sentence
        checked += 1
    assert checked >= 5
