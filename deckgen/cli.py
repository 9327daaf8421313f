"""The command line: a thin layer over the library (``deckgen.pipeline``).

Commands parse options, call one library function and print its result.  Library
errors (``DeckgenError``) become a one-line ``Error: ...`` and exit code 1.  Heavy
modules are imported inside the commands, so ``deckgen --help`` stays fast and never
loads Kiwi.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import DeckgenError
from .types import KINDS

_INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUTPUT = click.Path(dir_okay=False, path_type=Path)
# Kept in step with deckgen.sources.FORMATS (a test checks), which is not imported
# here so that --help stays fast.
_FORMATS = ("text", "md", "srt", "vtt", "sbv", "json", "tsv")
_F = TypeVar("_F", bound=Callable[..., Any])


def _kinds(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise click.BadParameter(f"choose from {', '.join(KINDS)} (comma-separated)")
    return kinds


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}; try utf-8, utf-16, cp949") from None


def _link(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise click.BadParameter("give the video's web address, starting with https://")
    return value


def _source_options(command: _F) -> _F:
    """--format and --encoding, shared by the commands that read transcripts."""
    command = click.option(
        "--encoding", callback=_encoding,
        help="Encoding of the inputs (default: detect UTF-8, UTF-16 with BOM, CP949).",
    )(command)
    return click.option(
        "--format", "fmt", type=click.Choice(_FORMATS),
        help="Format of the inputs (default: from the extension, checked against the content).",
    )(command)


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
@click.option("--link", callback=_link, metavar="URL",
              help="The video's address: cards from timed transcripts link to their moment.")
@_source_options
def build(inputs: tuple[Path, ...], out: Path, deck_name: str | None, kinds: tuple[str, ...],
          link: str | None, fmt: str | None, encoding: str | None) -> None:
    """Build an Anki deck from transcripts, or from one study set (STUDY.json).

    Several transcripts make one package with a subdeck per input.
    """
    from .pipeline import build_deck

    try:
        report = build_deck(list(inputs), out, deck_name=deck_name, kinds=kinds, link=link,
                            fmt=fmt, encoding=encoding)
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
@_source_options
def extract(inputs: tuple[Path, ...], out: Path, deck_name: str | None, kinds: tuple[str, ...],
            fmt: str | None, encoding: str | None) -> None:
    """Write the study set of transcripts: an editable JSON file of the cards.

    Edit or delete cards in it, then build the deck with: deckgen build STUDY.json -o DECK.apkg
    """
    from .pipeline import check_output, extract_study_set, save_study_set

    try:
        check_output(out)
        study_set = extract_study_set(list(inputs), deck_name=deck_name, kinds=kinds, fmt=fmt,
                                      encoding=encoding)
        save_study_set(study_set, out)
    except DeckgenError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(study_set.cards)} cards", err=True)
    click.echo(str(out))
