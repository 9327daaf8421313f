"""The card-quality gate: each rule on a made-up lecture (economics and biology), analysed
by the real Kiwi, and the reason it gives."""

from __future__ import annotations

import pytest

from deckgen.blanks import choose_blank
from deckgen.extractors.index import index_document
from deckgen.extractors.phrases import normalise_key
from deckgen.gate import judge, kept
from deckgen.types import Extract

REFERS = "refers to something the card does not show"
KEY = {"금리": 0, "물가": 1, "중앙은행": 2, "광합성": 3, "엽록체": 4}


def idea_verdict(analyse_text, text: str, line: int = 0) -> str | None:
    doc = analyse_text(text)
    sentence = doc.sentences[line]
    blank = choose_blank(index_document(doc), sentence, KEY)
    draft = Extract(kind="idea", text=sentence.text, sentence_index=sentence.index, score=1.0,
                    term=blank.term if blank else None, blanks=blank.spans if blank else (),
                    concept=blank.concept if blank else "")
    [verdict] = judge(doc, [draft])
    return verdict.reason


@pytest.mark.parametrize("text", [
    "중앙은행이 금리를 크게 올리면 시장의 물가 상승이 몇 달 뒤에는 늦춰집니다.",
    "그래서 중앙은행에게 금리는 시장의 물가를 잡는 가장 중요하고 빠른 수단입니다.",
    "가계가 금리를 보고 소비를 줄이고, 그렇지 않으면 물가가 계속 오릅니다.",
    "가계는 '금리가 오르면 소비를 줄인다'고 말하고, 그렇지 않으면 물가가 계속 오릅니다.",
    "물가를 잡는 가장 간단한 방법은 시장을 보고 금리를 조금씩 올리는 것입니다.",
])
def test_a_claim_that_stands_alone_passes(analyse_text, text):
    assert idea_verdict(analyse_text, text) is None


@pytest.mark.parametrize(("text", "reason"), [
    ("이것이 금리의 가장 중요한 역할이에요.", REFERS),
    ("그게 바로 중앙은행이 금리를 올리는 이유입니다.", REFERS),
    ("하나는 금리를 올리면 물가가 잡힌다는 것입니다.", REFERS),
    ("거기 가면서 금리 얘기를 하고.", "a fragment"),
    ("중앙은행의 금리 정책은.", "a fragment"),
    ("중앙은행이 금리를 올리면 물가는 뭐다,", "a fragment"),
    ("중앙은행은 왜 금리를 올릴까요?", "a question"),
    ("안녕하세요, 오늘은 금리와 물가 이야기입니다.", "a greeting"),
    ("금리 얘기를 들려주셔서 감사합니다.", "thanks"),
    ("다음 시간에는 금리 정책에 대해 이야기해 보겠습니다.", "framing the talk"),
    ("네, 금리가 물가에 중요하죠.", "agreement or back-channel"),
    ("금리에 대해 말씀하셨습니다.", "a remark to the other speaker"),
    # dharma 1119: "그래서 지금 질문자가 조건이라고 말하는 것과는 사실은 …".
    ("그래서 지금 질문자가 금리라고 말하는 것과는 사실 중앙은행의 물가 정책이 아무 상관이 없어요.",
     "a remark to the other speaker"),
    ("'중앙은행이 금리를 올리면 시장의 물가 상승이 몇 달 뒤에는 늦춰질 것이다.",
     "part of a quotation that runs across sentences"),
    ("오늘 날씨가 참 좋습니다.", "no key term to hide"),
    # cs231n: "가장 간단한 방법은 데이터에 맞게 …": the method of what was said before.
    ("가장 간단한 방법은 시장을 보고 금리를 조금씩 올려서 물가를 잡는 것입니다.",
     "does not say what it is about"),
])
def test_what_does_not_stand_alone_is_dropped_with_its_reason(analyse_text, text, reason):
    assert idea_verdict(analyse_text, text) == reason


def test_the_questioners_opening_turn_gives_no_card(analyse_text):
    text = ("저는 금리에 대해 잘 모르는 초보자입니다.\n"
            "금리와 물가가 어떻게 연결되는지 궁금해서 여쭙니다.\n"
            "중앙은행이 금리를 크게 올리면 시장의 물가 상승이 몇 달 뒤에는 늦춰집니다.\n"
            + "그리고 중앙은행은 물가를 보고 금리를 정합니다.\n" * 30)
    assert idea_verdict(analyse_text, text, 0) == "the questioner's turn"
    assert idea_verdict(analyse_text, text, 1) == "the questioner's turn"
    assert idea_verdict(analyse_text, text, 2) is None


