"""A study set as Anki notes: the note types, the notes with their times, the decks.

What a package holds (``pipeline.build_deck`` writes it) and what ``sync`` merges into
a collection; both render through here, so the two never differ.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .cards import deck_id_for
from .changes import BuildReport, note_type_times, resolve_times
from .errors import DeckgenError
from .readback import PackageContents
from .render import make_env, render_cards, render_note_types
from .types import KINDS, Card, NoteTypeSpec, RenderedCard, StudySet

if TYPE_CHECKING:
    import jinja2


@dataclass(frozen=True)
class CardOptions:
    """Which cards, and how they look: the same for build, preview, export and sync."""

    kinds: tuple[str, ...] = KINDS
    templates_dir: Path | None = None
    lang: str = "ko"
    link: str | None = None
    reverse: bool = False


@dataclass(frozen=True)
class RenderedDeck:
    """A study set as Anki notes: what a package holds, and what ``sync`` writes."""

    cards: tuple[Card, ...]
    notes: tuple[RenderedCard, ...]  # in the order of ``cards``
    note_types: tuple[NoteTypeSpec, ...]
    note_type_times: dict[int, int]
    deck_ids: dict[str, int]
    description: str
    report: BuildReport


def render_deck(
    study_set: StudySet,
    options: CardOptions,
    old: PackageContents | None = None,
    *,
    rebuild: str = "",
) -> RenderedDeck:
    """Render the study set's cards of ``options.kinds``, timed against ``old``."""
    cards = [c for c in study_set.cards if c.kind in options.kinds]
    if not cards:
        raise DeckgenError("the study set has no cards to build; nothing written")
    env = make_env(options.templates_dir)
    kinds = sorted({c.kind for c in cards}, key=KINDS.index)
    note_types = render_note_types(env, kinds, options.lang)
    rendered = render_notes(study_set, cards, env, options)
    now = int(time.time())
    rendered, report = resolve_times(cards, rendered, old, now)
    decks = {s.deck for s in study_set.sources}
    deck_ids = {name: deck_id_for(name) for name in sorted({study_set.deck.name, *decks})}
    counts = {kind: sum(1 for c in cards if c.kind == kind) for kind in KINDS}
    return RenderedDeck(
        cards=tuple(cards),
        notes=tuple(rendered),
        note_types=tuple(note_types),
        note_type_times=note_type_times(note_types, old, now),
        deck_ids=deck_ids,
        description=_description(study_set, rebuild),
        report=replace(report, counts=counts),
    )


def render_notes(
    study_set: StudySet, cards: Sequence[Card], env: jinja2.Environment, options: CardOptions
) -> list[RenderedCard]:
    decks = {s.path: s.deck for s in study_set.sources}
    return render_cards(
        cards, env, decks=decks, lang=options.lang, link=options.link, reverse=options.reverse
    )


def _description(study_set: StudySet, rebuild: str) -> str:
    """Where the deck came from and, when known, the command that rebuilds it."""
    names = ", ".join(Path(s.path).name for s in study_set.sources)
    made = f"Made by deckgen {__version__} from {names}."
    return f"{made} Rebuild it with: {rebuild}" if rebuild else made
