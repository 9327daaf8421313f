"""The command line's shared options and their checks: what several commands of
``deckgen.cli`` accept (inputs and their format, card kinds and looks, worker count).
Nothing heavy is imported at the top, so ``deckgen --help`` stays fast."""

from __future__ import annotations

import codecs
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .types import KINDS

INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)
OUTPUT = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)
# Kept in step with deckgen.sources.FORMATS (a test checks), which is not imported
# here so that --help stays fast.
FORMATS = ("text", "md", "srt", "vtt", "sbv", "json", "tsv")
_F = TypeVar("_F", bound=Callable[..., Any])


def jobs_option(command: _F) -> _F:
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), default=None,
        help="Worker processes analysing several inputs at once (default: one per core).",
    )(command)


def worker_count(jobs: int | None) -> int:
    # parallel (and its multiprocessing import) only loads for a command that runs.
    from .parallel import default_jobs

    return jobs or default_jobs()


def progress_bar(inputs: tuple[Path, ...]) -> Callable[[int, int, int], None] | None:
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


def _apply(command: _F, options: list[Callable[[_F], _F]]) -> _F:
    for option in reversed(options):
        command = option(command)
    return command


def source_options(command: _F) -> _F:
    """--format and --encoding, for the commands that read transcripts."""
    return _apply(command, [
        click.option("--format", "fmt", type=click.Choice(FORMATS),
                     help="Format of the inputs (default: from the extension, checked against "
                          "the content)."),
        click.option("--encoding", callback=_encoding,
                     help="Encoding of the inputs (default: detect UTF-8, UTF-16 with BOM, "
                          "CP949)."),
    ])


def kinds_option(command: _F) -> _F:
    return click.option("--kinds", default=",".join(KINDS), show_default=True, callback=_kinds,
                        help="Card kinds to make.")(command)


def card_options(command: _F) -> _F:
    """Options of the commands that render cards."""
    return _apply(kinds_option(command), [
        click.option("--templates", "templates_dir", type=FOLDER,
                     help="Folder of card templates overriding deckgen's by file name."),
        click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
                     help="Language of the card labels (정의, 맥락, 출처...)."),
        click.option("--reverse", is_flag=True,
                     help="Also make a definition → term card for each definition."),
        click.option("--link", callback=_link, metavar="URL",
                     help="The video's address: cards from timed transcripts link to their "
                          "moment."),
    ])


def card_options_of(kinds: tuple[str, ...], templates_dir: Path | None, lang: str, link: str | None,
             reverse: bool) -> Any:
    from .pipeline import CardOptions

    return CardOptions(kinds=kinds, templates_dir=templates_dir, lang=lang, link=link,
                       reverse=reverse)
