"""Hostile and broken input through the real command line.

Each bad input gets a one-line ``Error: ...`` naming the file and what to do, a
non-zero exit code, no traceback, and leaves the previous output untouched; the
inputs deckgen can make sense of give a correct deck instead.  Inputs are generated
here, not committed.
"""

from __future__ import annotations

import html
import os
import random
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from anki_helpers import import_apkg, rendered_cards, visible_text
from conftest import LECTURE, ROOT, SEED
from test_analysis import megabyte_line

from deckgen.cli import cli
from deckgen.package import read_apkg

KOREAN_SRT_CUE = "1\n00:00:01,000 --> 00:00:03,000\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def seed_lines(count: int) -> str:
    return "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:count]) + "\n"


def lecture_lines() -> str:
    """The test lecture: every one of its few lines is worth a card or two."""
    return LECTURE.read_text(encoding="utf-8")


def write(folder: Path, name: str, data: bytes | str) -> str:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def big_transcript(folder: Path) -> str:
    """50 MB of real text: the seed over and over."""
    path = folder / "huge.txt"
    chunk = SEED.read_bytes()
    with path.open("wb") as handle:
        for _ in range(50 * 2**20 // len(chunk) + 1):
            handle.write(chunk)
    return str(path)


def unreadable(folder: Path) -> str:
    """A file whose read fails.  Root reads any file despite its mode, but not this one."""
    if IS_ROOT:
        return "/proc/self/mem"
    path = folder / "locked.txt"
    path.write_text("비밀입니다.", encoding="utf-8")
    path.chmod(0)
    return str(path)


def read_only_folder(folder: Path) -> Path:
    """A folder no one can create files in; for root, sysfs is such a place."""
    if IS_ROOT:
        return Path("/sys")
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    return locked


@dataclass(frozen=True)
class Bad:
    """A bad input: ``args`` makes the command line after ``build``, before ``-o``."""

    name: str
    args: Callable[[Path], list[str]]
    code: int
    message: str
    analysed: bool = False  # the problem shows only once the text is analysed
    out: Callable[[Path], Path] | None = None


BAD = [
    Bad("missing path", lambda d: [str(d / "nope.txt")], 2, "does not exist"),
    Bad("directory", lambda d: [str(d)], 2, "is a directory"),
    Bad("unreadable file", lambda d: [unreadable(d)], 1 if IS_ROOT else 2, "read"),
    Bad(
        "empty file",
        lambda d: [write(d, "empty.txt", b"")],
        1,
        "empty.txt: the transcript is empty",
    ),
    Bad(
        "whitespace only",
        lambda d: [write(d, "blank.txt", " \n\t\n\u3000\u200b\n")],
        1,
        "blank.txt: the transcript is empty",
    ),
    Bad(
        "binary data",
        lambda d: [write(d, "noise.txt", random.Random(5).randbytes(4096))],
        1,
        "noise.txt: cannot read it as text",
    ),
    Bad(
        "an image",
        lambda d: [write(d, "slide.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))],
        1,
        "slide.txt: this is a PNG image, not a transcript",
    ),
    Bad(
        "a deck as input",
        lambda d: [write(d, "old.apkg", b"PK\x03\x04" + bytes(300))],
        1,
        "old.apkg: this is a ZIP archive",
    ),
    Bad(
        "NUL bytes all through (UTF-16 without a BOM)",
        lambda d: [write(d, "nul.txt", "강의를 시작합니다. 끝.".encode("utf-16-le"))],
        1,
        "nul.txt: cannot read it as text (it contains NUL bytes",
    ),
    Bad(
        "50 MB transcript",
        lambda d: [big_transcript(d)],
        1,
        "huge.txt: too large (50.1 MiB; deckgen reads up to 16 MiB",
    ),
    Bad(
        "SRT with a bad time",
        lambda d: [
            write(
                d,
                "bad.srt",
                KOREAN_SRT_CUE + "안녕하세요.\n\n2\n00:00:0x,000 --> 00:00:05,000\n네.\n",
            )
        ],
        1,
        "bad.srt, line 6: cannot read the cue times",
    ),
    Bad(
        "SRT without cues",
        lambda d: [write(d, "notes.srt", seed_lines(3))],
        1,
        "notes.srt: does not look like a SubRip file",
    ),
    Bad(
        "VTT with a bad time",
        lambda d: [write(d, "bad.vtt", "WEBVTT\n\n00:01.000 --> 00:0y.000\n네.\n")],
        1,
        "bad.vtt, line 3: cannot read the cue times",
    ),
    Bad(
        "Whisper JSON cut short",
        lambda d: [write(d, "cut.json", '{"segments": [{"start": 0,')],
        1,
        "cut.json, line 1: not valid JSON",
    ),
    Bad(
        "Latin-1 text",
        lambda d: [write(d, "latin.txt", "Ça va très bien".encode("latin-1"))],
        1,
        "latin.txt: cannot read it as text (it is not UTF-8, UTF-16 or CP949",
    ),
    Bad(
        "no Korean, nothing to learn",
        lambda d: [write(d, "sym.txt", "123 456\n!!! ???\n:-)\n")],
        1,
        "sym.txt: found nothing to make cards from",
        analysed=True,
    ),
    Bad(
        "Korean without substance",
        lambda d: [write(d, "yes.txt", "네.\n음.\n네 네.\n")],
        1,
        "yes.txt: found nothing to make cards from (3 sentences, no key terms)",
        analysed=True,
    ),
    Bad(
        "only questions: key terms, but no card the gate keeps",
        lambda d: [write(d, "asks.txt", "광합성은 무엇인가요?\n엽록체와 광합성은 어떤 관계인가요?\n"
                         "광합성이 왜 중요한가요?\n엽록체는 어디에 있나요?\n")],
        1,
        "asks.txt: found nothing to make cards from (4 sentences, 2 key terms, 3 candidate "
        "cards, none clearly good)",
        analysed=True,
    ),
    Bad("unknown encoding", lambda d: [str(SEED), "--encoding", "klingon"], 2, "unknown encoding"),
    Bad(
        "link that is not a web address",
        lambda d: [str(SEED), "--link", "javascript:alert(1)"],
        2,
        "--link",
    ),
    Bad(
        "output folder missing",
        lambda d: [str(SEED)],
        1,
        "does not exist; create it first",
        out=lambda d: d / "missing" / "deck.apkg",
    ),
    Bad(
        "output folder read-only",
        lambda d: [str(SEED)],
        1,
        "cannot write in",
        out=lambda d: read_only_folder(d) / "deck.apkg",
    ),
]


@pytest.mark.parametrize("case", BAD, ids=[case.name for case in BAD])
def test_bad_input_is_a_one_line_error_and_leaves_the_output_alone(
    case, runner, tmp_path, monkeypatch, lecture_apkg
):
    inputs = tmp_path / "in"
    inputs.mkdir()
    out = tmp_path / "out" / "deck.apkg"
    out.parent.mkdir()
    previous = lecture_apkg.read_bytes()  # the previous deck: must survive a failed build
    out.write_bytes(previous)
    target = case.out(tmp_path) if case.out else out
    if not case.analysed:  # input problems are found before the slow analysis
        monkeypatch.setattr("deckgen.extract.analyse", _must_not_analyse)

    result = runner.invoke(cli, ["build", *case.args(inputs), "-o", str(target)])

    assert result.exit_code == case.code, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and case.message in errors[0], result.stderr
    if case.code == 1:
        assert result.stderr.strip() == errors[0]
    assert result.stdout == ""
    assert out.read_bytes() == previous
    assert sorted(p.name for p in out.parent.iterdir()) == ["deck.apkg"]
    assert not target.exists() or target == out


def _must_not_analyse(*args, **kwargs):
    raise AssertionError("the analysis ran before the problem was found")


@dataclass(frozen=True)
class Fine:
    """Odd but readable input that makes a correct deck."""

    name: str
    args: Callable[[Path], list[str]]


FINE = [
    Fine(
        "SRT without cue numbers",
        lambda d: [
            write(
                d,
                "nonum.srt",
                "".join(
                    f"00:00:{i:02d},000 --> 00:00:{i + 1:02d},000\n{line}\n\n"
                    for i, line in enumerate(lecture_lines().splitlines())
                ),
            )
        ],
    ),
    Fine(
        "SRT cue ending before it starts",
        lambda d: [
            write(
                d,
                "backwards.srt",
                "".join(
                    f"{i + 1}\n00:00:{i + 5:02d},000 --> 00:00:0{i % 3},000\n{line}\n\n"
                    for i, line in enumerate(lecture_lines().splitlines())
                ),
            )
        ],
    ),
    Fine(
        "NUL bytes with the encoding named",
        lambda d: [
            write(d, "nul.txt", lecture_lines().replace("\n", "\x00\n")),
            "--encoding",
            "utf-8",
        ],
    ),
    # Kiwi's cost grows faster than the length of one input: the line goes in pieces.
    # (Card kinds without the idea ranking, whose cost grows with the square of the
    # number of sentences, keep this test quick.)
    Fine(
        "a single 1 MB line",
        lambda d: [write(d, "one-line.txt", megabyte_line()), "--kinds", "definition,quote"],
    ),
]


@pytest.mark.parametrize("case", FINE, ids=[case.name for case in FINE])
def test_odd_but_readable_input_makes_a_correct_deck(case, runner, tmp_path, lecture_apkg):
    out = tmp_path / "deck.apkg"
    out.write_bytes(lecture_apkg.read_bytes())

    result = runner.invoke(
        cli, ["build", *case.args(tmp_path), "-o", str(out)], catch_exceptions=False
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert len(read_apkg(out).notes) >= 3


HOSTILE = [
    "<script>alert('x')</script>",
    "{{c1::비밀}}",
    "{{c7::비밀}}",
    "{{FrontSide}}",
    "{{ 7*7 }}",
    "{% if true %}참{% endif %}",
    "<b>굵게</b>",
    "&amp;",
]


def test_markup_in_the_transcript_shows_as_literal_text_in_real_anki(
    runner, tmp_path, anki_collection
):
    markup = " ".join(HOSTILE)
    text = "\n".join(f"{line} {markup}" for line in lecture_lines().splitlines())
    source = write(tmp_path, "hostile.txt", text)
    out = tmp_path / "hostile.apkg"
    result = runner.invoke(cli, ["build", source, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    import_apkg(anki_collection, out)
    shown = ""
    for _, question, answer in rendered_cards(anki_collection):
        for side in (question, answer):
            assert "<script" not in side and "<b>굵게" not in side
            shown += html.unescape(visible_text(side)) + "\n"
    for piece in HOSTILE:
        assert piece in shown, piece
    assert "49" not in shown  # Jinja never evaluated {{ 7*7 }}
    # No brace of the talk reads as a cloze: Check Database finds no card to add.
    cards = len(anki_collection.find_cards(""))
    problems, ok = anki_collection.fix_integrity()
    assert ok and len(anki_collection.find_cards("")) == cards, problems


def test_ctrl_c_mid_build_keeps_the_previous_deck(tmp_path, seed_apkg):
    out = tmp_path / "deck.apkg"
    previous = seed_apkg.read_bytes()
    out.write_bytes(previous)
    # Ten copies of the seed: several seconds of analysis after Kiwi is loaded, so the
    # interrupt lands mid-build even when a busy machine delays it.
    lines = SEED.read_text(encoding="utf-8").splitlines()
    longer = tmp_path / "longer.txt"
    longer.write_text("\n".join(f"[{k}] {line}" for k in range(10) for line in lines),
                      encoding="utf-8")
    command = [sys.executable, "-m", "deckgen", "-v", "build", str(longer), "-o", str(out)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    seen = []
    assert process.stderr is not None
    for line in process.stderr:  # interrupt once the build is under way
        seen.append(line)
        if "loading Kiwi" in line:
            break
    # Like a user, press Ctrl-C again if the first press is not acted on: in about one
    # full-suite run in three the child carried on after a single SIGINT sent while
    # Kiwi was loading (never reproduced alone; cause not found).
    for _ in range(20):
        process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=3)
            break
        except subprocess.TimeoutExpired:
            seen.append("interrupted again")
    else:
        process.kill()
        stdout, stderr = process.communicate()

    assert process.returncode != 0, f"the build finished before the interrupt: {seen} {stderr}"
    assert "Traceback" not in stderr and "Aborted!" in stderr
    assert stdout == ""
    assert out.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "longer.txt"]