def test_an_utterance_that_clarifies_the_question_just_asked_is_the_questioners(analyse_text):
    # The seed, lines 346-347: "…정렬 성공의 한 예인지 궁금합니다." then "제가 의미하는 바를
    # 명확히 하자면, … 피질은 …이해하는 부분입니다." (every reader: a bad definition).
    clarified = "제가 의미하는 바를 명확히 하자면, 중앙은행은 물가를 금리로 조절하는 기관입니다.\n"
    filler = "그리고 중앙은행은 물가를 보고 금리를 정합니다.\n" * 30
    asked = filler + "중앙은행이 금리를 올리는 것이 정말 효과가 있는지 궁금합니다.\n" + clarified
    said = filler + "중앙은행은 금리를 올려서 물가를 잡습니다.\n" + clarified
    assert idea_verdict(analyse_text, asked, 31) == "the questioner's turn"
    assert idea_verdict(analyse_text, said, 31) is None


def test_this_and_a_noun_phrase_as_object_points_back(analyse_text):
    # cs231n, its second half read alone: "유일한 방법은 바로 이 [단일 거리 성능 척도(L1/L2
    # 등)]을 이용하는 수 밖에 없습니다" — which measure? the one the lecture just named.
    pointed = ("경기가 과열된다면 물가를 잡는 유일한 방법은 바로 이 중앙은행 기준 금리 정책(A1/B2 "
               "금리 등)을 쓰는 것입니다.")
    assert idea_verdict(analyse_text, pointed) == REFERS
    named = "경기가 과열된다면 물가를 잡는 유일한 방법은 바로 중앙은행이 금리를 올리는 것입니다."
    assert idea_verdict(analyse_text, named) is None


def test_a_blank_after_a_generic_first_word_cuts_a_term(analyse_text):
    # The seed's second half: "정말로 자체 [플레이]는 …" hides half of 자체 플레이.
    cut = "정말로 자체 금리는 은행들이 시장에서 스스로 정하는 특별한 이자율의 한 종류입니다."
    assert idea_verdict(analyse_text, cut) == "the blank is part of a longer term"
    # A generic noun that ends a clause of time or case is no part of the term.
    case = "시장이 과열되는 경우 물가는 중앙은행이 금리를 올린 몇 달 뒤에 늦춰집니다."
    assert idea_verdict(analyse_text, case) is None


def test_a_blank_after_a_latin_word_cuts_a_term(analyse_text):
    # cs231n's second half: "K fold [크로스벨리데이션]" shows the term's first half.
    cut = "거시 경제학에서는 Taylor 금리를 기준으로 시장의 기대 인플레이션을 계산하게 됩니다."
    assert idea_verdict(analyse_text, cut) == "the blank is part of a longer term"
    named = "거시 경제학에서는 Taylor가 제안한 금리를 기준으로 기대 인플레이션을 계산합니다."
    assert idea_verdict(analyse_text, named) is None


def test_a_cloze_needs_words_around_its_blank(analyse_text):
    assert idea_verdict(analyse_text, "금리가 있다.") == "too little around the blank"
    # A short sentence leaves its blank open to many answers.
    assert idea_verdict(analyse_text, "금리가 물가를 잡습니다.") == "too little around the blank"


def definition(doc, term: str, text: str, index: int = 0) -> Extract:
    return Extract(kind="definition", text=text, term=term, sentence_index=index, score=1.0,
                   concept=normalise_key(term))


