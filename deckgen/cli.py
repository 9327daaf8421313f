"""The command line: a thin layer over the library (``deckgen.pipeline``).

Commands parse options, call one library function and print its result: the written
path on stdout, a short report on stderr.  Library errors (``DeckgenError``) become a
one-line ``Error: ...`` and exit code 1.  Heavy modules are imported inside the
commands, so ``deckgen --help`` stays fast and never loads Kiwi.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_options import (
    INPUT,
    OUTPUT,
    card_options,
    card_options_of,
    jobs_option,
    kinds_option,
    progress_bar,
    source_options,
    worker_count,
)
from .errors import DeckgenError
from .parallel import LOG_FORMAT


def _fail(exc: DeckgenError) -> click.ClickException:
    return click.ClickException(str(exc))


def _report(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
@click.option("-v", "--verbose", count=True, help="Log progress to stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn a transcript (a lecture, a podcast, an interview) into an Anki deck.

    deckgen finds the key terms, definitions, key ideas and memorable quotes of a
    Korean transcript and writes an .apkg that imports into Anki.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format=LOG_FORMAT)


def _echo_path(written: Path) -> None:
    """The path written, on standard output: what a script reads (unless it got the text)."""
    if str(written) != "-":
        click.echo(str(written))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=INPUT)
@click.option("-o", "--output", "out", required=True, type=OUTPUT, help="The .apkg file to write.")
@click.option("--deck", "deck_name", help="Deck name (default: the input's file name). "
              "Use Parent::Child for a subdeck.")
@click.option("--previous", type=INPUT,
              help="An earlier .apkg to compare with (default: the OUTPUT file, if it exists).")
@card_options
@source_options
@jobs_option
def build(inputs: tuple[Path, ...], out: Path, deck_name: str | None, previous: Path | None,
          jobs: int | None, fmt: str | None, encoding: str | None, **card: Any) -> None:
    """Build an Anki deck from transcripts, or from one study set (STUDY.json).

    Several transcripts make one package with a subdeck per input.  Rebuilding over an
    earlier package updates its notes in Anki instead of duplicating them.
    """
    from .pipeline import build_deck

    try:
        report = build_deck(list(inputs), out, deck_name=deck_name, previous=previous,
                            options=card_options_of(**card), fmt=fmt, encoding=encoding,
                            jobs=worker_count(jobs), progress=progress_bar(inputs))
    except DeckgenError as exc:
        raise _fail(exc) from exc
    _report(report.summary())
    _echo_path(report.path)


@cli.command()
@click.argument("inputs", nargs=-1, type=INPUT)
@click.option("-o", "--output", "out", type=OUTPUT,
              help="The study set (.json) to write; - for standard output.")
@click.option("--update", "study", type=INPUT,
              help="Refresh this study set from its (edited) transcripts, keeping your edits "
                   "and deletions; INPUTs default to the study set's sources.")
@click.option("--deck", "deck_name", help="Deck name (default: the input's file name).")
@kinds_option
@source_options
@jobs_option
def extract(inputs: tuple[Path, ...], out: Path | None, study: Path | None, deck_name: str | None,
            kinds: tuple[str, ...], fmt: str | None, encoding: str | None,
            jobs: int | None) -> None:
    """Write the study set of transcripts: an editable JSON file of the cards.

    Edit or delete cards in it, then build the deck with: deckgen build STUDY.json -o DECK.apkg
    """
    from .extract import extract_study_set
    from .pipeline import check_output, save_study_set, update_study_set

    target = out or study
    if target is None or (study is None and not inputs):
        raise click.UsageError("give INPUT... and -o STUDY.json, or --update STUDY.json")
    try:
        check_output(target, text=True)
        if study is not None:
            study_set, report = update_study_set(study, list(inputs), kinds=kinds, fmt=fmt,
                                                 encoding=encoding, jobs=worker_count(jobs),
                                                 progress=progress_bar(inputs))
            lines = report.summary()
        else:
            study_set = extract_study_set(list(inputs), deck_name=deck_name, kinds=kinds,
                                          fmt=fmt, encoding=encoding, jobs=worker_count(jobs),
                                          progress=progress_bar(inputs))
            lines = [f"{len(study_set.cards)} cards"]
        written = save_study_set(study_set, target)
    except DeckgenError as exc:
        raise _fail(exc) from exc
    _report(lines)
    _echo_path(written)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=INPUT)
@click.option("-o", "--output", "out", required=True, type=OUTPUT,
              help="The .html page to write; - for standard output.")
@click.option("--deck", "deck_name", help="Deck name, when building from transcripts.")
@card_options
@source_options
def preview(inputs: tuple[Path, ...], out: Path, deck_name: str | None, fmt: str | None,
            encoding: str | None, **card: Any) -> None:
    """Write one HTML page showing every card, front and back, as Anki shows them.

    INPUTS is a deck (.apkg), a study set (.json) or transcripts.  The page is
    self-contained (no network); open it with #night at the end of its address to see
    night mode.
    """
    from .pipeline import preview_deck

    try:
        written = preview_deck(list(inputs), out, deck_name=deck_name,
                               options=card_options_of(**card), fmt=fmt, encoding=encoding)
    except DeckgenError as exc:
        raise _fail(exc) from exc
    _echo_path(written)


@cli.command()
@click.argument("study", type=INPUT)
@click.option("-o", "--output", "out", required=True, type=OUTPUT,
              help="The text file (.csv or .txt) to write; - for standard output.")
@card_options
def export(study: Path, out: Path, **card: Any) -> None:
    """Write a study set's notes as a file for Anki's own text importer.

    The file carries GUIDs, so importing it updates notes already in Anki.  It uses
    deckgen's note types: import the deck's .apkg once before.
    """
    from .pipeline import export_text

    try:
        written = export_text(study, out, options=card_options_of(**card))
    except DeckgenError as exc:
        raise _fail(exc) from exc
    _echo_path(written)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=INPUT)
@click.option("--collection", type=click.Path(path_type=Path),
              help="The Anki collection to update: a profile's collection.anki2, or the "
                   "profile's folder.")
@click.option("--profile", metavar="NAME", help="The Anki profile whose collection to update, "
              "found in Anki's data folder ($ANKI_BASE if set).")
@click.option("--deck", "deck_name", help="Deck name (default: the study set's, or the "
              "input's file name).")
@click.option("--dry-run", is_flag=True, help="Print the report and write nothing.")
@click.option("--prefer", type=click.Choice(["yours", "deckgen"]), default="yours",
              show_default=True,
              help="Where you and deckgen both changed a field: whose text to keep.")
@click.option("--prune", is_flag=True, help="Delete the notes deckgen no longer makes, with "
              "their review history (default: suspend them and tag them deckgen::removed).")
@card_options
@source_options
@jobs_option
def sync(inputs: tuple[Path, ...], collection: Path | None, profile: str | None,
         deck_name: str | None, dry_run: bool, prefer: str, prune: bool, jobs: int | None,
         fmt: str | None, encoding: str | None, **card: Any) -> None:
    """Update your own Anki collection in place from a study set or transcripts.

    Fields merge three ways: what deckgen wrote last time, what it writes now, and what
    you have in Anki.  Your edits are kept; where deckgen changed the same field, the
    report shows both texts.  Close Anki first; a real run makes Anki's backup before
    it writes.  Needs the anki library: pip install 'deckgen[anki]'.
    """
    if (collection is None) == (profile is None):
        raise click.UsageError("give one of --collection PATH and --profile NAME")
    from .profiles import profile_collection
    from .sync import sync_collection

    try:
        target = collection if collection is not None else profile_collection(str(profile))
        report = sync_collection(list(inputs), target, deck_name=deck_name,
                                 options=card_options_of(**card), prefer_ours=prefer == "deckgen",
                                 prune=prune, dry_run=dry_run, fmt=fmt, encoding=encoding,
                                 jobs=worker_count(jobs), progress=progress_bar(inputs))
    except DeckgenError as exc:
        raise _fail(exc) from exc
    _report(report.summary())
