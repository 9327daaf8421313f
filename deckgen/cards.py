"""From the chosen drafts to cards, each with a stable identity.

A card's GUID hashes what the card is about (its kind and normalised key, in the
namespace of its deck), never its position, score, wording of the card faces or the
run, so rebuilding after an edit updates notes in Anki instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

import genanki

from .blanks import key_phrases, specific
from .cloze import escape_literal, make_cloze
from .extractors.index import DocumentIndex, index_document
from .extractors.phrases import content_words, normalise_key, term_key
from .types import Card, Document, Extract, Sentence, SourceRef

# Unix time given to a card that has no recorded change yet (a fresh study set):
# fixed so that the same input always gives the same notes.
BASELINE_MTIME = 1_700_000_000
_PUNCTUATION = re.compile(r"[\W_]+")


# Term cards were notes of another note type before they became clozes: Anki skips a
# note whose GUID it already has under another note type, so the clozes take new GUIDs.
_GUID_KINDS = {"term": "term cloze"}


def card_guid(kind: str, key: str, namespace: str) -> str:
    """Anki GUID of a card: kind and normalised key, in a deck's namespace."""
    return genanki.guid_for(namespace, _GUID_KINDS.get(kind, kind), normalise_key(key))


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
    chosen: Sequence[Extract],
    *,
    path: str,
    namespace: str,
    index: DocumentIndex | None = None,
    terms: Sequence[Extract] = (),
) -> list[Card]:
    """The cards of the drafts ``select.py`` chose, in that order.

    ``index`` is the document's phrase index the extractors used (built here if not
    given); ``terms`` the key-term ranking, for the definitions' hints.
    """
    index = index or index_document(doc)
    key_terms = {term_key(t.text): i for i, t in enumerate(terms[:60])}
    makers = {"definition": _definition_card, "idea": _idea_card, "quote": _quote_card,
              "term": _term_card}
    cards = [makers[draft.kind](doc, index, draft, path, namespace, key_terms)
             for draft in chosen]
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


def _definition_card(doc: Document, index: DocumentIndex, draft: Extract, path: str,
                     namespace: str, key_terms: dict[str, int]) -> Card:
    sentence = doc.sentences[draft.sentence_index]
    term = draft.term or draft.text
    return Card(
        kind="definition",
        key=normalise_key(term),
        guid=card_guid("definition", term, namespace),
        source=_source(doc, sentence, path),
        score=draft.score,
        term=term,
        definition=draft.text,
        hint=_hint(index, sentence, term, draft.text, key_terms),
    )


def _hint(index: DocumentIndex, sentence: Sentence, term: str, definition: str,
          key_terms: dict[str, int]) -> str:
    """Other key terms near the definition: context that gives neither the term nor
    any word of the answer away.  Only specific ones: a short word ("반면", "표기")
    says nothing a student could use."""
    term_key = normalise_key(term)
    answer = normalise_key(definition)
    near = []
    for phrase in key_phrases(index, sentence, key_terms):
        if phrase.key in term_key or term_key in phrase.key or phrase.key in answer:
            continue
        if not specific(phrase):
            continue
        if phrase.text not in near:
            near.append(phrase.text)
    return ", ".join(near[:2])


def _idea_card(doc: Document, index: DocumentIndex, draft: Extract, path: str,
               namespace: str, key_terms: dict[str, int]) -> Card:
    sentence = doc.sentences[draft.sentence_index]
    key = idea_key(sentence)
    return Card(
        kind="idea",
        key=key,
        guid=card_guid("idea", key, namespace),
        source=_source(doc, sentence, path),
        score=draft.score,
        sentence=sentence.text,
        cloze=make_cloze(sentence, draft.blanks),
    )


def _quote_card(doc: Document, index: DocumentIndex, draft: Extract, path: str,
                namespace: str, key_terms: dict[str, int]) -> Card:
    """The quote with its key term hidden; the blank lies in its first sentence."""
    sentence = doc.sentences[draft.sentence_index]
    quote = draft.text
    start, end = draft.span or (0, len(quote))
    stop = min(end, len(sentence.text))
    part = make_cloze(sentence, draft.blanks, text=sentence.text[start:stop], offset=start)
    return Card(
        kind="quote",
        key=quote_key(quote),
        guid=card_guid("quote", quote_key(quote), namespace),
        source=_source(doc, sentence, path),
        score=draft.score,
        quote=quote,
        cloze=part + escape_literal(quote[stop - start:]),
    )


def _term_card(doc: Document, index: DocumentIndex, draft: Extract, path: str,
               namespace: str, key_terms: dict[str, int]) -> Card:
    """A key term hidden in the sentence that explains it best."""
    sentence = doc.sentences[draft.sentence_index]
    term = draft.term or ""
    key = normalise_key(term)
    return Card(
        kind="term",
        key=key,
        guid=card_guid("term", key, namespace),
        source=_source(doc, sentence, path),
        score=draft.score,
        term=term,
        sentence=sentence.text,
        cloze=make_cloze(sentence, draft.blanks),
    )
