"""Packaging: rendered cards to an Anki ``.apkg`` (with genanki), written atomically.

Anki updates an existing note only when the incoming note's modification time is
newer than its own, and a note type only when the incoming one's is.  genanki stamps
everything with one package time, so the small subclasses below write each note's and
note type's own time instead: the time its content (or look) last changed.

This module and ``write_text`` are the only places deckgen writes files.  Every
write goes to a temporary file in the target folder, then replaces the target in one
rename, so an interrupted run never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from .errors import DeckgenError
from .types import NoteTypeSpec, RenderedCard

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackagedNote:
    """A note read back from a package: what a rebuild compares against."""

    guid: str
    model_id: int
    fields: tuple[str, ...]
    modified: int
    fingerprint: str = ""


@dataclass(frozen=True)
class PackagedNoteType:
    model_id: int
    faces: tuple[tuple[str, str], ...]
    css: str
    modified: int


@dataclass(frozen=True)
class PackageContents:
    notes: dict[str, PackagedNote]
    note_types: dict[int, PackagedNoteType]
    decks: dict[int, str]
    note_decks: dict[str, str]


class _Model(genanki.Model):
    """A genanki model that keeps its own modification time and pinned ids."""

    def __init__(self, spec: NoteTypeSpec, modified: int) -> None:
        fields = [{"name": name, "id": field_id} for name, field_id in spec.fields]
        templates = [
            {"name": name, "id": template_id, "qfmt": front, "afmt": back}
            for name, template_id, front, back in spec.templates
        ]
        super().__init__(
            spec.model_id, spec.name, fields=fields, templates=templates, css=spec.css,
            model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
        )
        self.modified = modified

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        data = super().to_json(timestamp, deck_id)
        data["mod"] = self.modified
        return data


class _Note(genanki.Note):
    """A genanki note stamped with its own modification time, not the package's.

    Its fingerprint goes into the notes table's unused ``data`` column, where the next
    build reads it back (Anki ignores the column on import).
    """

    def __init__(self, *, modified: int, fingerprint: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.modified = modified
        self.fingerprint = fingerprint

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified, deck_id, id_gen)
        data = json.dumps({"deckgen": self.fingerprint})
        cursor.execute("UPDATE notes SET data = ? WHERE guid = ?", (data, self.guid))


class _Package(genanki.Package):
    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Any) -> None:
        # The collection is a scratch file, zipped as soon as it is written: no journal
        # and no fsync after each statement of the schema (that took 0.2 s a build).
        # Neither setting is stored in the file, which comes out byte for byte the same.
        cursor.execute("PRAGMA journal_mode = MEMORY")
        cursor.execute("PRAGMA synchronous = OFF")
        super().write_to_db(cursor, timestamp, id_gen)


def write_apkg(
    cards: Sequence[RenderedCard],
    note_types: Sequence[NoteTypeSpec],
    decks: dict[str, int],
    out: Path,
    *,
    note_type_times: dict[int, int],
    descriptions: dict[str, str] | None = None,
    timestamp: float | None = None,
) -> Path:
    """Write the package to ``out`` atomically; ``decks`` maps deck names to ids."""
    models = {spec.kind: _Model(spec, note_type_times[spec.model_id]) for spec in note_types}
    descriptions = descriptions or {}
    genanki_decks = {name: genanki.Deck(deck_id, name, descriptions.get(name, ""))
                     for name, deck_id in decks.items()}
    for card in cards:
        model = models[card.note_type]
        note = _Note(model=model, fields=list(card.fields), guid=card.guid, tags=list(card.tags),
                     modified=card.modified, fingerprint=card.fingerprint,
                     sort_field=card.fields[0])
        genanki_decks[card.deck].add_note(note)
    package = _Package(list(genanki_decks.values()))
    # Note and card ids come from this clock; Anki matches notes by GUID, not id.
    stamp = timestamp if timestamp is not None else time.time()
    with atomic_path(out) as tmp:
        package.write_to_file(str(tmp), timestamp=stamp)
    log.info("wrote %s (%d notes)", out, len(cards))
    return out


def write_text(path: Path, text: str) -> Path:
    """Write a text file (UTF-8) atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` that replaces it only if the block succeeds."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DeckgenError(f"{target}: folder {folder} does not exist; create it first")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DeckgenError(f"{target}: cannot write in {folder} ({exc.strerror})") from None
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise DeckgenError(f"{target}: cannot write ({exc.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def read_apkg(path: Path) -> PackageContents:
    """Notes, note types and decks of a package deckgen (or Anki) wrote."""
    try:
        with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
            names = set(archive.namelist())
            members = ("collection.anki21", "collection.anki2")
            member = next((n for n in members if n in names), None)
            if member is None:
                raise DeckgenError(f"{path}: not an Anki package (no collection inside)")
            db_path = Path(folder) / "collection.db"
            db_path.write_bytes(archive.read(member))
            return _read_collection(db_path)
    except (zipfile.BadZipFile, sqlite3.DatabaseError, KeyError, ValueError) as exc:
        raise DeckgenError(f"{path}: not a readable Anki package ({exc})") from None
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot read ({exc.strerror})") from None


def _fingerprint(data: str) -> str:
    try:
        value = json.loads(data or "{}")
    except json.JSONDecodeError:
        return ""
    return str(value.get("deckgen", "")) if isinstance(value, dict) else ""


def _read_collection(db_path: Path) -> PackageContents:
    connection = sqlite3.connect(db_path)
    try:
        models_json, decks_json = connection.execute("SELECT models, decks FROM col").fetchone()
        note_types = {}
        for model in json.loads(models_json).values():
            faces = tuple((t["qfmt"], t["afmt"]) for t in model["tmpls"])
            note_types[int(model["id"])] = PackagedNoteType(
                int(model["id"]), faces, model["css"], int(model["mod"])
            )
        decks = {int(d["id"]): d["name"] for d in json.loads(decks_json).values()}
        notes = {}
        rows = connection.execute("SELECT guid, mid, flds, mod, data FROM notes")
        for guid, mid, flds, mod, data in rows:
            notes[guid] = PackagedNote(
                guid, int(mid), tuple(flds.split("\x1f")), int(mod), _fingerprint(data)
            )
        note_decks = {
            guid: decks.get(int(did), "")
            for guid, did in connection.execute(
                "SELECT notes.guid, MIN(cards.did) FROM notes JOIN cards ON cards.nid = notes.id "
                "GROUP BY notes.guid"
            )
        }
    finally:
        connection.close()
    return PackageContents(notes=notes, note_types=note_types, decks=decks, note_decks=note_decks)
