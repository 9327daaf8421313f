"""A student's Anki collection, through the official ``anki`` library (``deckgen[anki]``).

Reads what ``merge`` needs as plain data and applies a ``SyncPlan`` with the library's
own operations (never SQL writes), so Anki's undo, sync and checks see ordinary edits.
Note types deckgen pins by id cannot be created through the library (it assigns ids),
so new notes of a note type the collection lacks arrive the way a package brings them:
a package of just those notes, imported.  Reviews and scheduling are never written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DeckgenError
from .look_merge import HeldNoteType
from .merge import REMOVED_TAG, HeldNote, SyncPlan
from .package import write_apkg
from .types import NoteTypeSpec, RenderedCard

if TYPE_CHECKING:
    from anki.collection import Collection
    from anki.dbproxy import DBProxy
    from anki.decks import DeckId

INSTALL_HINT = "deckgen sync needs the anki library: pip install 'deckgen[anki]'"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SUSPENDED = -1  # a card's queue when suspended


def check_ready(path: Path) -> None:
    """Before the slow part: the library is installed and ``path`` is a collection."""
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        raise DeckgenError(INSTALL_HINT) from None
    _check_file(path)


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Collection]:
    """The collection at ``path``, open for this process alone, closed afterwards."""
    check_ready(path)
    from anki.collection import Collection
    from anki.errors import DBError

    try:
        col = Collection(os.fspath(path))
    except DBError as exc:
        if "already open" in str(exc):
            raise DeckgenError(f"{path}: the collection is open in Anki (or another program); "
                               "close Anki, then sync again") from None
        raise DeckgenError(f"{path}: Anki cannot open it ({first_line(exc)})") from None
    try:
        yield col
    finally:
        col.close()


def _check_file(path: Path) -> None:
    # Anki makes a new collection where there is none, even in an empty file.
    if not path.is_file():
        raise DeckgenError(f"{path}: no such collection; give the path of collection.anki2 "
                           "(or --profile NAME)")
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise DeckgenError(f"{path}: not an Anki collection (collection.anki2)")


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def held_notes(col: Collection, guids: Iterable[str]) -> dict[str, HeldNote]:
    """The collection's notes with these GUIDs."""
    wanted = set(guids)
    rows = [row for row in _db(col).all("SELECT id, guid, mid, mod, flds, tags FROM notes")
            if row[1] in wanted]
    return _with_cards(col, rows)


def stray_notes(col: Collection, model_ids: Iterable[int], decks: Iterable[str],
                source_tags: Iterable[str]) -> list[HeldNote]:
    """deckgen's notes (by note type) from these sources (by tag) with a card in these
    decks or their subdecks: what a package of the same study set brought."""
    names = tuple(decks)
    deck_ids = [d.id for d in col.decks.all_names_and_ids()
                if any(d.name == n or d.name.startswith(n + "::") for n in names)]
    models = list(model_ids)
    if not deck_ids or not models:
        return []
    rows = _db(col).all(
        "SELECT id, guid, mid, mod, flds, tags FROM notes WHERE mid IN "
        f"({_ids(models)}) AND id IN (SELECT nid FROM cards WHERE did IN ({_ids(deck_ids)}))")
    wanted = set(source_tags)
    rows = [row for row in rows if wanted & set(row[5].split())]
    return list(_with_cards(col, rows).values())


def _with_cards(col: Collection, rows: Sequence[Sequence[Any]]) -> dict[str, HeldNote]:
    cards: dict[int, list[tuple[int, int]]] = {}
    if rows:
        query = f"SELECT nid, id, queue FROM cards WHERE nid IN ({_ids(r[0] for r in rows)})"
        for nid, cid, queue in _db(col).all(query):
            cards.setdefault(nid, []).append((cid, queue))
    held = {}
    for nid, guid, mid, mod, flds, tags in rows:
        own = sorted(cards.get(nid, []))
        held[guid] = HeldNote(
            note_id=nid, guid=guid, model_id=mid, fields=tuple(flds.split("\x1f")),
            tags=tuple(tags.split()), modified=mod, card_ids=tuple(c for c, _ in own),
            suspended=bool(own) and all(q == _SUSPENDED for _, q in own))
    return held


def _db(col: Collection) -> DBProxy:
    if col.db is None:
        raise DeckgenError("the collection was closed while deckgen read it")
    return col.db


