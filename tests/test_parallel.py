"""Many inputs: worker processes, input order, one subdeck per file, progress."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from deckgen import cli_options
from deckgen.cli import cli
from deckgen.extract import extract_study_set
from deckgen.package import read_apkg
from deckgen.parallel import extract_sources
from deckgen.pipeline import build_deck

LECTURE = (
    "{k}번째 강의입니다. 강화 학습이란 보상으로 행동을 배우는 방법입니다.\n"
    "강화 학습은 게임에서 큰 성과를 냈습니다.\n"
    "가치 함수는 지금 잘하고 있는지 알려줍니다. 가치 함수가 없으면 끝까지 기다려야 합니다.\n"
)


def lectures(folder: Path, count: int) -> list[Path]:
    """``count`` small transcripts, each with its own number in its first line."""
    folder.mkdir(exist_ok=True)
    paths = []
    for k in range(1, count + 1):
        path = folder / f"lecture{k:03d}.txt"
        path.write_text(LECTURE.format(k=k), encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_give_the_same_study_set_as_one_process(runner, tmp_path):
    paths = lectures(tmp_path / "in", 4)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"study-j{jobs}.json"
        result = runner.invoke(cli, ["extract", *map(str, paths), "-o", str(out), "-j", jobs],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
        # stderr is not a terminal here: no progress bar, only the summary.
        assert result.stderr.splitlines() == [result.stderr.strip()]
        outputs[jobs] = json.loads(out.read_text(encoding="utf-8"))
    assert outputs["2"] == outputs["1"]
    assert [s["path"] for s in outputs["2"]["sources"]] == list(map(str, paths))


def test_a_failing_file_in_a_worker_is_a_clean_error(runner, tmp_path):
    good, = lectures(tmp_path, 1)
    unreadable = tmp_path / "latin.txt"
    unreadable.write_bytes("Ça va très bien".encode("latin-1"))
    out = tmp_path / "x.apkg"
    result = runner.invoke(cli, ["build", str(good), str(unreadable), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "latin.txt" in result.stderr
    assert not out.exists()


def test_a_file_without_a_card_in_a_worker_is_left_out(runner, tmp_path):
    # A worker's warning goes to its own stderr; the study set shows the file left out.
    good, = lectures(tmp_path, 1)
    thin = tmp_path / "thin.txt"
    thin.write_text("네.\n", encoding="utf-8")
    out = tmp_path / "study.json"
    result = runner.invoke(cli, ["extract", str(good), str(thin), "-o", str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    study = json.loads(out.read_text(encoding="utf-8"))
    assert [s["path"] for s in study["sources"]] == [str(good)]
    assert study["cards"]


def test_a_folder_of_100_files_builds_one_package_with_a_subdeck_each(tmp_path, kiwi):
    paths = lectures(tmp_path / "semester", 100)
    report = build_deck(paths, tmp_path / "semester.apkg", deck_name="학기", kiwi=kiwi)
    decks = set(read_apkg(report.path).decks.values())
    assert {f"학기::lecture{k:03d}" for k in range(1, 101)} <= decks
    assert sum(report.counts.values()) >= 100


def test_results_keep_the_input_order_and_progress_counts_up(tmp_path, kiwi):
    paths = lectures(tmp_path, 3)
    seen = []

    def extract_one(path, deck, *, kiwi=None):
        return (path.name, deck), [None] * int(path.stem[-1])

    results = extract_sources([(p, f"deck{i}") for i, p in enumerate(paths)], extract_one,
                              jobs=1, progress=lambda *args: seen.append(args))
    assert [info for info, _ in results] == [(p.name, f"deck{i}") for i, p in enumerate(paths)]
    assert seen == [(1, 3, 1), (2, 3, 3), (3, 3, 6)]


def test_one_input_never_starts_workers(tmp_path, kiwi, monkeypatch):
    import concurrent.futures

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    path, = lectures(tmp_path, 1)
    study_set = extract_study_set([path], kiwi=kiwi, jobs=8)
    assert study_set.sources[0].deck == path.stem


def test_progress_bar_only_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    inputs = (Path("a.txt"), Path("b.txt"))
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert cli_options.progress_bar(inputs) is None
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli_options.progress_bar(inputs[:1]) is None
    show = cli_options.progress_bar(inputs)
    assert show is not None
    show(1, 2, 7)
    show(2, 2, 12)
    lines = terminal.getvalue().split("\r")
    assert "0/2 files, 0 cards, 0:00" in lines[1]
    assert "1/2 files, 7 cards" in lines[2]
    assert lines[3].startswith("[" + "#" * 30 + "] 2/2 files, 12 cards") and lines[3].endswith("\n")


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"]])
def test_help_lists_jobs_without_loading_kiwi(command):
    code = (
        "import sys\nfrom deckgen.cli import cli\n"
        f"try:\n    cli({command!r})\nexcept SystemExit:\n    pass\n"
        "print('kiwipiepy' in sys.modules, 'multiprocessing' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "False False"
    assert "-j, --jobs" in result.stdout or command == ["--help"]
