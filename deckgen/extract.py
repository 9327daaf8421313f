"""Transcripts to a study set: read → analyse → extract → draft → gate → select → cards.

``extract_study_set`` composes the stages for each input (in worker processes with
``jobs``, see ``parallel``); ``pipeline`` renders and writes what it returns.
"""

from __future__ import annotations

import functools
import gc
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import sources
from .analysis import analyse
from .cards import deck_id_for, to_cards
from .errors import DeckgenError, NoCards
from .files import check_name
from .parallel import Progress, extract_sources
from .types import KINDS, Card, DeckSpec, Document, SourceInfo, StudySet, Term

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

log = logging.getLogger(__name__)

# How many of the ranked terms the study set lists.
TERMS_LISTED = 100
_EXTRACTOR_FOR_KIND = {"definition": "definitions", "idea": "ideas", "quote": "quotes"}
# Below this share of Hangul among its letters a transcript is not Korean talk.
_KOREAN_SHARE = 0.3


def extract_study_set(
    paths: Sequence[Path],
    *,
    deck_name: str | None = None,
    kinds: Sequence[str] = KINDS,
    kiwi: Kiwi | None = None,
    namespaces: Mapping[str, str] | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> StudySet:
    """Analyse the transcripts and pick their cards; one source (and subdeck) per input.

    ``namespaces`` maps a source path to the GUID namespace it had before (see
    ``update_study_set``); ``fmt`` and ``encoding`` override the detected format and
    encoding of every input.  ``jobs`` worker processes analyse several inputs at once
    (see ``parallel``); the study set is the same for any number.  ``progress`` is
    called after each input.
    """
    if not paths:
        raise DeckgenError("no input given")
    for path in paths:
        check_name(path)
    if deck_name is not None:
        check_name(Path(deck_name), "the deck name")
    name = deck_name or (paths[0].stem if len(paths) == 1 else "deckgen")
    deck = DeckSpec(name=name, deck_id=deck_id_for(name))
    # Among several inputs, one that gives no card is left out with a warning.
    one = functools.partial(_extract_one, namespaces=dict(namespaces or {}), kinds=tuple(kinds),
                            fmt=fmt, encoding=encoding, skip_empty=len(paths) > 1)
    inputs = list(zip(paths, _source_decks(paths, name), strict=True))
    results = extract_sources(inputs, one, jobs=jobs, kiwi=kiwi, progress=progress)
    source_infos = [info for info, _ in results if info is not None]
    cards = [card for _, source_cards in results for card in source_cards]
    if not cards:
        raise NoCards(f"found nothing to make cards from in any of the {len(paths)} inputs "
                      "(each one's reason is above)")
    return StudySet(deck=deck, sources=tuple(source_infos), cards=tuple(cards))


def _extract_one(
    path: Path,
    deck: str,
    *,
    namespaces: Mapping[str, str],
    kinds: Sequence[str],
    fmt: str | None,
    encoding: str | None,
    skip_empty: bool = False,
    kiwi: Kiwi | None = None,
) -> tuple[SourceInfo | None, list[Card]]:
    """``extract_source`` with the namespace the source had before (picklable for workers);
    with ``skip_empty``, a transcript that gives no card is a warning and no source."""
    try:
        return extract_source(path, deck, namespace=namespaces.get(str(path)), kinds=kinds,
                              kiwi=kiwi, fmt=fmt, encoding=encoding)
    except NoCards as error:
        if not skip_empty:
            raise
        log.warning("%s; left out of the deck", error)
        return None, []


def extract_source(
    path: Path,
    deck: str,
    *,
    namespace: str | None = None,
    kinds: Sequence[str] = KINDS,
    kiwi: Kiwi | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
) -> tuple[SourceInfo, list[Card]]:
    """One transcript's source entry and cards; GUIDs in ``namespace`` (default: the deck's)."""
    transcript = sources.read_transcript(path, fmt=fmt, encoding=encoding)
    namespace = namespace or str(deck_id_for(deck))
    # Imported here: building from a study set needs no extractor.
    from .drafts import draft_candidates
    from .extractors.index import SentenceRow, index_sentence
    from .extractors.run import run_extractors
    from .gate import judge, kept
    from .select import select_cards

    names = [_EXTRACTOR_FOR_KIND[kind] for kind in kinds if kind in _EXTRACTOR_FOR_KIND]
    rows: list[SentenceRow] = []
    with _collector_paused():
        # Each sentence is indexed as soon as it is read, while Kiwi's threads analyse
        # the next lines: on a long text that work then overlaps the analysis.
        doc = analyse(transcript, kiwi, on_sentence=lambda s: rows.append(index_sentence(s)))
        index, extracts = run_extractors(doc, names, rows)
        drafts = draft_candidates(doc, index, extracts, term_cards="term" in kinds)
        chosen = select_cards(doc, kept(judge(doc, drafts)))
        terms = extracts["terms"]
        cards = to_cards(doc, chosen, path=str(path), namespace=namespace, index=index,
                         terms=terms)
    if not cards:
        raise NoCards(f"{path}: found nothing to make cards from "
                      f"{_why_no_card(doc, len(terms), len(drafts))}")
    info = SourceInfo(
        path=str(path),
        sha256=transcript.sha256,
        deck=deck,
        namespace=namespace,
        terms=tuple(Term(term=t.text, score=t.score, lines=t.lines) for t in terms[:TERMS_LISTED]),
        generated=tuple(card.guid for card in cards),
    )
    log.info("%s: %d cards", path, len(cards))
    return info, cards


def _why_no_card(doc: Document, terms: int, drafts: int) -> str:
    """What the user is told when a transcript gives no card."""
    letters = [ch for ch in doc.text if ch.isalpha()]
    hangul = sum("가" <= ch <= "힣" for ch in letters)
    if letters and hangul < _KOREAN_SHARE * len(letters):
        return (f"({len(doc.sentences)} sentences, {100 * hangul // len(letters)}% of its "
                "letters Hangul); deckgen needs a Korean transcript")
    if terms:
        # Key terms, but no candidate the gate keeps: the talk is there, no card is sure.
        return (f"({len(doc.sentences)} sentences, {terms} key terms, {drafts} candidate "
                "cards, none clearly good); deckgen leaves out every card it is not sure of")
    return (f"({len(doc.sentences)} sentences, no key terms); deckgen needs a Korean "
            "transcript with some substance")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one transcript is analysed and extracted.

    Analysis and extraction make millions of small tuples (morphemes, phrases) and no
    reference cycles, so the collector finds nothing; but its full passes over a long
    text's objects took a third of the extractors' time and, while Kiwi analyses, held
    up this thread long enough to leave Kiwi's threads waiting (the seed x100 took 54 s
    to analyse instead of 42).  Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