def _ids(ids: Iterable[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def held_note_types(col: Collection, model_ids: Iterable[int]) -> dict[int, HeldNoteType]:
    from anki.models import NotetypeId

    held = {}
    for mid in model_ids:
        model = col.models.get(NotetypeId(mid))
        if model is None:
            continue
        held[mid] = HeldNoteType(
            model_id=mid, name=model["name"],
            field_names=tuple(f["name"] for f in model["flds"]),
            faces=tuple((t["name"], t["qfmt"], t["afmt"]) for t in model["tmpls"]),
            css=model["css"])
    return held


def reviews_of(col: Collection, notes: Sequence[HeldNote]) -> int:
    card_ids = [c for note in notes for c in note.card_ids]
    if not card_ids:
        return 0
    return int(_db(col).scalar(f"SELECT count() FROM revlog WHERE cid IN ({_ids(card_ids)})"))


def backup(col: Collection, folder: Path) -> Path:
    """Anki's own backup of the collection (a .colpkg in ``folder``), made before a sync."""
    folder.mkdir(parents=True, exist_ok=True)
    before = set(folder.glob("*.colpkg"))
    try:
        col.create_backup(backup_folder=os.fspath(folder), force=True, wait_for_completion=True)
    except Exception as exc:  # the backend's errors have no common base worth naming
        raise DeckgenError(f"{folder}: Anki could not back up the collection "
                           f"({first_line(exc)}); nothing was changed") from None
    made = sorted(set(folder.glob("*.colpkg")) - before, key=lambda p: p.stat().st_mtime)
    return made[-1] if made else folder


def apply(
    col: Collection,
    plan: SyncPlan,
    *,
    note_types: Sequence[NoteTypeSpec],
    held_types: Mapping[int, HeldNoteType],
    note_type_times: Mapping[int, int],
    deck_ids: Mapping[str, int],
    description: str,
) -> None:
    """Write the plan: note types' looks, new notes, merged fields, removals."""
    from anki.cards import CardId
    from anki.collection import AddNoteRequest
    from anki.models import NotetypeId
    from anki.notes import NoteId

    for change in plan.note_types:
        model = col.models.get(NotetypeId(change.model_id))
        if model is None:
            continue
        faces = {name: (front, back) for name, front, back in change.faces}
        for template in model["tmpls"]:
            template["qfmt"], template["afmt"] = faces[template["name"]]
        model["css"] = change.css
        col.models.update_dict(model)
    missing = {spec.kind for spec in note_types if spec.model_id not in held_types}
    imported = [note for note in plan.add if note.note_type in missing]
    if imported:
        _import(col, imported, [s for s in note_types if s.kind in missing], note_type_times,
                deck_ids, description)
    models = {spec.kind: col.models.get(NotetypeId(spec.model_id)) for spec in note_types}
    requests = []
    for rendered in plan.add:
        model = models[rendered.note_type]
        if rendered.note_type in missing or model is None:
            continue
        note = col.new_note(model)
        note.guid = rendered.guid
        note.fields[:] = list(rendered.fields)
        note.tags = list(rendered.tags)
        requests.append(AddNoteRequest(note=note, deck_id=_deck(col, rendered.deck, description)))
    if requests:
        col.add_notes(requests)
    updated = []
    for update in plan.update:
        note = col.get_note(NoteId(update.note.note_id))
        note.fields[:] = list(update.fields)
        note.tags = list(update.tags)
        updated.append(note)
    if updated:
        col.update_notes(updated)
    if plan.restore:
        col.sched.unsuspend_cards([CardId(c) for n in plan.restore for c in n.card_ids])
    if plan.remove:
        col.sched.suspend_cards([CardId(c) for n in plan.remove for c in n.card_ids])
        col.tags.bulk_add([NoteId(n.note_id) for n in plan.remove], REMOVED_TAG)
    if plan.prune:
        col.remove_notes([NoteId(n.note_id) for n in plan.prune])


def _deck(col: Collection, name: str, description: str) -> DeckId:
    """The deck's id; a deck this sync creates gets the description a package gives it."""
    existing = col.decks.id_for_name(name)
    if existing is not None:
        return existing
    deck_id = col.decks.id(name, create=True)
    deck = col.decks.get(deck_id) if deck_id is not None else None
    if deck_id is None or deck is None:
        raise DeckgenError(f"Anki could not make the deck {name!r}")
    deck["desc"] = description
    col.decks.save(deck)
    return deck_id


def _import(
    col: Collection,
    notes: Sequence[RenderedCard],
    note_types: Sequence[NoteTypeSpec],
    note_type_times: Mapping[int, int],
    deck_ids: Mapping[str, int],
    description: str,
) -> None:
    """New notes of note types the collection lacks, imported as a package of their own."""
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    decks = {name: deck_ids[name] for name in {n.deck for n in notes}}
    with tempfile.TemporaryDirectory(prefix="deckgen-sync-") as folder:
        package = Path(folder) / "new-notes.apkg"
        write_apkg(notes, note_types, decks, package,
                   note_type_times=dict(note_type_times),
                   descriptions={name: description for name in decks})
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=os.fspath(package),
            options=ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False)))
    col.models._clear_cache()  # the import ran in the backend
