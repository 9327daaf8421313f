"""deckgen sync of the seed's study set into a collection of 10,000 other notes.

A student's collection holds far more than one talk's deck; a sync must cost about
what the talk's notes cost, not what the collection holds.  The collection is made
with the official ``anki`` library: 10,000 Basic notes in their own deck, then the
seed's deck imported and every card studied, as a student who imported the package
would have it.  Timed in this process, after loading (imports, the study set made):

* first sync: no record yet; every note compared by GUID, the record written, the
  backup Anki makes before writing;
* sync after edits: three notes edited in Anki, three cards changed and one dropped in
  the study set (updates, a conflict, a removal, Anki's backup);
* no-op sync: nothing to change;
* the baseline: ``build`` of the same study set into a package, in the same process;
* for comparison, the no-op sync as a whole command, interpreter and imports included.

    python benchmarks/sync_scale.py [--notes 10000] [--runs 3]

Target (issue 15): every sync under 2 s after loading.  Each row is the best of the
runs (a fresh collection each run), with the ratio to the build's time beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SEED = ROOT / "seeds" / "000_0daa36781fbb6d74.txt"
LIMIT_S = 2.0


def make_collection(path: Path, notes: int, apkg: Path) -> None:
    from anki.collection import AddNoteRequest, Collection
    from anki_helpers import answer_every_card, import_apkg

    col = Collection(os.fspath(path))
    try:
        basic = col.models.by_name("Basic")
        deck = col.decks.id("Vocabulary", create=True)
        requests = []
        for number in range(notes):
            note = col.new_note(basic)
            note["Front"] = f"단어 {number}"
            note["Back"] = f"뜻 {number} <b>예문</b> 이것은 {number}번째 카드입니다."
            requests.append(AddNoteRequest(note=note, deck_id=deck))
        col.add_notes(requests)
        import_apkg(col, apkg)
        answer_every_card(col)
    finally:
        col.close()


def edit(col_path: Path, study: Path) -> None:
    """Three notes edited in Anki; three cards changed and one dropped in the study set."""
    from anki.collection import Collection
    from anki_helpers import notes_by_guid

    data = json.loads(study.read_text(encoding="utf-8"))
    cards = data["cards"]  # every kind has a Context field
    col = Collection(os.fspath(col_path))
    try:
        notes = notes_by_guid(col)
        for card in cards[:3]:
            note = notes[card["guid"]]
            note["Context"] += "<br>내 메모"
            col.update_note(note)
    finally:
        col.close()
    for card in cards[2:5]:
        card["source"]["context"] = card["source"]["context"] + " (고침)"
    cards.remove(cards[5])
    study.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


class _Command:
    def __init__(self, stderr: str) -> None:
        self.stderr = stderr

    def summary(self) -> list[str]:
        return self.stderr.strip().split("\n")


def _command(study: Path, col_path: Path) -> _Command:
    run = subprocess.run([sys.executable, "-m", "deckgen", "sync", str(study), "--collection",
                          str(col_path)], capture_output=True, text=True, check=True)
    return _Command(run.stderr)


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


BASELINE = "build of the study set (baseline)"
TIMED_SYNCS = ("first sync (no record)", "sync after edits on both sides", "no-op sync")


def one_run(work: Path, template: Path, original: Path) -> list[tuple[str, tuple[float, Any]]]:
    """Each row's time and report, on a fresh copy of the collection."""
    from deckgen.pipeline import build_deck
    from deckgen.sync import sync_collection

    run = work / "run"
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(template, run)
    col_path, study = run / "collection.anki2", run / "seed.json"
    shutil.copy(original, study)
    rows = [(BASELINE, timed(lambda: build_deck([study], run / "out.apkg"))),
            (TIMED_SYNCS[0], timed(lambda: sync_collection([study], col_path)))]
    edit(col_path, study)
    rows.append((TIMED_SYNCS[1], timed(lambda: sync_collection([study], col_path))))
    rows.append((TIMED_SYNCS[2], timed(lambda: sync_collection([study], col_path))))
    rows.append(("the same, as a command (with loading)",
                 timed(lambda: _command(study, col_path))))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from deckgen import studyset
    from deckgen.extract import extract_study_set
    from deckgen.pipeline import write_deck

    seed_set = extract_study_set([SEED])
    best: dict[str, float] = {}
    counts: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="deckgen-sync-bench-") as folder:
        work = Path(folder)
        original = work / "seed.json"
        original.write_text(studyset.dumps(seed_set), encoding="utf-8")
        apkg = work / "seed.apkg"
        write_deck(seed_set, apkg)
        template = work / "template"
        template.mkdir()
        make_collection(template / "collection.anki2", args.notes, apkg)
        for _ in range(args.runs):
            for name, (seconds, report) in one_run(work, template, original):
                best[name] = min(best.get(name, seconds), seconds)
                counts[name] = report.summary()[0].split(": ", 1)[-1]

    baseline = best[BASELINE]
    print(f"collection: {args.notes} other notes + the seed's deck; best of {args.runs} runs")
    print(f"{'':40} {'seconds':>8} {'x build':>8}  report")
    failed = False
    for name, seconds in best.items():
        print(f"{name:40} {seconds:8.2f} {seconds / baseline:8.2f}  {counts[name]}")
        if name in TIMED_SYNCS:
            failed = failed or seconds >= LIMIT_S
    print(f"target: every sync under {LIMIT_S:.0f} s after loading: "
          f"{'FAIL' if failed else 'PASS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
