"""Quotes: paired marks, verbatim text, and what is worth a card."""

from __future__ import annotations

from deckgen.extractors.quotes import extract_quotes
from deckgen.types import Extract


def key_terms(*names):
    return [Extract(kind="term", text=n, term=n, sentence_index=0, score=1.0) for n in names]


def test_quoted_key_term_and_claim_are_kept_filler_is_not(analyse_text):
    doc = analyse_text(
        "'스케일링'은 단지 하나의 단어일 뿐이지만 매우 강력한 단어입니다.\n"
        "그는 '좋아'라고 했어요.\n"
        '그들은 "컴퓨팅과 데이터를 특정 크기의 신경망에 섞으면 결과가 나올 것이다"라고 말합니다.\n'
    )
    quotes = [q.text for q in extract_quotes(doc, terms=key_terms("스케일링", "컴퓨팅", "신경망"))]
    assert "스케일링" in quotes
    assert "컴퓨팅과 데이터를 특정 크기의 신경망에 섞으면 결과가 나올 것이다" in quotes
    assert "좋아" not in quotes


def test_a_quote_over_a_line_break_is_kept_verbatim(analyse_text):
    text = (
        '그들은 "무엇을 하고 있나요?\n'
        '지금 하고 있는 일이 가장 생산적인 일인가요? 컴퓨팅을 더 생산적으로 사용하는 방법을 찾을 수 있나요?"라고 묻겠죠.\n'
    )
    doc = analyse_text(text)
    quotes = extract_quotes(doc, terms=key_terms("컴퓨팅"))
    assert len(quotes) == 1
    assert quotes[0].text in doc.text and "\n" in quotes[0].text
    assert quotes[0].lines == (1,)


def test_english_apostrophes_do_not_open_quotes(analyse_text):
    doc = analyse_text("It's a model that doesn't generalise well, 그게 문제입니다.")
    assert extract_quotes(doc, terms=[]) == []
