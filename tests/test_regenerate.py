"""Regenerate and share without losing a review: rebuilds re-imported into real Anki.

Each scenario imports the seed deck into a fresh collection, studies every card once
through Anki's scheduler, changes something (the transcript, the study set, a
template, a note in Anki), rebuilds and re-imports, then checks that nothing is
duplicated and no card lost its id or its review history.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from anki_helpers import answer_every_card, card_states, import_apkg, notes_by_guid
from conftest import ROOT, SEED

from deckgen.cli import cli
from deckgen.package import read_apkg
from deckgen.pipeline import CardOptions, build_deck, save_study_set, update_study_set, write_deck


@pytest.fixture
def studied(tmp_path, anki_collection, seed_study_set):
    """The seed deck built from its study set, imported and studied once."""
    transcript = tmp_path / SEED.name
    shutil.copy(SEED, transcript)
    study = tmp_path / "study.json"
    moved = _relocate(seed_study_set, transcript)
    save_study_set(moved, study)
    deck = tmp_path / "seed.apkg"
    write_deck(moved, deck)
    counts = import_apkg(anki_collection, deck)
    assert counts.new == len(moved.cards)
    assert answer_every_card(anki_collection) == len(anki_collection.find_cards(""))
    return transcript, study, deck


def _relocate(study_set, transcript: Path):
    """The seed's study set as if extracted from ``transcript`` (same cards and GUIDs)."""
    from dataclasses import replace

    sources = tuple(replace(s, path=str(transcript)) for s in study_set.sources)
    cards = tuple(
        replace(c, source=replace(c.source, path=str(transcript))) for c in study_set.cards
    )
    return replace(study_set, sources=sources, cards=cards)


def _assert_history_kept(before, after):
    """Every card that is still there kept its id, note, deck and reviews."""
    for key, state in before.items():
        assert key in after, f"card {key} disappeared"
        now = after[key]
        assert (now.card_id, now.note_id, now.deck_id) == (
            state.card_id,
            state.note_id,
            state.deck_id,
        )
        assert now.reviews == state.reviews and now.interval == state.interval


