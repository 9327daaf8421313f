"""The pipeline: transcripts → a study set (``extract``) → render → package.

``extract.extract_study_set`` turns transcripts into a ``StudySet``; ``build_deck``
renders a study set (made on the fly from transcripts, or loaded from an edited JSON
file) into an ``.apkg``.  This module composes the stages and does no I/O of its own:
reading goes through ``sources``, writing through ``package``.
"""

from __future__ import annotations

import shlex
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import sources, studyset
from .cards import deck_id_for
from .changes import BuildReport, carry_identities
from .deck import CardOptions, render_deck, render_notes
from .errors import DeckgenError
from .export import to_anki_text
from .extract import extract_study_set
from .files import check_name, is_stdout, resolve_target, write_text
from .package import write_apkg
from .parallel import Progress
from .preview import preview_cards, preview_page
from .readback import PackageContents, read_apkg
from .render import make_env
from .types import KINDS, DeckSpec, StudySet
from .update import UpdateReport, merge_study_sets

if TYPE_CHECKING:
    from kiwipiepy import Kiwi


def is_study_set(path: Path) -> bool:
    return path.suffix.lower() == ".json" and sources.looks_like_study_set(path)


def load_study_set(path: Path) -> StudySet:
    return studyset.loads(sources.read_text(path), str(path))


def save_study_set(study_set: StudySet, out: Path) -> Path:
    return write_text(out, studyset.dumps(study_set))


def build_deck(
    inputs: Sequence[Path],
    out: Path,
    *,
    deck_name: str | None = None,
    options: CardOptions = CardOptions(),
    previous: Path | None = None,
    kiwi: Kiwi | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> BuildReport:
    """Build an ``.apkg`` from transcripts or from one study set file."""
    check_output(out)
    old = _previous_package(out, previous)
    study_set, extracted = study_set_of(inputs, deck_name=deck_name, kinds=options.kinds,
                                        kiwi=kiwi, fmt=fmt, encoding=encoding, jobs=jobs,
                                        progress=progress)
    if extracted:
        # No study set remembers these cards' GUIDs: the package being replaced does.
        study_set = replace(study_set, cards=tuple(carry_identities(study_set.cards, old)))
    command = ["deckgen", "build", *(p.name for p in inputs), "-o", out.name]
    if deck_name:
        command += ["--deck", deck_name]
    return _write_deck(study_set, out, old, str(previous or out), options,
                       rebuild=shlex.join(command))


def study_set_of(
    inputs: Sequence[Path],
    *,
    deck_name: str | None = None,
    kinds: Sequence[str] = KINDS,
    kiwi: Kiwi | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[StudySet, bool]:
    """The study set of the inputs: one study set file, loaded, or transcripts, extracted
    (then True: no study set remembers their cards' GUIDs)."""
    if len(inputs) == 1 and is_study_set(inputs[0]):
        study_set = load_study_set(inputs[0])
        return (rename_deck(study_set, deck_name) if deck_name else study_set), False
    return extract_study_set(inputs, deck_name=deck_name, kinds=kinds, kiwi=kiwi, fmt=fmt,
                             encoding=encoding, jobs=jobs, progress=progress), True


def check_output(out: Path, *, text: bool = False) -> None:
    """Fail before the slow analysis when ``out`` cannot be written (``text``: a text
    output, which may be ``-`` for standard output).

    A real probe rather than ``os.access``: root passes every permission check, yet
    cannot write on a read-only file system.
    """
    check_name(out)
    if is_stdout(out):
        if text:
            return
        raise DeckgenError("-: a package cannot go to standard output; give a file name")
    target = resolve_target(out)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DeckgenError(f"{out}: folder {folder} does not exist; create it first")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise DeckgenError(
            f"{out}: cannot write in {folder} ({exc.strerror}); choose another output folder"
        ) from None


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
    options: CardOptions = CardOptions(),
    previous: Path | None = None,
) -> BuildReport:
    """Render a study set and write it as a package, keeping unchanged notes' times.

    The package compared with is ``previous``, else the package at ``out`` if any.
    """
    return _write_deck(study_set, out, _previous_package(out, previous), str(previous or out),
                       options)


def _write_deck(
    study_set: StudySet,
    out: Path,
    old: PackageContents | None,
    old_name: str,
    options: CardOptions,
    rebuild: str = "",
) -> BuildReport:
    deck = render_deck(study_set, options, old, rebuild=rebuild)
    write_apkg(
        deck.notes,
        deck.note_types,
        deck.deck_ids,
        out,
        note_type_times=deck.note_type_times,
        descriptions={name: deck.description for name in deck.deck_ids},
    )
    return replace(deck.report, path=out, compared_with=old_name if old else None)


def update_study_set(
    study_path: Path,
    inputs: Sequence[Path] = (),
    *,
    kinds: Sequence[str] = KINDS,
    kiwi: Kiwi | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[StudySet, UpdateReport]:
    """Re-extract the study set's transcripts (or ``inputs``) keeping the user's edits."""
    old = load_study_set(study_path)
    paths = list(inputs) or [Path(s.path) for s in old.sources]
    namespaces = {s.path: s.namespace for s in old.sources}
    fresh = extract_study_set(
        paths,
        deck_name=old.deck.name,
        kinds=kinds,
        kiwi=kiwi,
        namespaces=namespaces,
        fmt=fmt,
        encoding=encoding,
        jobs=jobs,
        progress=progress,
    )
    return merge_study_sets(old, fresh, now=int(time.time()))


def preview_deck(
    inputs: Sequence[Path],
    out: Path,
    *,
    deck_name: str | None = None,
    options: CardOptions = CardOptions(),
    use_anki: bool = True,
    kiwi: Kiwi | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
) -> Path:
    """Write an HTML page showing every card of a deck (an .apkg, a study set or transcripts)."""
    check_output(out, text=True)
    if len(inputs) == 1 and inputs[0].suffix.lower() == ".apkg":
        cards, css = preview_cards(inputs[0], use_anki=use_anki)
        title = inputs[0].stem
    else:
        with tempfile.TemporaryDirectory() as folder:
            apkg = Path(folder) / "preview.apkg"
            report = build_deck(
                inputs,
                apkg,
                deck_name=deck_name,
                options=options,
                kiwi=kiwi,
                fmt=fmt,
                encoding=encoding,
            )
            cards, css = preview_cards(report.path, use_anki=use_anki)
        title = deck_name or inputs[0].stem
    page = preview_page(cards, css, title=f"deckgen: {title}", lang=options.lang)
    return write_text(out, page)


def export_text(study_path: Path, out: Path, *, options: CardOptions = CardOptions()) -> Path:
    """Write a study set's notes as a text file for Anki's own importer."""
    check_output(out, text=True)
    study_set = load_study_set(study_path)
    cards = [c for c in study_set.cards if c.kind in options.kinds]
    rendered = render_notes(study_set, cards, make_env(options.templates_dir), options)
    return write_text(out, to_anki_text(rendered))


def _previous_package(out: Path, previous: Path | None) -> PackageContents | None:
    if previous is not None:
        return read_apkg(previous)
    if is_stdout(out) or not out.is_file() or out.stat().st_size == 0:
        return None
    try:
        return read_apkg(out)
    except DeckgenError as exc:
        # Not a package to compare with, so perhaps not one to replace either.
        raise DeckgenError(f"{exc}; or, to replace it, delete it or choose another output "
                           "name first") from None


__all__ = [
    "CardOptions",
    "study_set_of",
    "build_deck",
    "check_output",
    "update_study_set",
    "write_deck",
]
