"""Packaging: rendered cards to an Anki ``.apkg`` (with genanki), written atomically.

Anki updates an existing note only when the incoming note's modification time is
newer than its own, and a note type only when the incoming one's is.  genanki stamps
everything with one package time, so the small subclasses below write each note's and
note type's own time instead: the time its content (or look) last changed.

Packages are written through ``files.atomic_path`` (beside the target, then one
rename), like every output of deckgen.
"""

from __future__ import annotations

import itertools
import json
import logging
import sqlite3
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from .errors import DeckgenError
from .files import atomic_path
from .types import NoteTypeSpec, RenderedCard

log = logging.getLogger(__name__)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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
    def write_to_file(self, file: Any, timestamp: float | None = None) -> None:
        """genanki's own, with the collection built in memory: its version leaves a
        scratch file in $TMPDIR after every build (42 MB for 100k cards)."""
        connection = sqlite3.connect(":memory:")
        try:
            stamp = time.time() if timestamp is None else timestamp
            self.write_to_db(connection.cursor(), stamp, itertools.count(int(stamp * 1000)))
            connection.commit()
            collection = connection.serialize()
        finally:
            connection.close()
        # A fixed date on the members: the same cards give the same bytes.
        with zipfile.ZipFile(file, "w") as archive:
            archive.writestr(zipfile.ZipInfo("collection.anki2", _ZIP_DATE), collection)
            archive.writestr(zipfile.ZipInfo("media", _ZIP_DATE), "{}")

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


def read_apkg(path: Path) -> PackageContents:
    """Notes, note types and decks of a package deckgen (or Anki) wrote."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            members = ("collection.anki21", "collection.anki2")
            member = next((n for n in members if n in names), None)
            if member is None:
                raise DeckgenError(f"{path}: not an Anki package (no collection inside)")
            collection = archive.read(member)
        # Read in memory: nothing lands in $TMPDIR, which may be small or full.
        connection = sqlite3.connect(":memory:")
        try:
            connection.deserialize(collection)
            return _read_collection(connection)
        finally:
            connection.close()
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


def _read_collection(connection: sqlite3.Connection) -> PackageContents:
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
    return PackageContents(notes=notes, note_types=note_types, decks=decks, note_decks=note_decks)
