"""From extracts to cards: one card per concept, each with a stable identity.

A card's GUID hashes what the card is about (its kind and normalised key, in the
namespace of its deck), never its position, score, wording of the card faces or the
run, so rebuilding after an edit updates notes in Anki instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

import genanki

from .cloze import escape_literal, leaks, make_cloze
from .extractors.index import DocumentIndex, index_document
from .extractors.phrases import (
    Phrase,
    content_words,
    is_generic,
    normalise_key,
    noun_phrases,
    term_key,
)
from .extractors.sentences import with_continuation
from .types import KINDS, Card, Document, Extract, Sentence, SourceRef

_MAX_CLOZES = 2
_SHORT_QUOTE_CHARS = 12
_TERM_CARDS = 20
# Share of a sentence a definition or quote must say for the sentence to be used up.
_COVERED_SHARE = 0.5
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
    """Hash of what the card says, to tell a changed card from an unchanged one.

    Position is left out (line, time, neighbouring sentences): inserting lines above
    a passage must not count as changing every card after it.
    """
    payload = [card.kind, card.term, card.definition, card.sentence, card.quote, card.cloze,
               card.hint, list(card.examples), card.source.context, card.source.speaker]
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def to_cards(
    doc: Document,
    extracts: Mapping[str, Sequence[Extract]],
    *,
    path: str,
    namespace: str,
    kinds: Iterable[str] = KINDS,
    index: DocumentIndex | None = None,
) -> list[Card]:
    """Cards for the chosen kinds, merging near-duplicates (one card per concept).

    ``index`` is the document's phrase index the extractors used (built here if not given).
    """
    kinds = set(kinds)
    index = index or index_document(doc)
    terms = list(extracts.get("terms", ()))
    key_terms = {normalise_key(t.text): i for i, t in enumerate(terms[:60])}
    cards: list[Card] = []
    defined: set[str] = set()
    used_sentences: set[int] = set()
    if "definition" in kinds:
        for extract in extracts.get("definitions", ()):
            cards.append(_definition_card(doc, index, extract, path, namespace, key_terms))
            defined.add(term_key(extract.term or ""))
            if _covers_sentence(doc, extract):
                used_sentences.add(extract.sentence_index)
    if "quote" in kinds:
        for extract in extracts.get("quotes", ()):
            card = _quote_card(doc, index, extract, path, namespace, key_terms)
            if card is not None:
                cards.append(card)
                if _covers_sentence(doc, extract):
                    used_sentences.add(extract.sentence_index)
    if "idea" in kinds:
        for extract in extracts.get("ideas", ()):
            if extract.sentence_index in used_sentences:
                continue
            card = _idea_card(doc, index, extract, path, namespace, key_terms)
            if card is not None:
                cards.append(card)
    if "term" in kinds:
        bare = [t for t in terms if term_key(t.text) not in defined][:_TERM_CARDS]
        # The sentences using each term, found in one search of the index's keys.
        uses = index.containing(normalise_key(t.text) for t in bare)
        cards.extend(_term_card(doc, index, t, path, namespace, uses) for t in bare)
    return [_with_hash(card) for card in _unique(cards)]


# Ideas and quotes are identified by their wording, so fixing a typo inside one would
# give it a new GUID; a new card this similar to a vanished one takes over its GUID.
SAME_CARD_SIMILARITY = 0.8
_REWORDABLE = ("idea", "quote")


def card_text(card: Card) -> str:
    """The wording an idea or quote card is identified by."""
    return (card.sentence if card.kind == "idea" else card.quote) or card.key


def renamed(new: Sequence[tuple[str, str, str]], gone: Sequence[tuple[str, str, str]]
            ) -> dict[str, str]:
    """Pairs ``new id -> gone id`` of same-kind items whose texts are nearly the same.

    Items are ``(id, kind, text)``; only ideas and quotes are paired, most similar
    first, each at most once.  Quadratic in the items given, which are only the cards
    that appeared and disappeared in one edit.
    """
    candidates = []
    for new_id, kind, text in new:
        if kind not in _REWORDABLE:
            continue
        for gone_id, gone_kind, gone_text in gone:
            if gone_kind != kind:
                continue
            matcher = SequenceMatcher(None, text, gone_text, autojunk=False)
            if matcher.quick_ratio() >= SAME_CARD_SIMILARITY:
                ratio = matcher.ratio()
                if ratio >= SAME_CARD_SIMILARITY:
                    candidates.append((-ratio, new_id, gone_id))
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for _, new_id, gone_id in sorted(candidates):
        if new_id not in pairs and gone_id not in taken:
            pairs[new_id] = gone_id
            taken.add(gone_id)
    return pairs


def _unique(cards: Iterable[Card]) -> list[Card]:
    """One card per GUID (a phrase quoted several times is one quote), the first kept."""
    seen: set[str] = set()
    unique = []
    for card in cards:
        if card.guid not in seen:
            seen.add(card.guid)
            unique.append(card)
    return unique


def _covers_sentence(doc: Document, extract: Extract) -> bool:
    """A definition or quote that says most of its sentence: an idea card on that
    sentence would be the same card again.  A short quote or a definition of a few
    words leaves the sentence's claim free for an idea card."""
    sentence = doc.sentences[extract.sentence_index].text
    said = len(extract.text) + len(extract.term or "")
    return said >= _COVERED_SHARE * len(sentence)


