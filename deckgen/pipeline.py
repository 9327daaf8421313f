"""The pipeline: read → analyse → extract → cards (a study set) → render → package.

``extract_study_set`` turns transcripts into a ``StudySet``; ``build_deck`` renders a
study set (made on the fly from transcripts, or loaded from an edited JSON file) into
an ``.apkg``.  This module composes the stages and does no I/O of its own: reading
goes through ``sources``, writing through ``package``.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, sources, studyset
from .analysis import analyse
from .cards import card_guid, content_hash, deck_id_for, to_cards
from .errors import DeckgenError
from .extractors import EXTRACTORS
from .package import PackageContents, read_apkg, write_apkg, write_text
from .parallel import Progress, extract_sources
from .render import make_env, render_cards, render_note_types
from .types import KINDS, Card, DeckSpec, SourceInfo, StudySet, Term

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

log = logging.getLogger(__name__)

# How many of the ranked terms the study set lists.
TERMS_LISTED = 100
_EXTRACTOR_FOR_KIND = {"definition": "definitions", "idea": "ideas", "quote": "quotes"}


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, and how it differs from the previous build."""

    path: Path
    counts: dict[str, int]
    added: tuple[Card, ...] = ()
    changed: tuple[Card, ...] = ()
    unchanged: int = 0
    removed: tuple[tuple[str, str, str], ...] = ()  # (guid, kind, label)
    compared_with: str | None = None
    notes: tuple[str, ...] = field(default=())


def is_study_set(path: Path) -> bool:
    return path.suffix.lower() == ".json" and sources.looks_like_study_set(path)


