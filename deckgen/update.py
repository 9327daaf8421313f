"""Refreshing a study set from an edited transcript without losing the user's work.

``merge_study_sets(old, fresh)`` takes the study set on disk (possibly edited by
hand) and a fresh extraction of the current transcripts, and keeps:

* the user's deletions: a card deckgen generated last time (listed in the source's
  ``generated``) that is no longer in the file was deleted by the user; it is
  recorded in ``deleted`` and never comes back;
* the user's edits: a card whose ``content_hash`` no longer matches its content was
  edited by hand; it is kept as edited (and stamped as changed now);
* the user's own cards (GUIDs deckgen never generated);
* unchanged cards with their modification times, so Anki leaves them alone (a card
  that only moved takes its new line or time); changed cards, and cards whose
  neighbouring sentences changed, get the fresh content and a newer time.

Pure: no I/O, the current time comes in as ``now``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .cards import card_text, content_hash, renamed
from .types import Card, DeletedCard, StudySet


@dataclass(frozen=True)
class UpdateReport:
    added: tuple[Card, ...] = ()
    changed: tuple[Card, ...] = ()
    unchanged: int = 0
    removed: tuple[Card, ...] = ()
    kept_edits: tuple[Card, ...] = ()
    kept_deletions: int = 0

    def summary(self) -> list[str]:
        lines = [
            f"{len(self.added)} added, {len(self.changed)} changed, {self.unchanged} unchanged, "
            f"{len(self.removed)} removed (no longer found in the transcript)"
        ]
        if self.kept_edits:
            lines.append(f"kept {len(self.kept_edits)} card(s) you edited by hand")
        if self.kept_deletions:
            lines.append(f"kept {self.kept_deletions} card(s) you deleted out of the study set")
        lines.extend(f"  removed {c.kind}: {_label(c)}" for c in self.removed)
        return lines


def _label(card: Card) -> str:
    return (card.term or card.quote or card.sentence or card.key)[:60]


def edited_by_hand(card: Card) -> bool:
    """Edited in the study set: marked so, or its content no longer matches its hash."""
    return card.edited or (bool(card.content_hash) and card.content_hash != content_hash(card))


def _same_neighbours(before: Card, card: Card) -> bool:
    """The sentences a card shows around its own are the same."""
    return (before.source.before, before.source.after) == (card.source.before, card.source.after)


def merge_study_sets(old: StudySet, fresh: StudySet, *, now: int) -> tuple[StudySet, UpdateReport]:
    """The refreshed study set (deck and namespaces of ``old``) and what changed."""
    fresh = replace(fresh, cards=tuple(_carry_identities(fresh.cards, old.cards, old.deleted)))
    old_cards = {card.guid: card for card in old.cards}
    generated = {guid for source in old.sources for guid in source.generated}
    deleted = {d.guid: d for d in old.deleted}
    fresh_by_guid = {card.guid: card for card in fresh.cards}
    for guid in sorted(generated - old_cards.keys() - deleted.keys()):
        card = fresh_by_guid.get(guid)
        deleted[guid] = DeletedCard(guid, card.kind if card else "", card.key if card else "")

    cards: list[Card] = []
    added, changed, kept_edits = [], [], []
    unchanged = kept_deletions = 0
    for card in fresh.cards:
        if card.guid in deleted:
            kept_deletions += 1
            continue
        before = old_cards.get(card.guid)
        if before is None:
            card = replace(card, modified=now)
            added.append(card)
        elif edited_by_hand(before):
            card = _restamp(before, now)
            kept_edits.append(card)
        elif before.content_hash == card.content_hash and _same_neighbours(before, card):
            # Only its place may have moved: the fresh line and time, the old stamp (Anki
            # keeps its copy and its line number until the card changes).
            card = replace(card, modified=before.modified)
            unchanged += 1
        else:
            card = replace(card, modified=max(now, before.modified + 1))
            changed.append(card)
        cards.append(card)

    removed = []
    for card in old.cards:
        if card.guid in fresh_by_guid:
            continue
        if edited_by_hand(card) or card.guid not in generated:
            mine = _restamp(card, now) if edited_by_hand(card) else card
            cards.append(mine)  # the user's own card or edit outlives the transcript change
            if edited_by_hand(card):
                kept_edits.append(mine)
        else:
            removed.append(card)

    sources = tuple(
        replace(s, generated=tuple(c.guid for c in fresh.cards if c.source.path == s.path))
        for s in fresh.sources
    )
    merged = replace(
        fresh,
        deck=old.deck,
        sources=sources,
        cards=tuple(cards),
        deleted=tuple(deleted[g] for g in sorted(deleted)),
    )
    report = UpdateReport(
        added=tuple(added),
        changed=tuple(changed),
        unchanged=unchanged,
        removed=tuple(removed),
        kept_edits=tuple(kept_edits),
        kept_deletions=kept_deletions,
    )
    return merged, report


def _carry_identities(
    fresh: Sequence[Card], old: Sequence[Card], deleted: Sequence[DeletedCard]
) -> list[Card]:
    """Fresh cards with the GUID of the old card they are, when the GUID alone misses it.

    A card keeps its old GUID when it has the old card's key (it took over a GUID in
    an earlier update) or when its wording is nearly the old card's (a typo fixed
    inside an idea or a quote), and so does a card the user deleted.
    """
    old_guids = {card.guid for card in old}
    by_key = {(card.kind, card.source.path, card.key): card.guid for card in old}
    fresh = [
        replace(card, guid=by_key.get((card.kind, card.source.path, card.key), card.guid))
        if card.guid not in old_guids
        else card
        for card in fresh
    ]
    matched = {card.guid for card in fresh}
    pairs: dict[str, str] = {}
    for path in dict.fromkeys(card.source.path for card in fresh):
        appeared = [
            (str(i), c.kind, card_text(c))
            for i, c in enumerate(fresh)
            if c.source.path == path and c.guid not in old_guids
        ]
        vanished = [
            (c.guid, c.kind, card_text(c))
            for c in old
            if c.source.path == path and c.guid not in matched
        ]
        pairs.update(renamed(appeared, vanished))
    # Deleted cards are remembered by key only: compare keys.
    known = old_guids | {d.guid for d in deleted}
    appeared = [
        (str(i), c.kind, c.key)
        for i, c in enumerate(fresh)
        if c.guid not in known and str(i) not in pairs
    ]
    pairs.update(renamed(appeared, [(d.guid, d.kind, d.key) for d in deleted]))
    return [replace(card, guid=pairs.get(str(i), card.guid)) for i, card in enumerate(fresh)]


def _restamp(card: Card, now: int) -> Card:
    """A hand-edited card marked as the user's; a new edit is recorded as changed now."""
    if card.content_hash == content_hash(card):
        return replace(card, edited=True)
    return replace(
        card, edited=True, content_hash=content_hash(card), modified=max(now, card.modified + 1)
    )
