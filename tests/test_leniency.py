"""A mostly good file with a flaw in one place: build from the rest, warn naming the line."""

from __future__ import annotations

import logging

import pytest

from deckgen.errors import DeckgenError
from deckgen.sources import parse_transcript

CUES = [("00:00:01,000", "00:00:03,000", "광합성은 빛으로 양분을 만드는 과정입니다."),
        ("00:00:04,000", "00:00:06,000", "엽록체는 빛을 흡수합니다."),
        ("00:00:07,000", "00:00:09,000", "포도당은 세포의 연료입니다."),
        ("00:00:10,000", "00:00:12,000", "호흡은 포도당을 분해합니다.")]


def srt(cues) -> bytes:
    return "\n\n".join(f"{i}\n{a} --> {b}\n{t}" for i, (a, b, t) in enumerate(cues, 1)).encode()


def test_one_unreadable_cue_is_skipped_with_a_warning(caplog):
    cues = list(CUES)
    cues[1] = ("00:00:0x,000", "00:00:06,000", cues[1][2])
    with caplog.at_level(logging.WARNING):
        transcript = parse_transcript(srt(cues), "talk.srt")
    assert "엽록체" not in transcript.text and "포도당은 세포의 연료" in transcript.text
    assert [s.time for s in transcript.segments] == [1.0, 7.0, 10.0]
    [warning] = [r.getMessage() for r in caplog.records]
    assert "talk.srt, line 6: cannot read the cue times" in warning and "skipped" in warning


def test_a_file_most_of_whose_cues_are_unreadable_is_refused():
    cues = [("0x:00:01,000", b, t) for _, b, t in CUES[:3]] + CUES[3:]
    with pytest.raises(DeckgenError, match=r"talk\.srt, line 2: cannot read the cue times"):
        parse_transcript(srt(cues), "talk.srt")


def test_a_negative_start_is_read_as_zero_with_a_warning(caplog):
    cues = [("-00:00:01,000", "00:00:03,000", CUES[0][2]), *CUES[1:]]
    with caplog.at_level(logging.WARNING):
        transcript = parse_transcript(srt(cues), "talk.srt")
    assert transcript.segments[0].time == 0.0 and "광합성" in transcript.text
    assert "-00:00:01,000" not in transcript.text
    assert any("line 2" in r.getMessage() and "before 0:00" in r.getMessage()
               for r in caplog.records)


def test_stray_nul_bytes_are_dropped_with_a_warning_naming_their_lines(caplog):
    raw = "강의를 시작합니다.\n광합성은\x00 과정입니다.\n끝\x00입니다.\n".encode()
    with caplog.at_level(logging.WARNING):
        transcript = parse_transcript(raw, "talk.txt")
    assert transcript.text.split("\n")[1:3] == ["광합성은 과정입니다.", "끝입니다."]
    [warning] = [r.getMessage() for r in caplog.records]
    assert warning == "talk.txt: dropped 2 NUL byte(s) on line(s) 2, 3"