@pytest.mark.parametrize(("sentence", "term", "text", "reason"), [
    ("광합성이란 빛으로 양분을 만드는 과정입니다.", "광합성", "빛으로 양분을 만드는 과정", None),
    ("결혼생활이란 것은 공동체이거든요.", "결혼생활", "공동체", None),
    ("광합성이란 호흡하고 비슷한 거요.", "광합성", "호흡하고 비슷한 거요",
     "a likeness, not a definition"),
    ("광합성은 광합성을 하는 과정입니다.", "광합성", "광합성을 하는 과정",
     "circular: the definition names its term"),
    ("광합성은 잎이 빛을 받는 것처럼 보이네요.", "광합성", "잎이 빛을 받는 것처럼 보이네요",
     "a whole remark, not a definition"),
    ("엽록체는 빛과 물 사이의 관계입니다.", "엽록체", "빛과 물 사이의", "a fragment"),
    ("엽록체는 이 그림에서 x입니다.", "엽록체", "이 그림에서 x",
     "the definition refers to something the card does not show"),
    ("엽록체는 잎에 있고, 뿌리는 물을 빨아들이는 기관입니다.", "엽록체",
     "잎에 있고, 뿌리는 물을 빨아들이는 기관",
     "says something about another topic"),
    ("사람은 빛으로 양분을 만드는 과정입니다.", "사람", "빛으로 양분을 만드는 과정",
     "a generic term"),
    # A description may not point at what the card does not show...
    ("공은 저 사람의 생각입니다.", "공", "저 사람의 생각",
     "the definition refers to something the card does not show"),
    # The seed, line 31: a view someone holds of the term, which a card would teach as
    # its meaning; a meaning the speaker gives ("...라는 뜻") is one.
    ("저는 진정한 보상 해킹은 평가에 너무 집중하는 인간 연구자들이라는 아이디어가 마음에 듭니다.",
     "진정한 보상 해킹", "평가에 너무 집중하는 인간 연구자들",
     "a view the speaker reports, not a definition"),
    ("보상 해킹은 평가의 허점을 파고드는 행동이라는 뜻입니다.", "보상 해킹",
     "평가의 허점을 파고드는 행동", None),
    # Thirds of the dev talks read as talks of their own (reader J: bad): an opinion after
    # a comparison, the size of the example, a quotation that runs on.
    ("광합성은 식물뿐만 아니라 아주 일반적인 현상입니다.", "광합성",
     "식물뿐만 아니라 아주 일반적인 현상", "an opinion of the term, not a definition"),
    ("엽록체는 10개의 작은 알갱이입니다.", "엽록체", "10개의 작은 알갱이",
     "a size of the example, not a definition"),
    ('통화주의는 "돈을 많이 풀면 물가가 오른다는 것입니다.', "통화주의",
     "돈을 많이 풀면 물가가 오른다는 것", "words quoted over several sentences, not a definition"),
])
def test_a_definition_is_one(analyse_text, sentence, term, text, reason):
    doc = analyse_text(sentence)
    [verdict] = judge(doc, [definition(doc, term, text)])
    assert verdict.reason == reason


@pytest.mark.parametrize(("text", "quote", "reason"), [
    ("그는 '금리를 올리면 물가가 잡힌다'라고 말했습니다.", "금리를 올리면 물가가 잡힌다", None),
    ("여기서 '금리'가 가장 중요합니다.", "금리",
     "an emphasised word or phrase, not a quotation"),
    ("학생이 '금리는 왜 오르나요?'라고 물었습니다.", "금리는 왜 오르나요?", "a quoted question"),
    ("그들은 '금리를 올리면 물가가 잡힌다' 그 자체를 믿었습니다.", "금리를 올리면 물가가 잡힌다",
     "not reported speech"),
])
def test_a_quote_is_a_quotation(analyse_text, text, quote, reason):
    doc = analyse_text(text)
    sentence = doc.sentences[0]
    start = sentence.text.index(quote)
    blank = choose_blank(index_document(doc), sentence, KEY, start, start + len(quote))
    draft = Extract(kind="quote", text=quote, sentence_index=0, score=1.0,
                    span=(start, start + len(quote)), term=blank.term if blank else None,
                    blanks=blank.spans if blank else ())
    [verdict] = judge(doc, [draft])
    assert verdict.reason == reason


def test_a_statement_about_one_person_is_an_example_not_a_definition(analyse_text):
    # "저 사람 나쁜 사람이 아니다. 이것을 공이라고 해요": the talk's example of 공, which a
    # card cannot ask for ("공이란? 저 사람 나쁜 사람이 아니다"); so are reported words.
    statement = "저 사람 나쁜 사람이 아니다"
    asked = "저 사람에게 물어보세요"
    for lines, text in ((f"{statement}.\n이것을 공이라고 해요.", statement),
                        (f"{statement} 이것을 공이라고 해요.", statement),
                        ("저 사람 나쁘다는 것을 색이라고 해요.", "저 사람 나쁘다는 것"),
                        (f"{asked}.\n이것을 공이라고 해요.", asked)):
        doc = analyse_text(lines)
        index = len(doc.sentences) - 1
        [verdict] = judge(doc, [definition(doc, "공", text, index)])
        assert verdict.reason is not None, lines
    doc = analyse_text("모든 것이 인연 따라 생기고 사라지는 것을 공이라고 해요.")
    [verdict] = judge(doc, [definition(doc, "공", "모든 것이 인연 따라 생기고 사라지는 것")])
    assert verdict.reason is None


