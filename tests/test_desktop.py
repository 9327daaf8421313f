"""The real Anki desktop (PyPI ``aqt``, headless) on decks deckgen built.

A student imports the deck (File → Import), looks through every note in the Browse
window, fixes the transcript, rebuilds and imports again.  Merely viewing a note must
not change it (Anki's editor saves a note whose HTML it would write differently, and
the importer then skips every later update of that note), and after the second
import the desktop shows what the new package says: every note reads as in the
package, except the line number of a note that only moved.

``desktop_addon.py`` drives Anki; this test builds the decks and reads its report.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEED

from deckgen.extract import extract_study_set
from deckgen.package import read_apkg
from deckgen.pipeline import build_deck

HERE = Path(__file__).resolve().parent
# Text Anki's editor used to rewrite: quotes, a no-break space, braces and a tag.
AWKWARD = "그는 \"좋다\"고 했고 'it's' 라고도 했다 {{c7::비밀}} <b>굵게</b>\u00a0끝."
MAKE_BASE = """
import sys
from aqt.profiles import ProfileManager
manager = ProfileManager(ProfileManager.get_created_base_folder(sys.argv[1]))
manager.setupMeta()
manager.setLang("en_US")             # the first-run language dialog, answered
manager.set_update_check(False)      # no network
manager.set_check_for_addon_updates(False)
manager.create("student")
manager.db.execute("update profiles set data = ? where name = '_global'",
                   manager._pickle(manager.meta))
