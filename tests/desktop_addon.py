"""An add-on that drives the real Anki desktop for ``test_desktop.py``.

Anki loads it from ``<base>/addons21/<name>/__init__.py``.  Once the profile is open it
runs the plan in ``$DECKGEN_DESKTOP_PLAN`` (JSON: ``actions`` and ``out``) one step
at a time on Qt's event loop, writes what it saw to ``out`` and quits Anki:

* ``["import", PATH]``: File → Import with PATH chosen: Anki's import page opens and
  its Import button is clicked, as a user would;
* ``["view"]``: the Browse window, every card shown in its editor in turn (Next, as
  the toolbar's arrow does), then closed;
* ``["dump", NAME]``: every note's GUID, fields, tags, modification time, its cards'
  queues and its first card's answer as the reviewer renders it;
* ``["check"]``: Tools → Check Database;
* ``["run", ARG...]``: a command run while Anki has the collection open (its exit
  code and standard error recorded).

Any exception ends the run with its traceback in ``out``.
"""

from __future__ import annotations

import json
import os
import subprocess
import traceback
from collections.abc import Callable
from pathlib import Path

from aqt import dialogs, gui_hooks, mw
from aqt.import_export.import_dialog import ImportDialog
from aqt.import_export.importing import import_file
from aqt.qt import QTimer

PLAN = json.loads(Path(os.environ["DECKGEN_DESKTOP_PLAN"]).read_text(encoding="utf-8"))
RESULT: dict = {"steps": []}
# Each wait gives up after this many polls of 200 ms.
PATIENCE = 300
CLICK_IMPORT = """(() => {
  const button = [...document.querySelectorAll("button")]
    .find(b => b.textContent.trim().toLowerCase() === "import");
  if (!button || button.disabled) return null;
  button.click();
  return "clicked";
})()"""


def later(ms: int, step: Callable[[], None]) -> None:
    def run() -> None:
        try:
            step()
        except Exception:
            RESULT["error"] = traceback.format_exc()
            finish()

    QTimer.singleShot(ms, run)


def finish() -> None:
    Path(PLAN["out"]).write_text(json.dumps(RESULT, ensure_ascii=False), encoding="utf-8")
    mw.unloadProfileAndExit()


def poll(test: Callable[[], bool], then: Callable[[], None], what: str, tries: int = 0) -> None:
    if test():
        then()
    elif tries > PATIENCE:
        raise TimeoutError(what)
    else:
        later(200, lambda: poll(test, then, what, tries + 1))


def import_package(path: str, then: Callable[[], None]) -> None:
    import_file(mw, path)  # what File → Import does with the file the user picked

    def dialog() -> ImportDialog | None:
        return next((w for w in mw.app.topLevelWidgets()
                     if isinstance(w, ImportDialog) and w.isVisible() and w.web), None)

    def click(tries: int = 0) -> None:
        page = dialog()
        assert page is not None and page.web is not None

        def clicked(answer: object) -> None:
            if answer != "clicked":
                if tries > PATIENCE:
                    raise TimeoutError("the import page never offered its Import button")
                later(200, lambda: click(tries + 1))
            else:
                later(500, lambda: wait_for_log(page))

        page.web.evalWithCallback(CLICK_IMPORT, clicked)

    def wait_for_log(page: ImportDialog, tries: int = 0) -> None:
        assert page.web is not None

        def read(text: object) -> None:
            # The page shows its overview ("N notes found in file") once the import ran.
            if isinstance(text, str) and "found in file" in text:
                RESULT["steps"].append({"import": path, "log": text[:3000]})
                page.reject()
                later(300, then)
            elif tries > PATIENCE:
                raise TimeoutError(f"the import of {path} never finished: {text!r:.300}")
            else:
                later(200, lambda: wait_for_log(page, tries + 1))

        page.web.evalWithCallback("document.body.innerText", read)

    poll(lambda: dialog() is not None, click, "the import page never opened")


def view_every_card(then: Callable[[], None]) -> None:
    browser = dialogs.open("Browser", mw)
    browser.search_for("")
    shown: list[int] = []
    state = {"waiting": True}  # for the editor to show the next card

    def loaded(editor) -> None:
        # The editor may load one note more than once; each card moves on once.
        if editor is browser.editor and editor.note is not None and state["waiting"]:
            state["waiting"] = False
            shown.append(editor.note.id)
            later(400, step)  # let the editor's page settle, as a reader would

    def step() -> None:
        if browser.has_next_card():
            state["waiting"] = True
            browser.onNextCard()  # saves the note shown, then shows the next
        else:
            gui_hooks.editor_did_load_note.remove(loaded)
            browser.editor.call_after_note_saved(close)

    def close() -> None:
        browser.close()
        RESULT["steps"].append({"viewed": len(shown), "notes": len(set(shown))})
        later(800, then)

    gui_hooks.editor_did_load_note.append(loaded)
    later(500, browser.onFirstCard)


def dump(name: str) -> None:
    col = mw.col
    notes = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        cards = note.cards()
        notes[note.guid] = {"fields": list(note.fields), "mod": note.mod, "tags": note.tags,
                            "queues": [card.queue for card in cards],
                            "answer": cards[0].answer()}
    RESULT["steps"].append({"dump": name, "notes": notes, "cards": len(col.find_cards(""))})


def run_command(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    RESULT["steps"].append({"run": args, "rc": done.returncode, "stderr": done.stderr})


def check_database() -> None:
    problems, ok = mw.col.fix_integrity()
    RESULT["steps"].append({"check": problems, "ok": ok, "cards": len(mw.col.find_cards(""))})


def run_plan() -> None:
    actions = list(PLAN["actions"])

    def next_action() -> None:
        if not actions:
            finish()
            return
        action, *args = actions.pop(0)
        if action == "import":
            import_package(args[0], next_action)
        elif action == "view":
            view_every_card(next_action)
        elif action == "dump":
            dump(args[0])
            later(10, next_action)
        elif action == "check":
            check_database()
            later(10, next_action)
        elif action == "run":
            run_command(args)
            later(10, next_action)
        else:
            raise ValueError(action)

    next_action()


gui_hooks.profile_did_open.append(lambda: later(1000, run_plan))
