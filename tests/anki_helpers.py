"""Helpers for tests that import decks into a real Anki collection."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest


@dataclass(frozen=True)
class ImportCounts:
    new: int
    updated: int
    duplicate: int
    conflicting: int


def import_apkg(collection: Collection, path: Path) -> ImportCounts:
    """Import a package the way Anki's desktop importer does by default."""
    request = ImportAnkiPackageRequest(
        package_path=os.fspath(path),
        options=ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False),
    )
    log = collection.import_anki_package(request).log
    # The Python side caches note types; the import happened in the Rust backend.
    collection.models._clear_cache()
    return ImportCounts(len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))


def rendered_cards(collection: Collection) -> list[tuple[Any, str, str]]:
    """Every card with its question and answer HTML as Anki renders them."""
    out = []
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        out.append((card, card.question(), card.answer()))
    return out


def visible_text(html: str) -> str:
    """The text a user sees: no <style> block, no tags, entities left as they are.

    A line break or a block ends a word; an inline tag (``<mark>``, ``<wbr>``) does not.
    """
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r"</?(?:br|hr|div|p|li|ul|ol|tr|td|table|h\d)\b[^>]*>", " ", html, flags=re.I)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def answer_every_card(collection: Collection) -> int:
    """Study every card once ("Easy") through Anki's scheduler; returns how many."""
    for config in collection.decks.all_config():
        config["new"]["perDay"] = 9999
        config["rev"]["perDay"] = 9999
        collection.decks.update_config(config)
    answered = 0
    for deck in collection.decks.all_names_and_ids():
        collection.decks.select(deck.id)  # the scheduler studies the current deck
        while (card := collection.sched.getCard()) is not None:
            collection.sched.answerCard(card, 4)
            answered += 1
    return answered


@dataclass(frozen=True)
class CardState:
    """What must survive a re-import: the card's id, its note, deck and review history."""

    card_id: int
    note_id: int
    deck_id: int
    reviews: int
    interval: int


def card_states(collection: Collection) -> dict[tuple[str, int], CardState]:
    """(note GUID, template ordinal) -> the card's state."""
    states = {}
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        note = card.note()
        reviews = collection.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card_id)
        states[(note.guid, card.ord)] = CardState(card_id, note.id, card.did, reviews, card.ivl)
    return states


def notes_by_guid(collection: Collection) -> dict[str, Any]:
    return {collection.get_note(n).guid: collection.get_note(n) for n in collection.find_notes("")}
