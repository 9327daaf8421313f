"""From extracts to cards: one card per concept, each with a stable identity.

A card's GUID hashes what the card is about (its kind and normalised key, in the
namespace of its deck), never its position, score, wording of the card faces or the
run, so rebuilding after an edit updates notes in Anki instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence

import genanki

from .cloze import make_cloze
from .extractors.phrases import Phrase, content_words, is_generic, noun_phrases, normalise_key
from .types import KINDS, Card, Document, Extract, Sentence, SourceRef

_MAX_CLOZES = 2
_SHORT_QUOTE_CHARS = 12
_TERM_CARDS = 20
# Unix time given to a card that has no recorded change yet (a fresh study set):
# fixed so that the same input always gives the same notes.
BASELINE_MTIME = 1_700_000_000
_PUNCTUATION = re.compile(r"[\W_]+")


def card_guid(kind: str, key: str, namespace: str) -> str:
    """Anki GUID of a card: kind and normalised key, in a deck's namespace."""
    return genanki.guid_for(namespace, kind, normalise_key(key))


def deck_id_for(name: str) -> int:
    """A stable Anki deck id in [2**30, 2**31) derived from the deck name."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def quote_key(text: str) -> str:
    return _PUNCTUATION.sub("", text).lower()


def idea_key(sentence: Sentence) -> str:
    """Content words of the idea sentence, in order: the idea's identity."""
    return " ".join(content_words(sentence))


def content_hash(card: Card) -> str:
    """Hash of what deckgen puts on the note, to tell a changed card from an unchanged one."""
    payload = [card.kind, card.term, card.definition, card.sentence, card.quote, card.cloze,
               card.hint, list(card.examples), card.source.context, card.source.before,
               card.source.after, card.source.line, card.source.time, card.source.speaker]
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def to_cards(
    doc: Document,
    extracts: dict[str, Sequence[Extract]],
    *,
    path: str,
    namespace: str,
    kinds: Iterable[str] = KINDS,
) -> list[Card]:
    """Cards for the chosen kinds, merging near-duplicates (one card per concept)."""
    kinds = set(kinds)
    terms = list(extracts.get("terms", ()))
    key_terms = {normalise_key(t.text): i for i, t in enumerate(terms[:60])}
    cards: list[Card] = []
    defined: set[str] = set()
    used_sentences: set[int] = set()
    if "definition" in kinds:
        for extract in extracts.get("definitions", ()):
            cards.append(_definition_card(doc, extract, path, namespace, key_terms))
            defined.add(normalise_key(extract.term or ""))
            used_sentences.add(extract.sentence_index)
    if "quote" in kinds:
        for extract in extracts.get("quotes", ()):
            card = _quote_card(doc, extract, path, namespace, key_terms)
            if card is not None:
                cards.append(card)
                used_sentences.add(extract.sentence_index)
    if "idea" in kinds:
        for extract in extracts.get("ideas", ()):
            if extract.sentence_index in used_sentences:
                continue
            card = _idea_card(doc, extract, path, namespace, key_terms)
            if card is not None:
                cards.append(card)
    if "term" in kinds:
        bare = [t for t in terms if normalise_key(t.text) not in defined][:_TERM_CARDS]
        # Each sentence's key once, not once per term: the term cards' search for uses
        # then costs one pass over the text, not twenty.
        sentence_keys = [normalise_key(s.text) for s in doc.sentences]
        cards.extend(_term_card(doc, t, path, namespace, sentence_keys) for t in bare)
    return [_with_hash(card) for card in cards]


def _with_hash(card: Card) -> Card:
    from dataclasses import replace

    return replace(card, content_hash=content_hash(card), modified=card.modified or BASELINE_MTIME)


def _source(doc: Document, sentence: Sentence, path: str, context: str | None = None) -> SourceRef:
    before = doc.sentences[sentence.index - 1].text if sentence.index > 0 else ""
    after = doc.sentences[sentence.index + 1].text if sentence.index + 1 < len(doc.sentences) else ""
    return SourceRef(
        path=path,
        line=sentence.line,
        context=context if context is not None else sentence.text,
        time=sentence.time,
        speaker=sentence.speaker,
        before=before,
        after=after,
    )


def _definition_card(doc: Document, extract: Extract, path: str, namespace: str,
                     key_terms: dict[str, int]) -> Card:
    sentence = doc.sentences[extract.sentence_index]
    term = extract.term or extract.text
    return Card(
        kind="definition",
        key=normalise_key(term),
        guid=card_guid("definition", term, namespace),
        source=_source(doc, sentence, path),
        score=extract.score,
        term=term,
        definition=extract.text,
        hint=_hint(doc, sentence, term, key_terms),
    )


