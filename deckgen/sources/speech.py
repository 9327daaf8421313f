"""What is speech in a transcript line: speaker labels, sound annotations, credits.

Shared by the readers.  Subtitles and Whisper output are first read into ``Cue``s;
``cues_to_transcript`` then keeps their spoken lines, one ``Segment`` per line, in a
text of its own where consecutive lines are separated by ``\\n`` (what the analysis
of flowing transcripts expects).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..types import Segment, Transcript

# Roles that are speaker labels wherever they appear, even once.
KNOWN_SPEAKERS = frozenset(
    "진행자 사회자 질문자 답변자 앵커 기자 교수 교수님 강사 학생 청중 패널 인터뷰어 면접관 "
    "스님 법륜스님 질문 답변 문 답 Q A 화자 참석자 host guest interviewer speaker".split()
)
# A bracketed note with one of these words is a sound or event, not speech.
_SOUNDS = (
    r"웃음|웃는|박수|음악|노래|환호|한숨|기침|침묵|정적|소음|효과음|탄성|울음|소리|"
    r"music|laugh|applause|cheer|inaudible|silence|noise|sigh|cough|bgm"
)
_SOUND_WORDS = re.compile(_SOUNDS, re.IGNORECASE)
# "(질문자) 웃음": what a named speaker did rather than said.
_ONLY_SOUND = re.compile(rf"\W*(?:{_SOUNDS})\W*", re.IGNORECASE)
# A note stands apart from the words around it; "잡음(noise)이거나" is a gloss.
_SOUND_NOTE = re.compile(r"(?<!\S)[(\[（［【][^()\[\]（）［］【】]{0,60}[)\]）］】](?!\S)")
_LEADING_NOTE = re.compile(r"[(\[（［【]([^()\[\]（）［］【】]{1,60})[)\]）］】]\s*")
_MUSIC = re.compile(r"[♪♫♬]+")
_LABEL = re.compile(r"([^\s:：()\[\]][^:：]{0,23}?)\s*[:：](?!//|\d)\s*")
_NUMBERED = re.compile(r"(화자|참석자|speaker)\s*\d{1,2}", re.IGNORECASE)
_NOT_IN_LABEL = re.compile(r"[.,?!\"'“”‘’<>{}=/]|https?")
_CREDIT = re.compile(
    r"(?:translated|subtitled|subtitles|captions?|captioned|transcribed|transcript|reviewed|"
    r"proofread|synced|sync|timing|corrected|edited|encoded)\b.{0,60}\bby\b|"
    r"(?:번역|자막|검수|감수|검토|싱크|타이밍)\s*(?:[:：]|제공|제작|by\b)|"
    r"(?:https?://|www\.)\S+$",
    re.IGNORECASE,
)


@dataclass
class Cue:
    """A timed piece of a subtitle or Whisper file: its start and ``(line, text)`` lines."""

    time: float
    lines: list[tuple[int, str]] = field(default_factory=list)
    speaker: str | None = None


def speaker_labels(lines: Iterable[str]) -> frozenset[str]:
    """Labels (``이름:``) taken as speakers: known roles, and any label used twice or more."""
    counts = Counter(label for line in lines if (label := _label_of(line.strip())))
    return frozenset(label for label, n in counts.items() if n >= 2 or is_known_speaker(label))


def is_known_speaker(label: str) -> bool:
    return (
        label in KNOWN_SPEAKERS
        or label.lower() in KNOWN_SPEAKERS
        or bool(_NUMBERED.fullmatch(label))
    )


def take_label(line: str, labels: frozenset[str]) -> tuple[str | None, int]:
    """The speaker label at the start of ``line`` and where the utterance starts after it."""
    match = _LABEL.match(line)
    if match and match.group(1).strip() in labels:
        return match.group(1).strip(), match.end()
    return None, 0


def take_note(line: str) -> tuple[str | None, int]:
    """A leading note such as ``(질문자)``: the speaker it names and where the speech starts.

    A sound note (``(웃음)``) names no one; a longer note is a stage direction when it
    is all the line holds, else part of what is said.
    """
    match = _LEADING_NOTE.match(line)
    if not match:
        return None, 0
    content = match.group(1).strip()
    if _SOUND_WORDS.search(content):
        return None, match.end()
    if plausible_speaker(content):
        return content, match.end()
    return None, match.end() if match.end() == len(line) else 0


def plausible_speaker(text: str) -> bool:
    """A name or role: a few words, no sentence punctuation, not just a number."""
    return (
        0 < len(text) <= 20
        and len(text.split()) <= 3
        and not text.replace(" ", "").isdigit()
        and not _NOT_IN_LABEL.search(text)
    )


def spoken(line: str, labels: frozenset[str]) -> tuple[str | None, str]:
    """A subtitle line's speaker (if it names one) and its spoken text ('' if none)."""
    if _CREDIT.match(line):
        return None, ""
    line = _MUSIC.sub(" ", _SOUND_NOTE.sub(_drop_sound, line)).strip()
    line = line.removeprefix("- ").removeprefix("– ").strip()
    speaker, end = take_note(line)
    if not speaker:
        speaker, end = take_label(line, labels)
    text = line[end:].strip()
    return speaker, "" if speaker and _ONLY_SOUND.fullmatch(text) else text


def cues_to_transcript(cues: Sequence[Cue], source: str, fmt: str) -> Transcript:
    """The spoken lines of ``cues`` as a flowing transcript, one segment per line.

    A line equal to one of the previous cue's lines is dropped: YouTube's captions
    repeat the last line of each cue at the top of the next ("rolling" captions).
    """
    labels = speaker_labels(text for cue in cues for _, text in cue.lines)
    builder = _TextBuilder()
    previous: set[str] = set()
    for cue in cues:
        speaker = cue.speaker
        current: set[str] = set()
        for number, raw in cue.lines:
            named, text = spoken(raw, labels)
            speaker = named or speaker
            key = " ".join(text.split())
            if key and key not in previous:
                builder.add(key, number, cue.time, speaker)
            current.add(key)
        previous = current
    return builder.transcript(source, fmt)


def _drop_sound(match: re.Match[str]) -> str:
    return " " if _SOUND_WORDS.search(match.group(0)) else match.group(0)


def _label_of(line: str) -> str | None:
    match = _LABEL.match(line)
    if not match:
        return None
    label = match.group(1).strip()
    return label if plausible_speaker(label) else None


class _TextBuilder:
    """Collects spoken lines into one text, one segment per line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.offset = 0

    def add(self, text: str, line: int, time: float | None, speaker: str | None) -> None:
        self.segments.append(Segment(self.offset, self.offset + len(text), line, time, speaker))
        self.parts.append(text)
        self.offset += len(text) + 1

    def transcript(self, source: str, fmt: str) -> Transcript:
        return Transcript(
            source=source,
            text="\n".join(self.parts),
            segments=tuple(self.segments),
            flowing=True,
            format=fmt,
        )
