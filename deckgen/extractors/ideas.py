"""Key ideas: the claims a talk makes, the best few sentences of each stretch.

A sentence's score adds up

* centrality: TextRank and how much it shares with the sentences around it
  (``ranking.py``);
* how much of the talk's key vocabulary it carries (the ``terms`` ranking), and
  whether a key term is its topic;
* wording that states a claim: a judgement ("가장 근본적인", "핵심은", "~라고
  생각합니다"), a conclusion ("따라서", "결국"), an obligation ("~해야 합니다"), an
  explanation ("~때문입니다", "~다는 것입니다"), or the opening of an answer;

and takes off for wording that tells a story ("예를 들어", "가정해 봅시다").

Questions, broken-off sentences and sentences with too few content words are no
candidates.  The best ``CANDIDATES_PER_STRETCH`` sentences of each stretch of
``STRETCH`` sentences are: the gate drops the ones that are no good card, and the
selection (``select.py``) takes one or two a stretch, so ideas spread over the whole
talk instead of piling up where the vocabulary is densest.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from ..types import Document, Extract, Sentence
from .index import DocumentIndex, index_document
from .phrases import term_key
from .ranking import rank_sentences

_MIN_CONTENT_WORDS = 4
# The stretches ideas are spread over (a talk states a point every minute or so), and
# the candidates each gives the gate and the selection.
STRETCH = 10
CANDIDATES_PER_STRETCH = 6
# On a long text (a course), fewer: the gate's work stays a small share of the build.
CANDIDATES_PER_LONG_STRETCH = 4
LONG_TEXT = 2000
_KEY_TERMS = 40
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
    per_stretch = CANDIDATES_PER_STRETCH if n < LONG_TEXT else CANDIDATES_PER_LONG_STRETCH
    for found in by_stretch.values():
        found.sort(key=lambda item: (-item[0], item[1]))
        picked.extend(found[:per_stretch])
    picked.sort(key=lambda item: (-item[0], item[1]))
    return picked


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
