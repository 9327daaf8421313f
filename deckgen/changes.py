"""What changed since the previous build, and the modification times that make Anki see it.

Anki updates a note it already has only when the incoming note's modification time
is newer than its own, and a note type only when the incoming one's is.  So:

* a note whose content is that of the previous package keeps that package's time:
  re-importing leaves it alone, and an edit the user made in Anki survives (a note
  that only moved, to another line or time, counts as unchanged);
* a changed note gets the time its content changed (recorded in the study set by
  ``extract --update``), and always a time strictly later than the one it replaces;
* a card edited by hand in the study set (its ``content_hash`` no longer matches)
  counts as changed now;
* a note type keeps its time while its faces and CSS are unchanged, and gets a newer
  one when they change, so a new look updates the note type in place.

Nothing here reads or writes files: the previous package comes in as
``PackageContents``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path

from .cards import content_hash, renamed
from .cloze import unclozed
from .notetypes import RETIRED, SCHEMAS
from .readback import PackageContents, PackagedNote
from .types import KINDS, Card, NoteTypeSpec, RenderedCard


@dataclass(frozen=True)
class RemovedNote:
    """A note of the previous package that the new one no longer has."""

    guid: str
    kind: str
    label: str
    search: str


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote and how it differs from the package it replaces."""

    path: Path
    counts: dict[str, int]
    compared_with: str | None = None
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: tuple[RemovedNote, ...] = ()
    moved: int = 0  # of the unchanged: another line or time only

    def summary(self) -> list[str]:
        """Lines for the user: the counts, then how to find removed notes in Anki."""
        kinds = ", ".join(f"{self.counts[k]} {k}" for k in KINDS if self.counts.get(k))
        lines = [f"{sum(self.counts.values())} cards ({kinds})"]
        if self.compared_with is None:
            lines.append("first build: every card is new")
            return lines
        lines.append(f"since {self.compared_with}: {self.added} added, {self.changed} changed, "
                     f"{self.unchanged} unchanged, {len(self.removed)} removed")
        if self.moved:
            lines.append(f"{self.moved} of the unchanged only moved: in Anki they keep their "
                         "old line or time until they change")
        if self.removed:
            lines.append("Importing never deletes notes: the removed ones stay in Anki. "
                         "Find them in the Browse window with:")
            lines.extend(f"  {note.kind}: {note.label}  ->  {note.search}" for note in self.removed)
        return lines


def carry_identities(cards: Sequence[Card], previous: PackageContents | None) -> list[Card]:
    """Cards that are a reworded idea or quote of the previous package keep its GUID.

    For builds straight from a transcript; a study set keeps GUIDs itself (see
    ``update.py``).  Compared on the cloze text and the quote as the notes show them.
    """
    if previous is None:
        return list(cards)
    current = {card.guid for card in cards}
    kind_of = {schema.model_id: kind for kind, schema in SCHEMAS.items()}
    appeared = [(str(i), card.kind, _note_text(card.kind, card.cloze or "", card.quote or ""))
                for i, card in enumerate(cards) if card.guid not in previous.notes]
    vanished = []
    for guid, note in previous.notes.items():
        kind = kind_of.get(note.model_id, "")
        if guid not in current and kind in ("idea", "quote"):
            text = _note_text(kind, note.fields[0], note.fields[1] if len(note.fields) > 1 else "")
            vanished.append((guid, kind, text))
    pairs = renamed(appeared, sorted(vanished))
    return [replace(card, guid=pairs.get(str(i), card.guid)) for i, card in enumerate(cards)]


def _note_text(kind: str, cloze: str, quote: str) -> str:
    return plain_text(quote if kind == "quote" else cloze)


