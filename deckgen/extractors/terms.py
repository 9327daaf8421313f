"""Key terms: the noun phrases a talk is about, ranked by termhood.

A term candidate is a noun phrase from Kiwi's tags (see ``phrases.py``); a noun used
as a verb or adjective stem ("구축하다", "유용한") is not a term occurrence, and "N의 N"
counts together with "N N" ("연구의 시대" = "연구 시대").  Its score multiplies

* evidence: how often it occurs, counting only occurrences not explained by a longer
  candidate that contains it (the C-value idea: "학습" inside "강화 학습" is not
  evidence for "학습" alone), plus a bonus each time a speaker *introduces* it: the
  phrase is quoted ('스케일링'), glossed in Latin letters ("확장(scaling)"), or named
  by a definition pattern ("X란", "X라는 개념", "X라고 합니다", "X는 ...을 말합니다");
* specificity from Kiwi's language model (mean surprisal of its nouns): a talk's
  vocabulary is costly for a general model, "생각" and "사람" are cheap.  Latin words
  in a Korean talk are names or technical words, whatever Kiwi's cost for the tag;
* burstiness: a concept is talked about in stretches, while everyday nouns ("세상",
  "인간") are spread evenly over the talk (Katz 1996; Church & Gale 1995).  Observed
  against expected number of stretches a word with that frequency would touch;
* length: a multi-word phrase that recurs is a stronger term than one of its words.

Rare concepts a talk introduces late, once or twice, have little frequency evidence:
they compete through the introduction bonus and specificity.  Generic nouns never
become terms (``phrases.GENERIC_NOUNS``).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from ..types import Document, Extract
from .index import DocumentIndex, index_document
from .phrases import EVERYDAY_NOUNS, GENERIC_NOUNS, VAGUE_NOUNS, Phrase, term_key
from .term_signals import NAMING_HINT, bracketed, drop_misread, is_named

# Mean surprisal (nats) of a phrase's costliest word at which it says nothing about
# the talk, and at which it counts as fully specific; specificity is capped.
_GENERIC_SURPRISAL = 6.0
_SPECIFIC_SURPRISAL = 11.0
_MAX_SPECIFICITY = 1.6
# A word said once (and not named) is a term only when it is this specific and written
# as one word ("출가외인", "반야심경"): a phrase of several words said once is a
# description ("비관적인 러시아인", "의정부 주위"), not a term.
_RARE_SPECIFIC_SURPRISAL = 13.0
# Latin words: Kiwi scores the SL tag as a class, so its cost says little.
_LATIN_SURPRISAL = 11.0
_INTRODUCED_BONUS = 1.5
# Weight of each extra noun of a phrase (up to two): a recurring compound is a term.
_LENGTH_BONUS = 0.5
# At most this many stretches of the talk are compared for burstiness.
_STRETCHES = 40


@dataclass
class _Stats:
    count: int = 0
    lines: set[int] = field(default_factory=set)
    windows: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)
    surprisal: float = 0.0
    nouns: int = 1
    named: int = 0
    free: int = 0
    latin: bool = False
    first_index: int = 0


def extract_terms(
    doc: Document, *, limit: int | None = None, index: DocumentIndex | None = None
) -> list[Extract]:
    """Key terms of the document, best first, as ``term`` extracts."""
    index = index or index_document(doc)
    stats = _collect(doc, index)
    drop_misread(stats)
    _count_definitions(doc, stats, index)
    containers = _containers(stats)
    stretches = min(_STRETCHES, max(1, len(doc.sentences) // 10))
    scored = []
    for key, st in stats.items():
        score = _score(key, st, stats, containers, stretches)
        if score > 0:
            scored.append((score, key))
    scored.sort(key=lambda item: (-item[0], stats[item[1]].first_index, item[1]))
    kept = _drop_absorbed(scored, stats, containers)
    extracts = []
    for score, key in kept:
        text = _spelling(stats[key].forms)
        extracts.append(Extract(kind="term", text=text, term=text,
                                sentence_index=stats[key].first_index, score=round(score, 4),
                                lines=tuple(sorted(stats[key].lines))))
    return extracts[:limit] if limit is not None else extracts


def _spelling(forms: Counter[str]) -> str:
    """The most used spelling; ties go to the one with spaces ("사전 훈련")."""
    return sorted(forms.items(), key=lambda item: (-item[1], -item[0].count(" "), item[0]))[0][0]


def _collect(doc: Document, index: DocumentIndex) -> dict[str, _Stats]:
    stats: dict[str, _Stats] = {}
    occurrences: list[list[tuple[int, int, str]]] = []
    windows = min(_STRETCHES, max(1, len(doc.sentences) // 10))
    total = max(len(doc.sentences), 1)
    # Whether a phrase is rejected depends on its text and nouns alone (once its own
    # flags pass): a talk repeats its phrases, so each is judged once.
    rejected: dict[tuple[str, tuple[str, ...]], bool] = {}
    for sentence, phrases in zip(doc.sentences, index.phrases, strict=True):
        found: list[tuple[int, int, str]] = []
        counted: set[str] = set()
        brackets = bracketed(sentence.text)
        may_name = NAMING_HINT.search(sentence.text) is not None
        for phrase in phrases:
            if phrase.predicative or phrase.generic:
                continue
            spelling = (phrase.text, phrase.nouns)
            is_rejected = rejected.get(spelling)
            if is_rejected is None:
                is_rejected = rejected[spelling] = _rejected(phrase)
            if is_rejected or brackets and any(
                    a <= phrase.start and phrase.end <= b for a, b in brackets):
                continue
            # The phrase's key is its term key unless a linking "의" is to be dropped.
            key = phrase.key if "의" not in phrase.text else term_key(phrase.text)
            st = stats.get(key)
            if st is None:
                st = stats[key] = _Stats(nouns=len(phrase.nouns), first_index=sentence.index,
                                         latin=_is_latin(phrase))
            st.forms[phrase.text] += 1
            st.surprisal += phrase.surprisal
            if key not in counted:  # once per sentence
                counted.add(key)
                st.count += 1
                st.lines.add(sentence.line)
                st.windows.add(sentence.index * windows // total)
            found.append((phrase.start, phrase.end, key))
            if is_named(sentence, phrase, may_name):
                st.named += 1
        occurrences.append(found)
    _count_free(occurrences, stats)
    return stats


def _count_definitions(doc: Document, stats: dict[str, _Stats], index: DocumentIndex) -> None:
    """A phrase the speaker defines (by a pattern that needs no ranking) is introduced."""
    from .definitions import extract_definitions

    for key in {term_key(d.term or "") for d in extract_definitions(doc, index=index)}:
        # A defined "진정한 보상 해킹" or "종교로써 불교" introduces the phrase it ends with.
        named = key if key in stats else max(
            (k for k in (key[i:] for i in range(1, len(key) - 1)) if k in stats),
            key=len, default=None)
        if named is not None:
            stats[named].named += 1


def _count_free(occurrences: list[list[tuple[int, int, str]]], stats: dict[str, _Stats]) -> None:
    """Count, per candidate, the sentences where it occurs outside any longer recurring one."""
    for found in occurrences:
        covered = _covered(found, stats)
        free: dict[str, None] = {}
        for start, end, key in found:
            if covered is None or not covered(start, end):
                free[key] = None
        for key in free:
            stats[key].free += 1


def _covered(found: list[tuple[int, int, str]], stats: dict[str, _Stats]
             ) -> Callable[[int, int], bool] | None:
    """Whether a span lies inside a longer span of a recurring candidate of ``found``.

    A longer span containing ``[start, end)`` is one with ``s <= start``, ``e >= end``
    and another span; with the largest ``e`` over the spans starting at or before
    ``start`` (and strictly before it) that is two lookups, not a pass over all of
    ``found`` for each span (long English lines have hundreds of phrases).  None when
    no candidate of ``found`` recurs, so none is covered.
    """
    spans = sorted({(s, e) for s, e, k in found if stats[k].count >= 2})
    if not spans:
        return None
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))

    def covered(start: int, end: int) -> bool:
        at_or_before = bisect_right(starts, start)
        if at_or_before and reach[at_or_before - 1] > end:
            return True
        before = bisect_left(starts, start)
        return bool(before) and reach[before - 1] >= end

    return covered


def _rejected(phrase: Phrase) -> bool:
    if phrase.predicative or phrase.generic or len(phrase.key) < 2:
        return True
    if len(phrase.nouns) == 1 and phrase.key in EVERYDAY_NOUNS:
        return True
    text = phrase.text
    if text.endswith("적"):
        return True  # "점진적(인)", "초인적(으로)": a modifier, the noun it modifies is the term
    if "의 " in text and len(text.split("의 ")[0].strip()) < 2:
        return True  # "t의 비용 함수": a one-letter modifier is a variable, not a kind
    nouns = phrase.nouns
    if len(nouns) > 1 and (nouns[-1] in VAGUE_NOUNS or nouns[0] in GENERIC_NOUNS and " " in text):
        # "컴퓨트 파워의 양", "접근 방식": the head says what it is, and it says nothing;
        # "양의 컴퓨팅", "때 결혼": a generic first word is a quantity or a time, not a kind.
        return True
    if phrase.key.isdigit() or not any(map(str.isalpha, phrase.key)):
        return True
    if "중" in nouns[1:-1]:
        return True  # "시스템 중 처음 N개", "학습 중 손실": some of a kind, or a time
    # One-letter Latin ("X", "A") and bare numbers with units are not terms.
    return max(map(len, nouns), default=0) < 2


def _is_latin(phrase: Phrase) -> bool:
    return any(ch.isascii() and ch.isalpha() for ch in phrase.text)


def _containers(stats: dict[str, _Stats]) -> dict[str, list[str]]:
    """For each key, the longer recurring candidate keys that contain it.

    Enumerates the substrings of each candidate (keys are short), which keeps this
    linear in the number of candidates.
    """
    containers: dict[str, set[str]] = defaultdict(set)
    for other, st in stats.items():
        if st.count < 2:
            continue
        for i in range(len(other)):
            for j in range(i + 2, len(other) + 1):
                part = other[i:j]
                if part != other and part in stats:
                    containers[part].add(other)
    return {key: sorted(found) for key, found in containers.items()}


def _score(key: str, st: _Stats, stats: dict[str, _Stats], containers: dict[str, list[str]],
           stretches: int) -> float:
    mean_cost = _LATIN_SURPRISAL if st.latin else st.surprisal / max(sum(st.forms.values()), 1)
    said = sum(st.forms.values())
    if said < 2 and not st.named and (mean_cost < _RARE_SPECIFIC_SURPRISAL
                                      or " " in _spelling(st.forms)):
        return 0.0
    evidence = math.log2(1.0 + st.free) + _INTRODUCED_BONUS * min(st.named, 2)
    specificity = (mean_cost - _GENERIC_SURPRISAL) / (_SPECIFIC_SURPRISAL - _GENERIC_SURPRISAL)
    specificity = min(max(specificity, 0.1), _MAX_SPECIFICITY)
    length = 1.0 + _LENGTH_BONUS * min(st.nouns - 1, 2)
    return evidence * specificity * length * _burstiness(st, stretches)


def _burstiness(st: _Stats, stretches: int) -> float:
    """Expected over observed number of stretches touched, square-rooted, in [1, 1.6]."""
    if stretches < 4 or st.count < 3:
        return 1.0
    expected = stretches * (1.0 - (1.0 - 1.0 / stretches) ** st.count)
    ratio = expected / max(len(st.windows), 1)
    return min(max(ratio, 1.0), 2.6) ** 0.5


def _drop_absorbed(
    scored: list[tuple[float, str]], stats: dict[str, _Stats], containers: dict[str, list[str]]
) -> list[tuple[float, str]]:
    """Drop a candidate that almost only occurs inside one better-ranked longer term."""
    rank = {key: i for i, (_, key) in enumerate(scored)}
    kept = []
    for score, key in scored:
        absorbed = any(
            rank.get(other, len(rank)) < rank[key] and stats[other].count >= 0.7 * stats[key].count
            for other in containers.get(key, [])
        )
        if not absorbed:
            kept.append((score, key))
    return kept
