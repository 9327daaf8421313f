"""Baselines the quality benchmark compares deckgen with, measured in the same run.

Each makes a study set of its own (terms and cards in the study-set JSON shape) from
the same analysed transcript, so it is scored exactly as deckgen is:

* terms: KR-WordRank (Kim et al.), the unsupervised Korean keyword extractor, on the
  transcript's sentences;
* definitions: a naive pattern, any sentence "X은/는/란 ... 입니다/이다/말합니다", with
  the first word (its particle cut) as the term and the rest as the definition;
* ideas: plain TextRank (Mihalcea & Tarau 2004) on the same morpheme bags deckgen
  uses (``content_words``), a dense similarity graph, as many sentences as deckgen
  makes idea cards;
* quotes: the longest quoted spans (deckgen's own quote pairing, no memorability
  filter), as many as deckgen makes quote cards.

``frequent_phrases`` is a reference rather than a baseline: Kiwi's noun phrases ranked
by how many sentences hold them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from typing import Any

from deckgen.extractors.phrases import content_words, is_generic, noun_phrases
from deckgen.extractors.quotes import quoted_spans
from deckgen.types import Document, Sentence

_NAIVE_DEFINITION = re.compile(
    r"^(?P<term>\S+?)(?:이란|란|은|는)\s(?P<definition>.+)"
    r"(?:입니다|이다|말합니다|뜻합니다|의미합니다)[.!]?$"
)
_KRWORDRANK_MIN_COUNT = 3
_KRWORDRANK_MAX_LENGTH = 10
_TERMS_LISTED = 160


def baseline_study(doc: Document, idea_count: int, quote_count: int) -> dict[str, Any]:
    """The baselines' cards and terms as one study set."""
    cards = naive_definitions(doc) + textrank_ideas(doc, idea_count)
    cards += longest_quotes(doc, quote_count)
    return {"terms": krwordrank_terms(doc), "cards": cards}


def frequency_study(doc: Document) -> dict[str, Any]:
    return {"terms": frequent_phrases(doc), "cards": []}


def _card(kind: str, at: Sentence, **fields: Any) -> dict[str, Any]:
    source = {"line": at.line, "context": at.text}
    return {"kind": kind, "source": source, **fields}


def frequent_phrases(doc: Document) -> list[dict[str, Any]]:
    counts: dict[str, list[int]] = {}
    spelling: dict[str, str] = {}
    for sentence in doc.sentences:
        phrases = noun_phrases(sentence)
        for p in phrases:
            spelling.setdefault(p.key, p.text)
        for key in dict.fromkeys(p.key for p in phrases if not is_generic(p)):
            counts.setdefault(key, []).append(sentence.line)
    ranked = sorted(counts.items(), key=lambda item: (-len(item[1]), item[1][0], item[0]))
    return [{"term": spelling[key], "lines": lines} for key, lines in ranked[:_TERMS_LISTED]]


def krwordrank_terms(doc: Document) -> list[dict[str, Any]]:
    """KR-WordRank keywords, best first, with the lines they occur on."""
    from krwordrank.word import KRWordRank

    texts = [s.text for s in doc.sentences if s.text.strip()]
    extractor = KRWordRank(min_count=_KRWORDRANK_MIN_COUNT, max_length=_KRWORDRANK_MAX_LENGTH,
                           verbose=False)
    keywords, _, _ = extractor.extract(texts, beta=0.85, max_iter=10)
    ranked = sorted(keywords.items(), key=lambda item: (-item[1], item[0]))
    terms = []
    for word, _ in ranked[:_TERMS_LISTED]:
        found = sorted({s.line for s in doc.sentences if word in s.text})
        terms.append({"term": word, "lines": found})
    return terms


def naive_definitions(doc: Document) -> list[dict[str, Any]]:
    cards = []
    for sentence in doc.sentences:
        match = _NAIVE_DEFINITION.match(sentence.text.strip())
        if match:
            cards.append(_card("definition", sentence, term=match.group("term"),
                               definition=match.group("definition")))
    return cards


def longest_quotes(doc: Document, count: int) -> list[dict[str, Any]]:
    starts = [s.start for s in doc.sentences]
    cards = []
    for start, end in quoted_spans(doc.text):
        text = doc.text[start:end].strip()
        index = bisect_right(starts, start) - 1
        if text and index >= 0:
            cards.append(_card("quote", doc.sentences[index], quote=text))
    cards.sort(key=lambda c: -len(c["quote"]))
    return cards[:count]


def textrank_ideas(doc: Document, count: int) -> list[dict[str, Any]]:
    """Top ``count`` sentences by TextRank on a dense graph (fine for a talk)."""
    bags = [set(content_words(s)) for s in doc.sentences]
    n = len(bags)
    weights: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(bags[i] & bags[j])
            if shared and len(bags[i]) > 1 and len(bags[j]) > 1:
                w = shared / (math.log(len(bags[i])) + math.log(len(bags[j])))
                weights[i].append((j, w))
                weights[j].append((i, w))
    rank = _pagerank(weights)
    order = sorted(range(n), key=lambda i: (-rank[i], i))[:count]
    return [_card("idea", doc.sentences[i], sentence=doc.sentences[i].text) for i in order]


def _pagerank(weights: list[list[tuple[int, float]]], damping: float = 0.85) -> list[float]:
    n = len(weights)
    out = [sum(w for _, w in row) or 1.0 for row in weights]
    rank = [1.0 / n] * n
    for _ in range(50):
        new = [(1 - damping) / n] * n
        for i, row in enumerate(weights):
            share = damping * rank[i] / out[i]
            for j, w in row:
                new[j] += share * w
        rank = new
    return rank
