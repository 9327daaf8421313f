"""``deckgen sync``: a study set merged into a student's own Anki collection, in place.

study set -> notes (``deck.render_deck``, as a build renders them) -> the collection's
notes and the sync record -> three-way merge (``merge``) -> Anki's backup -> the plan
applied (``ankicol``) -> the record of what deckgen wrote (``syncrecord``).  The record
is written last: a sync stopped before it finds the notes it did write equal to
deckgen's text next time, which is no change.
"""

from __future__ import annotations

import contextlib
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import ankicol
from .changes import carry_identities, note_label, plain_text
from .deck import CardOptions, RenderedDeck, render_deck
from .errors import DeckgenError
from .look_merge import HeldNoteType
from .merge import REMOVED_TAG, FieldChange, HeldNote, Ours, SyncPlan, plan_sync
from .notetypes import RETIRED, SCHEMAS
from .parallel import Progress
from .pipeline import check_output, study_set_of
from .readback import PackageContents, PackagedNote
from .syncrecord import read_record, record_path, write_record
from .types import StudySet

if TYPE_CHECKING:
    from kiwipiepy import Kiwi


@dataclass(frozen=True)
class SyncReport:
    collection: Path
    plan: SyncPlan
    dry_run: bool
    pruned_reviews: int = 0
    backup: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    prefer_ours: bool = False

    def summary(self) -> list[str]:
        plan = self.plan
        removed = len(plan.remove) + len(plan.prune)
        lines = [
            f"{sum(self.counts.values())} cards into {_shown(self.collection)}: "
            f"{len(plan.add)} added, "
            f"{len(plan.update)} updated, {plan.unchanged} unchanged, {len(plan.kept)} kept "
            f"your edit, {len(plan.conflicts)} conflicts, {removed} removed"
        ]
        lines += [f"  kept your edit: {c.label} ({c.field})" for c in plan.kept]
        for change in plan.conflicts:
            lines += _conflict(change, self.prefer_ours)
        lines += [f"  removed: {_label(n.fields)} (cards suspended, tagged {REMOVED_TAG})"
                  for n in plan.remove]
        lines += [f"  deleted: {_label(n.fields)}" for n in plan.prune]
        if plan.prune:
            lines.append(f"  the {len(plan.prune)} deleted notes took their cards' scheduling "
                         f"and {self.pruned_reviews} reviews with them")
        if plan.deleted_in_anki:
            lines.append(f"  {len(plan.deleted_in_anki)} notes you deleted in Anki stay deleted")
        if plan.other_note_type:
            lines.append(f"  {len(plan.other_note_type)} notes now of another note type: "
                         "left as they are")
        lines += [f"  note type {u.name}: look updated" for u in plan.note_types]
        lines += [f"  note type {what}: you and deckgen both changed it; kept "
                  f"{'deckgen' if self.prefer_ours else 'yours'}"
                  for what in plan.note_type_conflicts]
        if self.dry_run:
            lines.append("dry run: nothing written")
        elif self.backup is not None:
            lines.append(f"Anki's backup from before the sync: {_shown(self.backup)}")
        else:
            lines.append("nothing to change in the collection")
        return lines


def _conflict(change: FieldChange, prefer_ours: bool) -> list[str]:
    kept = "deckgen's" if prefer_ours else "yours (--prefer deckgen takes deckgen's)"
    why = "no record of deckgen's earlier text" if change.first_sync else "both changed"
    return [f"  conflict: {change.label} ({change.field}, {why}): kept {kept}",
            f"    yours:   {_text(change.theirs)}",
            f"    deckgen: {_text(change.ours)}"]


def _text(html: str) -> str:
    """A field's text on one line: a line break or a block ends a word."""
    return plain_text(re.sub(r"<br\s*/?>|</(?:div|p|li)>", " ", html, flags=re.I))


def _shown(path: Path) -> str:
    """A path under the home folder as ~/...: the profile's collection is that long."""
    with contextlib.suppress(ValueError, RuntimeError):
        return str(Path("~") / path.absolute().relative_to(Path.home()))
    return str(path)


def _label(fields: Sequence[str]) -> str:
    return note_label(fields[0]) if fields else ""


