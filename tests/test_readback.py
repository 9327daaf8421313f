"""Reading back a package that is not what it should be: one line, what to do, the file kept."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from deckgen.cli import cli
from deckgen.package import read_apkg
from deckgen.pipeline import save_study_set


def _rewritten(source: Path, target: Path, sql: str) -> Path:
    """``source`` with ``sql`` run on its collection."""
    with zipfile.ZipFile(source) as archive:
        collection = archive.read("collection.anki2")
    scratch = target.with_suffix(".db")
    scratch.write_bytes(collection)
    with sqlite3.connect(scratch) as connection:
        connection.executescript(sql)
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(scratch, "collection.anki2")
        archive.writestr("media", "{}")
    scratch.unlink()
    return target


def _patched_zip(source: Path, target: Path, *, flags: int = 0, method: int | None = None
                 ) -> Path:
    """``source`` with the zip headers' flag bits or compression method overwritten."""
    data = bytearray(source.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            if flags:
                data[start + offset] |= flags
            if method is not None:
                data[start + offset + 2:start + offset + 4] = method.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))
    return target


def _modern_export(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("collection.anki2", b"placeholder: please update Anki")
        archive.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd zstd data")
        archive.writestr("meta", b"\x08\x03")
    return target


BROKEN = {
    "not a zip": lambda ok, p: (p.write_bytes(b"GIF89a not a package"), p)[1],
    "empty collection": lambda ok, p: _rewritten(ok, p, "DELETE FROM col;"),
    "models null": lambda ok, p: _rewritten(ok, p, "UPDATE col SET models = 'null';"),
    "models a list": lambda ok, p: _rewritten(ok, p, "UPDATE col SET models = '[1, 2]';"),
    "models an int": lambda ok, p: _rewritten(ok, p, "UPDATE col SET models = '5';"),
    "models not JSON": lambda ok, p: _rewritten(ok, p, "UPDATE col SET models = '{x';"),
    "decks deep": lambda ok, p: _rewritten(ok, p, "UPDATE col SET decks = '"
                                           + "[" * 100000 + "]" * 100000 + "';"),
    "fields a blob": lambda ok, p: _rewritten(ok, p, "UPDATE notes SET flds = x'00ff';"),
    "templates null": lambda ok, p: _rewritten(
        ok, p, "UPDATE col SET models = '{\"1\": {\"id\": 1, \"tmpls\": null}}';"),
    "note time text": lambda ok, p: _rewritten(ok, p, "UPDATE notes SET mod = 'soon';"),
    "no notes table": lambda ok, p: _rewritten(ok, p, "DROP TABLE notes;"),
    "encrypted": lambda ok, p: _patched_zip(ok, p, flags=0x1),
    "unknown compression": lambda ok, p: _patched_zip(ok, p, method=99),
    "modern Anki export": lambda ok, p: _modern_export(p),
}


@pytest.fixture
def study(tmp_path, lecture_study_set):
    path = tmp_path / "lecture.json"
    save_study_set(lecture_study_set, path)
    return path


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_previous_package_is_one_line_and_nothing_is_written(
        name, runner, tmp_path, study, lecture_apkg):
    broken = BROKEN[name](lecture_apkg, tmp_path / "broken.apkg")
    before = broken.read_bytes()
    for command in (["build", str(study), "--previous", str(broken), "-o",
                     str(tmp_path / "new.apkg")],
                    ["build", str(study), "-o", str(broken)],
                    ["preview", str(broken), "-o", str(tmp_path / "new.html")]):
        result = runner.invoke(cli, command)
        assert result.exit_code == 1, (name, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                         SystemExit)
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"Error: {broken}:") and "deckgen wrote" in line, line
        assert broken.read_bytes() == before
    assert not (tmp_path / "new.apkg").exists() and not (tmp_path / "new.html").exists()
    if name == "modern Anki export":
        assert "Support older Anki versions" in line


def test_a_good_package_reads_and_an_empty_file_is_simply_replaced(runner, tmp_path, study,
                                                                   lecture_apkg):
    assert len(read_apkg(lecture_apkg).notes) > 3
    empty = tmp_path / "deck.apkg"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["build", str(study), "-o", str(empty)], catch_exceptions=False)
    assert result.exit_code == 0 and "first build" in result.stderr
    assert read_apkg(empty).notes == read_apkg(lecture_apkg).notes