def term_verdict(analyse_text, text: str) -> str | None:
    doc = analyse_text(text)
    sentence = doc.sentences[0]
    blank = choose_blank(index_document(doc), sentence, KEY)
    assert blank is not None
    draft = Extract(kind="term", text=blank.term, sentence_index=0, score=1.0,
                    term=blank.term, blanks=blank.spans, concept=blank.concept)
    [verdict] = judge(doc, [draft])
    return verdict.reason


def test_a_term_card_says_what_the_term_is_not_what_someone_thinks_of_it(analyse_text):
    # The seed, line 31: the quip refused as a definition came back as a term card.
    said = "진정한 중앙은행은 정부의 압력에서 벗어나 통화 정책을 스스로 정하는 기관입니다."
    assert term_verdict(analyse_text, said) is None
    view = "저는 진정한 중앙은행은 정부의 압력에서 벗어난 사람들이라는 아이디어가 마음에 듭니다."
    assert term_verdict(analyse_text, view) == "a view the speaker reports, not what the term is"
    # cs231n: '"[고양이 스코어]" 는 …': a label of the example in quotes (three readers:
    # weak or bad), not a term the sentence explains.
    label = '"중앙은행" 은 정부의 압력에서 벗어나 통화 정책을 스스로 정하는 기관입니다.'
    assert term_verdict(analyse_text, label) == "a label the talk quotes, not a term it explains"


def test_a_term_card_whose_front_says_the_first_word_of_its_answer(analyse_text):
    # dharma 1119's middle: "…결혼과는 관계없는 것에 신경을 쓰기 때문에 [결혼 생활]은 다
    # 실패하는 거에요", the term spelt "결혼생활" as the talk spells it most.
    for text, reason in (
        ("우리는 시장과는 관계없는 일에 신경을 쓰기 때문에 시장 경제는 늘 흔들리는 거에요.",
         "the front shows part of the answer"),
        ("우리는 정부와는 관계없는 일에 신경을 쓰기 때문에 시장 경제는 늘 흔들리는 거에요.", None),
    ):
        doc = analyse_text(text)
        blank = choose_blank(index_document(doc), doc.sentences[0], {"시장경제": 0})
        assert blank is not None
        draft = Extract(kind="term", text=text, sentence_index=0, score=1.0, term="시장경제",
                        blanks=blank.spans, concept=blank.concept)
        [verdict] = judge(doc, [draft])
        assert verdict.reason == reason, text


def test_kept_are_the_drafts_without_a_reason(analyse_text):
    doc = analyse_text("광합성이란 빛으로 양분을 만드는 과정입니다.\n"
                       "광합성이란 호흡하고 비슷한 거요.")
    good = definition(doc, "광합성", "빛으로 양분을 만드는 과정")
    bad = definition(doc, "광합성", "호흡하고 비슷한 거요", 1)
    assert kept(judge(doc, [good, bad])) == [good]


# Sentences of the dev talks (the seed, cs231n, cs285, the MATLAB radar talk) whose
# cards two card-by-card readings called weak or bad, each with the rule that drops it.
TALK_KEY = {"agi": 0, "가치함수": 1, "성능분산": 2, "testtime": 3, "신호이득": 4,
            "모방학습": 5, "펄스폭": 6, "트레이닝샘플": 7, "사전훈련": 8, "컴퓨팅": 9}


def talk_verdict(analyse_text, text: str) -> str | None:
    doc = analyse_text(text)
    sentence = doc.sentences[0]
    blank = choose_blank(index_document(doc), sentence, TALK_KEY, point_only=True)
    draft = Extract(kind="idea", text=sentence.text, sentence_index=0, score=1.0,
                    term=blank.term if blank else None, blanks=blank.spans if blank else (),
                    concept=blank.concept if blank else "")
    [verdict] = judge(doc, [draft])
    return verdict.reason