def _with_hash(card: Card) -> Card:
    return replace(card, content_hash=content_hash(card), modified=card.modified or BASELINE_MTIME)


def _source(doc: Document, sentence: Sentence, path: str) -> SourceRef:
    """Where a card comes from: its sentence, and the sentences on either side.

    Where Kiwi cut a sentence with no space between the parts ("'스케일링'" + "은 단지
    ..."), the parts are shown as the one sentence they are.
    """
    sentences = doc.sentences
    first = last = sentence.index
    while first > 0 and sentences[first].start == sentences[first - 1].end:
        first -= 1
    while last + 1 < len(sentences) and sentences[last + 1].start == sentences[last].end:
        last += 1
    context = doc.text[sentences[first].start : sentences[last].end].replace("\n", " ")
    return SourceRef(
        path=path,
        line=sentence.line,
        context=context,
        time=sentence.time,
        speaker=sentence.speaker,
        before=sentences[first - 1].text if first > 0 else "",
        after=sentences[last + 1].text if last + 1 < len(sentences) else "",
    )


def _definition_card(doc: Document, index: DocumentIndex, extract: Extract, path: str,
                     namespace: str, key_terms: dict[str, int]) -> Card:
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
        hint=_hint(index, sentence, term, key_terms),
    )


def _hint(index: DocumentIndex, sentence: Sentence, term: str, key_terms: dict[str, int]) -> str:
    """Other key terms near the definition: context that does not give the answer away."""
    term_key = normalise_key(term)
    near = []
    for phrase in _key_phrases(index, sentence, key_terms):
        if phrase.key != term_key and phrase.key not in term_key and term_key not in phrase.key:
            if phrase.text not in near:
                near.append(phrase.text)
    return ", ".join(near[:2])


def _key_phrases(index: DocumentIndex, sentence: Sentence, key_terms: dict[str, int]
                 ) -> list[Phrase]:
    """Key-term phrases of a sentence, not overlapping one another.

    The longest key term wins an overlap ("강화 학습" over "학습"), so a cloze never
    hides part of a compound; then the better-ranked term.
    """
    found = [p for p in index.phrases[sentence.index]
             if p.key in key_terms and not is_generic(p)]
    found.sort(key=lambda p: (-(p.end - p.start), key_terms[p.key], p.start))
    chosen: list[Phrase] = []
    for phrase in found:
        if all(phrase.end <= c.start or phrase.start >= c.end for c in chosen):
            chosen.append(phrase)
    return chosen


def _cloze(index: DocumentIndex, sentence: Sentence, key_terms: dict[str, int], lo: int,
           hi: int, text: str | None = None, elsewhere: str = "") -> str | None:
    """Cloze text for ``sentence`` (or its part ``text`` starting at ``lo``), or None.

    Hides key terms inside ``[lo, hi)`` (else the most unusual noun phrase): every
    occurrence of a hidden phrase, at most two spans in all, and never a phrase that
    would still show elsewhere on the front (``elsewhere``: more text the front shows).
    """
    chosen: list[tuple[int, int]] = []
    for phrase in _cloze_candidates(index, sentence, key_terms, lo, hi):
        spans = _occurrences(index, sentence, phrase.key, lo, hi)
        if not spans or len(chosen) + len(spans) > _MAX_CLOZES:
            continue
        if any(a < d and c < b for a, b in spans for c, d in chosen):
            continue
        attempt = make_cloze(sentence, sorted(chosen + spans), text=text, offset=lo if text else 0)
        if not leaks(attempt + escape_literal(elsewhere)):
            chosen.extend(spans)
        if len(chosen) >= _MAX_CLOZES:
            break
    if not chosen:
        return None
    return make_cloze(sentence, sorted(chosen), text=text, offset=lo if text else 0)


def _cloze_candidates(index: DocumentIndex, sentence: Sentence, key_terms: dict[str, int],
                      lo: int, hi: int) -> list[Phrase]:
    """Key terms inside ``[lo, hi)``, best-ranked first, then the two most unusual other
    noun phrases (for when every key term is said too often to hide)."""
    inside = [p for p in _key_phrases(index, sentence, key_terms) if lo <= p.start and p.end <= hi]
    inside.sort(key=lambda p: (key_terms[p.key], p.start))
    others = [p for p in noun_phrases(sentence, nested=False)
              if lo <= p.start and p.end <= hi and not is_generic(p) and len(p.key) > 1
              and not p.key.isdigit() and p.key not in key_terms]
    others.sort(key=lambda p: (-p.surprisal, p.start))
    return inside + others[:2]


def _occurrences(index: DocumentIndex, sentence: Sentence, key: str, lo: int, hi: int
                 ) -> list[tuple[int, int]]:
    """Spans of the noun phrases with this key inside ``[lo, hi)``, not overlapping."""
    spans = sorted({(p.start, p.end) for p in index.phrases[sentence.index]
                    if p.key == key and lo <= p.start and p.end <= hi})
    merged: list[tuple[int, int]] = []
    for span in spans:
        if not merged or span[0] >= merged[-1][1]:
            merged.append(span)
    return merged


