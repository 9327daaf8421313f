"""The command line: a thin layer over the library (``deckgen.pipeline``).

Commands parse options, call one library function and print its result.  Library
errors (``DeckgenError``) become a one-line ``Error: ...`` and exit code 1.  Heavy
modules are imported inside the commands, so ``deckgen --help`` stays fast and never
loads Kiwi.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .errors import DeckgenError
from .types import KINDS

_INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUTPUT = click.Path(dir_okay=False, path_type=Path)


def _jobs_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), default=None,
        help="Worker processes analysing several inputs at once (default: one per core).",
    )(command)


def _jobs(jobs: int | None) -> int:
    # parallel (and its multiprocessing import) only loads for a command that runs.
    from .parallel import default_jobs

    return jobs or default_jobs()


def _progress_bar(inputs: tuple[Path, ...]) -> Callable[[int, int, int], None] | None:
    """A one-line progress bar on stderr for several inputs, when stderr is a terminal."""
    if len(inputs) < 2 or not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(done: int, total: int, cards: int) -> None:
        elapsed = int(time.monotonic() - started)
        filled = 30 * done // total
        bar = "#" * filled + "-" * (30 - filled)
        end = "\n" if done == total else ""
        click.echo(f"\r[{bar}] {done}/{total} files, {cards} cards, "
                   f"{elapsed // 60}:{elapsed % 60:02d}{end}", err=True, nl=False)

    show(0, len(inputs), 0)
    return show


def _kinds(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise click.BadParameter(f"choose from {', '.join(KINDS)} (comma-separated)")
    return kinds


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
@click.option("-v", "--verbose", count=True, help="Log progress to stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn a transcript (a lecture, a podcast, an interview) into an Anki deck.

    deckgen finds the key terms, definitions, key ideas and memorable quotes of a
    Korean transcript and writes an .apkg that imports into Anki.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=_INPUT)
@click.option("-o", "--output", "out", required=True, type=_OUTPUT, help="The .apkg file to write.")
@click.option("--deck", "deck_name", help="Deck name (default: the input's file name). "
              "Use Parent::Child for a subdeck.")
@click.option("--kinds", default=",".join(KINDS), show_default=True, callback=_kinds,
              help="Card kinds to make.")
@_jobs_option
def build(inputs: tuple[Path, ...], out: Path, deck_name: str | None, kinds: tuple[str, ...],
          jobs: int | None) -> None:
    """Build an Anki deck from transcripts, or from one study set (STUDY.json).

    Several transcripts make one package with a subdeck per input.
    """
    from .pipeline import build_deck

    try:
        report = build_deck(list(inputs), out, deck_name=deck_name, kinds=kinds,
                            jobs=_jobs(jobs), progress=_progress_bar(inputs))
    except DeckgenError as exc:
        raise click.ClickException(str(exc)) from exc
    counts = ", ".join(f"{n} {kind}" for kind, n in report.counts.items() if n)
    click.echo(f"{sum(report.counts.values())} cards ({counts})", err=True)
    click.echo(str(report.path))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=_INPUT)
@click.option("-o", "--output", "out", required=True, type=_OUTPUT,
              help="The study set (.json) to write.")
@click.option("--deck", "deck_name", help="Deck name (default: the input's file name).")
@click.option("--kinds", default=",".join(KINDS), show_default=True, callback=_kinds,
              help="Card kinds to make.")
@_jobs_option
def extract(inputs: tuple[Path, ...], out: Path, deck_name: str | None, kinds: tuple[str, ...],
            jobs: int | None) -> None:
    """Write the study set of transcripts: an editable JSON file of the cards.

    Edit or delete cards in it, then build the deck with: deckgen build STUDY.json -o DECK.apkg
    """
    from .pipeline import extract_study_set, save_study_set

    try:
        study_set = extract_study_set(list(inputs), deck_name=deck_name, kinds=kinds,
                                      jobs=_jobs(jobs), progress=_progress_bar(inputs))
        save_study_set(study_set, out)
    except DeckgenError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(study_set.cards)} cards", err=True)
    click.echo(str(out))
