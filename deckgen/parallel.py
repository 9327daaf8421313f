"""Many transcripts at once: each analysed whole in a worker process.

Kiwi keeps the cores busy inside one file, but loading it and everything deckgen does
around it (reading, extraction, cards) runs on one core.  With several inputs, worker
processes each load Kiwi once (in the pool's initializer) and then take whole files,
so a folder of transcripts keeps every core busy.  Results come back in input order:
the study set is the same whatever the number of workers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .types import Card, SourceInfo

if TYPE_CHECKING:
    from concurrent.futures import Future

    from kiwipiepy import Kiwi

log = logging.getLogger(__name__)
# How the command line logs to stderr, in its process and in the workers.
LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"

# A transcript's source and cards (no source: it gave no card and is left out).
SourceResult = tuple[SourceInfo | None, list[Card]]
# Called after each file: (files done, files in all, cards so far).
Progress = Callable[[int, int, int], None]


class ExtractOne(Protocol):
    """Extracts one transcript into its subdeck (``extract.extract_source``)."""

    def __call__(self, path: Path, deck: str, *, kiwi: Kiwi | None = None) -> SourceResult: ...


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_sources(
    inputs: Sequence[tuple[Path, str]],
    extract_one: ExtractOne,
    *,
    jobs: int = 1,
    kiwi: Kiwi | None = None,
    progress: Progress | None = None,
) -> list[SourceResult]:
    """``extract_one(path, deck)`` for every input, in input order, on ``jobs`` processes.

    One input, or ``jobs`` of 1, runs here with ``kiwi``; otherwise each worker loads
    its own Kiwi.  ``extract_one`` must be picklable (a module-level function or a
    ``functools.partial`` of one).
    """
    workers = min(jobs, len(inputs))
    if workers <= 1:
        return _extract_here(inputs, extract_one, kiwi, progress)
    return _extract_in_pool(inputs, extract_one, workers, progress)


def _extract_here(
    inputs: Sequence[tuple[Path, str]],
    extract_one: ExtractOne,
    kiwi: Kiwi | None,
    progress: Progress | None,
) -> list[SourceResult]:
    results: list[SourceResult] = []
    cards = 0
    for path, deck in inputs:
        results.append(extract_one(path, deck, kiwi=kiwi))
        cards += len(results[-1][1])
        if progress is not None:
            progress(len(results), len(inputs), cards)
    return results


def _extract_in_pool(
    inputs: Sequence[tuple[Path, str]],
    extract_one: ExtractOne,
    workers: int,
    progress: Progress | None,
) -> list[SourceResult]:
    # Imported here: a build from a study set never needs them (and starts faster).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    log.info("analysing %d files on %d worker processes", len(inputs), workers)
    # "spawn": a fresh interpreter per worker.  Forking a process that already runs
    # Kiwi's threads (a test session, a library user) can deadlock.
    context = multiprocessing.get_context("spawn")
    results: list[SourceResult | None] = [None] * len(inputs)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                               initargs=(logging.getLogger().getEffectiveLevel(),))
    try:
        futures: dict[Future[SourceResult], int] = {
            pool.submit(extract_one, path, deck): i for i, (path, deck) in enumerate(inputs)
        }
        cards = 0
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[futures[future]] = result
            cards += len(result[1])
            if progress is not None:
                progress(done, len(inputs), cards)
    except BaseException:
        # A failed file (or Ctrl-C) ends the build: drop the files not started yet.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [result for result in results if result is not None]


def _start_worker(log_level: int) -> None:
    """Log as the parent does (a worker's warnings read like its own), and load Kiwi once
    per worker, before its first file."""
    from .analysis import get_kiwi

    logging.basicConfig(level=log_level, format=LOG_FORMAT)

    get_kiwi().tokenize("")
