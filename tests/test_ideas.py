"""Key ideas: filler never, one per line, deterministic."""

from __future__ import annotations

from conftest import make_document

from deckgen.extractors.ideas import extract_ideas
from deckgen.extractors.terms import extract_terms


def test_filler_never_becomes_an_idea(analyse_text):
    doc = analyse_text(
        "네, 맞습니다.\n"
        "감사합니다. 정말 좋은 질문입니다.\n"
        "왜 모델은 사람보다 훨씬 더 나쁘게 일반화하는 걸까요?\n"
        "하지만 그것은 마치...\n"
        "가장 근본적인 문제는 모델이 사람보다 훨씬 더 나쁘게 일반화한다는 것입니다.\n"
        "사전 훈련 데이터는 유한하기 때문에 언젠가 데이터가 고갈될 것입니다.\n"
    )
    ideas = extract_ideas(doc, terms=extract_terms(doc), limit=10)
    lines = {i.lines[0] for i in ideas}
    assert lines <= {5, 6}
    assert 5 in lines


def test_at_most_one_idea_per_line_and_stable_order():
    doc = make_document(
        "모델 일반화 능력 부족 평가 괴리 설명",
        "모델 일반화 능력 부족 평가 괴리 원인",
        "사전 훈련 데이터 고갈 다음 단계 강화",
        "연구 시대 컴퓨팅 규모 아이디어 병목 현상",
    )
    first = extract_ideas(doc, limit=4)
    assert first == extract_ideas(doc, limit=4)
    assert len({i.lines for i in first}) == len(first)
    assert all(i.kind == "idea" and i.text == doc.sentences[i.sentence_index].text for i in first)


def test_a_long_text_is_ranked_in_windows(monkeypatch):
    from deckgen.extractors import ideas

    bags = [["모델", "일반화"], ["모델", "평가"], ["일반화", "평가", "괴리"], ["데이터", "고갈"],
            ["데이터", "모델"]]
    monkeypatch.setattr(ideas, "_WINDOW", len(bags))
    alone = ideas._textrank(bags)
    # Two windows of the same sentences rank alike: no sentence links across a window.
    assert ideas._textrank(bags + bags) == alone + alone
    assert max(alone) == 1.0 and len(set(alone)) > 1
