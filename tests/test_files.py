"""Outputs on a real file system: links, modes, scratch files, killed runs, stdout."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
import tempfile

import pytest

from deckgen import files
from deckgen.cli import cli
from deckgen.package import read_apkg
from deckgen.pipeline import save_study_set


@pytest.fixture
def study(tmp_path, lecture_study_set):
    path = tmp_path / "lecture.json"
    save_study_set(lecture_study_set, path)
    return path


def build(runner, *args):
    return runner.invoke(cli, ["build", *map(str, args)], catch_exceptions=False)


def test_an_output_through_a_link_writes_the_file_it_names(runner, tmp_path, study,
                                                           lecture_apkg):
    real = tmp_path / "decks" / "lecture.apkg"
    real.parent.mkdir()
    real.write_bytes(lecture_apkg.read_bytes())
    link = tmp_path / "current.apkg"
    link.symlink_to(real)

    result = build(runner, study, "-o", link)

    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real
    assert "since " in result.stderr  # compared with the deck the link names
    assert len(read_apkg(real).notes) > 3
    assert not [p for p in real.parent.iterdir() if p.name != real.name]


def test_a_target_that_is_not_a_file_is_refused(runner, tmp_path, study):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    for target in (fifo, link):
        result = build(runner, study, "-o", target)
        assert result.exit_code == 1 and "Traceback" not in result.output
        [message] = result.stderr.strip().splitlines()
        assert str(target) in message and "give the path of a file" in message
    assert stat.S_ISFIFO(fifo.stat().st_mode) and link.is_symlink()
    folder = build(runner, study, "-o", tmp_path)
    assert folder.exit_code == 2 and "is a directory" in folder.stderr


def test_new_files_follow_the_umask_and_old_ones_keep_their_mode(runner, tmp_path, study):
    files._umask.cache_clear()
    old_mask = os.umask(0o027)
    try:
        new = tmp_path / "new.apkg"
        assert build(runner, study, "-o", new).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        shared = tmp_path / "shared.apkg"
        shared.write_bytes(b"")
        shared.chmod(0o664)
        assert build(runner, study, "-o", shared).exit_code == 0
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(old_mask)
        files._umask.cache_clear()


def test_a_build_and_a_preview_leave_no_scratch_file(runner, tmp_path, study, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    assert build(runner, study, "-o", out / "deck.apkg").exit_code == 0
    assert build(runner, study, "-o", out / "deck.apkg").exit_code == 0  # over the old one
    preview = runner.invoke(cli, ["preview", str(out / "deck.apkg"), "-o", str(out / "p.html")],
                            catch_exceptions=False)
    assert preview.exit_code == 0, preview.output
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["deck.apkg", "p.html"]


def test_the_temporary_file_of_a_killed_run_is_removed_once_its_process_is_gone(
        runner, tmp_path, study):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    gone = tmp_path / f".deck.apkg.{finished.stdout.strip()}.k1ll3d.tmp"
    gone.write_bytes(b"half a package")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        alive = tmp_path / f".deck.apkg.{running.pid}.wr1t1ng.tmp"
        alive.write_bytes(b"still being written")
        other = tmp_path / f".other.apkg.{finished.stdout.strip()}.x.tmp"
        other.write_bytes(b"not ours to judge")
        try:
            assert build(runner, study, "-o", tmp_path / "deck.apkg").exit_code == 0
        finally:
            running.kill()
    assert not gone.exists() and alive.exists() and other.exists()


def test_text_outputs_may_go_to_standard_output(runner, tmp_path, study):
    result = runner.invoke(cli, ["export", str(study), "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("#separator:") and "-\n" not in result.stdout[-2:]
    lecture = json.loads(study.read_text(encoding="utf-8"))["sources"][0]["path"]
    extracted = runner.invoke(cli, ["extract", lecture, "-o", "-"], catch_exceptions=False)
    assert extracted.exit_code == 0, extracted.output
    assert json.loads(extracted.stdout)["cards"]
    refused = build(runner, study, "-o", "-")
    assert refused.exit_code != 0 and "standard output" in refused.stderr
    assert list(tmp_path.glob("-*")) == []


def test_a_file_name_that_is_not_utf8_is_one_line(tmp_path, lecture_apkg):
    source = os.fsdecode(os.fsencode(tmp_path) + b"/\xffbad.txt")
    with open(source, "w", encoding="utf-8") as handle:
        handle.write("광합성은 빛으로 양분을 만드는 과정입니다.\n")
    for args in (["build", source, "-o", str(tmp_path / "deck.apkg")],
                 ["build", str(lecture_apkg), "-o", os.fsdecode(os.fsencode(tmp_path)
                                                                + b"/\xffout.apkg")],
                 ["extract", source, "-o", "-"]):
        run = subprocess.run([sys.executable, "-m", "deckgen", *args], capture_output=True)
        assert run.returncode == 1, run.stderr
        [line] = run.stderr.decode("utf-8", "replace").strip().splitlines()
        assert "\\xff" in line and "not valid UTF-8" in line, line


def test_ctrl_c_while_the_cli_is_still_loading_is_no_traceback(tmp_path):
    # The moment a console script imports the CLI, caught by making that import fail.
    script = ("import builtins, sys\n"
              "real = builtins.__import__\n"
              "def interrupted(name, *args, **kwargs):\n"
              "    if name == 'cli':\n"
              "        raise KeyboardInterrupt\n"
              "    return real(name, *args, **kwargs)\n"
              "builtins.__import__ = interrupted\n"
              "from deckgen.entry import main\n"
              "main()\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.strip() == "Aborted!", run.stderr


def test_a_preview_falls_back_to_deckgens_renderer_when_anki_cannot_work(
        runner, tmp_path, lecture_apkg, monkeypatch, caplog):
    # A $TMPDIR Anki cannot write its scratch collection in (full, or gone).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    with caplog.at_level(logging.WARNING):
        result = runner.invoke(cli, ["preview", str(lecture_apkg), "-o",
                                     str(tmp_path / "p.html")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Anki's renderer failed" in caplog.text and "Traceback" not in result.output
    assert "dg-card" in (tmp_path / "p.html").read_text(encoding="utf-8")
