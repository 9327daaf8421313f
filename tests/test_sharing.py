"""Sharing a deck: subdecks, nested deck names, tags, description, text export, determinism."""

from __future__ import annotations

import os
import subprocess
import sys

from anki.collection import ImportCsvRequest
from anki_helpers import import_apkg, notes_by_guid
from conftest import SEED

from deckgen import __version__
from deckgen.cli import cli


def lectures(tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first, second = tmp_path / "lecture1.txt", tmp_path / "lecture2.txt"
    first.write_text("\n".join(lines[:150]), encoding="utf-8")
    second.write_text("\n".join(lines[150:300]), encoding="utf-8")
    return first, second


def test_several_inputs_make_one_package_with_a_subdeck_each(tmp_path, runner, anki_collection):
    first, second = lectures(tmp_path)
    out = tmp_path / "course.apkg"
    result = runner.invoke(cli, ["build", str(first), str(second), "-o", str(out), "--deck",
                                 "Course::Week 3"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    import_apkg(anki_collection, out)

    names = {d.name for d in anki_collection.decks.all_names_and_ids()}
    assert {
        "Course",
        "Course::Week 3",
        "Course::Week 3::lecture1",
        "Course::Week 3::lecture2",
    } <= names
    for note in notes_by_guid(anki_collection).values():
        stems = [t for t in note.tags if t.startswith("source::")]
        assert stems in (["source::lecture1"], ["source::lecture2"])
        deck = anki_collection.decks.name(anki_collection.get_card(note.card_ids()[0]).did)
        assert deck == "Course::Week 3::" + stems[0].split("::")[1]
    description = anki_collection.decks.by_name("Course::Week 3")["desc"]
    assert "lecture1.txt" in description and "lecture2.txt" in description
    assert __version__ in description
    assert description.endswith(
        "Rebuild it with: deckgen build lecture1.txt lecture2.txt -o course.apkg"
        " --deck 'Course::Week 3'")


def test_a_deck_from_a_study_set_names_it_in_its_description(tmp_path, runner,
                                                           anki_collection):
    first, _ = lectures(tmp_path)
    study = tmp_path / "week 3.json"
    out = tmp_path / "week3.apkg"
    for command in (["extract", str(first), "-o", str(study)],
                    ["build", str(study), "-o", str(out)]):
        result = runner.invoke(cli, command, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    import_apkg(anki_collection, out)
    [description] = {d["desc"] for d in anki_collection.decks.all() if d["desc"]}
    assert description.endswith("Rebuild it with: deckgen build 'week 3.json' -o week3.apkg")
    assert "lecture1.txt" in description


def test_the_same_term_in_two_lectures_makes_two_notes(tmp_path, runner):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    text = (
        "가치 함수는 보상을 일찍 알려주는 도구입니다. "
        "가치 함수가 있으면 끝까지 기다릴 필요가 없습니다.\n"
        * 3
    )
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    study = tmp_path / "study.json"
    runner.invoke(
        cli, ["extract", str(first), str(second), "-o", str(study)], catch_exceptions=False
    )
    import json

    cards = json.loads(study.read_text(encoding="utf-8"))["cards"]
    keys = [(c["kind"], c["key"]) for c in cards]
    assert len(set(keys)) < len(keys)  # the same concepts in both lectures
    assert len({c["guid"] for c in cards}) == len(cards)  # but never the same GUID


def test_text_export_updates_the_notes_anki_has(tmp_path, runner, anki_collection):
    study, deck, text = tmp_path / "study.json", tmp_path / "deck.apkg", tmp_path / "cards.txt"
    runner.invoke(cli, ["extract", str(SEED), "-o", str(study)], catch_exceptions=False)
    runner.invoke(cli, ["build", str(study), "-o", str(deck)], catch_exceptions=False)
    import_apkg(anki_collection, deck)
    before = len(anki_collection.find_notes(""))

    import json

    data = json.loads(study.read_text(encoding="utf-8"))
    edited_card = next(c for c in data["cards"] if c["kind"] == "idea")
    edited_card["cloze"] = "내보낸 파일로 고친 {{c1::개념}} 예문입니다."
    study.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(cli, ["export", str(study), "-o", str(text)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    header = text.read_text(encoding="utf-8").split("\n")[:6]
    assert header[:2] == ["#separator:tab", "#html:true"] and "#guid column:3" in header

    metadata = anki_collection.get_csv_metadata(str(text), None)
    log = anki_collection.import_csv(ImportCsvRequest(path=str(text), metadata=metadata)).log
    assert len(log.new) == 0 and len(log.missing_notetype) == 0
    assert len(anki_collection.find_notes("")) == before
    note = notes_by_guid(anki_collection)[edited_card["guid"]]
    assert "내보낸 파일로 고친 " in note["Text"] and "예문입니다." in note["Text"]


def test_extraction_does_not_depend_on_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"study-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "deckgen", "extract", str(SEED), "-o", str(out)],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
