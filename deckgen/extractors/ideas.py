"""Key ideas: the claims a talk makes, the best few sentences of each stretch.

A sentence's score adds up

* centrality: TextRank over a sparse graph of sentences that share content words,
  each sentence linked to its few strongest neighbours found through an inverted
  index (linear in the text; no all-pairs matrix), and how much it shares with the
  sentences around it;
* how much of the talk's key vocabulary it carries (the ``terms`` ranking), and
  whether a key term is its topic;
* wording that states a claim: a judgement ("가장 근본적인", "핵심은", "~라고
  생각합니다"), a conclusion ("따라서", "결국"), an obligation ("~해야 합니다"), an
  explanation ("~때문입니다", "~다는 것입니다"), or the opening of an answer;

and takes off for wording that tells a story ("예를 들어", "가정해 봅시다").

Questions, broken-off sentences and sentences with too few content words are no
candidates.  The best ``CANDIDATES_PER_STRETCH`` sentences of each stretch of
``STRETCH`` sentences are: the gate drops the ones that are no good card, and the
selection (``select.py``) takes at most one a stretch, so ideas spread over the whole
talk instead of piling up where the vocabulary is densest.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..types import Document, Extract, Sentence
from .index import DocumentIndex, index_document
from .phrases import term_key

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_MIN_CONTENT_WORDS = 4
_NEIGHBOURS = 8
_DAMPING = 0.85
_ITERATIONS = 30
# TextRank ranks a long text in windows of at most this many sentences.
_RANK_WINDOW = 1000
# A word shared by more than this share of sentences, or by more than this many, links
# nothing (it is everywhere); the cap keeps the graph linear in long transcripts.
_MAX_WORD_SHARE = 0.05
_MAX_POSTINGS = 100
# The stretches ideas are spread over (a talk states a point every minute or so), and
# the candidates each gives the gate and the selection.
STRETCH = 10
CANDIDATES_PER_STRETCH = 4
_KEY_TERMS = 40
# Sentences on each side that make up a sentence's neighbourhood.
_WINDOW = 6
# A point the speaker marks as the point: worth most.
_KEY_CLAIM = re.compile(
    r"가장 (?:근본적|중요|큰 문제|핵심)|핵심은|요점은|결론은|중요한 (?:것은|점은)"
    r"|근본적인 (?:것|문제)"
)
# Wording of a claim, a conclusion, an obligation or an explanation.
_CLAIM = re.compile(
    r"결국|다시 말해|따라서|그러므로|(?:이|하)?라고 (?:생각|봅|믿)|(?:다|ᆫ다)고 (?:생각|봅|믿)|"
    r"생각합니다|생각해요|해야 (?:합니다|한다|해요)|필요합니다|때문입니다|다는 것입니다|"
    r"는 것입니다|수 있습니다|설명(?:할 수|해 줄 수|합니다)|아닙니다|훨씬 더"
)
_STORY = re.compile(r"^(?:예를 들어|예를 들면|가령|예컨대)|가정해 (?:봅시다|보겠습니다|보세요)"
                    r"|기억(?:이 납니다|납니다)|읽었습니다|읽은 기억")
_BROKEN = re.compile(r"(?:\.\.\.|…)\s*$")


def extract_ideas(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None,
    index: DocumentIndex | None = None,
) -> list[Extract]:
    """Idea candidates, best first: the best few sentences of each stretch."""
    index = index or index_document(doc)
    sentences = doc.sentences
    bags = index.words
    centrality, local = index.ranks or rank_sentences(bags)
    term_weight = _term_weights(terms)
    last_chars = {key[-1] for key in term_weight if key}
    vocabularies = _vocabularies(index, term_weight)
    questions = [s.text.rstrip().endswith("?") for s in sentences]
    scores: list[float | None] = []
    for sentence, bag, vocabulary in zip(sentences, bags, vocabularies, strict=True):
        if _is_filler(sentence, bag, vocabulary):
            scores.append(None)
            continue
        i = sentence.index
        answers = any(questions[max(0, i - 2) : i])
        topic = _topic_is_key_term(sentence, term_weight, last_chars)
        scores.append(_score(sentence, 0.3 * centrality[i] + 0.5 * local[i], vocabulary,
                             answers, topic))
    picked = _best_of_each_stretch(scores)
    found = [
        Extract(kind="idea", text=sentences[i].text, sentence_index=i,
                score=round(score, 4), lines=(sentences[i].line,))
        for score, i in picked
    ]
    return found[:limit] if limit is not None else found


def _best_of_each_stretch(scores: Sequence[float | None]) -> list[tuple[float, int]]:
    """(score, index) of the ``CANDIDATES_PER_STRETCH`` best sentences of each stretch,
    best first overall."""
    n = len(scores)
    stretches = max(1, math.ceil(n / STRETCH))
    by_stretch: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, score in enumerate(scores):
        if score is not None:
            by_stretch[i * stretches // max(n, 1)].append((score, i))
    picked = []
    for found in by_stretch.values():
        found.sort(key=lambda item: (-item[0], item[1]))
        picked.extend(found[:CANDIDATES_PER_STRETCH])
    picked.sort(key=lambda item: (-item[0], item[1]))
    return picked


def rank_sentences(bags: Sequence[Sequence[str]]) -> tuple[list[float], list[float]]:
    """Each sentence's TextRank and local centrality, from its content words alone.

    The one part of finding ideas that needs nothing but the words, so
    ``extractors.run`` can run it in another process while terms are found.
    """
    return _textrank(bags), _local_centrality(bags)


def _is_filler(sentence: Sentence, bag: Sequence[str], vocabulary: list[float]) -> bool:
    """Questions, broken-off sentences, and sentences saying too little (a short
    sentence still counts when it names a key term: "핵심은 일반화입니다")."""
    text = sentence.text.strip()
    words = len(set(bag))
    if text.endswith("?") or _BROKEN.search(text):
        return True
    return words < _MIN_CONTENT_WORDS and not (vocabulary and words >= 2)


def _term_weights(terms: Sequence[Extract]) -> dict[str, float]:
    """Key term -> weight, falling with rank; only the top of the ranking counts."""
    weights: dict[str, float] = {}
    for i, t in enumerate(terms[:_KEY_TERMS]):
        weights.setdefault(term_key(t.text), 1.0 / (1.0 + i / 10))
    return weights


def _vocabularies(index: DocumentIndex, term_weight: dict[str, float]) -> list[list[float]]:
    """For each sentence, the weights of the (up to three best) key terms it names."""
    named: list[list[float]] = [[] for _ in index.keys]
    terms = [t for t in term_weight if len(t) > 1]
    for term, hits in index.containing(terms).items():
        for i in hits:
            named[i].append(term_weight[term])
    return [sorted(weights, reverse=True)[:3] if weights else weights for weights in named]


def _score(sentence: Sentence, centrality: float, vocabulary: list[float],
           answers: bool, topic: bool) -> float:
    """Centrality plus key vocabulary plus claim wording, less story-telling.

    ``answers``: the sentence opens the reply to a question, where speakers put
    their point first.
    """
    text = sentence.text
    claim = 0.5 * bool(_KEY_CLAIM.search(text)) + 0.15 * min(len(_CLAIM.findall(text)), 3)
    story = 0.4 if _STORY.search(text) else 0.0
    answer = 0.3 if answers else 0.0
    about = 0.2 if topic else 0.0
    return (centrality + 0.2 * sum(vocabulary) + claim + answer + about
            - story)


def _topic_is_key_term(sentence: Sentence, term_weight: dict[str, float],
                       last_chars: set[str]) -> bool:
    """The sentence is about a key term: one is its topic or subject ("X는", "X가").

    ``last_chars``: the last characters of the key terms.  A term key is the key of the
    words ending at the token, so it ends with the token's last character (lower-cased):
    most candidates fail this at once.
    """
    tokens = sentence.tokens
    for (_, tag, start, length, _), following in zip(tokens, tokens[1:], strict=False):
        if following.tag not in ("JX", "JKS") or tag not in ("NNG", "NNP", "SL", "XSN"):
            continue
        before = sentence.text[: start + length]
        if not before or before[-1].lower()[-1:] not in last_chars:
            continue
        words = before.split()
        for size in (1, 2, 3):
            if len(words) >= size and term_key(" ".join(words[-size:])) in term_weight:
                return True
    return False


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
