"""Key ideas: the claims a talk makes, one or two per stretch of the talk.

A sentence's score adds up

* centrality: TextRank over a sparse graph of sentences that share content words,
  each sentence linked to its few strongest neighbours found through an inverted
  index (linear in the text; no all-pairs matrix);
* how much of the talk's key vocabulary it carries (the ``terms`` ranking);
* wording that states a claim: a judgement ("가장 근본적인", "핵심은", "~라고
  생각합니다"), a conclusion ("따라서", "결국"), an obligation ("~해야 합니다"), an
  explanation ("~때문입니다", "~다는 것입니다");

and takes off for wording that tells a story or steers the conversation: examples
("예를 들어", "가정해 봅시다"), announcements ("설명하겠습니다", "질문하고 싶었습니다"),
a clause that only continues the previous one ("왜냐하면 ...").

Filler never becomes an idea: questions, greetings and thanks, backchannel ("네,
맞습니다"), broken-off sentences, and sentences with too few content words.

Ideas are picked stretch by stretch (a talk makes its points in order), the best
sentence of each stretch of about ``_STRETCH`` sentences, skipping one that repeats
an earlier pick: this keeps the deck's ideas spread over the whole talk instead of
piling up where the vocabulary is densest.
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
# One idea per this many sentences (a talk states a point every minute or so), and
# the length of the stretches ideas are spread over.
_SENTENCES_PER_IDEA = 14
_STRETCH = 10
_KEY_TERMS = 40
# Sentences on each side that make up a sentence's neighbourhood.
_WINDOW = 6
# Ideas a stretch may give, and the fewest sentences between two ideas (neighbours
# usually make one point together).
_PER_STRETCH = 1
_MIN_GAP = 2
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
_STEERING = re.compile(
    r"(?:설명하|이야기하|얘기하|말씀드리|정의하|들어 보|들어보|살펴보|질문하|표현해 보)\S*\s*"
    r"(?:는 것이\s*)?(?:겠습니다|겠어요|고 싶습니다|고 싶었습니다|ᆯ게요|좋을 것 같습니다)"
    r"|^왜냐하면|^그러니까"
)
# A reaction rather than a claim: not knowing, wondering, finding something interesting.
_REACTION = re.compile(r"모르겠습니다|모르겠어요|궁금합니다|궁금해요|궁금하네요|흥미롭네요|"
                       r"흥미롭습니다|흥미롭다고|흥미로웠|좋은 질문")
# Honorific verbs speak of the listener ("계신", "말씀하신"): an interviewer's remark.
_HONORIFIC_VERBS = frozenset("계시 말씀하시 드시 주무시".split())
_FILLER = re.compile(
    r"^(?:네|예|아|음|어|아뇨|아니요|맞습니다|맞아요|좋아요|좋습니다|알겠습니다|그렇죠|그렇습니다|감사합니다|고맙습니다|안녕하세요)[.,!…\s]"
)
_BROKEN = re.compile(r"(?:\.\.\.|…)\s*$")


def extract_ideas(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None,
    index: DocumentIndex | None = None,
) -> list[Extract]:
    """Key-idea sentences, best first, at most one per source line."""
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
        asks = _leads_to_question(sentences, questions, i)
        topic = _topic_is_key_term(sentence, term_weight, last_chars)
        score = _score(sentence, 0.3 * centrality[i] + 0.5 * local[i], vocabulary, answers, topic)
        scores.append(score - (0.4 if asks else 0.0))
    if limit is None:
        limit = _default_limit(len(sentences))
    picked = _pick_by_stretch(scores, sentences, bags, limit)
    return [
        Extract(kind="idea", text=sentences[index].text, sentence_index=index,
                score=round(score, 4), lines=(sentences[index].line,))
        for score, index in picked
    ]


def rank_sentences(bags: Sequence[Sequence[str]]) -> tuple[list[float], list[float]]:
    """Each sentence's TextRank and local centrality, from its content words alone.

    The one part of finding ideas that needs nothing but the words, so
    ``extractors.run`` can run it in another process while terms are found.
    """
    return _textrank(bags), _local_centrality(bags)


def _default_limit(sentence_count: int) -> int:
    """One idea per stretch, at least 5 and at most 120."""
    return max(5, min(120, math.ceil(sentence_count / _SENTENCES_PER_IDEA)))


def _is_filler(sentence: Sentence, bag: Sequence[str], vocabulary: list[float]) -> bool:
    """Questions, backchannel, broken-off sentences, and sentences saying too little
    (a short sentence still counts when it names a key term: "핵심은 일반화입니다")."""
    text = sentence.text.strip()
    words = len(set(bag))
    if text.endswith("?") or _BROKEN.search(text):
        return True
    if _FILLER.match(text + " ") and words < _MIN_CONTENT_WORDS:
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
    """Centrality plus key vocabulary plus claim wording, less story and steering.

    ``answers``: the sentence opens the reply to a question, where speakers put
    their point first.
    """
    text = sentence.text
    claim = 0.5 * bool(_KEY_CLAIM.search(text)) + 0.15 * min(len(_CLAIM.findall(text)), 3)
    story = 0.4 if _STORY.search(text) else 0.0
    steering = 0.5 if _STEERING.search(text) or _REACTION.search(text) else 0.0
    addressing = 0.3 if _addresses_listener(sentence) else 0.0
    answer = 0.3 if answers else 0.0
    about = 0.2 if topic else 0.0
    return (centrality + 0.2 * sum(vocabulary) + claim + answer + about
            - story - steering - addressing)


def _leads_to_question(sentences: Sequence[Sentence], questions: list[bool], i: int) -> bool:
    """A question follows in the same utterance (source line): the sentence sets up a
    question, as an interviewer does, rather than making a point."""
    line = sentences[i].line
    for j in range(i + 1, min(len(sentences), i + 6)):
        if sentences[j].line != line:
            return False
        if questions[j]:
            return True
    return False


def _addresses_listener(sentence: Sentence) -> bool:
    """Honorific "-시-" on a statement ("언급하셨습니다", "두고 계신 것 같습니다"): the
    speaker is talking about the other person, an interviewer's remark."""
    return any(tag == "EP" and form in ("시", "으시") or form in _HONORIFIC_VERBS
               for form, tag, _, _, _ in sentence.tokens)


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


