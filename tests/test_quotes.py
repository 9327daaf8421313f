"""Quotes: paired marks, verbatim text, and what is worth a card.

Examples are made up (a lecture on economics), never taken from the seed.
"""

from __future__ import annotations

import pytest

from deckgen.extractors.quotes import extract_quotes
from deckgen.types import Extract


def key_terms(*names):
    return [Extract(kind="term", text=n, term=n, sentence_index=0, score=1.0) for n in names]


def quotes_of(analyse_text, text, *terms):
    return [q.text for q in extract_quotes(analyse_text(text), terms=key_terms(*terms))]


def test_quoted_key_term_and_claim_are_kept_filler_is_not(analyse_text):
    quotes = quotes_of(
        analyse_text,
        "'기회비용'은 단지 하나의 단어일 뿐이지만 매우 강력한 단어입니다.\n"
        "그는 '좋아'라고 했어요.\n"
        '그들은 "금리를 올리면 물가가 잡히고 경기는 천천히 식을 것이다"라고 말합니다.\n',
        "기회비용", "금리", "물가",
    )
    assert "기회비용" in quotes
    assert "금리를 올리면 물가가 잡히고 경기는 천천히 식을 것이다" in quotes
    assert "좋아" not in quotes


@pytest.mark.parametrize("acted", [
    "좋아, 이제 가격을 내리고 손님을 더 모아 보자.",      # opens with an interjection
    "이런 가게는 이걸 팔고, 저런 가게는 저걸 팔아요.",    # points at the scene
    "다른 은행들이 얼마나 많은 돈을 빌려주는지 보세요.",  # an order to the listener
    "올해는 매출이 정말 많이 오르면 좋겠다.",            # a wish
])
def test_acted_out_speech_is_not_memorable(analyse_text, acted):
    assert quotes_of(analyse_text, f'사람들은 "{acted}"라고 말하죠.\n', "매출", "가격") == []


def test_a_pronoun_in_quotes_is_no_name(analyse_text):
    assert quotes_of(analyse_text, "그들은 '그것'을 가지고 있습니다.\n") == []


def test_a_quote_a_key_term_says_is_its_definition(analyse_text):
    text = '보이지 않는 손은 "누구도 계획하지 않았지만 결국 다 맞춰질 거야."와 같이 말합니다.\n'
    assert quotes_of(analyse_text, text, "보이지 않는 손") == [
        "누구도 계획하지 않았지만 결국 다 맞춰질 거야."
    ]


def test_a_quote_over_a_line_break_is_kept_verbatim(analyse_text):
    text = (
        '그들은 "무엇을 팔고 있나요?\n'
        '지금 파는 물건이 가장 남는 물건인가요? '
        '재고를 더 빨리 돌리는 방법을 찾을 수 있나요?"라고 묻겠죠.\n'
    )
    doc = analyse_text(text)
    quotes = extract_quotes(doc, terms=key_terms("재고"))
    assert len(quotes) == 1
    assert quotes[0].text in doc.text and "\n" in quotes[0].text
    assert quotes[0].lines == (1,)


def test_english_apostrophes_do_not_open_quotes(analyse_text):
    doc = analyse_text("It's a market that doesn't clear, 그게 문제입니다.")
    assert extract_quotes(doc, terms=[]) == []
