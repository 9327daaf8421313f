"""The three-way merge of ``deckgen sync``: what deckgen writes now into what a collection holds.

For every field of a note deckgen made before: *base* is what deckgen last wrote into
it (a digest, kept in the sync record), *ours* what deckgen writes now, *theirs* what
the collection holds.  Theirs equal to base: the student left it, take ours.  Ours
equal to base: deckgen did not change it, keep theirs (the student's edit).  Both
changed: keep theirs and report the conflict with both texts, unless ``prefer_ours``.

Without a record (notes a student imported from a deckgen package), a note whose
modification time is later than the one deckgen gave it was edited in Anki: its
differing fields count as conflicts (kept, reported); the others take ours.

Notes are matched by GUID.  A note deckgen no longer makes is removed (its cards
suspended and tagged, or deleted with ``prune``); a note deckgen wrote before that
the collection no longer holds was deleted in Anki and is not added again.

Note types' faces and CSS merge the same way (``look_merge``).  Nothing here touches
a collection: ``ankicol`` reads it into the plain types below and applies the
``SyncPlan``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from .changes import note_label
from .look_merge import (
    HeldNoteType,
    NoteTypeRecord,
    NoteTypeUpdate,
    digest,
    merge_note_type,
)
from .types import NoteTypeSpec, RenderedCard

REMOVED_TAG = "deckgen::removed"


@dataclass(frozen=True)
class HeldNote:
    """A note as the collection holds it."""

    note_id: int
    guid: str
    model_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    modified: int
    card_ids: tuple[int, ...]
    suspended: bool  # every card of it suspended


@dataclass(frozen=True)
class NoteRecord:
    """What deckgen last wrote into one note: a digest per field, and whose it is."""

    namespace: str  # the GUID namespace of the study set's source
    kind: str
    fields: tuple[str, ...]
    # (field index, digest) of the student's texts the sync kept instead of deckgen's:
    # an edit is reported once, when first kept, not at every sync after.
    kept: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class SyncRecord:
    """Everything deckgen wrote into one collection by ``sync``, by GUID and model id."""

    notes: Mapping[str, NoteRecord] = field(default_factory=dict)
    note_types: Mapping[int, NoteTypeRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldChange:
    """One field where the student's text and deckgen's differ, and what the sync kept."""

    guid: str
    label: str
    field: str
    theirs: str
    ours: str
    first_sync: bool = False  # no record of deckgen's earlier text


@dataclass(frozen=True)
class NoteUpdate:
    note: HeldNote
    fields: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass
class SyncPlan:
    """What a sync writes, and the report of it."""

    add: list[RenderedCard] = field(default_factory=list)
    update: list[NoteUpdate] = field(default_factory=list)
    unchanged: int = 0
    kept: list[FieldChange] = field(default_factory=list)  # the student's edit, deckgen's same
    conflicts: list[FieldChange] = field(default_factory=list)  # both changed
    remove: list[HeldNote] = field(default_factory=list)  # no longer made: suspend and tag
    prune: list[HeldNote] = field(default_factory=list)  # no longer made: delete
    restore: list[HeldNote] = field(default_factory=list)  # made again: unsuspend, untag
    deleted_in_anki: list[str] = field(default_factory=list)  # GUIDs not added again
    other_note_type: list[HeldNote] = field(default_factory=list)  # left alone
    note_types: list[NoteTypeUpdate] = field(default_factory=list)
    note_type_conflicts: list[str] = field(default_factory=list)
    record: SyncRecord = field(default_factory=SyncRecord)


@dataclass(frozen=True)
class Ours:
    """What deckgen writes now: the notes, the note types and whose each note is."""

    notes: Sequence[RenderedCard]
    namespaces: Sequence[str]  # of each note, in order
    kinds: Sequence[str]  # of each note, in order
    # Of each note, in order: the time deckgen gave its text (the study set's record of
    # its last change), which a package stamps on it and an import keeps.
    given: Sequence[int]
    note_types: Sequence[NoteTypeSpec]
    field_names: Mapping[str, tuple[str, ...]]  # note type kind -> its field names
    scope: frozenset[str]  # namespaces of the study set: notes that may be removed
    kinds_made: frozenset[str]  # kinds this sync makes: the others are never removed


def plan_sync(
    ours: Ours,
    held: Mapping[str, HeldNote],
    held_types: Mapping[int, HeldNoteType],
    record: SyncRecord,
    *,
    strays: Sequence[HeldNote] = (),
    prefer_ours: bool = False,
    prune: bool = False,
) -> SyncPlan:
    """The merge of ``ours`` into the collection's notes ``held`` (by GUID).

    ``strays``: deckgen notes of the study set's decks that the record does not know
    (imported from a package); those deckgen no longer makes are removed too.
    """
    plan = SyncPlan()
    model_of = {spec.kind: spec.model_id for spec in ours.note_types}
    notes: dict[str, NoteRecord] = dict(record.notes)
    current = set()
    for note, namespace, kind, given in zip(ours.notes, ours.namespaces, ours.kinds, ours.given,
                                            strict=True):
        current.add(note.guid)
        mine = NoteRecord(namespace, kind, tuple(digest(f) for f in note.fields))
        before = record.notes.get(note.guid)
        there = held.get(note.guid)
        if there is None:
            if before is not None:
                plan.deleted_in_anki.append(note.guid)
            else:
                plan.add.append(note)
            notes[note.guid] = mine
            continue
        if there.model_id != model_of[note.note_type]:
            plan.other_note_type.append(there)
            continue
        names = ours.field_names[note.note_type]
        fields = _merge_note(plan, note, there, before, names, given, prefer_ours)
        kept = tuple((i, digest(f)) for i, (f, o) in enumerate(zip(fields, note.fields,
                                                                    strict=True)) if f != o)
        mine = replace(mine, kept=kept)
        tags = _merged_tags(there.tags, note.tags)
        if REMOVED_TAG in there.tags:
            plan.restore.append(there)
        if fields != there.fields or set(tags) != set(there.tags):
            plan.update.append(NoteUpdate(there, fields, tags))
        else:
            plan.unchanged += 1
        notes[note.guid] = mine
    _plan_removals(plan, ours, held, record, strays, current, prune, notes)
    types = {mid: rec for mid, rec in record.note_types.items()}
    for spec in ours.note_types:
        held_type = held_types.get(spec.model_id)
        if held_type is not None:
            update, conflicts = merge_note_type(spec, held_type,
                                                record.note_types.get(spec.model_id),
                                                prefer_ours)
            plan.note_type_conflicts.extend(conflicts)
            if update is not None:
                plan.note_types.append(update)
        types[spec.model_id] = NoteTypeRecord(
            digest(spec.css), tuple((digest(front), digest(back))
                                    for _, _, front, back in spec.templates))
    plan.record = SyncRecord(notes=notes, note_types=types)
    return plan


def _merge_note(
    plan: SyncPlan,
    note: RenderedCard,
    there: HeldNote,
    before: NoteRecord | None,
    names: Sequence[str],
    given: int,
    prefer_ours: bool,
) -> tuple[str, ...]:
    """The merged fields of one note; the student's edits and conflicts go to ``plan``."""
    base = before.fields if before is not None and len(before.fields) == len(note.fields) else None
    # No record: the note's time tells whether it changed in Anki since deckgen made it.
    edited_in_anki = base is None and there.modified > given
    label = note_label(there.fields[0] if there.fields else "")
    merged = []
    for i, ours in enumerate(note.fields):
        theirs = there.fields[i] if i < len(there.fields) else ""
        if theirs == ours:
            merged.append(ours)
            continue
        change = FieldChange(note.guid, label, names[i], theirs, ours, first_sync=base is None)
        if base is not None and digest(theirs) == base[i]:
            merged.append(ours)
        elif base is not None and digest(ours) == base[i]:
            if before is None or (i, digest(theirs)) not in before.kept:
                plan.kept.append(change)
            merged.append(theirs)
        elif base is None and not edited_in_anki:
            merged.append(ours)
        else:
            plan.conflicts.append(change)
            merged.append(ours if prefer_ours else theirs)
    return tuple(merged)


def _merged_tags(theirs: Sequence[str], ours: Sequence[str]) -> tuple[str, ...]:
    """The student's tags stay; deckgen's are added; a note made again is no longer removed."""
    kept = [tag for tag in theirs if tag != REMOVED_TAG]
    return tuple(kept + [tag for tag in ours if tag not in kept])


def _plan_removals(
    plan: SyncPlan,
    ours: Ours,
    held: Mapping[str, HeldNote],
    record: SyncRecord,
    strays: Sequence[HeldNote],
    current: set[str],
    prune: bool,
    notes: dict[str, NoteRecord],
) -> None:
    gone: dict[str, HeldNote] = {}
    for guid, rec in record.notes.items():
        if guid in current or rec.namespace not in ours.scope or rec.kind not in ours.kinds_made:
            continue
        if guid in held:
            gone[guid] = held[guid]
        else:
            notes.pop(guid, None)  # deleted in Anki: nothing left to track
    for stray in strays:
        if stray.guid not in current and stray.guid not in record.notes:
            gone[stray.guid] = stray
    for guid, note in sorted(gone.items()):
        if prune:
            plan.prune.append(note)
            notes.pop(guid, None)
        elif not (note.suspended and REMOVED_TAG in note.tags):
            plan.remove.append(note)
