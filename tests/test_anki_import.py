"""The seed deck imported into a real Anki collection: clean, complete, every card renders."""

from __future__ import annotations

import re
from collections import Counter

from anki_helpers import import_apkg, rendered_cards, visible_text


def test_seed_deck_imports_cleanly_and_every_card_renders(
    anki_collection, seed_apkg, seed_study_set
):
    counts = import_apkg(anki_collection, seed_apkg)

    assert counts.new == len(seed_study_set.cards)
    assert counts.conflicting == 0 and counts.duplicate == 0
    problems, ok = anki_collection.fix_integrity()
    assert ok, problems

    names = {d.name for d in anki_collection.decks.all_names_and_ids()}
    assert seed_study_set.deck.name in names
    guids = {anki_collection.get_note(n).guid for n in anki_collection.find_notes("")}
    assert guids == {c.guid for c in seed_study_set.cards}

    cards = rendered_cards(anki_collection)
    assert len(cards) >= len(seed_study_set.cards)
    for card, question, answer in cards:
        front, back = visible_text(question), visible_text(answer)
        assert front and back, card.id
        assert front != back, front
        leftovers = re.findall(r"\{\{[^}]*\}\}", question + answer)
        assert not leftovers, leftovers
        assert "출처" in back  # every card shows where it came from


def test_a_deck_has_every_kind_tagged(anki_collection, lecture_apkg):
    import_apkg(anki_collection, lecture_apkg)
    kinds = Counter()
    for note_id in anki_collection.find_notes(""):
        note = anki_collection.get_note(note_id)
        kind_tags = [t for t in note.tags if t.startswith("deckgen::")]
        assert len(kind_tags) == 1, note.tags
        kinds[kind_tags[0].split("::", 1)[1]] += 1
    assert set(kinds) == {"definition", "idea", "quote", "term"}, kinds
