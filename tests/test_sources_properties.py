"""Property tests: any input either reads into well-formed spans or raises DeckgenError."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import DeckgenError
from deckgen.sources import FORMATS, parse_transcript
from deckgen.types import Transcript

EXTENSIONS = {
    "text": "txt",
    "md": "md",
    "srt": "srt",
    "vtt": "vtt",
    "sbv": "sbv",
    "json": "json",
    "tsv": "tsv",
}
# Text that exercises the readers: Hangul, brackets, tags, colons, digits, arrows.
PIECES = st.sampled_from(
    [
        "가",
        "나다",
        "강의",
        " ",
        "  ",
        ".",
        "?",
        "(",
        ")",
        "[",
        "]",
        "<i>",
        "</i>",
        "<c>",
        "-->",
        ":",
        "：",
        "1",
        "0",
        ",",
        "\t",
        "진행자:",
        "(웃음)",
        "{{c1::",
        "}}",
        "&amp;",
        "\u200b",
        "\r",
        "♪",
        "[br]",
        "WEBVTT",
        "NOTE",
    ]
)
LINE = st.lists(PIECES, max_size=12).map("".join)
SECONDS = st.floats(min_value=0, max_value=36_000, allow_nan=False)


def read(raw: bytes, name: str, **options: str | None) -> Transcript | None:
    """The transcript, checked for well-formed spans, or None if deckgen refused the input."""
    try:
        transcript = parse_transcript(raw, name, **options)
    except DeckgenError:
        return None
    assert_well_formed(transcript)
    return transcript


def assert_well_formed(transcript: Transcript) -> None:
    text = transcript.text
    assert transcript.segments
    previous_end = 0
    for segment in transcript.segments:
        assert previous_end <= segment.start < segment.end <= len(text)
        span = text[segment.start : segment.end]
        assert span == span.strip() and span
        assert segment.line >= 1
        assert segment.time is None or (math.isfinite(segment.time) and segment.time >= 0)
        if transcript.flowing:
            assert "\n" not in span
        previous_end = segment.end


@pytest.mark.parametrize("fmt", [None, *FORMATS])
@settings(deadline=None)  # parsing is fast; a loaded CI machine is not
@given(raw=st.binary(max_size=3000))
def test_arbitrary_bytes_read_or_are_refused(fmt, raw):
    read(raw, f"input.{EXTENSIONS.get(fmt or 'text')}", fmt=fmt)


@pytest.mark.parametrize("fmt", [None, *FORMATS])
@settings(deadline=None)
@given(text=st.lists(LINE, max_size=30).map("\n".join))
def test_arbitrary_text_reads_or_is_refused(fmt, text):
    read(text.encode("utf-8"), f"input.{EXTENSIONS.get(fmt or 'text')}", fmt=fmt)


@settings(deadline=None)
@given(text=st.text(max_size=500), encoding=st.sampled_from(["utf-8-sig", "utf-16", "cp949"]))
def test_any_unicode_text_in_any_supported_encoding(text, encoding):
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    read(raw, "input.txt")


def _timestamp(seconds: float, separator: str, hours: str = "02d") -> str:
    millis = round(seconds * 1000)
    return (
        f"{millis // 3_600_000:{hours}}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}"
        f"{separator}{millis % 1000:03d}"
    )


CUES = st.lists(st.tuples(SECONDS, st.lists(LINE, min_size=1, max_size=3)), min_size=1, max_size=15)


def _subtitle(fmt: str, cues: list[tuple[float, list[str]]]) -> str:
    blocks = []
    for number, (start, lines) in enumerate(cues, start=1):
        lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
        if fmt == "srt":
            timing = f"{number}\n{_timestamp(start, ',')} --> {_timestamp(start + 1, ',')}"
        elif fmt == "vtt":
            timing = f"{_timestamp(start, '.')} --> {_timestamp(start + 1, '.')} align:start"
        else:
            timing = f"{_timestamp(start, '.', 'd')},{_timestamp(start + 1, '.', 'd')}"
        blocks.append(timing + "\n" + "\n".join(lines))
    header = "WEBVTT\n\n" if fmt == "vtt" else ""
    return header + "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("fmt", ["srt", "vtt", "sbv"])
@settings(deadline=None)
@given(cues=CUES)
def test_generated_subtitles_keep_cue_times(fmt, cues):
    transcript = read(_subtitle(fmt, cues).encode(), f"talk.{fmt}")
    if transcript is not None:
        starts = {round(start, 3) for start, _ in cues}
        assert {round(s.time, 3) for s in transcript.segments} <= starts


@settings(deadline=None)
@given(cues=CUES, as_list=st.booleans())
def test_generated_whisper_json_keeps_segment_times(cues, as_list):
    segments = [
        {"start": start, "end": start + 1, "text": " ".join(lines)} for start, lines in cues
    ]
    transcript = read(
        json.dumps(segments if as_list else {"segments": segments}).encode(), "talk.json"
    )
    if transcript is not None:
        assert {s.time for s in transcript.segments} <= {start for start, _ in cues}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(["text", "srt"]), cues=CUES)
def test_sentences_lie_inside_the_text(kiwi, fmt, cues):
    from deckgen.analysis import analyse

    raw = "\n".join(" ".join(lines) for _, lines in cues) if fmt == "text" else _subtitle(fmt, cues)
    transcript = read(raw.encode(), f"talk.{EXTENSIONS[fmt]}")
    if transcript is None:
        return
    doc = analyse(transcript, kiwi)
    lines = {segment.line for segment in transcript.segments}
    previous_end = 0
    for sentence in doc.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(doc.text)
        assert doc.text[sentence.start : sentence.end].replace("\n", " ") == sentence.text
        assert sentence.line in lines or transcript.flowing
        previous_end = sentence.end