manager.db.commit()
"""


def run_desktop(base: Path, actions: list, timeout: int = 900) -> list[dict]:
    """Run Anki on profile folder ``base`` with the add-on doing ``actions``."""
    # A key of its own: Anki lets one instance run per user and hands a second one's
    # arguments to it, so with the student's Anki open (or another test run) this one
    # would exit at once without doing the plan.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_DISABLE_SANDBOX": "1",
           "ANKI_SINGLE_INSTANCE_KEY": f"deckgen-test-{os.getpid()}-{base.name}"}
    if not base.exists():
        subprocess.run([sys.executable, "-c", MAKE_BASE, str(base)], env=env, check=True,
                       timeout=120)
        addon = base / "addons21" / "deckgen_desktop_test"
        addon.mkdir(parents=True)
        shutil.copy(HERE / "desktop_addon.py", addon / "__init__.py")
    out = base.parent / "desktop-report.json"
    out.unlink(missing_ok=True)
    plan = base.parent / "desktop-plan.json"
    plan.write_text(json.dumps({"actions": actions, "out": str(out)}), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "import sys, aqt; sys.exit(aqt.run())", "-b", str(base),
         "-p", "student"],
        env={**env, "DECKGEN_DESKTOP_PLAN": str(plan)}, capture_output=True, text=True,
        timeout=timeout)
    assert out.is_file(), f"Anki exited ({run.returncode}) without a report:\n{run.stderr[-3000:]}"
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in report, report["error"]
    return report["steps"]


def _transcripts(folder: Path) -> tuple[Path, Path]:
    seed = folder / SEED.name
    shutil.copy(SEED, seed)
    awkward = folder / "awkward.txt"
    lecture = (HERE / "data" / "lecture.txt").read_text(encoding="utf-8").split("\n")
    awkward.write_text("\n".join(f"{line} {AWKWARD}" if line.strip() else line
                                 for line in lecture), encoding="utf-8")
    return seed, awkward


def _edit(seed: Path) -> None:
    """Fix a word in a definition, and one in the sentence before an idea card; insert
    a line that moves every card after it."""
    cards = extract_study_set([seed]).cards
    lines = seed.read_text(encoding="utf-8").split("\n")
    definition = next(c for c in cards if c.kind == "definition"
                      and "최종 보상" in (c.definition or ""))
    lines[definition.source.line - 1] = lines[definition.source.line - 1].replace(
        "최종 보상", "마지막 보상")
    card_lines = {c.source.line for c in cards}
    free = [i for i in range(len(lines)) if i + 1 not in card_lines]
    idea, number = next((c, i) for c in cards if c.kind == "idea"
                        and c.source.before.endswith(".")
                        for i in free if c.source.before in lines[i])
    before = idea.source.before
    lines[number] = lines[number].replace(before, before.rstrip(".") + " (이웃 고침).")
    lines[2:2] = ["여기에 새 줄을 하나 넣습니다."]
    seed.write_text("\n".join(lines), encoding="utf-8")


def test_viewing_in_the_desktop_changes_nothing_and_a_rebuild_reaches_it(tmp_path):
    seed, awkward = _transcripts(tmp_path)
    deck = tmp_path / "talks.apkg"
    build_deck([seed, awkward], deck)
    first = tmp_path / "first.apkg"
    shutil.copy(deck, first)
    _edit(seed)
    report = build_deck([seed, awkward], deck)
    assert report.changed >= 2 and report.unchanged > 0

    steps = run_desktop(tmp_path / "anki", [
        ["import", str(first)], ["dump", "imported"], ["view"], ["dump", "viewed"],
        ["check"], ["import", str(deck)], ["dump", "reimported"], ["check"]])
    dumps = {s["dump"]: s for s in steps if "dump" in s}
    imported, viewed, reimported = (dumps[n]["notes"] for n in ("imported", "viewed",
                                                                 "reimported"))

    # Every card was shown in the editor, and not one note changed by it.
    [views] = [s for s in steps if "viewed" in s]
    assert views["notes"] == len(imported) == len(read_apkg(first).notes)
    assert views["viewed"] == dumps["imported"]["cards"]
    changed = [g for g in imported if viewed[g] != imported[g]]
    assert changed == [], f"{len(changed)} notes changed by viewing: {changed[:5]}"

    # The second import updated the desktop's notes to the new package's text.
    packaged = read_apkg(deck).notes
    first_notes = read_apkg(first).notes
    assert set(reimported) == set(packaged)  # nothing duplicated, nothing lost
    for guid, note in packaged.items():
        shown = reimported[guid]["fields"]
        if shown != list(note.fields):
            # Only a note that merely moved keeps its old line number.
            assert note.modified == first_notes[guid].modified, guid
            assert [re.sub(r"\d+", "#", f) for f in shown] == [
                re.sub(r"\d+", "#", f) for f in note.fields], guid
    for fix in ("마지막 보상", "(이웃 고침)"):  # a note updated in place shows each fix
        [guid] = [g for g, n in packaged.items() if fix in " ".join(n.fields)]
        assert guid in first_notes and fix in reimported[guid]["answer"]

    # Check Database finds nothing to fix and no card to add, before and after.
    checks = [s for s in steps if "check" in s]
    assert [c["cards"] for c in checks] == [dumps["imported"]["cards"],
                                            dumps["reimported"]["cards"]]
    assert all(c["ok"] for c in checks)


def test_a_synced_collection_opens_in_the_desktop_with_the_merged_text(tmp_path, monkeypatch):
    """deckgen sync on the desktop's own profile: refused while Anki has it open, then
    (Anki closed) merged; the desktop then loads it and shows the merged text."""
    from anki.collection import Collection

    from deckgen import studyset
    from deckgen.pipeline import write_deck

    seed = tmp_path / SEED.name
    shutil.copy(SEED, seed)
    study_set = extract_study_set([seed])
    study, apkg = tmp_path / "seed.json", tmp_path / "seed.apkg"
    study.write_text(studyset.dumps(study_set), encoding="utf-8")
    write_deck(study_set, apkg)
    base = tmp_path / "anki"
    monkeypatch.setenv("ANKI_BASE", str(base))  # --profile finds the desktop's folder
    sync = [sys.executable, "-m", "deckgen", "sync", str(study), "--profile", "student"]

    steps = run_desktop(base, [["import", str(apkg)], ["run", *sync], ["dump", "imported"]])
    [refused] = [s for s in steps if "run" in s]
    assert refused["rc"] == 1, refused
    assert refused["stderr"].count("\n") == 1 and "open in Anki" in refused["stderr"]
    imported = next(s for s in steps if s.get("dump") == "imported")["notes"]

    # Anki closed: the student edits a note, the study set changes another and drops one.
    data = json.loads(study.read_text(encoding="utf-8"))
    mine, changed, dropped = [c for c in data["cards"] if c["kind"] == "idea"][:3]
    col = Collection(os.fspath(base / "student" / "collection.anki2"))
    try:
        note = col.get_note(col.db.scalar("SELECT id FROM notes WHERE guid = ?", mine["guid"]))
        note["Context"] = "내가 쓴 메모"
        col.update_note(note)
    finally:
        col.close()
    changed["source"]["context"] = "deckgen이 고친 맥락 문장."
    data["cards"].remove(dropped)
    study.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(sync, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "1 updated" in done.stderr and "1 removed" in done.stderr

    steps = run_desktop(base, [["dump", "synced"], ["view"], ["dump", "viewed"], ["check"]])
    dumps = {s["dump"]: s["notes"] for s in steps if "dump" in s}
    synced = dumps["synced"]
    assert set(synced) == set(imported)  # nothing added twice, nothing lost
    assert synced[mine["guid"]]["fields"][1] == "내가 쓴 메모"
    assert "내가 쓴 메모" in synced[mine["guid"]]["answer"]
    assert "deckgen이 고친 맥락 문장." in synced[changed["guid"]]["answer"]
    assert "deckgen::removed" in synced[dropped["guid"]]["tags"]
    assert set(synced[dropped["guid"]]["queues"]) == {-1}  # suspended
    assert all(-1 not in n["queues"] for g, n in synced.items() if g != dropped["guid"])
    assert dumps["viewed"] == synced  # looking at every note changed none
    [check] = [s for s in steps if "check" in s]
    assert check["ok"] and check["cards"] == len(imported)
