"""Baselines the quality benchmark compares deckgen with, measured in the same run.

* terms: KR-WordRank (Kim et al.), the unsupervised Korean keyword extractor, top 40
  words of the transcript's lines;
* ideas: plain TextRank (Mihalcea & Tarau 2004) on the same morpheme bags deckgen
  uses (``content_words``), a dense similarity graph, as many sentences as deckgen
  makes idea cards;
* quotes: the longest quoted spans (deckgen's own quote pairing, no memorability
  filter), as many as deckgen makes quote cards: length is the obvious proxy for
  "says something";
* definitions: a naive pattern, any sentence "X은/는/란 ... 입니다/이다/말합니다", with
  the first word (its particle cut) as the term.

Noise hits count the cards of all four baselines together.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

from quality import (
    BENCH_GENERIC,
    TOP_TERMS,
    Range,
    definition_metrics,
    idea_metrics,
    noise_hits,
    norm,
    quote_metrics,
    term_metrics,
)

from deckgen.analysis import analyse
from deckgen.extractors.phrases import content_words, is_generic, noun_phrases
from deckgen.extractors.quotes import quoted_spans
from deckgen.sources import read_transcript
from deckgen.types import Document

_NAIVE_DEFINITION = re.compile(
    r"^(?P<term>\S+?)(?:이란|란|은|는)\s.+(?:입니다|이다|말합니다|뜻합니다|의미합니다)[.!]?$"
)
_KRWORDRANK_MIN_COUNT = 3
_KRWORDRANK_MAX_LENGTH = 10


def baseline_results(path: Path, gold: dict[str, Any], rng: Range, transcript: str,
                     idea_count: int, quote_count: int) -> dict[str, Any]:
    doc = analyse(read_transcript(path))
    lines = transcript.split("\n")
    result: dict[str, Any] = {}
    terms = krwordrank_terms(lines)
    result.update(term_metrics(terms, gold, rng))
    defs = naive_definitions(doc)
    result.update(definition_metrics(defs, gold, rng))
    quotes = longest_quotes(doc, quote_count)
    result.update(quote_metrics(quotes, gold, rng, transcript))
    ideas = textrank_ideas(doc, idea_count)
    idea_lines = [c["source"]["line"] for c in ideas if c["source"]["line"] in rng]
    result.update(idea_metrics(idea_lines, gold, rng))
    every = [c["source"]["line"] for c in defs + quotes + ideas if c["source"]["line"] in rng]
    result["noise_hits"] = noise_hits(every, gold)
    result["generic@40"] = sum(1 for t in result["top_terms"] if norm(t) in BENCH_GENERIC)
    frequency = term_metrics(frequent_phrases(doc), gold, rng)
    result["freq_np_term_recall@40"] = frequency["term_recall@40"]
    result["freq_np_generic@40"] = frequency["generic@40"]
    return {k: v for k, v in result.items() if not isinstance(v, list)}


def frequent_phrases(doc: Document) -> list[dict[str, Any]]:
    """A reference, not a baseline: Kiwi noun phrases ranked by how many sentences
    hold them (generic-only phrases left out)."""
    counts: dict[str, list[int]] = {}
    spelling: dict[str, str] = {}
    for sentence in doc.sentences:
        for phrase in dict.fromkeys(p.key for p in noun_phrases(sentence) if not is_generic(p)):
            counts.setdefault(phrase, []).append(sentence.line)
    for sentence in doc.sentences:
        for p in noun_phrases(sentence):
            spelling.setdefault(p.key, p.text)
    ranked = sorted(counts.items(), key=lambda item: (-len(item[1]), item[1][0], item[0]))
    return [{"term": spelling[key], "lines": lines} for key, lines in ranked]


def krwordrank_terms(lines: list[str]) -> list[dict[str, Any]]:
    """KR-WordRank keywords, best first, with the lines they occur on."""
    from krwordrank.word import KRWordRank

    texts = [line for line in lines if line.strip()]
    extractor = KRWordRank(min_count=_KRWORDRANK_MIN_COUNT, max_length=_KRWORDRANK_MAX_LENGTH,
                           verbose=False)
    keywords, _, _ = extractor.extract(texts, beta=0.85, max_iter=10)
    ranked = sorted(keywords.items(), key=lambda item: (-item[1], item[0]))
    terms = []
    for word, _ in ranked:
        found = [i for i, line in enumerate(lines, start=1) if word in line]
        terms.append({"term": word, "lines": found})
    return terms[: TOP_TERMS * 4]


def naive_definitions(doc: Document) -> list[dict[str, Any]]:
    cards = []
    for sentence in doc.sentences:
        match = _NAIVE_DEFINITION.match(sentence.text.strip())
        if match:
            cards.append({"kind": "definition", "term": match.group("term"),
                          "source": {"line": sentence.line}})
    return cards


def longest_quotes(doc: Document, count: int) -> list[dict[str, Any]]:
    starts = [s.start for s in doc.sentences]
    cards = []
    for start, end in quoted_spans(doc.text):
        text = doc.text[start:end].strip()
        index = bisect_right(starts, start) - 1
        if text and index >= 0:
            cards.append({"kind": "quote", "quote": text,
                          "source": {"line": doc.sentences[index].line}})
    cards.sort(key=lambda c: -len(c["quote"]))
    return cards[:count]


def textrank_ideas(doc: Document, count: int) -> list[dict[str, Any]]:
    """Top ``count`` sentences by TextRank on a dense graph (fine for one seed)."""
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
    return [{"kind": "idea", "source": {"line": doc.sentences[i].line}} for i in order]


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