def resolve_times(
    cards: Sequence[Card],
    notes: Sequence[RenderedCard],
    previous: PackageContents | None,
    now: int,
) -> tuple[list[RenderedCard], BuildReport]:
    """Each note with its modification time, and the counts against ``previous``."""
    timed = []
    added = changed = unchanged = moved = 0
    for card, note in zip(cards, notes, strict=True):
        edited_by_hand = bool(card.content_hash) and card.content_hash != content_hash(card)
        before = previous.notes.get(note.guid) if previous else None
        if before is not None and _same(before, note):
            modified = before.modified
            unchanged += 1
            moved += before.fields != note.fields
        elif before is not None:
            recorded_later = card.modified > before.modified and not edited_by_hand
            modified = card.modified if recorded_later else max(now, before.modified + 1)
            changed += 1
        else:
            modified = max(now, card.modified + 1) if edited_by_hand else card.modified
            added += 1
        timed.append(replace(note, modified=modified))
    removed = _removed(notes, previous)
    report = BuildReport(path=Path(), counts={}, added=added, changed=changed,
                         unchanged=unchanged, removed=removed, moved=moved)
    return timed, report


def _same(before: PackagedNote, note: RenderedCard) -> bool:
    """Unchanged: the same fingerprint, or (for a package without one) the same fields.

    A note whose only change is its position (line, time) keeps its time: re-importing
    then leaves it, and any edit the user made in Anki, alone.
    """
    if before.fingerprint and note.fingerprint:
        return before.fingerprint == note.fingerprint
    return before.fields == note.fields


def note_type_times(
    note_types: Sequence[NoteTypeSpec], previous: PackageContents | None, now: int
) -> dict[int, int]:
    times = {}
    for spec in note_types:
        before = previous.note_types.get(spec.model_id) if previous else None
        faces = tuple((front, back) for _, _, front, back in spec.templates)
        if before is not None and before.faces == faces and before.css == spec.css:
            times[spec.model_id] = before.modified
        else:
            times[spec.model_id] = max(now, before.modified + 1) if before else now
    return times


def _removed(
    notes: Sequence[RenderedCard], previous: PackageContents | None
) -> tuple[RemovedNote, ...]:
    if previous is None:
        return ()
    current = {note.guid for note in notes}
    kind_of = {schema.model_id: kind for kind, schema in SCHEMAS.items()}
    kind_of.update({model_id: kind for model_id, (kind, _) in RETIRED.items()})
    field_of = {model_id: field for model_id, (_, field) in RETIRED.items()}
    deck_of = previous.note_decks
    removed = []
    for guid, note in sorted(previous.notes.items()):
        if guid in current:
            continue
        kind = kind_of.get(note.model_id, "?")
        label = note_label(note.fields[0])
        search = anki_search(kind, note.fields, deck_of.get(guid, ""),
                             field_of.get(note.model_id))
        removed.append(RemovedNote(guid, kind, label, search))
    return tuple(removed)


def anki_search(kind: str, fields: Sequence[str], deck: str, field_name: str | None = None
                ) -> str:
    """An Anki Browse search that finds the note: its deck, kind tag and first words.

    The words are pieces of the stored field that no markup interrupts (a cloze marker,
    a neutral particle, a tag), so they match the raw field in order.  ``field_name``:
    the note's first field, when its note type is not the kind's current one.
    """
    if field_name is None:
        field_name = SCHEMAS[kind].fields[0][0] if kind in SCHEMAS else "Front"
    raw = re.sub(r"<[^>]+>|&[#\w]+;|\{\{c\d+::|::[^{}]*\}\}|\}\}", " ", fields[0])
    words = [w for w in re.split(r"[\s(),.?!'\"“”‘’]+", raw) if len(w) > 1][:4]
    pattern = "*" + "*".join(_escape_search(w) for w in words) + "*" if words else "*"
    parts = [f'"deck:{_escape_deck(deck)}"'] if deck else []
    if kind in SCHEMAS:
        parts.append(f"tag:deckgen::{kind}")
    parts.append(f'"{field_name}:{pattern}"')
    return " ".join(parts)


def _escape_search(text: str) -> str:
    """Escape the characters Anki's search syntax gives a meaning to."""
    return re.sub(r'([\\"*_:()\-])', r"\\\1", text)


def _escape_deck(name: str) -> str:
    """A deck name in a search: "::" keeps its meaning (subdeck), wildcards are literal."""
    return re.sub(r'([\\"*_])', r"\\\1", name)


def note_label(html: str) -> str:
    """A note as a report names it: the start of its first field, as text."""
    return plain_text(html)[:60]


def plain_text(html: str) -> str:
    """A field's text as a label: no markup, no cloze marks, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", "", html)
    text = unclozed(text)
    return " ".join(unescape(text).split())
