"""The study set: the editable JSON file a deck is built from.

``dumps`` and ``loads`` convert between ``StudySet`` and its JSON text; they do no
I/O.  The format (``"deckgen_study_set": 1``) is meant to be read and edited by
people: delete a card to drop it, edit a field to change the note.  Output is
deterministic: the same study set always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import DeckgenError
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
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeckgenError(f"{origin}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or "deckgen_study_set" not in data:
        raise DeckgenError(f"{origin}: not a deckgen study set (no \"deckgen_study_set\" key)")
    if data["deckgen_study_set"] != FORMAT_VERSION:
        raise DeckgenError(f"{origin}: study set format {data['deckgen_study_set']!r} is not "
                           f"supported; this deckgen reads format {FORMAT_VERSION}")
    try:
        deck = DeckSpec(name=_str(data["deck"], "name"), deck_id=int(data["deck"]["id"]))
        terms_by_path: dict[str, list[Term]] = {}
        for entry in data.get("terms", []):
            terms_by_path.setdefault(entry.get("path", ""), []).append(
                Term(term=str(entry["term"]), score=float(entry["score"]),
                     lines=tuple(int(n) for n in entry.get("lines", ()))))
        sources = tuple(
            SourceInfo(path=_str(s, "path"), sha256=str(s.get("sha256", "")),
                       deck=str(s.get("deck") or deck.name),
                       namespace=str(s.get("namespace") or deck.deck_id),
                       terms=tuple(terms_by_path.get(s["path"], ())),
                       generated=tuple(str(g) for g in s.get("generated", ())))
            for s in data.get("sources", [])
        )
        cards = tuple(_card(entry, i) for i, entry in enumerate(data.get("cards", []), start=1))
        deleted = tuple(DeletedCard(guid=str(d["guid"]), kind=str(d.get("kind", "")),
                                    key=str(d.get("key", "")))
                        for d in data.get("deleted", []))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DeckgenError(f"{origin}: malformed study set ({_describe(exc)})") from None
    known = {s.path for s in sources}
    for card in cards:
        if card.source.path not in known:
            raise DeckgenError(f"{origin}: card {card.guid} comes from {card.source.path!r}, "
                               "which is not listed in \"sources\"")
    return StudySet(deck=deck, sources=sources, cards=cards, deleted=deleted)


def _card(entry: dict[str, Any], number: int) -> Card:
    if not isinstance(entry, dict):
        raise ValueError(f"card {number} is not an object")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ValueError(f"card {number}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if not entry.get("guid"):
        raise ValueError(f"card {number}: missing \"guid\"")
    source = entry.get("source") or {}
    texts = {
        name: (str(entry[name]) if entry.get(name) is not None else None) for name in _TEXT_FIELDS
    }
    required = {
        "definition": ("term", "definition"),
        "term": ("term",),
        "idea": ("cloze",),
        "quote": ("quote", "cloze"),
    }[kind]
    for name in required:
        if not texts[name]:
            raise ValueError(f'card {number} ({kind}): missing "{name}"')
    return Card(
        kind=kind,
        key=str(entry.get("key", "")),
        guid=str(entry["guid"]),
        source=SourceRef(
            path=str(source.get("path", "")),
            line=int(source.get("line", 0)),
            context=str(source.get("context", "")),
            time=float(source["start"]) if source.get("start") is not None else None,
            speaker=source.get("speaker"),
            before=str(source.get("before", "")),
            after=str(source.get("after", "")),
        ),
        score=float(entry.get("score", 0.0)),
        examples=tuple(str(e) for e in entry.get("examples", ())),
        modified=int(entry.get("modified", 0)),
        content_hash=str(entry.get("content_hash", "")),
        edited=bool(entry.get("edited", False)),
        **texts,
    )


def _str(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'"{key}" must be a non-empty string')
    return value


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc)