def _pick_by_stretch(
    scores: list[float | None], sentences: Sequence[Sentence], bags: Sequence[Sequence[str]],
    limit: int,
) -> list[tuple[float, int]]:
    """The best sentences overall, at most ``_PER_STRETCH`` from each stretch.

    A sentence is skipped when its line already has an idea or it shares most of its
    words with one of the last picks.
    """
    n = len(sentences)
    stretches = max(1, math.ceil(n / _STRETCH))
    ranked = [(s, i) for i, s in enumerate(scores) if s is not None]
    ranked.sort(key=lambda item: (-item[0], item[1]))
    taken: Counter[int] = Counter()
    picked: list[tuple[float, int]] = []
    lines: set[int] = set()
    picked_bags: list[set[str]] = []
    picked_at: set[int] = set()
    for score, index in ranked:
        if len(picked) >= limit:
            break
        stretch = index * stretches // n
        if taken[stretch] >= _PER_STRETCH or sentences[index].line in lines:
            continue
        if any(index + gap in picked_at for gap in range(1 - _MIN_GAP, _MIN_GAP)):
            continue  # too close to a pick
        bag = set(bags[index])
        if any(len(bag & other) > 0.6 * min(len(bag), len(other)) for other in picked_bags[-50:]):
            continue
        picked.append((score, index))
        picked_at.add(index)
        taken[stretch] += 1
        lines.add(sentences[index].line)
        picked_bags.append(bag)
    return picked