def sync_collection(
    inputs: Sequence[Path],
    collection: Path,
    *,
    deck_name: str | None = None,
    options: CardOptions = CardOptions(),
    prefer_ours: bool = False,
    prune: bool = False,
    dry_run: bool = False,
    kiwi: Kiwi | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> SyncReport:
    """Merge the inputs' cards into ``collection`` (see the module's docstring)."""
    if collection.is_dir():  # a profile's folder
        collection = collection / "collection.anki2"
    # What can fail on the collection's side fails before the transcripts are analysed.
    ankicol.check_ready(collection)
    where = record_path(collection)
    record = read_record(where)
    check_output(where)  # the record goes last: its folder must take it
    study_set, extracted = study_set_of(inputs, deck_name=deck_name, kinds=options.kinds,
                                        kiwi=kiwi, fmt=fmt, encoding=encoding, jobs=jobs,
                                        progress=progress)
    rebuild = _command(inputs, collection, deck_name)
    deck = render_deck(study_set, options, rebuild=rebuild)
    with ankicol.opened(collection) as col:
        # Only the kinds this sync makes: the notes of the others are not its to remove.
        deckgen_models = [*(SCHEMAS[k].model_id for k in options.kinds if k in SCHEMAS),
                          *(mid for mid, (kind, _) in RETIRED.items() if kind in options.kinds)]
        sources = {tag for note in deck.notes for tag in note.tags if tag.startswith("source::")}
        strays = ankicol.stray_notes(col, deckgen_models, deck.deck_ids, sources)
        if extracted:
            # No study set remembers these cards' GUIDs: the collection's notes do (a
            # reworded idea keeps its note and its reviews), as a package's do for build.
            carried = carry_identities(study_set.cards, _as_package(strays))
            if [c.guid for c in carried] != [c.guid for c in study_set.cards]:
                study_set = replace(study_set, cards=tuple(carried))
                deck = render_deck(study_set, options, rebuild=rebuild)
        ours = _ours(deck, study_set, options)
        held = ankicol.held_notes(col, [*(n.guid for n in deck.notes), *record.notes])
        held_types = ankicol.held_note_types(col, [s.model_id for s in deck.note_types])
        _check_fields(collection, deck, held_types)
        plan = plan_sync(ours, held, held_types, record, strays=strays,
                         prefer_ours=prefer_ours, prune=prune)
        report = SyncReport(collection, plan, dry_run, prefer_ours=prefer_ours,
                            pruned_reviews=ankicol.reviews_of(col, plan.prune),
                            counts=deck.report.counts)
        if dry_run:
            return report
        backup = None
        if _writes(plan):
            backup = ankicol.backup(col, collection.parent / "backups")
            try:
                ankicol.apply(col, plan, note_types=deck.note_types, held_types=held_types,
                              note_type_times=deck.note_type_times, deck_ids=deck.deck_ids,
                              description=deck.description)
            except Exception as exc:  # Anki's backend errors share no base worth naming
                raise DeckgenError(
                    f"{collection}: Anki refused a change ({ankicol.first_line(exc)}); sync "
                    f"again, or restore {backup} (File > Switch Profile > Open Backup)"
                ) from None
    write_record(where, plan.record)
    return replace(report, backup=backup)


def _ours(deck: RenderedDeck, study_set: StudySet, options: CardOptions) -> Ours:
    namespace_of = {s.path: s.namespace for s in study_set.sources}
    return Ours(
        notes=deck.notes,
        namespaces=[namespace_of[c.source.path] for c in deck.cards],
        kinds=[c.kind for c in deck.cards],
        given=[c.modified for c in deck.cards],
        note_types=deck.note_types,
        field_names={spec.kind: tuple(name for name, _ in spec.fields)
                     for spec in deck.note_types},
        scope=frozenset(namespace_of.values()),
        kinds_made=frozenset(options.kinds),
    )


def _as_package(notes: Sequence[HeldNote]) -> PackageContents:
    """The collection's notes of the study set, as a package read back would give them."""
    packaged = {n.guid: PackagedNote(n.guid, n.model_id, n.fields, n.modified) for n in notes}
    return PackageContents(notes=packaged, note_types={}, decks={}, note_decks={})


def _writes(plan: SyncPlan) -> bool:
    return any((plan.add, plan.update, plan.remove, plan.prune, plan.restore, plan.note_types))


def _check_fields(collection: Path, deck: RenderedDeck,
                  held_types: dict[int, HeldNoteType]) -> None:
    """deckgen never changes a note type's fields: a sync into changed ones stops."""
    for spec in deck.note_types:
        held = held_types.get(spec.model_id)
        names = tuple(name for name, _ in spec.fields)
        if held is not None and held.field_names != names:
            raise DeckgenError(
                f"{collection}: note type {held.name!r} has the fields "
                f"{', '.join(held.field_names)}; deckgen writes {', '.join(names)} and never "
                "changes a note type's fields: "
                "give them back their names in Anki (Tools > Manage Note Types > Fields), then "
                "sync again; nothing was changed")


def _command(inputs: Sequence[Path], collection: Path, deck_name: str | None) -> str:
    """The command for the deck's description: file names only (the description travels
    with the collection to AnkiWeb), the profile by its folder's name."""
    where = (["--profile", collection.parent.name] if collection.name == "collection.anki2"
             else ["--collection", collection.name])
    command = ["deckgen", "sync", *(p.name for p in inputs), *where]
    if deck_name:
        command += ["--deck", deck_name]
    return shlex.join(command)