@pytest.mark.parametrize(("text", "reason"), [
    # Either side of a pair in the topic fits the blank: neither is one.
    ("그러나 AGI와 사전 훈련에서 일어난 일은 어떤 의미에서 목표를 넘어섰다는 것입니다.",
     "no key term to hide"),
    # Useful, good or dependent things are many.
    ("제 생각에는 가치 함수가 유용할 것이고, 앞으로도 사용될 것이라고 확신합니다.",
     "a judgement of the blank, which many answers fit"),
    # The answer's head word is on the front already.
    ("분산을 같이 계산하게 되면, 어떤 하이퍼파라미터가 가장 좋은지 뿐만 아니라, 그 성능의 "
     "분산도 알 수 있습니다.", "the front shows the answer's head word"),
    ("Train TIme은 엄청 오래 걸릴지 모르나 Test Time은 엄청 빠릅니다.",
     "the front shows the answer's head word"),
    ("그러나 필터는 펄스와 일치하기 때문에 합이 펄스보다도 더 크며, 노이즈 이득에 비해 신호 "
     "이득이 더 증가합니다.", "the front shows the answer's head word"),
    # A setting ("X에서는,") or a clause of time ("...일 때") frames the point.
    ("모방학습에서는, 사람이 컴퓨터에게 움직이는 방법에 대해 데이터를 제공할 필요가 있습니다.",
     "no key term to hide"),
    ("PRF가 1kHz이고 펄스 폭이 1마이크로초일 때 이 시스템의 최대 유효 거리는 150km "
     "미만입니다.", "no key term to hide"),
    # The speaker leads the audience ("...봅시다").
    ("CIFAR-10이 50,000여개의 트레이닝 샘플이 있고 각 이미지는 32x32 픽셀을 가진 3채널 "
     "컬러 이미지라는 것을 다시 상기시켜 봅시다.", "a remark to the other speaker"),
])
def test_weak_cards_of_the_dev_talks_are_dropped_for_their_reason(analyse_text, text, reason):
    assert talk_verdict(analyse_text, text) == reason


@pytest.mark.parametrize("text", [
    # A pair in the comment is the point; so is a head word in another compound that
    # names another thing ("사전 훈련 데이터"), and a setting-free claim.
    "그리고 기댓값은 상태(state)의 분포에 대한 기댓값이고 상태(state)에 대한 분포는 "
    "정책(policy)과 전이 확률(transition probabilities)에 의해 유도된 분포입니다.",
    "스케일링이 방안의 모든 공기를 빨아들였기 때문에 모두가 똑같은 일을 하기 시작했습니다.",
    "제가 생각하기에 가장 근본적인 것은 이러한 모델들이 사람보다 훨씬 더 나쁜 일반화를 "
    "보인다는 것입니다.",
    # The head word described by an adjective ("더 긴 시간") names no other kind.
    "수직 축은 저속 시간이라고 부르는데, 펄스 사이의 더 긴 시간을 포함하기 때문이며 이 경우에는 "
    "약 9밀리초입니다.",
])
def test_the_good_cards_beside_them_stay(analyse_text, text):
    key = {"전이확률": 0, "스케일링": 1, "일반화": 2, "저속시간": 3}
    doc = analyse_text(text)
    sentence = doc.sentences[0]
    blank = choose_blank(index_document(doc), sentence, key, point_only=True)
    assert blank is not None
    draft = Extract(kind="idea", text=sentence.text, sentence_index=0, score=1.0,
                    term=blank.term, blanks=blank.spans, concept=blank.concept)
    assert judge(doc, [draft])[0].reason is None


def test_a_pronoun_that_resumes_a_clause_points_inside_the_sentence(analyse_text):
    # dharma 1119: "이건" takes up the clause before it, "그것은" the clause of time.
    from deckgen.gate.standalone import refers_back

    resumed = analyse_text("설령 남자끼리 둘이 살아도 이건 결혼생활에 준하는 공동체에 해당이 "
                           "되고, 비록 암수가 같이 살아도 교미수준일 때는 그것은 자연생태계의 "
                           "원리에요.").sentences[0]
    assert not refers_back(resumed)
    # After a plain clause a pronoun subject still points back.
    pointing = analyse_text("남자끼리 둘이 살고, 그것은 결혼생활에 준하는 공동체에 "
                            "해당이 돼요.").sentences[0]
    assert refers_back(pointing)
    # So does "이/그/저" with a noun as subject or object (cs231n: which method is
    # best?), but not with a noun of place or time that takes up the clause before.
    determined = analyse_text("하지만 Linear classifier가 클래스 당 하나의 템플릿밖에 허용하지 "
                              "않으므로 이 방법이 최선입니다.").sentences[0]
    assert refers_back(determined)
    taken_up = analyse_text("클래스가 열 개라면 이 경우에는 템플릿도 열 개입니다.").sentences[0]
    assert not refers_back(taken_up)
