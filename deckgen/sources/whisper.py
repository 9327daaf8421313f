"""Whisper output: JSON (``{"segments": [{"start", "end", "text"}]}``) and TSV.

Each Whisper segment becomes a cue.  JSON has no useful line numbers, so a segment's
"line" is its 1-based number in the list; TSV keeps its file line.  A ``speaker``
key (WhisperX and other diarising tools add one) becomes the segment's speaker.
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import DeckgenError
from ..jsontext import parse_json as parse_json_text
from ..types import Transcript
from .speech import Cue, cues_to_transcript
from .subtitles import check_order, parse_time

TSV_HEADER = ("start", "end", "text")


def parse_json(text: str, source: str) -> Transcript:
    segments = whisper_segments(text, source)
    if segments is None:
        raise DeckgenError(
            f'{source}: not a Whisper transcript (no "segments" list of {{"start", "text"}}); '
            "give Whisper's .json output, or --format text for a plain text file"
        )
    cues = [_json_cue(item, number, source) for number, item in enumerate(segments, start=1)]
    return cues_to_transcript(cues, source, "json")


def whisper_segments(text: str, source: str) -> list[Any] | None:
    """The segment list of a Whisper JSON document, or None if it has none."""
    data = parse_json_text(text, source)
    segments = data.get("segments") if isinstance(data, dict) else data
    if isinstance(segments, list) and all(isinstance(s, dict) for s in segments) and segments:
        return segments
    return None


def parse_tsv(text: str, source: str) -> Transcript:
    cues = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or tuple(line.strip().lower().split("\t")) == TSV_HEADER:
            continue
        parts = line.split("\t", 2)
        start = _tsv_time(parts[0]) if len(parts) == 3 else None
        end = _tsv_time(parts[1]) if len(parts) == 3 else None
        if start is None or end is None:
            raise DeckgenError(
                f"{source}, line {number}: expected start<TAB>end<TAB>text with times in "
                "milliseconds (as Whisper writes them); fix the line"
            )
        check_order(start, end, source, f"line {number}")
        cues.append(Cue(time=start, lines=[(number, parts[2])]))
    return cues_to_transcript(cues, source, "tsv")


def _json_cue(item: dict[str, Any], number: int, source: str) -> Cue:
    start, end, text = _seconds(item.get("start")), item.get("end"), item.get("text")
    if start is None or not isinstance(text, str):
        raise DeckgenError(
            f'{source}: segment {number} needs a "start" time in seconds and a "text"; fix it'
        )
    if end is not None:
        end_seconds = _seconds(end)
        if end_seconds is None:
            raise DeckgenError(f'{source}: segment {number} has a bad "end" time; fix it')
        check_order(start, end_seconds, source, f"segment {number}")
    speaker = item.get("speaker")
    named = str(speaker).strip() if isinstance(speaker, (str, int)) else ""
    return Cue(time=start, lines=[(number, " ".join(text.split()))], speaker=named or None)


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _tsv_time(text: str) -> float | None:
    """Whisper writes whole milliseconds; seconds with a point and 00:01:02.345 also do."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text) / 1000
    if ":" in text:
        return parse_time(text)
    try:
        return _seconds(float(text)) if len(text) <= 20 else None
    except ValueError:
        return None