def _edit_transcript(path: Path) -> None:
    """Fix words, delete a passage, insert lines (with a new definition), move a block."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[73] = lines[73].replace("최종 보상", "마지막 보상")  # line 74, a definition
    lines[12] = lines[12].replace("매우 어렵습니다", "정말 매우 어렵습니다")  # line 13
    del lines[300:310]  # a passage
    block = lines[400:405]
    del lines[400:405]
    lines[20:20] = block  # moved near the start
    new_definition = "정렬 세금이란 모델을 더 안전하게 만들 때 치르는 성능 손실을 말합니다."
    lines[60:60] = ["여기서 새로운 개념을 하나 소개하겠습니다.", new_definition]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_transcript_edit_updates_in_place(studied, anki_collection, tmp_path):
    transcript, study, deck = studied
    before = card_states(anki_collection)
    _edit_transcript(transcript)

    updated, report = update_study_set(study)
    save_study_set(updated, study)
    previous = read_apkg(deck).notes
    build = write_deck(updated, deck)
    counts = import_apkg(anki_collection, deck)

    assert counts.conflicting == 0
    assert counts.new == build.added and counts.updated == build.changed
    notes = notes_by_guid(anki_collection)
    assert len(notes) == len(anki_collection.find_notes(""))  # no duplicate GUIDs
    kept = {k: v for k, v in before.items() if k[0] in {c.guid for c in updated.cards}}
    _assert_history_kept(kept, card_states(anki_collection))
    assert any(c.term == "정렬 세금" for c in updated.cards if c.kind == "definition")
    new_note = next(n for n in notes.values() if "정렬 세금" in n.fields[0])
    assert "성능 손실" in new_note["Definition"]
    changed_text = [n for n in notes.values() if "마지막 보상" in " ".join(n.fields)]
    assert changed_text, "the fixed sentence should show in the updated notes"
    assert report.added and report.changed and report.unchanged > len(updated.cards) // 2
    # What Anki shows is the new package, but for line numbers of notes that only moved.
    kept_time = {guid for guid, note in read_apkg(deck).notes.items()
                 if guid in previous and note.modified == previous[guid].modified}
    _assert_anki_shows(anki_collection, deck, moved_only=kept_time)


def test_b_deleted_and_hand_edited_cards(studied, anki_collection, runner):
    transcript, study, deck = studied
    before = card_states(anki_collection)
    data = json.loads(study.read_text(encoding="utf-8"))
    removed = [c for c in data["cards"] if c["kind"] in ("idea", "quote")][:2]
    data["cards"] = [c for c in data["cards"] if c not in removed]
    edited = next(c for c in data["cards"] if c["kind"] == "definition")
    edited["definition"] = "손으로 고친 정의입니다."
    study.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    result = runner.invoke(cli, ["build", str(study), "-o", str(deck)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 changed" in result.stderr and "2 removed" in result.stderr
    counts = import_apkg(anki_collection, deck)

    assert (counts.new, counts.updated, counts.conflicting) == (0, 1, 0)
    assert notes_by_guid(anki_collection)[edited["guid"]]["Definition"] == "손으로 고친 정의입니다."
    _assert_history_kept(before, card_states(anki_collection))
    for card in removed:  # named in the report, and still findable in Anki
        search = next(
            line.split("->", 1)[1].strip()
            for line in result.stderr.splitlines()
            if "->" in line and card["guid"] in _guids_found(anki_collection, line)
        )
        assert search

    # The deletions survive a refresh from the transcript; the edit too.
    updated, report = update_study_set(study)
    guids = {c.guid for c in updated.cards}
    assert not guids & {c["guid"] for c in removed}
    assert {d.guid for d in updated.deleted} >= {c["guid"] for c in removed}
    kept = next(c for c in updated.cards if c.guid == edited["guid"])
    assert kept.definition == "손으로 고친 정의입니다." and kept.edited


def _guids_found(collection, report_line: str) -> set[str]:
    search = report_line.split("->", 1)[1].strip()
    return {collection.get_note(n).guid for n in collection.find_notes(search)}


def test_c_a_new_look_updates_note_types_in_place(studied, anki_collection, tmp_path):
    transcript, study, deck = studied
    before = card_states(anki_collection)
    note_types = {n.id for n in anki_collection.models.all_names_and_ids()}
    custom = tmp_path / "my-templates"
    custom.mkdir()
    css = (ROOT / "templates" / "style.css").read_text(encoding="utf-8")
    (custom / "style.css").write_text(css + "\n.dg-idea { color: #b00020; }\n", encoding="utf-8")
    front = (ROOT / "templates" / "idea.front.html").read_text(encoding="utf-8")
    (custom / "idea.front.html").write_text(
        front.replace("dg-prompt-text", "dg-prompt-text my-big"), encoding="utf-8"
    )

    report = build_deck([study], deck, options=CardOptions(templates_dir=custom))
    counts = import_apkg(anki_collection, deck)

    assert report.changed == 0 and counts.conflicting == 0 and counts.new == 0
    assert {n.id for n in anki_collection.models.all_names_and_ids()} == note_types
    idea_type = anki_collection.models.by_name("deckgen idea")
    assert "my-big" in idea_type["tmpls"][0]["qfmt"] and "#b00020" in idea_type["css"]
    _assert_history_kept(before, card_states(anki_collection))


def test_d_an_edit_made_in_anki_survives_a_rebuild(studied, anki_collection):
    transcript, study, deck = studied
    note = next(
        n
        for n in notes_by_guid(anki_collection).values()
        if n.note_type()["name"] == "deckgen definition"
    )
    note["Hint"] = "내가 Anki에서 쓴 메모"
    anki_collection.update_note(note)

    report = build_deck([study], deck)
    counts = import_apkg(anki_collection, deck)

    assert report.changed == 0 and counts.updated == 0
    assert anki_collection.get_note(note.id)["Hint"] == "내가 Anki에서 쓴 메모"


def test_e_building_twice_gives_identical_study_sets_and_notes(tmp_path, runner):
    outputs = []
    for run in ("one", "two"):
        folder = tmp_path / run
        folder.mkdir()
        study, deck = folder / "study.json", folder / "deck.apkg"
        for args in (
            ["extract", str(SEED), "-o", str(study)],
            ["build", str(SEED), "-o", str(deck)],
        ):
            assert runner.invoke(cli, args, catch_exceptions=False).exit_code == 0
        outputs.append((study.read_bytes(), read_apkg(deck)))
    (study_one, deck_one), (study_two, deck_two) = outputs
    assert study_one == study_two
    assert deck_one.notes == deck_two.notes  # GUIDs, fields and modification times


def _typo_in(line: str, sentence: str, hidden: list[str], analyse_text) -> str:
    """``line`` with one noun of ``sentence`` misspelt (not a hidden term)."""
    tokens = analyse_text(sentence).sentences[0].tokens
    for token in tokens:
        word = token.form
        if token.tag == "NNG" and len(word) >= 2 and not any(word in h for h in hidden):
            last = word[-1]
            step = 28 if ord(last) + 28 <= ord("힣") else -28  # the same syllable, another final
            misspelt = sentence.replace(word, word[:-1] + chr(ord(last) + step), 1)
            assert sentence in line
            return line.replace(sentence, misspelt, 1)
    raise AssertionError(f"no word to misspell in {sentence!r}")


@pytest.mark.parametrize("flow", ["update", "direct"])
def test_f_a_typo_fixed_inside_an_idea_keeps_its_note(studied, anki_collection, analyse_text, flow):
    from deckgen.cards import idea_key
    from deckgen.cloze import hidden

    transcript, study, deck = studied
    before = card_states(anki_collection)
    data = json.loads(study.read_text(encoding="utf-8"))
    # The best-scored of the longer ideas: a misspelt word moves a sentence's score a
    # little, which may hand a close stretch to its neighbour (no note to keep then).
    long_ideas = [c for c in data["cards"] if c["kind"] == "idea" and len(c["sentence"]) > 80]
    idea = max(long_ideas, key=lambda c: c["score"])
    lines = transcript.read_text(encoding="utf-8").split("\n")
    number = idea["source"]["line"] - 1
    lines[number] = _typo_in(lines[number], idea["sentence"], hidden(idea["cloze"]), analyse_text)
    transcript.write_text("\n".join(lines), encoding="utf-8")
    edited = analyse_text(lines[number])
    assert idea["key"] not in {idea_key(s) for s in edited.sentences}  # its own GUID would change

    if flow == "update":
        updated, _ = update_study_set(study)
        save_study_set(updated, study)
        build_deck([study], deck)
        guids = {c.guid for c in updated.cards}
    else:
        build_deck([transcript], deck)
        guids = set(read_apkg(deck).notes)
    counts = import_apkg(anki_collection, deck)

    assert idea["guid"] in guids
    assert counts.updated >= 1 and counts.conflicting == 0
    note = notes_by_guid(anki_collection)[idea["guid"]]
    assert note["Text"] != idea["cloze"]  # the fixed wording reached Anki
    _assert_history_kept(
        {k: v for k, v in before.items() if k[0] in guids}, card_states(anki_collection)
    )


def _assert_anki_shows(collection, deck: Path, moved_only: set[str] = frozenset()) -> None:
    """Every note in Anki reads as in the package, but the line number of a note that
    only moved (``moved_only``: unchanged by the build) may lag."""
    notes = notes_by_guid(collection)
    for guid, packaged in read_apkg(deck).notes.items():
        shown = list(notes[guid].fields)
        if shown == list(packaged.fields):
            continue
        differing = [i for i, (a, b) in enumerate(zip(shown, packaged.fields, strict=True))
                     if a != b]
        source = notes[guid].keys().index("Source")
        assert guid in moved_only and differing == [source], (guid, differing)
        assert re.sub(r"\d+", "#", shown[source]) == re.sub(r"\d+", "#", packaged.fields[source])


def test_g_a_restyled_field_partial_updates_every_note(studied, anki_collection, tmp_path):
    transcript, study, deck = studied
    before = card_states(anki_collection)
    custom = tmp_path / "my-templates"
    (custom / "fields").mkdir(parents=True)
    partial = (ROOT / "templates" / "fields" / "source.html").read_text(encoding="utf-8")
    (custom / "fields" / "source.html").write_text(
        partial.replace('class="dg-source-name"', 'class="dg-source-name my-source"'),
        encoding="utf-8")

    report = build_deck([study], deck, options=CardOptions(templates_dir=custom))
    counts = import_apkg(anki_collection, deck)

    notes = notes_by_guid(anki_collection)
    assert report.changed == counts.updated == len(notes) and counts.conflicting == 0
    assert all("my-source" in n["Source"] for n in notes.values())
    _assert_anki_shows(anki_collection, deck)
    _assert_history_kept(before, card_states(anki_collection))

    # The same look again changes nothing.
    assert build_deck([study], deck, options=CardOptions(templates_dir=custom)).changed == 0


def test_h_a_word_fixed_next_to_a_card_reaches_its_context(studied, anki_collection, tmp_path):
    transcript, study, deck = studied
    data = json.loads(study.read_text(encoding="utf-8"))
    lines = transcript.read_text(encoding="utf-8").split("\n")
    # An idea whose sentence before lies on a line with no card's sentence on it.
    card_lines = {c["source"]["line"] for c in data["cards"]}
    free = [i for i in range(len(lines)) if i + 1 not in card_lines]
    idea, number = next((c, i) for c in data["cards"] if c["kind"] == "idea"
                        and c["source"]["before"].endswith(".")
                        for i in free if c["source"]["before"] in lines[i])
    before = idea["source"]["before"]
    lines[number] = lines[number].replace(before, before.rstrip(".") + " (고침).")
    # Two lines up, so that the line before the last card, which its context shows, stays.
    last = max(card_lines) - 2
    lines[last:last] = ["위에 줄을 하나 더 넣습니다."]  # moves the last card
    transcript.write_text("\n".join(lines), encoding="utf-8")

    updated, _ = update_study_set(study)
    save_study_set(updated, study)
    previous = read_apkg(deck).notes
    report = build_deck([study], deck)
    counts = import_apkg(anki_collection, deck)

    assert counts.updated == report.changed >= 1 and counts.conflicting == 0
    assert "(고침)" in notes_by_guid(anki_collection)[idea["guid"]]["Context"]
    kept_time = {guid for guid, note in read_apkg(deck).notes.items()
                 if guid in previous and note.modified == previous[guid].modified}
    assert report.unchanged == len(kept_time) > 0
    assert 0 < report.moved <= report.unchanged
    assert any("only moved" in line for line in report.summary())
    _assert_anki_shows(anki_collection, deck, moved_only=kept_time)
