"""deckgen sync into real collections (the official ``anki`` library) in ``tmp_path``.

A student imports the seed's deck, studies every card and edits notes in Anki; the
study set changes too (cards edited, dropped, added back).  Each sync must keep every
review, add nothing twice, keep the student's edits unless deckgen changed the same
field (then report both texts) and suspend and tag the notes deckgen no longer makes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_helpers import answer_every_card, card_states, import_apkg, notes_by_guid

from deckgen import studyset
from deckgen.cli import cli
from deckgen.pipeline import write_deck
from deckgen.syncrecord import record_path

REMOVED = "deckgen::removed"


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Collection]:
    col = Collection(os.fspath(path))
    try:
        yield col
    finally:
        col.close()


def save(cards: list[dict], template: dict, path: Path) -> Path:
    path.write_text(json.dumps({**template, "cards": cards}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def sync(runner, study: Path, col: Path, *extra: str, code: int = 0) -> list[str]:
    result = runner.invoke(cli, ["sync", str(study), "--collection", str(col), *extra])
    assert result.exit_code == code, result.output
    return result.output.strip().split("\n")


def field(note, name: str) -> str:
    return note[name]


def edit_in_anki(col_path: Path, guid: str, name: str, text: str) -> None:
    with opened(col_path) as col:
        note = notes_by_guid(col)[guid]
        note[name] = text
        col.update_note(note)


@pytest.fixture
def student(tmp_path, seed_study_set):
    """The seed's study set as JSON, and a collection that imported its deck and
    studied every card."""
    study = tmp_path / "seed.json"
    study.write_text(studyset.dumps(seed_study_set), encoding="utf-8")
    apkg = tmp_path / "seed.apkg"
    write_deck(seed_study_set, apkg)
    col_path = tmp_path / "anki" / "collection.anki2"
    col_path.parent.mkdir()
    with opened(col_path) as col:
        import_apkg(col, apkg)
        assert answer_every_card(col) == len(seed_study_set.cards)
    return study, col_path


def reviews(col_path: Path) -> dict:
    with opened(col_path) as col:
        return {key: (s.card_id, s.reviews) for key, s in card_states(col).items()}


def test_five_rounds_of_edits_on_both_sides(tmp_path, runner, student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    cards = data["cards"]
    ideas = [c for c in cards if c["kind"] == "idea"]
    assert len(ideas) >= 4
    both, *others = ideas
    before = reviews(col_path)
    yours: dict[tuple[str, str], str] = {}  # the student's edits that must survive
    theirs_changed: dict[tuple[str, str], str] = {}  # deckgen's that must arrive
    conflicts_seen = 0
    for round_ in range(5):
        # The student edits one idea's Text in Anki, deckgen edits another's context,
        # and from round 2 on both edit the same idea: the student its Context, deckgen
        # its context sentence.
        mine, deckgens = others[round_ % len(others)], others[(round_ + 1) % len(others)]
        text = f"내가 고친 문장 {round_} {{{{c1::핵심}}}}입니다."
        edit_in_anki(col_path, mine["guid"], "Text", text)
        yours[(mine["guid"], "Text")] = text
        deckgens["source"]["context"] = f"deckgen이 고친 맥락 {round_}."
        theirs_changed[(deckgens["guid"], "Context")] = f"deckgen이 고친 맥락 {round_}."
        if round_ >= 2:
            edit_in_anki(col_path, both["guid"], "Context", f"학생 맥락 {round_}")
            both["source"]["context"] = f"deckgen 맥락 {round_}."
            yours[(both["guid"], "Context")] = f"학생 맥락 {round_}"
            theirs_changed.pop((both["guid"], "Context"), None)
        lines = sync(runner, save(cards, data, study), col_path)
        counts = lines[0]
        if round_ >= 2:
            conflicts_seen += 1
            assert "1 conflicts" in counts, lines
            assert any(line.strip().startswith("yours:   학생 맥락") for line in lines)
            assert any(line.strip().startswith("deckgen: ") and "deckgen 맥락" in line
                       for line in lines)
        with opened(col_path) as col:
            notes = notes_by_guid(col)
            assert len(notes) == len(cards)  # nothing added twice
            for (guid, name), text in yours.items():
                if (guid, name) not in theirs_changed:
                    assert field(notes[guid], name) == text
            for (guid, name), text in theirs_changed.items():
                if (guid, name) not in yours:
                    assert text in field(notes[guid], name)
            problems, ok = col.fix_integrity()
            assert ok, problems
    assert conflicts_seen == 3
    assert reviews(col_path) == before  # every card, every review


def test_first_sync_keeps_what_the_student_edited_and_takes_the_rest(tmp_path, runner,
                                                                    student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    cards = data["cards"]
    edited, changed, dropped = [c for c in cards if c["kind"] == "idea"][:3]
    edit_in_anki(col_path, edited["guid"], "Context", "학생이 쓴 맥락")
    edited["source"]["context"] = "deckgen이 바꾼 맥락."
    changed["source"]["context"] = "deckgen이 바꾼 다른 맥락."
    cards.remove(dropped)
    before = reviews(col_path)

    lines = sync(runner, save(cards, data, study), col_path)

    assert re.search(r"0 added, 1 updated, \d+ unchanged, 0 kept your edit, 1 conflicts, "
                     r"1 removed", lines[0]), lines
    assert any("no record of deckgen's earlier text" in line for line in lines)
    with opened(col_path) as col:
        notes = notes_by_guid(col)
        assert notes[edited["guid"]]["Context"] == "학생이 쓴 맥락"
        assert "deckgen이 바꾼 다른 맥락." in notes[changed["guid"]]["Context"]
        gone = notes[dropped["guid"]]
        assert REMOVED in gone.tags
        assert all(card.queue == -1 for card in gone.cards())  # suspended
        assert len(notes) == len(cards) + 1
        assert col.fix_integrity()[1]
    assert reviews(col_path) == before
    assert record_path(col_path).is_file()

    # The next sync has a record: the student's edit is theirs alone now, kept quietly.
    lines = sync(runner, study, col_path)
    assert re.search(r"0 added, 0 updated, \d+ unchanged, 0 kept your edit, 0 conflicts, "
                     r"0 removed", lines[0]), lines
    assert lines[-1] == "nothing to change in the collection"


def test_a_student_edit_is_kept_and_named_while_deckgen_leaves_that_field(runner, student):
    study, col_path = student
    sync(runner, study, col_path)  # the record of what deckgen wrote
    data = json.loads(study.read_text(encoding="utf-8"))
    idea = next(c for c in data["cards"] if c["kind"] == "idea")
    edit_in_anki(col_path, idea["guid"], "Context", "내 메모")
    lines = sync(runner, study, col_path)
    assert "1 kept your edit" in lines[0]
    assert any(line.startswith("  kept your edit:") and "(Context)" in line for line in lines)
    with opened(col_path) as col:
        assert notes_by_guid(col)[idea["guid"]]["Context"] == "내 메모"


def test_prefer_deckgen_takes_deckgens_text_in_a_conflict(runner, student):
    study, col_path = student
    sync(runner, study, col_path)
    data = json.loads(study.read_text(encoding="utf-8"))
    idea = next(c for c in data["cards"] if c["kind"] == "idea")
    edit_in_anki(col_path, idea["guid"], "Context", "내 메모")
    idea["source"]["context"] = "새 맥락 문장."
    lines = sync(runner, save(data["cards"], data, study), col_path, "--prefer", "deckgen")
    assert "1 conflicts" in lines[0] and any("kept deckgen's" in line for line in lines)
    with opened(col_path) as col:
        assert "새 맥락 문장." in notes_by_guid(col)[idea["guid"]]["Context"]


def test_a_card_made_again_is_restored_and_a_deleted_note_stays_deleted(runner, student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    cards = list(data["cards"])
    dropped, deleted = cards[-1], cards[-2]
    sync(runner, save(cards[:-1], data, study), col_path)
    with opened(col_path) as col:
        notes = notes_by_guid(col)
        assert REMOVED in notes[dropped["guid"]].tags
        col.remove_notes([notes[deleted["guid"]].id])  # the student deletes one

    lines = sync(runner, save(cards, data, study), col_path)
    assert "1 notes you deleted in Anki stay deleted" in "\n".join(lines)
    with opened(col_path) as col:
        notes = notes_by_guid(col)
        assert deleted["guid"] not in notes
        back = notes[dropped["guid"]]
        assert REMOVED not in back.tags and all(c.queue != -1 for c in back.cards())
        assert len(notes) == len(cards) - 1


def test_prune_deletes_and_says_the_reviews_go(runner, student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    lines = sync(runner, save(data["cards"][:-1], data, study), col_path, "--prune")
    text = "\n".join(lines)
    assert "1 removed" in lines[0]
    assert re.search(r"the 1 deleted notes took their cards' scheduling and 1 reviews", text)
    with opened(col_path) as col:
        assert data["cards"][-1]["guid"] not in notes_by_guid(col)
        assert col.fix_integrity()[1]


def test_first_sync_into_an_empty_collection_adds_every_note_with_deckgens_note_types(
        tmp_path, runner, seed_study_set):
    study = tmp_path / "seed.json"
    study.write_text(studyset.dumps(seed_study_set), encoding="utf-8")
    col_path = tmp_path / "collection.anki2"
    with opened(col_path):
        pass
    lines = sync(runner, study, col_path)
    assert f"{len(seed_study_set.cards)} added" in lines[0]
    assert (tmp_path / "backups").is_dir() and list((tmp_path / "backups").glob("*.colpkg"))
    with opened(col_path) as col:
        notes = notes_by_guid(col)
        assert set(notes) == {c.guid for c in seed_study_set.cards}
        models = {col.models.get(n.mid)["name"] for n in notes.values()}
        assert models <= {"deckgen definition", "deckgen idea", "deckgen quote",
                          "deckgen term cloze"}
        # The pinned note types: a package of the same deck imports as an update.
        assert {n.mid for n in notes.values()} <= {1_607_392_301, 1_607_392_302,
                                                   1_607_392_303, 1_607_392_305}
        assert col.fix_integrity()[1]
        for card_id in col.find_cards(""):
            assert col.get_card(card_id).answer()
    again = sync(runner, study, col_path)
    assert "0 added, 0 updated" in again[0]


def test_dry_run_writes_nothing(runner, student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    with opened(col_path) as col:
        before = {g: (list(n.fields), n.tags, n.mod) for g, n in notes_by_guid(col).items()}
    lines = sync(runner, save(data["cards"][:-1], data, study), col_path, "--dry-run")
    assert "1 removed" in lines[0] and lines[-1] == "dry run: nothing written"
    with opened(col_path) as col:
        after = {g: (list(n.fields), n.tags, n.mod) for g, n in notes_by_guid(col).items()}
    assert after == before
    assert not record_path(col_path).exists()
    assert not (col_path.parent / "backups").exists()


def test_a_collection_open_elsewhere_is_refused_in_one_line(runner, student):
    study, col_path = student
    with opened(col_path):
        lines = sync(runner, study, col_path, code=1)
    assert len(lines) == 1 and "open in Anki" in lines[0], lines


def test_fields_renamed_in_anki_stop_the_sync_before_it_writes(runner, student):
    study, col_path = student
    with opened(col_path) as col:
        model = col.models.by_name("deckgen idea")
        col.models.rename_field(model, model["flds"][1], "메모")
        col.models.update_dict(model)
    lines = sync(runner, study, col_path, code=1)
    assert len(lines) == 1 and "never changes a note type's fields" in lines[0]
    assert not record_path(col_path).exists()


def test_a_new_look_updates_the_note_types_and_keeps_a_students_css(tmp_path, runner,
                                                                    student):
    study, col_path = student
    sync(runner, study, col_path)
    templates = tmp_path / "look"
    templates.mkdir()
    (templates / "idea.front.html").write_text(
        "<div class=look>{{ f.cloze('Text') }}</div>", encoding="utf-8")
    with opened(col_path) as col:
        model = col.models.by_name("deckgen quote")
        model["css"] += "\n.mine { color: teal; }"
        col.models.update_dict(model)
    lines = sync(runner, study, col_path, "--templates", str(templates))
    assert "  note type deckgen idea: look updated" in lines
    with opened(col_path) as col:
        assert "class=look" in col.models.by_name("deckgen idea")["tmpls"][0]["qfmt"]
        assert ".mine { color: teal; }" in col.models.by_name("deckgen quote")["css"]
        assert col.fix_integrity()[1]


def test_bad_targets_are_one_line_and_left_alone(tmp_path, runner, student, monkeypatch):
    study, col_path = student
    empty = tmp_path / "empty.anki2"
    empty.write_bytes(b"")
    lines = sync(runner, study, empty, code=1)
    assert len(lines) == 1 and "not an Anki collection" in lines[0]
    assert empty.read_bytes() == b""  # not turned into a collection
    lines = sync(runner, study, tmp_path / "none.anki2", code=1)
    assert len(lines) == 1 and "no such collection" in lines[0]
    assert not (tmp_path / "none.anki2").exists()

    record_path(col_path).write_text("{not json", encoding="utf-8")
    lines = sync(runner, study, col_path, code=1)
    assert len(lines) == 1 and "delete it to sync as if for the first time" in lines[0]

    result = runner.invoke(cli, ["sync", str(study)])
    assert result.exit_code == 2 and "--collection PATH and --profile NAME" in result.output

    monkeypatch.setitem(sys.modules, "anki.collection", None)
    record_path(col_path).unlink()
    lines = sync(runner, study, col_path, code=1)
    assert lines == ["Error: deckgen sync needs the anki library: pip install 'deckgen[anki]'"]


def test_profile_finds_the_collection_in_ankis_data_folder(tmp_path, runner, student,
                                                          monkeypatch):
    study, col_path = student
    base = tmp_path / "Anki2"
    (base / "학생").mkdir(parents=True)
    col_path.rename(base / "학생" / "collection.anki2")
    monkeypatch.setenv("ANKI_BASE", str(base))
    result = runner.invoke(cli, ["sync", str(study), "--profile", "학생", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert str(base / "학생" / "collection.anki2") in result.output
    result = runner.invoke(cli, ["sync", str(study), "--collection", str(base / "학생"),
                                 "--dry-run"])  # the profile's folder will do
    assert result.exit_code == 0 and "dry run: nothing written" in result.output
    result = runner.invoke(cli, ["sync", str(study), "--profile", "other"])
    assert result.exit_code == 1
    assert "no Anki profile 'other'" in result.output and "profiles there: 학생" in result.output


def test_another_talks_notes_in_the_same_deck_are_not_removed(tmp_path, runner, student,
                                                             lecture_study_set,
                                                             seed_study_set):
    from deckgen.pipeline import rename_deck

    study, col_path = student
    lecture = rename_deck(lecture_study_set, seed_study_set.deck.name)
    apkg = tmp_path / "lecture.apkg"
    write_deck(lecture, apkg)
    with opened(col_path) as col:
        import_apkg(col, apkg)
    lines = sync(runner, study, col_path)
    assert "0 removed" in lines[0], lines
    with opened(col_path) as col:
        notes = notes_by_guid(col)
        assert {c.guid for c in lecture.cards} <= set(notes)
        assert not any(REMOVED in n.tags for n in notes.values())


def test_sync_from_a_transcript_keeps_a_reworded_ideas_note(tmp_path, kiwi):
    from conftest import SEED

    from deckgen.extract import extract_study_set
    from deckgen.sync import sync_collection

    talk = tmp_path / "talk.txt"
    talk.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    col_path = tmp_path / "collection.anki2"
    with opened(col_path):
        pass
    first = sync_collection([talk], col_path, kiwi=kiwi)
    assert len(first.plan.add) == len(extract_study_set([talk], kiwi=kiwi).cards)
    with opened(col_path) as col:
        answer_every_card(col)
    before = reviews(col_path)
    sentence = "방안의 모든 공기를 빨아들였기 때문에"
    old_guids = {c.guid for c in extract_study_set([talk], kiwi=kiwi).cards}
    talk.write_text(talk.read_text(encoding="utf-8").replace(
        sentence, "방안의 모든 산소를 빨아들였기 때문에"), encoding="utf-8")
    new_guids = {c.guid for c in extract_study_set([talk], kiwi=kiwi).cards}
    assert len(new_guids - old_guids) == 1  # the reworded idea has a new identity

    report = sync_collection([talk], col_path, kiwi=kiwi)
    assert (len(report.plan.add), len(report.plan.update), len(report.plan.remove)) == (0, 1, 0)
    assert reviews(col_path) == before
    with opened(col_path) as col:
        assert any("산소" in n["Text"] for n in notes_by_guid(col).values()
                   if "Text" in n.keys())


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", {"HOME": "/home/u"}, "/home/u/.local/share/Anki2"),
    ("linux", {"HOME": "/home/u", "XDG_DATA_HOME": "/data"}, "/data/Anki2"),
    ("darwin", {"HOME": "/Users/u"}, "/Users/u/Library/Application Support/Anki2"),
    ("win32", {"HOME": "C:/Users/u", "APPDATA": "C:/Users/u/AppData/Roaming"},
     "C:/Users/u/AppData/Roaming/Anki2"),
    ("darwin", {"HOME": "/Users/u", "ANKI_BASE": "/elsewhere"}, "/elsewhere"),
])
def test_ankis_data_folder_on_each_system(platform, env, expected):
    from deckgen.profiles import anki_base

    assert anki_base(env, platform) == Path(expected)


def test_a_real_sync_leaves_ankis_backup_of_the_collection_before_it(runner, student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    lines = sync(runner, save(data["cards"][:-1], data, study), col_path)
    [backup] = (col_path.parent / "backups").glob("*.colpkg")
    assert lines[-1].endswith(backup.name)
    # The backup is the collection before the sync (restored as Anki's Open Backup
    # does): the dropped note is not removed there yet.
    from anki._backend import RustBackend

    restored = col_path.parent / "restored.anki2"
    RustBackend().import_collection_package(
        col_path=os.fspath(restored), backup_path=os.fspath(backup),
        media_folder=os.fspath(col_path.parent / "restored.media"),
        media_db=os.fspath(col_path.parent / "restored.media.db2"))
    with opened(restored) as col:
        notes = notes_by_guid(col)
        assert len(notes) == len(data["cards"])
        assert REMOVED not in notes[data["cards"][-1]["guid"]].tags


def test_two_transcripts_sync_into_a_subdeck_each(tmp_path, kiwi):
    from conftest import SEED

    from deckgen.sync import sync_collection

    lines = SEED.read_text(encoding="utf-8").split("\n")
    first, second = tmp_path / "lecture1.txt", tmp_path / "lecture2.txt"
    first.write_text("\n".join(lines[:150]), encoding="utf-8")
    second.write_text("\n".join(lines[150:300]), encoding="utf-8")
    col_path = tmp_path / "collection.anki2"
    with opened(col_path):
        pass
    report = sync_collection([first, second], col_path, deck_name="Course::Week 3", kiwi=kiwi)
    assert report.plan.add
    with opened(col_path) as col:
        for note in notes_by_guid(col).values():
            [source] = [t for t in note.tags if t.startswith("source::")]
            deck = col.decks.name(col.get_card(note.card_ids()[0]).did)
            assert deck == "Course::Week 3::" + source.split("::")[1]
        description = col.decks.by_name("Course::Week 3::lecture1")["desc"]
        # File names and the profile's name only: the description goes to AnkiWeb.
        assert description.endswith(
            "Rebuild it with: deckgen sync lecture1.txt lecture2.txt "
            f"--profile {tmp_path.name} --deck 'Course::Week 3'")
        assert col.fix_integrity()[1]
    again = sync_collection([first, second], col_path, deck_name="Course::Week 3", kiwi=kiwi)
    assert (len(again.plan.add), len(again.plan.update), len(again.plan.remove)) == (0, 0, 0)


def test_a_sync_of_some_kinds_removes_no_note_of_the_others(runner, student):
    study, col_path = student
    data = json.loads(study.read_text(encoding="utf-8"))
    definition = next(c for c in data["cards"] if c["kind"] == "definition")
    kept_cards = [c for c in data["cards"] if c is not definition]
    lines = sync(runner, save(kept_cards, data, study), col_path, "--kinds", "idea")
    assert "0 removed" in lines[0], lines
    with opened(col_path) as col:
        assert REMOVED not in notes_by_guid(col)[definition["guid"]].tags
    lines = sync(runner, study, col_path)  # all kinds: now it is gone from the study set
    assert "1 removed" in lines[0], lines
