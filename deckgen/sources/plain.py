"""Plain text and Markdown: one utterance per line, with optional speakers and times.

Two kinds of speaker marks are read:

* a label before the utterance, ``진행자: ...`` or ``Q: ...``; it holds for the lines
  after it until the next label (a long answer often spans several lines);
* note-taking apps' exports (Clova Note and the like), where a line with the speaker
  and the time, ``참석자 1 00:03`` or ``화자 2 01:02:03``, comes before each utterance.

The transcript's text is the file's text; each segment spans one line without the
label, so line numbers are the file's own.
"""

from __future__ import annotations

import re

from ..types import Segment, Transcript
from .speech import plausible_speaker, speaker_labels, take_label, take_note
from .subtitles import parse_time

_HEADER = re.compile(r"(\S.{0,30}?)\s+((?:\d{1,2}:)?\d{1,2}:\d{2})")
_MARKDOWN = re.compile(r"(?:#{1,6}\s+|>\s*|[-*+]\s+)+")


def parse_text(text: str, source: str, *, markdown: bool = False) -> Transcript:
    lines = text.split("\n")
    headers = _headers(lines)
    labels = speaker_labels(lines)
    segments = []
    speaker: str | None = None
    time: float | None = None
    offset = 0
    for number, line in enumerate(lines, start=1):
        if number in headers:
            speaker, time = headers[number]
        else:
            start, end, label, note = _utterance(line, labels, markdown)
            speaker = label or speaker
            if start < end:
                segments.append(
                    Segment(offset + start, offset + end, number, time, note or speaker)
                )
        offset += len(line) + 1
    return Transcript(source=source, text=text, segments=tuple(segments), format="text")


def _utterance(
    line: str, labels: frozenset[str], markdown: bool
) -> tuple[int, int, str | None, str | None]:
    """Where the spoken part of ``line`` starts and ends, its label and its ``(note)``."""
    end = len(line.rstrip())
    start = len(line) - len(line.lstrip())
    if markdown and (marker := _MARKDOWN.match(line, start)):
        start = marker.end()
    label, skip = take_label(line[start:end], labels)
    start += skip
    note, skip = take_note(line[start:end])
    return start + skip, end, label, note


def _headers(lines: list[str]) -> dict[int, tuple[str, float]]:
    """Note-app ``speaker time`` lines by line number; two or more make an export."""
    headers = {}
    for number, line in enumerate(lines, start=1):
        match = _HEADER.fullmatch(line.strip())
        time = parse_time(match.group(2)) if match else None
        if match and time is not None and plausible_speaker(match.group(1)):
            headers[number] = (match.group(1), time)
    return headers if len(headers) >= 2 else {}
