"""Every real transcript in the shared corpus becomes a deck that real Anki imports,
with every card rendering and the cue's own time (and video link) on timed cards."""

from __future__ import annotations

import json
import re

import pytest
from anki_helpers import import_apkg, rendered_cards, visible_text
from conftest import SHARED

from deckgen import studyset
from deckgen.provenance import format_time

CORPUS = SHARED / "corpus"
FILES = sorted(p.name for p in CORPUS.glob("*.*") if p.suffix != ".md")
KOREAN = [name for name in FILES if ".en." not in name]
LINK = "https://www.youtube.com/watch?v=deckgen"
_CUE_START = re.compile(r"\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})\s*(?:-->|,)")


def test_the_corpus_is_there():
    assert {p.rsplit(".", 1)[1] for p in FILES} >= {"srt", "vtt", "sbv"} and len(FILES) >= 6


def cue_start_above(lines: list[str], line: int) -> float:
    """The start time of the cue a (1-based) text line belongs to, read straight from the file."""
    for index in range(line - 2, -1, -1):
        match = _CUE_START.match(lines[index])
        if match:
            hours, minutes, seconds, millis = match.groups()
            return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
    raise AssertionError(f"no cue time above line {line}")


def test_an_english_transcript_is_refused_with_a_clear_message(kiwi):
    """deckgen makes cards of Korean talk: an English one gives no card that passes the
    gate, and the user is told so in one line."""
    from deckgen.errors import DeckgenError
    from deckgen.extract import extract_study_set

    [english] = [name for name in FILES if ".en." in name]
    with pytest.raises(DeckgenError, match=r"found nothing to make cards from \(\d+ "
                       r"sentences, 0% of its letters Hangul\); deckgen needs a Korean"):
        extract_study_set([CORPUS / english], kiwi=kiwi)


@pytest.mark.parametrize("name", KOREAN)
def test_corpus_file_builds_a_deck_that_anki_imports_and_renders(
    name, kiwi, tmp_path, anki_collection
):
    from deckgen.extract import extract_study_set
    from deckgen.pipeline import CardOptions, write_deck

    path = CORPUS / name
    study_set = extract_study_set([path], kiwi=kiwi)
    out = write_deck(study_set, tmp_path / "deck.apkg", options=CardOptions(link=LINK)).path

    counts = import_apkg(anki_collection, out)
    assert counts.new == len(study_set.cards) > 0
    assert anki_collection.fix_integrity()[1]

    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    assert len({card.guid for card in study_set.cards}) == len(study_set.cards)
    times = {card.guid: card.source.time for card in study_set.cards}
    for card in study_set.cards:
        assert card.source.time == pytest.approx(cue_start_above(lines, card.source.line)), card
    saved = json.loads(studyset.dumps(study_set))["cards"]
    assert [c["source"]["start"] for c in saved] == [c.source.time for c in study_set.cards]

    for anki_card, question, answer in rendered_cards(anki_collection):
        front, back = visible_text(question), visible_text(answer)
        assert front and back and front != back
        assert not re.findall(r"\{\{[^}]*\}\}", question + answer)
        start = times[anki_card.note().guid]
        assert format_time(start) in back, (start, back)
        assert f'href="{LINK}&amp;t={int(start)}s"' in answer
