"""Ranking sentences for ideas: TextRank and local centrality, from content words alone.

* TextRank over a sparse graph of sentences that share content words, each sentence
  linked to its few strongest neighbours found through an inverted index (linear in
  the text; no all-pairs matrix), a long text ranked in windows;
* local centrality: how much a sentence shares with the sentences around it.

The one part of finding ideas that needs nothing but the words, so ``extractors.run``
can run it in another process while terms are found.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_NEIGHBOURS = 8
_DAMPING = 0.85
_ITERATIONS = 30
# TextRank ranks a long text in windows of at most this many sentences.
_RANK_WINDOW = 1000
# A word shared by more than this share of sentences, or by more than this many, links
# nothing (it is everywhere); the cap keeps the graph linear in long transcripts.
_MAX_WORD_SHARE = 0.05
_MAX_POSTINGS = 100
# Sentences on each side that make up a sentence's neighbourhood.
_WINDOW = 6


def rank_sentences(bags: Sequence[Sequence[str]]) -> tuple[list[float], list[float]]:
    """Each sentence's TextRank and local centrality, from its content words alone.

    The one part of finding ideas that needs nothing but the words, so
    ``extractors.run`` can run it in another process while terms are found.
    """
    return _textrank(bags), _local_centrality(bags)


def _local_centrality(bags: Sequence[Sequence[str]]) -> list[float]:
    """How much a sentence shares with the sentences around it (idf-weighted), in [0, 1].

    The sentence that best sums up its own stretch of the talk; global TextRank
    alone favours whatever the talk repeats most.  Linear: a fixed window.
    """
    n = len(bags)
    counts: Counter[str] = Counter()
    for bag in bags:
        counts.update(dict.fromkeys(bag, 1))
    idf = {w: math.log(n / c) for w, c in counts.items()}
    weight = idf.__getitem__
    sets = [set(bag) for bag in bags]
    local = []
    for i, words in enumerate(sets):
        # The idf of each shared word, neighbour by neighbour, summed in one go in the
        # same order as before (so the same float); most neighbours share nothing.
        shared: list[float] = []
        for j in range(max(0, i - _WINDOW), min(n, i + _WINDOW + 1)):
            if j != i:
                common = words & sets[j]
                if common:
                    shared.extend(map(weight, sorted(common)))
        local.append(sum(shared) / math.log(2 + len(words)))
    top = max(local, default=0.0) or 1.0
    return [value / top for value in local]


def _textrank(bags: Sequence[Sequence[str]]) -> list[float]:
    """TextRank scores scaled to [0, 1], on a graph of each sentence's strongest neighbours.

    A long text is ranked in windows of consecutive sentences, each scaled on its own:
    finding neighbours costs the square of a window's length, so windows keep it
    linear in the text, and an idea is central to its part of the talk.  A text of up
    to ``_RANK_WINDOW`` sentences is one window.
    """
    n = len(bags)
    windows = -(-n // _RANK_WINDOW)
    size = -(-n // windows) if n else 0
    scores: list[float] = []
    for start in range(0, n, size or 1):
        scores.extend(_window_rank(bags[start : start + size]))
    return scores


def _window_rank(bags: Sequence[Sequence[str]]) -> list[float]:
    """TextRank of one window: each sentence linked to the ``_NEIGHBOURS`` sentences it
    shares the most (idf-weighted, ties to the earlier one), then PageRank.

    numpy does the counting: for each sentence, in its own word order, each linked word
    adds its idf to every sentence in the word's postings.  ``bincount`` adds them up in
    that order, so every overlap is the same float a loop over the words would give.
    """
    import numpy as np  # imported here: only a build from a transcript ranks sentences

    n = len(bags)
    if n == 0:
        return []
    # dict.fromkeys, not set: iteration order (and so float sums and ties) must not
    # depend on string hashing, or two runs could pick different sentences.
    words = [tuple(dict.fromkeys(bag)) for bag in bags]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, unique in enumerate(words):
        for word in unique:
            postings[word].append(i)
    max_df = max(3, min(int(_MAX_WORD_SHARE * n), _MAX_POSTINGS))
    idf = {w: math.log(n / len(p)) for w, p in postings.items() if len(p) <= max_df}
    norms = np.array([math.log(2 + len(bag)) for bag in bags])
    # The linked words' postings end to end, and each sentence's linked words in order.
    number = {word: k for k, word in enumerate(idf)}
    lengths = np.array([len(postings[w]) for w in idf], dtype=np.intp)
    firsts = np.cumsum(lengths) - lengths
    flat = np.fromiter((i for w in idf for i in postings[w]), dtype=np.intp,
                       count=int(lengths.sum()))
    weights = np.fromiter(idf.values(), dtype=np.float64, count=len(idf))
    uses = [(i, number[w]) for i, unique in enumerate(words) for w in unique if w in number]
    use_sentence, use_word = np.array(uses, dtype=np.intp).reshape(-1, 2).T
    # One entry per (sentence, linked word, sentence in that word's postings), summed
    # per pair of sentences.  Pairs come out sorted: by sentence, then by the other.
    repeats = lengths[use_word]
    within = np.arange(int(repeats.sum())) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    other = flat[np.repeat(firsts[use_word], repeats) + within]
    pairs, pair_of = np.unique(np.repeat(use_sentence, repeats) * n + other,
                               return_inverse=True)
    values = np.bincount(pair_of.ravel(), weights=np.repeat(weights[use_word], repeats),
                         minlength=len(pairs))
    sources, targets = np.divmod(pairs, n)
    linked = sources != targets
    sources, targets, values = sources[linked], targets[linked], values[linked]
    # Each sentence's strongest: a stable sort by sentence, then by overlap (descending)
    # keeps ties in order of position; the first _NEIGHBOURS of each sentence stay.
    order = np.lexsort((-values, sources))
    sources, targets, values = sources[order], targets[order], values[order]
    place = np.arange(len(sources)) - np.searchsorted(sources, sources)
    kept = place < _NEIGHBOURS
    sources, targets, values = sources[kept], targets[kept], values[kept]
    return _pagerank(n, sources, targets, values / (norms[sources] + norms[targets]))


def _pagerank(n: int, sources: NDArray[np.intp], targets: NDArray[np.intp],
              weights: NDArray[np.float64]) -> list[float]:
    """PageRank over the links ``sources[k] -> targets[k]`` (numpy arrays, grouped by
    source) with their ``weights``, scaled to [0, 1].

    ``bincount`` adds each node's out-weights and incoming shares in the order the links
    are listed, starting from 0.0: the order a loop over the links adds them in.
    """
    import numpy as np

    if n == 0:
        return []
    out_weight = np.bincount(sources, weights=weights, minlength=n)
    out_weight[out_weight == 0.0] = 1.0  # a node without links shares nothing
    shares = weights / out_weight[sources]
    base = (1 - _DAMPING) / n
    rank = np.full(n, 1.0 / n)
    for _ in range(_ITERATIONS):
        rank = base + _DAMPING * np.bincount(targets, weights=rank[sources] * shares, minlength=n)
    top = float(rank.max()) or 1.0
    return (rank / top).tolist()
