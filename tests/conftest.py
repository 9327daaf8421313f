"""Shared fixtures: a CLI runner, one Kiwi per test session, the seed, real Anki."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.types import Document, Sentence, Token

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0daa36781fbb6d74.txt"
# A short biology lecture written for the tests: it defines most of its terms, names
# one without defining it and quotes a saying, so its deck has every kind of card.
LECTURE = Path(__file__).parent / "data" / "lecture.txt"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files under tests/golden/ from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def kiwi():  # type: ignore[no-untyped-def]
    from deckgen.analysis import get_kiwi

    return get_kiwi()


@pytest.fixture(scope="session")
def analyse_text(kiwi) -> Callable[[str], Document]:  # type: ignore[no-untyped-def]
    """Analyse a small Korean text with the real Kiwi, one utterance per line."""
    from deckgen.analysis import analyse
    from deckgen.sources import parse_transcript

    def run(text: str) -> Document:
        return analyse(parse_transcript(text.encode("utf-8"), "test.txt"), kiwi)

    return run


@pytest.fixture(scope="session")
def seed_document(kiwi) -> Document:  # type: ignore[no-untyped-def]
    from deckgen.analysis import analyse
    from deckgen.sources import read_transcript

    return analyse(read_transcript(SEED), kiwi)


def make_document(*sentences: str | tuple[str, list[tuple[str, str]]]) -> Document:
    """A Document built without Kiwi, for testing extractors in isolation.

    Each sentence is its text, or its text with ``(form, tag)`` morphemes that occur
    in it in order; a bare text gets one NNG token per space-separated word.
    """
    built = []
    offset = 0
    for index, item in enumerate(sentences):
        text, morphemes = (
            item if isinstance(item, tuple) else (item, [(w, "NNG") for w in item.split()])
        )
        tokens = []
        position = 0
        for form, tag in morphemes:
            start = text.index(form, position)
            tokens.append(Token(form, tag, start, len(form), 10.0))
            position = start + len(form)
        built.append(
            Sentence(
                index=index,
                text=text,
                start=offset,
                end=offset + len(text),
                line=index + 1,
                tokens=tuple(tokens),
            )
        )
        offset += len(text) + 1
    return Document(source="test", text="\n".join(s.text for s in built), sentences=tuple(built))


@pytest.fixture
def anki_collection(tmp_path: Path) -> Iterator[object]:
    """A fresh, empty Anki collection (the official ``anki`` library)."""
    from anki.collection import Collection

    collection = Collection(os.fspath(tmp_path / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


@pytest.fixture(scope="session")
def seed_study_set(kiwi):  # type: ignore[no-untyped-def]
    from deckgen.extract import extract_study_set

    return extract_study_set([SEED], kiwi=kiwi)


@pytest.fixture(scope="session")
def lecture_study_set(kiwi):  # type: ignore[no-untyped-def]
    from deckgen.extract import extract_study_set

    return extract_study_set([LECTURE], kiwi=kiwi)


@pytest.fixture(scope="session")
def lecture_apkg(tmp_path_factory: pytest.TempPathFactory, lecture_study_set) -> Path:  # type: ignore[no-untyped-def]
    from deckgen.pipeline import write_deck

    out = tmp_path_factory.mktemp("lecture") / "lecture.apkg"
    write_deck(lecture_study_set, out)
    return out


@pytest.fixture(scope="session")
def seed_apkg(tmp_path_factory: pytest.TempPathFactory, seed_study_set) -> Path:  # type: ignore[no-untyped-def]
    from deckgen.pipeline import write_deck

    out = tmp_path_factory.mktemp("seed") / "seed.apkg"
    write_deck(seed_study_set, out)
    return out
