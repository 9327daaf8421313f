"""Key ideas: the central claims of a talk, ranked and picked for variety.

A sentence's score combines

* centrality: TextRank over a sparse graph of sentences that share content words,
  each sentence linked to its few strongest neighbours found through an inverted
  index (linear in the text; no all-pairs matrix);
* how much of the talk's key vocabulary it carries (the ``terms`` ranking);
* wording that marks a claim ("가장 근본적인", "핵심은", "~라고 생각합니다").

Filler never becomes an idea: questions, greetings and thanks, backchannel ("네,
맞습니다"), broken-off sentences, and sentences with too few content words.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from operator import mul

from ..types import Document, Extract, Sentence
from .phrases import content_words, normalise_key

_MIN_CONTENT_WORDS = 4
_NEIGHBOURS = 8
_DAMPING = 0.85
_ITERATIONS = 30
# TextRank ranks a long text in windows of at most this many sentences.
_WINDOW = 1000
# A word shared by more than this share of sentences links nothing (it is everywhere).
_MAX_WORD_SHARE = 0.05
_CLAIM = re.compile(
    r"가장 (?:근본적|중요|큰|핵심)|근본적인|핵심은|핵심적|요점은|중요한 (?:것은|점은)|결국|"
    r"다시 말해|즉,|따라서|그러므로|이라고 (?:생각|봅)|라고 (?:생각|봅)|것입니다\.?$|때문입니다"
)
_FILLER = re.compile(
    r"^(?:네|예|아|음|어|아뇨|아니요|맞습니다|맞아요|좋아요|좋습니다|알겠습니다|그렇죠|그렇습니다|감사합니다|고맙습니다|안녕하세요)[.,!…\s]"
)
_BROKEN = re.compile(r"(?:\.\.\.|…)\s*$")
_STORY = re.compile(r"^(?:예를 들어|예를 들면|가령|만약)")


def extract_ideas(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None
) -> list[Extract]:
    """Key-idea sentences, best first, at most one per source line."""
    sentences = doc.sentences
    bags = [content_words(s) for s in sentences]
    centrality = _textrank(bags)
    term_weight = _term_weights(terms)
    scored = []
    for sentence, bag in zip(sentences, bags):
        if _is_filler(sentence, bag):
            continue
        score = _score(sentence, centrality[sentence.index], term_weight)
        scored.append((score, sentence.index))
    scored.sort(key=lambda item: (-item[0], item[1]))
    if limit is None:
        limit = _default_limit(len(sentences))
    picked = _pick_varied(scored, sentences, bags, limit)
    return [
        Extract(
            kind="idea",
            text=sentences[index].text,
            sentence_index=index,
            score=round(score, 4),
            lines=(sentences[index].line,),
        )
        for score, index in picked
    ]


def _default_limit(sentence_count: int) -> int:
    """About one idea per 20 sentences, at least 5 and at most 80."""
    return max(5, min(80, sentence_count // 20))


def _is_filler(sentence: Sentence, bag: list[str]) -> bool:
    text = sentence.text.strip()
    if text.endswith("?") or _BROKEN.search(text) or _FILLER.match(text + " "):
        return True
    return len(set(bag)) < _MIN_CONTENT_WORDS


def _term_weights(terms: Sequence[Extract]) -> dict[str, float]:
    """Key term -> weight, falling with rank; only the top of the ranking counts."""
    return {normalise_key(t.text): 1.0 / (1.0 + i / 10) for i, t in enumerate(terms[:60])}


def _score(sentence: Sentence, centrality: float, term_weight: dict[str, float]) -> float:
    key = normalise_key(sentence.text)
    vocabulary = sorted((w for t, w in term_weight.items() if t in key), reverse=True)[:3]
    claim = 0.3 if _CLAIM.search(sentence.text) else 0.0
    story = -0.3 if _STORY.match(sentence.text) else 0.0
    return centrality + 0.5 * sum(vocabulary) + claim + story


def _textrank(bags: list[list[str]]) -> list[float]:
    """TextRank scores scaled to [0, 1], on a graph of each sentence's strongest neighbours.

    A long text is ranked in windows of consecutive sentences, each scaled on its own:
    finding neighbours costs the square of a window's length, so windows keep it
    linear in the text, and an idea is central to its part of the talk.  A text of up
    to ``_WINDOW`` sentences is one window.
    """
    n = len(bags)
    windows = -(-n // _WINDOW)
    size = -(-n // windows) if n else 0
    scores: list[float] = []
    for start in range(0, n, size or 1):
        scores.extend(_window_rank(bags[start : start + size]))
    return scores


def _window_rank(bags: list[list[str]]) -> list[float]:
    n = len(bags)
    postings: dict[str, list[int]] = defaultdict(list)
    # dict.fromkeys, not set: iteration order (and so float sums and ties) must not
    # depend on string hashing, or two runs could pick different sentences.
    for i, bag in enumerate(bags):
        for word in dict.fromkeys(bag):
            postings[word].append(i)
    max_df = max(3, int(_MAX_WORD_SHARE * n))
    idf = {w: math.log(n / len(p)) for w, p in postings.items() if len(p) <= max_df}
    edges: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, bag in enumerate(bags):
        overlap: dict[int, float] = {}
        get = overlap.get
        for word in dict.fromkeys(bag):
            weight = idf.get(word)
            if weight is not None:
                for j in postings[word]:
                    overlap[j] = get(j, 0) + weight
        overlap.pop(i, None)
        norm = math.log(2 + len(bag))
        # (-overlap, j) pairs sort like the strongest first, ties by position.
        strongest = heapq.nsmallest(_NEIGHBOURS, [(-w, j) for j, w in overlap.items()])
        for negative, j in strongest:
            edges[i].append((j, -negative / (norm + math.log(2 + len(bags[j])))))
    return _pagerank(edges)


def _pagerank(edges: list[list[tuple[int, float]]]) -> list[float]:
    n = len(edges)
    if n == 0:
        return []
    out_weight = [sum(w for _, w in row) or 1.0 for row in edges]
    sources: list[list[int]] = [[] for _ in range(n)]
    weights: list[list[float]] = [[] for _ in range(n)]
    for i, row in enumerate(edges):
        for j, w in row:
            sources[j].append(i)
            weights[j].append(w / out_weight[i])
    base = (1 - _DAMPING) / n
    rank = [1.0 / n] * n
    for _ in range(_ITERATIONS):
        # map() keeps the summation order of a generator, so scores are unchanged.
        get = rank.__getitem__
        rank = [
            base + _DAMPING * sum(map(mul, map(get, src), ws))
            for src, ws in zip(sources, weights, strict=True)
        ]
    top = max(rank) or 1.0
    return [r / top for r in rank]


def _pick_varied(
    scored: list[tuple[float, int]], sentences: Sequence[Sentence], bags: list[list[str]], limit: int
) -> list[tuple[float, int]]:
    """Best sentences, skipping one that shares its line or most words with a pick."""
    picked: list[tuple[float, int]] = []
    lines: set[int] = set()
    picked_bags: list[set[str]] = []
    for score, index in scored:
        if len(picked) >= limit:
            break
        if sentences[index].line in lines:
            continue
        bag = set(bags[index])
        if any(len(bag & other) > 0.6 * min(len(bag), len(other)) for other in picked_bags[-50:]):
            continue
        picked.append((score, index))
        lines.add(sentences[index].line)
        picked_bags.append(bag)
    return picked
