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
from pathlib import Path
from typing import Any

import genanki

from .files import atomic_path
from .readback import PackageContents, PackagedNote, PackagedNoteType, read_apkg
from .types import NoteTypeSpec, RenderedCard

__all__ = ["PackageContents", "PackagedNote", "PackagedNoteType", "read_apkg", "write_apkg"]

log = logging.getLogger(__name__)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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
        # The note just written has the highest id (genanki counts them up). Looking it
        # up by GUID scanned the table (no index): a build was quadratic in its notes.
        cursor.execute("UPDATE notes SET data = ? WHERE id = (SELECT MAX(id) FROM notes)",
                       (data,))


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