def extract_study_set(
    paths: Sequence[Path],
    *,
    deck_name: str | None = None,
    kinds: Sequence[str] = KINDS,
    kiwi: Kiwi | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> StudySet:
    """Analyse the transcripts and pick their cards; one source (and subdeck) per input.

    ``jobs`` worker processes analyse several inputs at once (see ``parallel``); the
    study set is the same for any number.  ``progress`` is called after each input.
    """
    if not paths:
        raise DeckgenError("no input given")
    name = deck_name or (paths[0].stem if len(paths) == 1 else "deckgen")
    deck = DeckSpec(name=name, deck_id=deck_id_for(name))
    inputs = list(zip(paths, _source_decks(paths, name), strict=True))
    results = extract_sources(inputs, functools.partial(extract_source, kinds=tuple(kinds)),
                              jobs=jobs, kiwi=kiwi, progress=progress)
    source_infos = [info for info, _ in results]
    cards = [card for _, source_cards in results for card in source_cards]
    return StudySet(deck=deck, sources=tuple(source_infos), cards=tuple(cards))


def extract_source(
    path: Path, deck: str, *, kinds: Sequence[str] = KINDS, kiwi: Kiwi | None = None
) -> tuple[SourceInfo, list[Card]]:
    """One transcript's source entry and cards."""
    transcript = sources.read_transcript(path)
    doc = analyse(transcript, kiwi)
    terms = EXTRACTORS["terms"](doc)
    extracts = {"terms": terms}
    for kind in kinds:
        if kind in _EXTRACTOR_FOR_KIND:
            name = _EXTRACTOR_FOR_KIND[kind]
            extracts[name] = EXTRACTORS[name](doc, terms=terms)
    namespace = str(deck_id_for(deck))
    cards = to_cards(doc, extracts, path=str(path), namespace=namespace, kinds=kinds)
    if not cards:
        raise DeckgenError(
            f"{path}: found nothing to make cards from ({len(doc.sentences)} sentences, "
            "no key terms); deckgen needs a Korean transcript with some substance"
        )
    info = SourceInfo(
        path=str(path),
        sha256=transcript.sha256,
        deck=deck,
        namespace=namespace,
        terms=tuple(Term(term=t.text, score=t.score, lines=t.lines) for t in terms[:TERMS_LISTED]),
    )
    log.info("%s: %d cards", path, len(cards))
    return info, cards


def _source_decks(paths: Sequence[Path], parent: str) -> list[str]:
    """The deck of each input: the deck itself, or ``parent::stem`` when there are several."""
    if len(paths) == 1:
        return [parent]
    names: list[str] = []
    for path in paths:
        name = f"{parent}::{path.stem}"
        suffix = 2
        while name in names:
            name = f"{parent}::{path.stem} ({suffix})"
            suffix += 1
        names.append(name)
    return names


def load_study_set(path: Path) -> StudySet:
    return studyset.loads(sources.read_text(path), str(path))


def save_study_set(study_set: StudySet, out: Path) -> Path:
    return write_text(out, studyset.dumps(study_set))


def build_deck(
    inputs: Sequence[Path],
    out: Path,
    *,
    deck_name: str | None = None,
    templates_dir: Path | None = None,
    lang: str = "ko",
    link: str | None = None,
    reverse: bool = False,
    kinds: Sequence[str] = KINDS,
    previous: Path | None = None,
    kiwi: Kiwi | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildReport:
    """Build an ``.apkg`` from transcripts or from one study set file."""
    if len(inputs) == 1 and is_study_set(inputs[0]):
        study_set = load_study_set(inputs[0])
        if deck_name:
            study_set = rename_deck(study_set, deck_name)
    else:
        study_set = extract_study_set(inputs, deck_name=deck_name, kinds=kinds, kiwi=kiwi,
                                      jobs=jobs, progress=progress)
    return write_deck(study_set, out, templates_dir=templates_dir, lang=lang, link=link,
                      reverse=reverse, kinds=kinds, previous=previous)


def rename_deck(study_set: StudySet, name: str) -> StudySet:
    """The same study set in deck ``name``; card GUIDs keep their namespaces."""
    old = study_set.deck.name
    renamed = tuple(replace(s, deck=name + s.deck[len(old):] if s.deck.startswith(old) else s.deck)
                    for s in study_set.sources)
    return replace(study_set, deck=DeckSpec(name=name, deck_id=deck_id_for(name)), sources=renamed)


def write_deck(
    study_set: StudySet,
    out: Path,
    *,
    templates_dir: Path | None = None,
    lang: str = "ko",
    link: str | None = None,
    reverse: bool = False,
    kinds: Sequence[str] = KINDS,
    previous: Path | None = None,
) -> BuildReport:
    """Render a study set and write it as a package, keeping unchanged notes' times."""
    cards = [c for c in study_set.cards if c.kind in kinds]
    if not cards:
        raise DeckgenError("the study set has no cards to build; nothing written")
    env = make_env(templates_dir)
    note_types = render_note_types(env, sorted({c.kind for c in cards}, key=KINDS.index), lang)
    decks = {s.path: s.deck for s in study_set.sources}
    rendered = render_cards(cards, env, decks=decks, lang=lang, link=link, reverse=reverse)
    old = _previous_package(out, previous)
    now = int(time.time())
    rendered, report = _resolve_times(cards, rendered, old, now)
    note_type_times = _note_type_times(note_types, old, now)
    deck_ids = {name: deck_id_for(name) for name in sorted({s.deck for s in study_set.sources})}
    description = _description(study_set)
    write_apkg(rendered, note_types, deck_ids, out, note_type_times=note_type_times,
               descriptions={name: description for name in deck_ids})
    counts = {kind: sum(1 for c in cards if c.kind == kind) for kind in KINDS}
    return replace(report, path=out, counts=counts,
                   compared_with=str(previous or out) if old else None)


def _previous_package(out: Path, previous: Path | None) -> PackageContents | None:
    if previous is not None:
        return read_apkg(previous)
    if out.is_file():
        try:
            return read_apkg(out)
        except DeckgenError as exc:
            log.warning("ignoring the existing %s: %s", out, exc)
    return None


def _resolve_times(cards, rendered, old, now):  # type: ignore[no-untyped-def]
    """Each note's modification time: kept while its content is unchanged, else newer.

    Anki only updates a note whose incoming time is newer than its own, so a changed
    note gets a time strictly later than the one it replaces.
    """
    added, changed, final = [], [], []
    unchanged = 0
    for card, note in zip(cards, rendered):
        modified = card.modified
        edited_by_hand = card.content_hash and card.content_hash != content_hash(card)
        if edited_by_hand:
            modified = max(now, modified + 1)
        before = old.notes.get(note.guid) if old else None
        if old is not None:
            if before is None:
                added.append(card)
            elif before.fields == note.fields:
                modified = before.modified
                unchanged += 1
            else:
                modified = max(modified, before.modified + 1) if not edited_by_hand else max(
                    modified, before.modified + 1)
                if modified <= before.modified:
                    modified = max(now, before.modified + 1)
                changed.append(card)
        final.append(replace(note, modified=modified))
    removed = ()
    if old is not None:
        current = {note.guid for note in rendered}
        removed = tuple((guid, _kind_of(n.model_id), n.fields[0][:60])
                        for guid, n in sorted(old.notes.items()) if guid not in current)
    report = BuildReport(path=Path(), counts={}, added=tuple(added), changed=tuple(changed),
                         unchanged=unchanged, removed=removed)
    return final, report


def _kind_of(model_id: int) -> str:
    from .notetypes import SCHEMAS

    return next((kind for kind, s in SCHEMAS.items() if s.model_id == model_id), "?")


def _note_type_times(note_types, old, now):  # type: ignore[no-untyped-def]
    """A note type keeps its time while its faces and CSS are unchanged, so a user's
    own edits in Anki survive; a changed look gets a newer time and updates in place."""
    times = {}
    for spec in note_types:
        before = old.note_types.get(spec.model_id) if old else None
        faces = tuple((front, back) for _, _, front, back in spec.templates)
        if before is not None and before.faces == faces and before.css == spec.css:
            times[spec.model_id] = before.modified
        else:
            times[spec.model_id] = max(now, before.modified + 1) if before else now
    return times


def _description(study_set: StudySet) -> str:
    names = ", ".join(Path(s.path).name for s in study_set.sources)
    return (f"Made by deckgen {__version__} from {names}. "
            "Rebuild it from the study set with: deckgen build STUDY.json -o DECK.apkg")


__all__ = ["BuildReport", "build_deck", "card_guid", "extract_study_set", "write_deck"]
