"""The sync record: what ``deckgen sync`` last wrote into a collection, kept beside it.

``collection.anki2`` gets ``collection.deckgen-sync.json`` in the same folder: a digest
of every field and face deckgen wrote, by note GUID and note type id.  It lives beside
the collection, not in it: Anki sends a collection's config on every AnkiWeb sync and
asks add-ons to keep it to a few kilobytes (a 10,000-note record is about a megabyte),
and a note or field of its own would show in the student's Browse window.  It does
not live beside the study set either: it describes one collection, and a study set is
shared with classmates whose collections differ.

A missing record is a first sync; a record that no longer matches (a collection
restored from a backup) costs nothing but reports, because a field is only taken from
deckgen where the collection still holds exactly what the record says deckgen wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import DeckgenError
from .files import write_text
from .jsontext import parse_json
from .look_merge import NoteTypeRecord
from .merge import NoteRecord, SyncRecord

FORMAT = 1
_SUFFIX = ".deckgen-sync.json"


def record_path(collection: Path) -> Path:
    return collection.with_name(collection.stem + _SUFFIX)


def read_record(path: Path) -> SyncRecord:
    if not path.exists():
        return SyncRecord()
    fix = "delete it to sync as if for the first time (your edits in Anki are kept)"
    try:
        data = parse_json(path.read_text(encoding="utf-8"), str(path))
        if not isinstance(data, dict) or data.get("deckgen_sync") != FORMAT:
            raise ValueError("not a deckgen sync record of this version")
        notes = {str(guid): _note(entry) for guid, entry in _mapping(data.get("notes")).items()}
        types = {int(mid): _note_type(entry)
                 for mid, entry in _mapping(data.get("note_types")).items()}
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        raise DeckgenError(f"{path}: cannot read the sync record ({exc}); {fix}") from None
    except DeckgenError as exc:
        raise DeckgenError(f"{exc}; {fix}") from None
    return SyncRecord(notes=notes, note_types=types)


def write_record(path: Path, record: SyncRecord) -> None:
    data = {
        "deckgen_sync": FORMAT,
        "notes": {guid: _note_json(r) for guid, r in sorted(record.notes.items())},
        "note_types": {str(mid): {"css": r.css, "faces": [list(f) for f in r.faces]}
                       for mid, r in sorted(record.note_types.items())},
    }
    write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")


def _note_json(record: NoteRecord) -> dict[str, Any]:
    data: dict[str, Any] = {"ns": record.namespace, "kind": record.kind,
                            "fields": list(record.fields)}
    if record.kept:
        data["kept"] = [[i, d] for i, d in record.kept]
    return data


def _mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("notes and note_types must be objects")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("digests must be lists of strings")
    return tuple(value)


def _note(entry: Any) -> NoteRecord:
    entry = _mapping(entry)
    kept = entry.get("kept", [])
    if not isinstance(kept, list) or not all(
            isinstance(k, list) and len(k) == 2 and isinstance(k[0], int)
            and isinstance(k[1], str) for k in kept):
        raise ValueError("kept must list [field index, digest] pairs")
    return NoteRecord(namespace=str(entry["ns"]), kind=str(entry["kind"]),
                      fields=_strings(entry["fields"]), kept=tuple((i, d) for i, d in kept))


def _note_type(entry: Any) -> NoteTypeRecord:
    entry = _mapping(entry)
    faces = entry["faces"]
    if not isinstance(faces, list):
        raise ValueError("faces must be a list")
    pairs = tuple(_strings(face) for face in faces)
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError("a face is a pair of digests")
    return NoteTypeRecord(css=str(entry["css"]), faces=tuple((a, b) for a, b in pairs))
