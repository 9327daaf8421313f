"""The study set: the editable JSON file a deck is built from.

``dumps`` and ``loads`` convert between ``StudySet`` and its JSON text; they do no
I/O.  The format (``"deckgen_study_set": 1``) is meant to be read and edited by
people: delete a card to drop it, edit a field to change the note.  Output is
deterministic: the same study set always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from . import studyset_fields as fields
from .errors import DeckgenError
from .jsontext import parse_json
from .types import KINDS, Card, DeckSpec, DeletedCard, SourceInfo, SourceRef, StudySet, Term

FORMAT_VERSION = 1
_TEXT_FIELDS = ("term", "definition", "sentence", "quote", "cloze", "hint")


def dumps(study_set: StudySet) -> str:
    data = {
        "deckgen_study_set": FORMAT_VERSION,
        "deck": {"name": study_set.deck.name, "id": study_set.deck.deck_id},
        "sources": [_source_json(s) for s in study_set.sources],
        "terms": [
            {"term": t.term, "score": t.score, "lines": list(t.lines), "path": s.path}
            for s in study_set.sources
            for t in s.terms
        ],
        "cards": [_card_json(c) for c in study_set.cards],
        "deleted": [{"guid": d.guid, "kind": d.kind, "key": d.key} for d in study_set.deleted],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _source_json(source: SourceInfo) -> dict[str, Any]:
    return {"path": source.path, "sha256": source.sha256, "deck": source.deck,
            "namespace": source.namespace, "generated": list(source.generated)}


def _card_json(card: Card) -> dict[str, Any]:
    data: dict[str, Any] = {"guid": card.guid, "kind": card.kind, "key": card.key}
    for name in _TEXT_FIELDS:
        value = getattr(card, name)
        if value is not None:
            data[name] = value
    if card.examples:
        data["examples"] = list(card.examples)
    data["score"] = card.score
    source: dict[str, Any] = {"path": card.source.path, "line": card.source.line,
                              "context": card.source.context}
    if card.source.time is not None:
        source["start"] = card.source.time
    if card.source.speaker:
        source["speaker"] = card.source.speaker
    if card.source.before:
        source["before"] = card.source.before
    if card.source.after:
        source["after"] = card.source.after
    data["source"] = source
    data["modified"] = card.modified
    data["content_hash"] = card.content_hash
    if card.edited:
        data["edited"] = True
    return data


def loads(text: str, origin: str) -> StudySet:
    """Parse a study set, with an error naming the file and the bad entry."""
    data = parse_json(text, origin)
    if not isinstance(data, dict) or "deckgen_study_set" not in data:
        raise DeckgenError(f"{origin}: not a deckgen study set (no \"deckgen_study_set\" key)")
    if data["deckgen_study_set"] != FORMAT_VERSION:
        raise DeckgenError(f"{origin}: study set format {data['deckgen_study_set']!r:.40} is not "
                           f"supported; this deckgen reads format {FORMAT_VERSION}")
    try:
        deck_entry = _object(data.get("deck"), "deck")
        deck = DeckSpec(name=fields.text(deck_entry.get("name"), "deck name", required=True),
                        deck_id=fields.integer(deck_entry.get("id"), "deck id", 1, 2**63 - 1))
        terms_by_path: dict[str, list[Term]] = {}
        for entry in fields.listed(data.get("terms"), "terms"):
            entry = _object(entry, "a term")
            terms_by_path.setdefault(fields.text(entry.get("path"), "path"), []).append(
                Term(term=fields.text(entry.get("term"), "term", required=True),
                     score=fields.number(entry.get("score", 0), "score", -1e9, 1e9),
                     lines=tuple(fields.integer(n, "line", 0, fields.MAX_LINE)
                                 for n in fields.listed(entry.get("lines"), "lines"))))
        sources = tuple(_source(_object(s, "a source"), deck, terms_by_path)
                        for s in fields.listed(data.get("sources"), "sources"))
        cards = tuple(_card(entry, i)
                      for i, entry in enumerate(fields.listed(data.get("cards"), "cards"), 1))
        deleted = tuple(_deleted(_object(d, "a deleted card"))
                        for d in fields.listed(data.get("deleted"), "deleted"))
    except fields.Malformed as exc:
        raise DeckgenError(f"{origin}: malformed study set ({exc})") from None
    duplicate = fields.duplicate_guid(cards)
    if duplicate:
        raise DeckgenError(f"{origin}: {duplicate}")
    known = {s.path for s in sources}
    for card in cards:
        if card.source.path not in known:
            raise DeckgenError(f"{origin}: card {card.guid} comes from {card.source.path!r}, "
                               "which is not listed in \"sources\"")
    return StudySet(deck=deck, sources=sources, cards=cards, deleted=deleted)


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fields.Malformed(f"{what} is not an object")
    return value


def _source(entry: dict[str, Any], deck: DeckSpec, terms: dict[str, list[Term]]) -> SourceInfo:
    path = fields.text(entry.get("path"), "path", required=True)
    return SourceInfo(
        path=path,
        sha256=fields.text(entry.get("sha256"), "sha256"),
        deck=fields.text(entry.get("deck"), "deck") or deck.name,
        namespace=fields.text(entry.get("namespace"), "namespace") or str(deck.deck_id),
        terms=tuple(terms.get(path, ())),
        generated=tuple(fields.text(g, "generated", required=True)
                        for g in fields.listed(entry.get("generated"), "generated")),
    )


def _deleted(entry: dict[str, Any]) -> DeletedCard:
    return DeletedCard(guid=fields.text(entry.get("guid"), "guid", required=True),
                       kind=fields.text(entry.get("kind"), "kind"),
                       key=fields.text(entry.get("key"), "key"))


def _card(entry: Any, number: int) -> Card:
    try:
        return _read_card(entry, number)
    except fields.Malformed as exc:
        kind = entry.get("kind") if isinstance(entry, dict) else None
        label = f"card {number} ({kind})" if kind in KINDS else f"card {number}"
        raise fields.Malformed(f"{label}: {exc}") from None


def _read_card(entry: Any, number: int) -> Card:
    entry = _object(entry, "it")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise fields.Malformed(f"kind {str(kind)[:20]!r} is not one of {', '.join(KINDS)}")
    texts = {name: fields.optional_text(entry.get(name), name) for name in _TEXT_FIELDS}
    required = {
        "definition": ("term", "definition"),
        "term": ("term",),
        "idea": ("cloze",),
        "quote": ("quote", "cloze"),
    }[kind]
    for name in required:
        if not (texts[name] or "").strip():
            raise fields.Malformed(f'missing "{name}"')
    fields.check_blanks(kind, texts["cloze"])
    source = _object(entry.get("source") or {}, "source")
    start = source.get("start")
    return Card(
        kind=kind,
        key=fields.text(entry.get("key"), "key"),
        guid=fields.text(entry.get("guid"), "guid", required=True),
        source=SourceRef(
            path=fields.text(source.get("path"), "path"),
            line=fields.integer(source.get("line", 0), "line", 0, fields.MAX_LINE),
            context=fields.text(source.get("context"), "context"),
            time=fields.number(start, "start") if start is not None else None,
            speaker=fields.optional_text(source.get("speaker"), "speaker"),
            before=fields.text(source.get("before"), "before"),
            after=fields.text(source.get("after"), "after"),
        ),
        score=fields.number(entry.get("score", 0.0), "score", -1e9, 1e9),
        examples=tuple(fields.text(e, "example")
                       for e in fields.listed(entry.get("examples"), "examples")),
        modified=fields.integer(entry.get("modified", 0), "modified"),
        content_hash=fields.text(entry.get("content_hash"), "content_hash"),
        edited=entry.get("edited") is True,
        **texts,
    )
