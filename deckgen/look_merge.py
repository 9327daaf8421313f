"""The three-way merge of a note type's look: its faces and CSS, as ``merge`` merges fields.

Kept apart from the notes' merge: a look has templates by name, and a template the
student added is theirs alone.  The digests are those of the sync record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .types import NoteTypeSpec


def digest(text: str) -> str:
    """A short digest of a field's text: all the record keeps of what deckgen wrote."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class HeldNoteType:
    """A note type as the collection holds it: what a sync may change and must not."""

    model_id: int
    name: str
    field_names: tuple[str, ...]
    faces: tuple[tuple[str, str, str], ...]  # (template name, front, back)
    css: str


@dataclass(frozen=True)
class NoteTypeRecord:
    """What deckgen last wrote into a note type's faces (per template) and CSS."""

    css: str
    faces: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NoteTypeUpdate:
    model_id: int
    name: str
    faces: tuple[tuple[str, str, str], ...]
    css: str


def merge_note_type(
    spec: NoteTypeSpec,
    held: HeldNoteType,
    before: NoteTypeRecord | None,
    prefer_ours: bool,
) -> tuple[NoteTypeUpdate | None, list[str]]:
    """The note type's faces and CSS, each merged three ways like a field (fields are
    never merged: ``sync`` refuses a note type whose fields differ), and what both
    changed."""
    conflicts: list[str] = []
    faces_before = dict(zip((name for name, _, _, _ in spec.templates),
                            before.faces if before else (), strict=False))
    held_faces = {name: (front, back) for name, front, back in held.faces}
    faces = []
    for name, front, back in held.faces:
        ours = next(((f, b) for n, _, f, b in spec.templates if n == name), None)
        if ours is None:  # a template the student added: theirs alone
            faces.append((name, front, back))
            continue
        base = faces_before.get(name)
        merged = tuple(
            _merge_text(conflicts, f"{held.name} · {name}", theirs, mine,
                        base[side] if base else None, prefer_ours)
            for side, (theirs, mine) in enumerate(zip((front, back), ours, strict=True)))
        faces.append((name, merged[0], merged[1]))
    css = _merge_text(conflicts, f"{held.name} · CSS", held.css, spec.css,
                      before.css if before else None, prefer_ours)
    if css != held.css or any(held_faces[n] != (f, b) for n, f, b in faces):
        return NoteTypeUpdate(held.model_id, held.name, tuple(faces), css), conflicts
    return None, conflicts


def _merge_text(conflicts: list[str], what: str, theirs: str, ours: str, base: str | None,
                prefer_ours: bool) -> str:
    if theirs == ours or base is None or digest(theirs) == base:
        # Without a record a note type takes deckgen's look: importing a package does too.
        return ours
    if digest(ours) == base:
        return theirs
    conflicts.append(what)
    return ours if prefer_ours else theirs
