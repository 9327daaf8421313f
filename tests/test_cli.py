"""The command line, through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SEED

from deckgen import __version__
from deckgen.cli import cli


@pytest.mark.parametrize("command", [[], ["build"], ["extract"], ["preview"], ["export"]])
def test_help_of_every_command(runner, command):
    result = runner.invoke(cli, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert "-o, --output" in result.output or not command


def test_version(runner):
    result = runner.invoke(cli, ["--version"], catch_exceptions=False)
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_does_not_load_kiwi():
    code = (
        "import sys\n"
        "from deckgen.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "for name in ('build', 'extract'):\n"
        "    try:\n        cli([name, '--help'])\n    except SystemExit:\n        pass\n"
        "print('kiwipiepy' in sys.modules, 'genanki' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_build_writes_the_deck_and_prints_its_path(runner, tmp_path):
    out = tmp_path / "seed.apkg"
    result = runner.invoke(cli, ["build", str(SEED), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert out.stat().st_size > 10_000
    assert "cards" in result.stderr


def test_extract_writes_the_study_set(runner, tmp_path):
    out = tmp_path / "study.json"
    result = runner.invoke(cli, ["extract", str(SEED), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["deckgen_study_set"] == 1
    assert data["deck"]["name"] == SEED.stem
    assert data["sources"][0]["sha256"]
    assert {c["kind"] for c in data["cards"]} >= {"definition", "idea", "quote"}
    for card in data["cards"]:
        assert card["guid"] and card["source"]["line"] >= 1 and card["source"]["context"]
        field = {"term": "term", "definition": "definition", "idea": "sentence", "quote": "quote"}
        assert card[field[card["kind"]]]
    assert data["terms"][0]["term"] and data["terms"][0]["lines"]


def test_build_from_a_study_set(runner, tmp_path):
    study = tmp_path / "study.json"
    runner.invoke(cli, ["extract", str(SEED), "-o", str(study)], catch_exceptions=False)
    out = tmp_path / "from-study.apkg"
    result = runner.invoke(cli, ["build", str(study), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_missing_input_is_a_clean_error(runner, tmp_path):
    result = runner.invoke(
        cli, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "x.apkg")]
    )
    assert result.exit_code == 2
    assert "Error" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.apkg").exists()


def test_library_error_exits_1_without_traceback(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(empty), "-o", str(tmp_path / "x.apkg")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "empty" in result.stderr
    assert "Traceback" not in result.output


def test_among_several_inputs_one_without_a_card_is_left_out_with_a_warning(runner, tmp_path,
                                                                            caplog):
    thin = tmp_path / "thin.txt"
    thin.write_text("네.\n음.\n네 네.\n", encoding="utf-8")
    out = tmp_path / "course.apkg"
    result = runner.invoke(cli, ["build", str(SEED), str(thin), "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    [warning] = [r.getMessage() for r in caplog.records
                 if r.levelname == "WARNING" and "thin.txt" in r.getMessage()]
    assert "found nothing to make cards from (3 sentences, no key terms)" in warning
    assert warning.endswith("left out of the deck")
    study = tmp_path / "course.json"
    result = runner.invoke(cli, ["extract", str(SEED), str(thin), "-o", str(study)])
    assert result.exit_code == 0, result.output
    data = json.loads(study.read_text(encoding="utf-8"))
    assert [s["path"] for s in data["sources"]] == [str(SEED)]
    alone = tmp_path / "alone.json"
    assert runner.invoke(cli, ["extract", str(SEED), "-o", str(alone)]).exit_code == 0
    seed_cards = json.loads(alone.read_text(encoding="utf-8"))["cards"]
    assert [c["source"]["context"] for c in data["cards"]] == [
        c["source"]["context"] for c in seed_cards]
    assert seed_cards
    # When no input gives a card, the build fails in one line, after each one's reason.
    other = tmp_path / "thin2.txt"
    other.write_text("음.\n네.\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(thin), str(other), "-o", str(tmp_path / "no.apkg")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: found nothing to make cards from in any of the 2 inputs (each one's reason is "
        "above)")
    assert not (tmp_path / "no.apkg").exists()


def test_unknown_kind_is_rejected(runner, tmp_path):
    result = runner.invoke(
        cli, ["build", str(SEED), "-o", str(tmp_path / "x.apkg"), "--kinds", "idea,joke"]
    )
    assert result.exit_code == 2
    assert "--kinds" in result.stderr


def test_format_choices_are_the_readers():
    from deckgen.cli_options import FORMATS as _FORMATS
    from deckgen.sources import FORMATS

    assert _FORMATS == FORMATS


def test_build_subtitles_with_a_video_link(runner, tmp_path):
    from conftest import SHARED

    from deckgen.package import read_apkg

    srt = SHARED / "corpus" / "cs285-lecture02-part4-imitation-learning.ko.srt"
    out = tmp_path / "cs285.apkg"
    result = runner.invoke(
        cli,
        ["build", str(srt), "-o", str(out), "--format", "srt", "--link", "https://youtu.be/xyz"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    fields = [field for note in read_apkg(out).notes.values() for field in note.fields]
    assert any('href="https://youtu.be/xyz?t=' in field and "00:0" in field for field in fields)


def test_extract_with_a_named_encoding(runner, tmp_path):
    source = tmp_path / "seed-utf16le.txt"
    source.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16-le"))
    out = tmp_path / "study.json"
    result = runner.invoke(
        cli,
        ["extract", str(source), "-o", str(out), "--encoding", "UTF-16LE"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["cards"]
