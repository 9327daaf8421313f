"""The change report's Anki searches find their notes in a real collection."""

from __future__ import annotations

from anki_helpers import import_apkg

from deckgen.changes import anki_search
from deckgen.notetypes import SCHEMAS
from deckgen.package import read_apkg


def test_every_note_of_the_seed_deck_is_found_by_its_search(anki_collection, seed_apkg):
    import_apkg(anki_collection, seed_apkg)
    contents = read_apkg(seed_apkg)
    kind_of = {schema.model_id: kind for kind, schema in SCHEMAS.items()}
    for guid, note in contents.notes.items():
        search = anki_search(kind_of[note.model_id], note.fields, contents.note_decks[guid])
        found = {anki_collection.get_note(n).guid for n in anki_collection.find_notes(search)}
        assert guid in found, search
        assert len(found) < len(contents.notes) // 2, search  # it narrows the deck down


def test_a_search_escapes_what_anki_would_read_as_syntax(anki_collection, tmp_path):
    from deckgen.pipeline import write_deck
    from deckgen.types import Card, DeckSpec, SourceInfo, SourceRef, StudySet

    term = 'AI_x*y:z (설명) "인용"'
    card = Card(kind="term", key="k", guid="g1", term=term, cloze="{{c1::" + term + "}} 예문",
                source=SourceRef(path="t.txt", line=1, context="예문"))
    deck = "강의 1_a::*주*"
    study = StudySet(DeckSpec(deck, 1 << 30), (SourceInfo("t.txt", "", deck, "n"),), (card,))
    out = tmp_path / "odd.apkg"
    write_deck(study, out)
    import_apkg(anki_collection, out)

    search = anki_search("term", read_apkg(out).notes["g1"].fields, deck)
    assert "\\_" in search and "\\*" in search and "\\:" in search
    assert [anki_collection.get_note(n).guid for n in anki_collection.find_notes(search)] == ["g1"]
