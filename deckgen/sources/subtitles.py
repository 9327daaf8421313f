"""Subtitle files: SubRip (.srt), WebVTT (.vtt) and YouTube's SubViewer (.sbv).

One line-by-line reader serves the three: a timing line starts a cue, the lines
after it are its text.  It is hand-rolled rather than built on ``srt`` or
``webvtt-py``: neither keeps the line numbers the cards point to; ``webvtt-py``
silently drops a cue whose time it cannot read (deckgen names the line to fix) and
keeps SBV's ``[br]`` as text; ``srt`` reads ``0:0:1.5`` as 1.005 s; and the clean-up
they lack (rolling captions, sound notes, speakers) is most of the work anyway.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable

from ..errors import DeckgenError
from ..types import Transcript
from .speech import Cue, cues_to_transcript

log = logging.getLogger(__name__)

_TIME = re.compile(r"(?:(\d{1,5}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?")
# A line that means to be a timing line; its times are then read strictly.
_ARROW_LINE = re.compile(r"\s*-?\d\S*\s*-->")
_SBV_LINE = re.compile(r"\d+:[\d:.]*\S*,\d+:\S*")
_SBV_TIMING = re.compile(r"(\d+:\d{1,2}:\d{1,2}\.\d{1,3}),(\d+:\d{1,2}:\d{1,2}\.\d{1,3})")
_VTT_BLOCK = re.compile(r"(WEBVTT|NOTE|STYLE|REGION)(\s|$)")
# Formatting inside cues: <i>, <b>, <font>, WebVTT's <c.class>, <v Name>, <lang>,
# <ruby>, karaoke timestamps <00:00:01.500>, and ASS overrides such as {\an8}.  Other
# tags (<script>) are text someone typed and stay, to be shown as such.
_TAG = re.compile(
    r"</?(?:[ibus]|c|v|lang|ruby|rt|font|span)(?:[\s.][^<>]*)?>|<\d{1,5}(?::\d{2}){1,2}\.\d{3}>"
    r"|\{\\[^{}]*\}",
    re.IGNORECASE,
)
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^<>]+)>")
_BR = re.compile(r"\[br\]", re.IGNORECASE)

SRT_EXAMPLE = "00:01:02,345 --> 00:01:04,000"
SBV_EXAMPLE = "0:01:02.345,0:01:04.000"


def parse_srt(text: str, source: str) -> Transcript:
    cues = _read_cues(text, source, _ARROW_LINE.match, _arrow_times, _no_blocks)
    return _transcript(cues, source, "srt", markup=True)


def parse_vtt(text: str, source: str) -> Transcript:
    cues = _read_cues(text, source, _ARROW_LINE.match, _arrow_times, _VTT_BLOCK.match)
    return _transcript(cues, source, "vtt", markup=True, entities=True)


def parse_sbv(text: str, source: str) -> Transcript:
    cues = _read_cues(text, source, _SBV_LINE.fullmatch, _sbv_times, _no_blocks)
    for cue in cues:
        cue.lines = [(n, part) for n, line in cue.lines for part in _BR.split(line)]
    return _transcript(cues, source, "sbv", markup=False)


def parse_time(text: str) -> float | None:
    """Seconds of ``HH:MM:SS,mmm`` / ``MM:SS.mmm`` (hours and milliseconds optional);
    a negative time (``-00:00:01,000``) is negative."""
    text = text.strip()
    if text.startswith("-"):
        magnitude = parse_time(text[1:])
        return -magnitude if magnitude is not None else None
    match = _TIME.fullmatch(text)
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + float(f"0.{fraction or 0}")


def _read_cues(
    text: str,
    source: str,
    is_timing: Callable[[str], object],
    read_times: Callable[[str, str, int], float],
    skips_block: Callable[[str], object],
) -> list[Cue]:
    """Cues in file order; the line before a timing line is a cue number or id."""
    cues: list[Cue] = []
    unreadable: list[DeckgenError] = []  # cues skipped for their times, with the reason
    block_start = True  # the line follows a blank line (or starts the file)
    last_started_block = skipping = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            block_start, skipping = True, False
            continue
        if skipping or (block_start and skips_block(stripped)):
            skipping, block_start = True, False
            continue
        if is_timing(stripped):
            if cues and cues[-1].lines and cues[-1].lines[-1][0] == number - 1:
                last = cues[-1].lines[-1][1]
                if last.isdigit() or last_started_block:
                    cues[-1].lines.pop()
            try:
                cues.append(Cue(time=read_times(stripped, source, number)))
            except DeckgenError as exc:
                # One unreadable cue loses its own text, not the whole file.
                unreadable.append(exc)
                skipping = True
        elif cues:
            cues[-1].lines.append((number, stripped))
        last_started_block, block_start = block_start, False
    if unreadable and len(unreadable) * 2 >= len(cues) + len(unreadable):
        raise unreadable[0]
    for problem in unreadable:
        log.warning("%s; skipped that cue", problem)
    return cues


def _arrow_times(line: str, source: str, number: int) -> float:
    left, right = line.split("-->", 1)
    end_text = right.split()[0] if right.split() else ""
    return _checked(parse_time(left), parse_time(end_text), line, source, number, SRT_EXAMPLE)


def _sbv_times(line: str, source: str, number: int) -> float:
    match = _SBV_TIMING.fullmatch(line)
    start, end = (parse_time(match.group(1)), parse_time(match.group(2))) if match else (None, None)
    return _checked(start, end, line, source, number, SBV_EXAMPLE)


def _checked(
    start: float | None, end: float | None, line: str, source: str, number: int, example: str
) -> float:
    if start is None or end is None:
        raise DeckgenError(
            f"{source}, line {number}: cannot read the cue times {line[:60]!r}; "
            f"write them like {example}"
        )
    if start < 0:
        log.warning("%s, line %d: the cue starts before 0:00 (%r); using 0:00", source, number,
                    line[:60])
        start, end = 0.0, max(end, 0.0)
    check_order(start, end, source, f"line {number}")
    return start


def check_order(start: float, end: float, source: str, where: str) -> None:
    """Only a cue's start reaches the cards, so a bad end is worth a warning, not a stop.

    Real files have them: the CS231n subtitles end on ``00:59:25,044 --> 00:00:00,000``.
    """
    if end < start:
        log.warning("%s, %s: the cue ends before it starts; using its start", source, where)


def _no_blocks(line: str) -> bool:
    return False


def _transcript(
    cues: list[Cue], source: str, fmt: str, *, markup: bool, entities: bool = False
) -> Transcript:
    if markup:
        for cue in cues:
            voice = next(
                (m.group(1).strip() for _, t in cue.lines for m in _VOICE.finditer(t)), None
            )
            cue.speaker = voice
            cue.lines = [(n, _plain(t, entities)) for n, t in cue.lines]
    return cues_to_transcript(cues, source, fmt)


def _plain(line: str, entities: bool) -> str:
    line = _TAG.sub("", line)
    return html.unescape(line) if entities else line
