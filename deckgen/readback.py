"""Reading a package back: the notes, note types and decks a rebuild compares against.

The package may be anything a user points at: deckgen's own, an export of Anki, a
corrupt or foreign file.  It is read in memory (nothing lands in ``$TMPDIR``), and
every way it can be wrong is a ``DeckgenError`` that says what to do, never a
traceback: the zip (not one, encrypted, an unknown compression, too large), the
collection (not SQLite, no ``col`` row) and every value read from it (a JSON object
where one is expected, ids and times that are integers, fields that are text).
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DeckgenError

# Bigger than any collection deckgen writes (100k cards take 42 MB): a zip bomb stops here.
MAX_COLLECTION_BYTES = 2 << 30
_PASS_OURS = "pass the .apkg deckgen wrote"


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


class _Unreadable(Exception):
    """What is wrong inside the package, for the one-line message."""


def read_apkg(path: Path) -> PackageContents:
    """Notes, note types and decks of a package deckgen (or Anki) wrote."""
    collection = _collection_bytes(path)
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(collection)
        return _read_collection(connection)
    except (sqlite3.Error, _Unreadable) as exc:
        raise DeckgenError(f"{path}: not a readable Anki package ({exc}); {_PASS_OURS}") from None
    finally:
        connection.close()


def _collection_bytes(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "collection.anki21b" in names:
                raise DeckgenError(
                    f"{path}: exported by a recent Anki (collection.anki21b), which deckgen "
                    f"does not read; {_PASS_OURS}, or export with 'Support older Anki versions'")
            member = next((n for n in ("collection.anki21", "collection.anki2") if n in names),
                          None)
            if member is None:
                raise DeckgenError(f"{path}: not an Anki package (no collection inside); "
                                   f"{_PASS_OURS}")
            if archive.getinfo(member).file_size > MAX_COLLECTION_BYTES:
                raise DeckgenError(f"{path}: its collection is over 2 GB; {_PASS_OURS}")
            return archive.read(member)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DeckgenError(f"{path}: not a readable Anki package ({exc}); {_PASS_OURS}") from None
    except (NotImplementedError, RuntimeError) as exc:  # compression, encryption
        raise DeckgenError(f"{path}: a zip deckgen cannot open ({exc}); {_PASS_OURS}") from None
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_collection(connection: sqlite3.Connection) -> PackageContents:
    row = connection.execute("SELECT models, decks FROM col").fetchone()
    if row is None:
        raise _Unreadable("an empty collection")
    note_types = {}
    for model in _object(row[0], "models").values():
        model = _object(model, "a note type")
        faces = tuple((_text(t, "qfmt"), _text(t, "afmt"))
                      for t in _list(model.get("tmpls"), "templates"))
        model_id = _integer(model.get("id"), "a note type id")
        note_types[model_id] = PackagedNoteType(model_id, faces, _text(model, "css"),
                                                _integer(model.get("mod"), "a note type time"))
    decks = {}
    for deck in _object(row[1], "decks").values():
        deck = _object(deck, "a deck")
        decks[_integer(deck.get("id"), "a deck id")] = _text(deck, "name")
    notes = {}
    for guid, mid, flds, mod, data in connection.execute(
            "SELECT guid, mid, flds, mod, data FROM notes"):
        if not isinstance(guid, str) or not isinstance(flds, str):
            raise _Unreadable("a note without a GUID or fields")
        notes[guid] = PackagedNote(guid, _integer(mid, "a note's type"), tuple(flds.split("\x1f")),
                                   _integer(mod, "a note's time"), _fingerprint(data))
    note_decks = {
        guid: decks.get(did, "") if isinstance(did, int) else ""
        for guid, did in connection.execute(
            "SELECT notes.guid, MIN(cards.did) FROM notes JOIN cards ON cards.nid = notes.id "
            "GROUP BY notes.guid"
        )
    }
    return PackageContents(notes=notes, note_types=note_types, decks=decks, note_decks=note_decks)


def _object(value: Any, what: str) -> dict[str, Any]:
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            raise _Unreadable(f"{what}: not JSON") from None
    if not isinstance(value, dict):
        raise _Unreadable(f"{what}: not a JSON object")
    return value


def _list(value: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Unreadable(f"{what}: not a list of objects")
    return value


def _text(container: dict[str, Any], key: str) -> str:
    value = container.get(key)
    if not isinstance(value, str):
        raise _Unreadable(f"{key}: not text")
    return value


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _Unreadable(f"{what}: not an integer")
    try:
        return int(value)
    except ValueError:
        raise _Unreadable(f"{what}: not an integer") from None


def _fingerprint(data: Any) -> str:
    try:
        value = json.loads(data or "{}")
    except (json.JSONDecodeError, TypeError, RecursionError):
        return ""
    return str(value.get("deckgen", "")) if isinstance(value, dict) else ""