def _idea_card(doc: Document, index: DocumentIndex, extract: Extract, path: str, namespace: str,
               key_terms: dict[str, int]) -> Card | None:
    sentence = doc.sentences[extract.sentence_index]
    cloze = _cloze(index, sentence, key_terms, 0, len(sentence.text))
    if cloze is None:
        return None
    key = idea_key(sentence)
    return Card(
        kind="idea",
        key=key,
        guid=card_guid("idea", key, namespace),
        source=_source(doc, sentence, path),
        score=extract.score,
        sentence=sentence.text,
        cloze=cloze,
    )


def _quote_card(doc: Document, index: DocumentIndex, extract: Extract, path: str,
                namespace: str, key_terms: dict[str, int]) -> Card | None:
    """A quote card: its key phrase hidden, else "complete the quote".

    A short quote (a term the speaker names, '스케일링') is hidden in its sentence; a
    longer one hides a key term (or its most unusual noun phrase) in whichever of its
    sentences has one, and a quote without any hides its closing words.
    """
    sentence = doc.sentences[extract.sentence_index]
    quote = extract.text
    start, end = extract.span or (0, len(quote))
    cloze: str | None
    if len(quote) <= _SHORT_QUOTE_CHARS and end <= len(sentence.text):
        # Hidden in the clause it belongs to, even where Kiwi cut it off after the quote.
        clause = with_continuation(doc, sentence)
        at = sentence.start + start - clause.start
        cloze = make_cloze(clause, [(at, at + len(quote))])
        if leaks(cloze):
            return None
    else:
        cloze = _quote_phrase_cloze(doc, index, extract, key_terms) or _complete_the_quote(quote)
    if cloze is None:
        return None
    return Card(
        kind="quote",
        key=quote_key(quote),
        guid=card_guid("quote", quote_key(quote), namespace),
        source=_source(doc, sentence, path),
        score=extract.score,
        quote=quote,
        cloze=cloze,
    )


def _quote_phrase_cloze(doc: Document, index: DocumentIndex, extract: Extract,
                        key_terms: dict[str, int]) -> str | None:
    """The quote with a phrase hidden in the first of its sentences that has one."""
    first = doc.sentences[extract.sentence_index]
    quote_start = first.start + (extract.span or (0, 0))[0]
    quote_end = quote_start + len(extract.text)
    if doc.text[quote_start:quote_end] != extract.text:
        return None  # the span does not match the text: better no card than a wrong one
    # By position, not a slice: ``doc.sentences[i:]`` copies the rest of a long text.
    for i in range(extract.sentence_index, len(doc.sentences)):
        sentence = doc.sentences[i]
        if sentence.start >= quote_end:
            break
        lo = max(quote_start, sentence.start) - sentence.start
        hi = min(quote_end, sentence.end) - sentence.start
        before = doc.text[quote_start : sentence.start + lo]
        after = doc.text[sentence.start + hi : quote_end]
        part = _cloze(index, sentence, key_terms, lo, hi, text=sentence.text[lo:hi],
                      elsewhere=before + " " + after)
        if part is not None:
            return escape_literal(before) + part + escape_literal(after)
    return None


def _complete_the_quote(quote: str) -> str | None:
    """The quote with its closing words hidden (after its last comma, else its second half)."""
    body = quote.rstrip(" .?!…\"'”’")
    words = body.split(" ")
    if len(words) < 4:
        return None
    comma = body.rfind(", ")
    split = comma + 2 if comma > len(body) // 3 else len(" ".join(words[: len(words) // 2])) + 1
    hidden = body[split:]
    cloze = (
        escape_literal(quote[:split])
        + "{{c1::"
        + escape_literal(hidden)
        + "}}"
        + escape_literal(quote[len(body) :])
    )
    return None if leaks(cloze) else cloze


def _term_card(
    doc: Document,
    index: DocumentIndex,
    extract: Extract,
    path: str,
    namespace: str,
    uses_of: Mapping[str, list[int]],
) -> Card:
    key = normalise_key(extract.text)
    uses = [doc.sentences[i] for i in uses_of[key]]
    ranked = sorted(uses, key=lambda s: (_example_badness(s, index.words[s.index]), s.index))
    examples = tuple(s.text for s in ranked[:2])
    first = ranked[0] if ranked else doc.sentences[extract.sentence_index]
    return Card(
        kind="term",
        key=key,
        guid=card_guid("term", key, namespace),
        source=_source(doc, first, path),
        score=extract.score,
        term=extract.text,
        examples=examples,
    )


def _example_badness(sentence: Sentence, words: Sequence[str]) -> int:
    """Lower is better: statements of medium length that say something."""
    text = sentence.text
    badness = 0 if 25 <= len(text) <= 160 else 2
    if text.rstrip().endswith("?"):
        badness += 3
    return badness - min(len(set(words)), 8) // 3