def _hint(doc: Document, sentence: Sentence, term: str, key_terms: dict[str, int]) -> str:
    """Other key terms near the definition: context that does not give the answer away."""
    term_key = normalise_key(term)
    near = []
    for phrase in _key_phrases(sentence, key_terms):
        if phrase.key != term_key and phrase.key not in term_key and term_key not in phrase.key:
            if phrase.text not in near:
                near.append(phrase.text)
    return ", ".join(near[:2])


def _key_phrases(sentence: Sentence, key_terms: dict[str, int]) -> list[Phrase]:
    """Key-term phrases of a sentence, not overlapping one another.

    The longest key term wins an overlap ("강화 학습" over "학습"), so a cloze never
    hides part of a compound; then the better-ranked term.
    """
    found = [p for p in noun_phrases(sentence) if p.key in key_terms and not is_generic(p)]
    found.sort(key=lambda p: (-(p.end - p.start), key_terms[p.key], p.start))
    chosen: list[Phrase] = []
    for phrase in found:
        if all(phrase.end <= c.start or phrase.start >= c.end for c in chosen):
            chosen.append(phrase)
    return chosen


def _cloze_targets(sentence: Sentence, key_terms: dict[str, int], lo: int, hi: int) -> list[Phrase]:
    """Up to two phrases to hide inside ``[lo, hi)``: key terms, else the most unusual noun phrase."""
    inside = [p for p in _key_phrases(sentence, key_terms) if lo <= p.start and p.end <= hi]
    inside.sort(key=lambda p: (key_terms[p.key], p.start))
    if not inside:
        candidates = [p for p in noun_phrases(sentence, nested=False)
                      if lo <= p.start and p.end <= hi and not is_generic(p) and len(p.key) > 1
                      and not p.key.isdigit()]
        candidates.sort(key=lambda p: (-p.surprisal, p.start))
        inside = candidates[:1]
    return inside[:_MAX_CLOZES]


def _all_occurrences(sentence: Sentence, phrases: Sequence[Phrase], lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of every occurrence of the chosen phrases, so the front never shows the answer."""
    spans = []
    for phrase in phrases:
        for other in noun_phrases(sentence):
            if other.key == phrase.key and lo <= other.start and other.end <= hi:
                spans.append((other.start, other.end))
    spans = sorted(set(spans))
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and span[0] < merged[-1][1]:
            continue
        merged.append(span)
    return merged


def _idea_card(doc: Document, extract: Extract, path: str, namespace: str,
               key_terms: dict[str, int]) -> Card | None:
    sentence = doc.sentences[extract.sentence_index]
    targets = _cloze_targets(sentence, key_terms, 0, len(sentence.text))
    if not targets:
        return None
    spans = _all_occurrences(sentence, targets, 0, len(sentence.text))
    key = idea_key(sentence)
    return Card(
        kind="idea",
        key=key,
        guid=card_guid("idea", key, namespace),
        source=_source(doc, sentence, path),
        score=extract.score,
        sentence=sentence.text,
        cloze=make_cloze(sentence, spans),
    )


def _quote_card(doc: Document, extract: Extract, path: str, namespace: str,
                key_terms: dict[str, int]) -> Card | None:
    sentence = doc.sentences[extract.sentence_index]
    quote = extract.text
    start, end = extract.span or (0, len(quote))
    if len(quote) <= _SHORT_QUOTE_CHARS and end <= len(sentence.text):
        # A short quote (a named term) is hidden in its sentence.
        cloze = make_cloze(sentence, [(start, end)])
    else:
        hi = min(end, len(sentence.text))
        targets = _cloze_targets(sentence, key_terms, start, hi)
        if not targets:
            return None
        spans = _all_occurrences(sentence, targets, start, hi)
        cloze = make_cloze(sentence, spans, text=quote, offset=start)
    return Card(
        kind="quote",
        key=quote_key(quote),
        guid=card_guid("quote", quote_key(quote), namespace),
        source=_source(doc, sentence, path),
        score=extract.score,
        quote=quote,
        cloze=cloze,
    )


def _term_card(doc: Document, extract: Extract, path: str, namespace: str,
               sentence_keys: Sequence[str]) -> Card:
    term_key = normalise_key(extract.text)
    uses = [s for s, key in zip(doc.sentences, sentence_keys, strict=True) if term_key in key]
    ranked = sorted(uses, key=lambda s: (_example_badness(s), s.index))
    examples = tuple(s.text for s in ranked[:2])
    first = ranked[0] if ranked else doc.sentences[extract.sentence_index]
    return Card(
        kind="term",
        key=term_key,
        guid=card_guid("term", term_key, namespace),
        source=_source(doc, first, path),
        score=extract.score,
        term=extract.text,
        examples=examples,
    )


def _example_badness(sentence: Sentence) -> int:
    """Lower is better: statements of medium length that say something."""
    text = sentence.text
    badness = 0 if 25 <= len(text) <= 160 else 2
    if text.rstrip().endswith("?"):
        badness += 3
    return badness - min(len(set(content_words(sentence))), 8) // 3
