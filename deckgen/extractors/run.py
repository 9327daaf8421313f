"""Running the extractors on one document: one index for all, ideas' ranking ahead.

Every extractor reads the same ``DocumentIndex``, made once here (from the rows made
during the analysis, when given).  Ranking the sentences for ideas (TextRank over
windows of the text, and each sentence's share with its neighbours) is the one step
that needs nothing but each sentence's content words.  So for a long text it runs in a
worker process while this one finds terms, definitions and quotes: after Kiwi's
analysis both cores are free, and the ranking no longer adds to the wait.  The worker
runs the same function on the same words, so the result is the same either way.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from ..types import Document, Extract
from .definitions import unranked_definitions
from .index import DocumentIndex, SentenceRow, index_document
from .ranking import rank_sentences
from .registry import EXTRACTORS

log = logging.getLogger(__name__)

# From this many sentences on, ideas' ranking runs in a worker process.  Starting one
# takes about 0.15 s and ranking about 0.025 ms a sentence, while this process spends
# about 0.05 ms a sentence on terms, definitions and quotes: about even at 4,000.
RANK_AHEAD_SENTENCES = 4000
Ranks = tuple[Sequence[float], Sequence[float]]


def run_extractors(
    doc: Document, names: Sequence[str], rows: Sequence[SentenceRow] | None = None
) -> tuple[DocumentIndex, dict[str, list[Extract]]]:
    """The document's index and ``{"terms": ..., name: ...}`` for the other ``names``.

    ``rows``: ``index.index_sentence`` of each sentence, when made during the analysis.
    """
    index = index_document(doc, rows)
    ahead = "ideas" in names and len(index.words) >= RANK_AHEAD_SENTENCES
    with _ranked_ahead(index.words, ahead) as ranks:
        index = replace(index, definitions=unranked_definitions(doc, index))
        terms = EXTRACTORS["terms"](doc, index=index)
        extracts = {"terms": terms}
        # Ideas last: meanwhile the worker ranks the sentences.
        for name in sorted(names, key=lambda name: name == "ideas"):
            if name == "ideas" and ahead:
                index = replace(index, ranks=ranks())
            extracts[name] = EXTRACTORS[name](doc, terms=terms, index=index)
    return index, extracts


@contextmanager
def _ranked_ahead(words: tuple[tuple[str, ...], ...], ahead: bool
                  ) -> Iterator[Callable[[], Ranks | None]]:
    """A function returning ``rank_sentences(words)``, started now in a worker if ``ahead``."""
    if not ahead:
        yield lambda: None
        return
    # Imported here: most builds never start a worker.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    log.info("ranking %d sentences in a worker process", len(words))
    # "spawn", as for ``-j``: forking a process that runs Kiwi's threads is not safe.
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool.submit(_rank, words).result
    finally:
        pool.shutdown(cancel_futures=True)


def _rank(words: tuple[tuple[str, ...], ...]) -> Ranks:
    """``rank_sentences`` in the worker, without the cyclic collector (see ``pipeline``)."""
    gc.disable()
    return rank_sentences(words)
