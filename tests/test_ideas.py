"""Key ideas: filler never, claims first, spread over the talk, deterministic.

Examples are made up (a lecture on economics), never taken from the seed.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from conftest import make_document

from deckgen.extractors.ideas import CANDIDATES_PER_STRETCH, STRETCH, extract_ideas
from deckgen.extractors.terms import extract_terms


def test_filler_never_becomes_an_idea(analyse_text):
    doc = analyse_text(
        "네, 맞습니다.\n"
        "감사합니다. 정말 좋은 질문입니다.\n"
        "왜 중앙은행은 물가보다 고용을 더 늦게 보는 걸까요?\n"
        "하지만 그것은 마치...\n"
        "가장 근본적인 문제는 중앙은행이 물가를 너무 늦게 본다는 것입니다.\n"
        "정부 지출은 한정되어 있기 때문에 언젠가 재정 여력이 바닥날 것입니다.\n"
    )
    ideas = extract_ideas(doc, terms=extract_terms(doc), limit=10)
    lines = {i.lines[0] for i in ideas}
    assert lines <= {5, 6}
    assert 5 in lines


def test_a_key_point_beats_a_story_and_a_setup_for_a_question(analyse_text):
    doc = analyse_text(
        "예를 들어, 어느 빵집이 밀가루 가격을 올렸다고 가정해 봅시다.\n"
        "중앙은행이 금리를 올리면 물가 상승이 늦춰진다는 이야기를 들었습니다. "
        "금리는 정말 물가를 잡을까요?\n"
        "핵심은 금리가 물가를 움직이는 가장 중요한 수단이라는 것입니다.\n"
    )
    ideas = extract_ideas(doc, terms=extract_terms(doc), limit=1)
    assert [i.lines[0] for i in ideas] == [3]


def test_every_stretch_gives_its_best_few_candidates():
    sentences = [f"금리{n} 물가{n} 고용{n} 정책{n} 경기{n}" for n in range(60)]
    # The densest vocabulary sits in the first stretch: every stretch still has its say.
    sentences[:8] = [f"금리 물가 고용 정책 경기 지출 재정 환율{n}" for n in range(8)]
    doc = make_document(*sentences)
    ideas = extract_ideas(doc)
    per_stretch = Counter(i.sentence_index // STRETCH for i in ideas)
    assert set(per_stretch) == set(range(6))
    assert set(per_stretch.values()) == {CANDIDATES_PER_STRETCH}
    assert [i.score for i in ideas] == sorted((i.score for i in ideas), reverse=True)


def test_at_most_one_idea_per_line_and_stable_order():
    doc = make_document(
        "금리 인상 물가 안정 고용 둔화 설명",
        "금리 인상 물가 안정 고용 둔화 원인",
        "재정 지출 한계 부채 증가 다음 단계 조정",
        "무역 흐름 환율 변동 수출 기업 타격 현상",
    )
    first = extract_ideas(doc, limit=4)
    assert first == extract_ideas(doc, limit=4)
    assert len({i.lines for i in first}) == len(first)
    assert all(i.kind == "idea" and i.text == doc.sentences[i.sentence_index].text for i in first)


def test_a_long_text_is_ranked_in_windows(monkeypatch):
    from deckgen.extractors import ranking as ideas

    bags = [["모델", "일반화"], ["모델", "평가"], ["일반화", "평가", "괴리"], ["데이터", "고갈"],
            ["데이터", "모델"]]
    monkeypatch.setattr(ideas, "_RANK_WINDOW", len(bags))
    alone = ideas._textrank(bags)
    # Two windows of the same sentences rank alike: no sentence links across a window.
    assert ideas._textrank(bags + bags) == alone + alone
    assert max(alone) == 1.0 and len(set(alone)) > 1


def test_pagerank_is_the_textbook_iteration():
    from deckgen.extractors import ranking as ideas

    edges = [[(1, 0.5), (2, 0.25)], [(2, 1.0)], [(0, 0.3), (1, 0.1)], []]
    n = len(edges)
    rank = [1.0 / n] * n
    for _ in range(ideas._ITERATIONS):
        incoming = [0.0] * n
        for i, row in enumerate(edges):
            out = sum(w for _, w in row) or 1.0
            for j, w in row:
                incoming[j] += rank[i] * (w / out)
        rank = [(1 - ideas._DAMPING) / n + ideas._DAMPING * s for s in incoming]
    expected = [r / max(rank) for r in rank]

    sources = np.array([i for i, row in enumerate(edges) for _ in row], dtype=np.intp)
    targets = np.array([j for row in edges for j, _ in row], dtype=np.intp)
    weights = np.array([w for row in edges for _, w in row])
    assert ideas._pagerank(n, sources, targets, weights) == expected
    assert ideas._pagerank(0, sources[:0], targets[:0], weights[:0]) == []


def test_each_sentence_links_to_its_strongest_neighbours_ties_to_the_earlier():
    """``_window_rank``'s numpy counting against the plain loop it stands for."""
    import math
    from collections import defaultdict

    from deckgen.extractors import ranking as ideas

    bags = [["금리", "물가", "고용"], ["금리", "물가"], ["물가", "고용", "환율"], ["금리", "고용"],
            ["환율", "수출"], ["수출", "기업"], ["금리", "환율"], ["기업", "고용", "물가"],
            ["재정", "부채"], ["부채", "금리"], ["재정", "지출"], ["지출", "물가"]]
    n = len(bags)
    postings = defaultdict(list)
    for i, bag in enumerate(bags):
        for word in bag:
            postings[word].append(i)
    idf = {w: math.log(n / len(p)) for w, p in postings.items()}  # every word links here
    norms = [math.log(2 + len(bag)) for bag in bags]
    edges = []
    for i, bag in enumerate(bags):
        overlap = {}
        for word in bag:
            for j in postings[word]:
                overlap[j] = overlap.get(j, 0.0) + idf[word]
        overlap.pop(i)
        strongest = sorted(overlap.items(), key=lambda item: (-item[1], item[0]))[:3]
        edges.append([(j, value / (norms[i] + norms[j])) for j, value in strongest])
    sources = np.array([i for i, row in enumerate(edges) for _ in row], dtype=np.intp)
    targets = np.array([j for row in edges for j, _ in row], dtype=np.intp)
    weights = np.array([w for row in edges for _, w in row])
    expected = ideas._pagerank(n, sources, targets, weights)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ideas, "_NEIGHBOURS", 3)
        patch.setattr(ideas, "_MAX_WORD_SHARE", 1.0)
        assert ideas._window_rank(bags) == expected


def test_ranking_ahead_in_a_worker_and_indexing_during_analysis_change_nothing(
        seed_document, monkeypatch):
    from deckgen.extractors import run
    from deckgen.extractors.index import index_sentence

    names = ["definitions", "ideas", "quotes"]
    index, extracts = run.run_extractors(seed_document, names)
    monkeypatch.setattr(run, "RANK_AHEAD_SENTENCES", 1)  # rank in a worker process
    rows = [index_sentence(s) for s in seed_document.sentences]
    ahead_index, ahead = run.run_extractors(seed_document, names, rows)

    assert ahead == extracts
    assert ahead_index.ranks is not None and index.ranks is None
    assert ahead_index.phrases == index.phrases and ahead_index.words == index.words
