"""Key terms: the noun phrases a talk is about, ranked by termhood.

A term candidate is a noun phrase from Kiwi's tags (see ``phrases.py``).  Its score
combines

* how often it occurs, counting only occurrences not explained by a longer
  candidate that contains it (the C-value idea: "학습" inside "강화 학습" is not
  evidence for "학습" alone);
* how unusual its words are, from Kiwi's own language model (mean surprisal): a
  talk's vocabulary is costly for a general model, "생각" and "사람" are cheap;
* signals that a speaker is introducing a concept: the phrase is quoted
  ('스케일링'), glossed in Latin letters ("가치 함수(value function)"), or named in
  a definition pattern ("X란", "X라고 합니다").

Generic nouns never become terms (``phrases.GENERIC_NOUNS``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..types import Document, Extract, Sentence
from .phrases import Phrase, is_generic, noun_phrases

# Surprisal (nats) at which a word counts as fully "specific".
_SPECIFIC_SURPRISAL = 9.0
_QUOTE_OPEN = "'\"‘“「『"
_QUOTE_CLOSE = "'\"’”」』"
# A phrase right before one of these is being named or defined.
_NAMING_AFTER = re.compile(r"^\s*(?:\(|이?란\b|이?라는|이?라고|이?라 ?(?:부르|하)|즉)")


@dataclass
class _Stats:
    count: int = 0
    lines: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)
    surprisal: float = 0.0
    nouns: int = 1
    named: int = 0
    first_index: int = 0


def extract_terms(doc: Document, *, limit: int | None = None) -> list[Extract]:
    """Key terms of the document, best first, as ``term`` extracts."""
    stats = _collect(doc)
    containers = _containers(stats)
    scored = []
    for key, st in stats.items():
        score = _score(key, st, stats, containers)
        if score > 0:
            scored.append((score, key))
    scored.sort(key=lambda item: (-item[0], stats[item[1]].first_index, item[1]))
    kept = _drop_absorbed(scored, stats, containers)
    extracts = [
        Extract(
            kind="term",
            text=stats[key].forms.most_common(1)[0][0],
            term=stats[key].forms.most_common(1)[0][0],
            sentence_index=stats[key].first_index,
            score=round(score, 4),
            lines=tuple(sorted(stats[key].lines)),
        )
        for score, key in kept
    ]
    return extracts[:limit] if limit is not None else extracts


def _collect(doc: Document) -> dict[str, _Stats]:
    stats: dict[str, _Stats] = {}
    for sentence in doc.sentences:
        seen: set[str] = set()
        for phrase in noun_phrases(sentence):
            if _rejected(phrase):
                continue
            st = stats.get(phrase.key)
            if st is None:
                st = stats[phrase.key] = _Stats(nouns=len(phrase.nouns), first_index=sentence.index)
            st.forms[phrase.text] += 1
            st.surprisal += phrase.surprisal
            if phrase.key not in seen:
                st.count += 1
                st.lines.add(sentence.line)
                seen.add(phrase.key)
            if _is_named(sentence, phrase):
                st.named += 1
    return stats


def _rejected(phrase: Phrase) -> bool:
    if is_generic(phrase) or len(phrase.key) < 2:
        return True
    if phrase.key.isdigit() or not any(ch.isalpha() for ch in phrase.key):
        return True
    # One-letter Latin ("X", "A") and bare numbers with units are not terms.
    return all(len(noun) < 2 for noun in phrase.nouns)


def _is_named(sentence: Sentence, phrase: Phrase) -> bool:
    text = sentence.text
    before = text[phrase.start - 1] if phrase.start > 0 else ""
    after = text[phrase.end] if phrase.end < len(text) else ""
    if before and before in _QUOTE_OPEN and after in _QUOTE_CLOSE:
        return True
    return bool(_NAMING_AFTER.match(text[phrase.end : phrase.end + 12]))


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


def _score(key: str, st: _Stats, stats: dict[str, _Stats], containers: dict[str, list[str]]) -> float:
    longer = containers.get(key, [])
    nested = sum(stats[other].count for other in longer) / len(longer) if longer else 0.0
    own = max(st.count - nested, 0.0)
    if st.count < 2 and not st.named:
        return 0.0
    specificity = min(st.surprisal / max(sum(st.forms.values()), 1) / _SPECIFIC_SURPRISAL, 1.5)
    length = 1.0 + 0.35 * min(st.nouns - 1, 2)
    named = 1.0 + 0.5 * min(st.named, 3)
    return math.log2(1.0 + own) * specificity * length * named


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
