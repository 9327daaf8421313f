"""Kiwi's sentence splits with dependent continuations joined back."""

from __future__ import annotations

from conftest import make_document

from deckgen.extractors.sentences import joined_sentences


def test_a_sentence_opening_with_a_particle_joins_the_one_before():
    doc = make_document(
        ("이것이 좋은 예입니다. '엔트로피'", [("이것", "NP"), ("이", "JKS"), ("예", "NNG"),
                                          (".", "SF"), ("엔트로피", "NNG")]),
        ("는 무질서의 정도입니다.", [("는", "JX"), ("무질서", "NNG"), ("정도", "NNG")]),
        ("다음 문장입니다.", [("다음", "NNG"), ("문장", "NNG")]),
    )
    joined = list(joined_sentences(doc))
    assert [s.text for s in joined] == [
        "이것이 좋은 예입니다.",
        "'엔트로피'\n는 무질서의 정도입니다.".replace("\n", " "),
        "다음 문장입니다.",
    ]
    head, clause, _ = joined
    assert head.index == clause.index == 0
    for sentence in joined:
        for token in sentence.tokens:
            assert sentence.text[token.start : token.start + token.length] == token.form


def test_independent_sentences_are_left_alone():
    doc = make_document("첫 문장 내용", "둘째 문장 내용")
    assert list(joined_sentences(doc)) == list(doc.sentences)
