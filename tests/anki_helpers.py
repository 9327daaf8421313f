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
    """The text a user sees: no <style> block, no tags, entities left as they are."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
