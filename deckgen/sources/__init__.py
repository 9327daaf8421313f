"""Reading transcripts: bytes on disk to a ``Transcript`` of utterances with line numbers.

``read_transcript`` is the only function in deckgen that reads an input file;
``parse_transcript`` is pure and takes the raw bytes.  The format comes from the
file's extension, checked against its content (a subtitle file saved as ``.txt``
is still read as subtitles); ``fmt`` overrides both.  One module per family:
``plain`` (text, Markdown), ``subtitles`` (SRT, WebVTT, SBV), ``whisper`` (JSON,
TSV); ``decoding`` turns bytes into clean text and ``speech`` decides what in a
line is speech.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from ..errors import DeckgenError
from ..files import check_name
from ..types import Transcript
from .decoding import clean, decode

log = logging.getLogger(__name__)

# The largest input read: about 200 hours of speech (a hundred one-hour lectures in
# one file), analysed in a couple of minutes.  Time grows in proportion to the text,
# so a bigger file would run for many minutes; split it instead.
MAX_BYTES = 16 * 1024 * 1024

# Format -> (module, function, options) of its reader.  A reader's module is imported
# when a file of its format is read: building from a study set reads none of them.
_READERS: dict[str, tuple[str, str, dict[str, bool]]] = {
    "text": ("plain", "parse_text", {}),
    "md": ("plain", "parse_text", {"markdown": True}),
    "srt": ("subtitles", "parse_srt", {}),
    "vtt": ("subtitles", "parse_vtt", {}),
    "sbv": ("subtitles", "parse_sbv", {}),
    "json": ("whisper", "parse_json", {}),
    "tsv": ("whisper", "parse_tsv", {}),
}
FORMATS = tuple(_READERS)
_NAMES = {
    "text": "text",
    "md": "Markdown",
    "srt": "SubRip",
    "vtt": "WebVTT",
    "sbv": "SubViewer",
    "json": "Whisper JSON",
    "tsv": "Whisper TSV",
}
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "md",
    ".markdown": "md",
    ".srt": "srt",
    ".vtt": "vtt",
    ".sbv": "sbv",
    ".json": "json",
    ".tsv": "tsv",
}
_SRT_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->", re.MULTILINE)
_SBV_TIMING = re.compile(r"\s*\d+:\d{2}:\d{2}\.\d{3},\d+:\d{2}:\d{2}\.\d{3}\s*\n")
_TSV_ROW = re.compile(r"\s*(?:start\tend\ttext|\d+\t\d+\t)", re.IGNORECASE)


def read_transcript(
    path: Path, *, fmt: str | None = None, encoding: str | None = None
) -> Transcript:
    """Read and parse one transcript file (at most ``MAX_BYTES``)."""
    return parse_transcript(_read_bytes(path, MAX_BYTES), str(path), fmt=fmt, encoding=encoding)


def parse_transcript(
    raw: bytes, source: str, *, fmt: str | None = None, encoding: str | None = None
) -> Transcript:
    """Decode, clean and parse a transcript; ``source`` names it (and its extension)."""
    if len(raw) > MAX_BYTES:
        raise _too_big(source, len(raw))
    text = clean(decode(raw, source, encoding), source)
    if not text.strip():
        raise DeckgenError(f"{source}: the transcript is empty; give a file with text in it")
    fmt = fmt or detect_format(text, source)
    if fmt not in _READERS:
        raise DeckgenError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    transcript = _reader(fmt)(text, source)
    if not transcript.segments:
        raise DeckgenError(
            f"{source}: no spoken text found in this {_NAMES[fmt]} file; "
            "give a transcript with speech in it"
        )
    log.info("%s: %s, %d segments", source, fmt, len(transcript.segments))
    return replace(transcript, sha256=hashlib.sha256(raw).hexdigest())


def _reader(fmt: str) -> Callable[[str, str], Transcript]:
    module, function, options = _READERS[fmt]
    parse = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return partial(parse, **options) if options else parse  # type: ignore[no-any-return]


def detect_format(text: str, source: str) -> str:
    """The format its content shows, else the one its extension names, else text."""
    by_extension = _EXTENSIONS.get(Path(source).suffix.lower())
    sniffed = _sniff(text, source)
    if sniffed and sniffed != by_extension:
        if by_extension:
            log.info("%s looks like %s; reading it as such", source, _NAMES[sniffed])
        return sniffed
    if by_extension in ("srt", "vtt", "sbv", "tsv") and not sniffed:
        raise DeckgenError(
            f"{source}: does not look like a {_NAMES[by_extension]} file (no cue times found); "
            "check the file, or read it as plain text with --format text"
        )
    return by_extension or "text"


def _sniff(text: str, source: str) -> str | None:
    head = text[:20_000]
    if head.lstrip().startswith("WEBVTT"):
        return "vtt"
    if _SBV_TIMING.match(head.lstrip("\n")):
        return "sbv"
    if _SRT_TIMING.search(head):
        return "srt"
    if _TSV_ROW.match(head):
        return "tsv"
    if head.lstrip()[:1] in ("{", "["):
        from .whisper import whisper_segments

        try:
            return "json" if whisper_segments(text, source) is not None else None
        except DeckgenError:
            return None  # not JSON: text that starts with a bracket
    return None


def _read_bytes(path: Path, limit: int | None = None) -> bytes:
    check_name(path)
    try:
        if path.is_dir():
            raise DeckgenError(f"{path}: is a directory; give a transcript file")
        if not path.exists():
            raise DeckgenError(f"{path}: no such file; check the path")
        if not path.is_file():
            raise DeckgenError(f"{path}: not a regular file; give a transcript file")
        if limit is not None and path.stat().st_size > limit:
            raise _too_big(str(path), path.stat().st_size)
        with path.open("rb") as handle:
            # One byte past the limit: some files (in /proc) report no size.
            return handle.read(-1 if limit is None else limit + 1)
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None


def _too_big(source: str, size: int) -> DeckgenError:
    return DeckgenError(
        f"{source}: too large ({size / 2**20:.1f} MiB; deckgen reads up to "
        f"{MAX_BYTES // 2**20} MiB, about 200 hours of speech); split it into parts"
    )


def read_text(path: Path) -> str:
    """A UTF-8 text file such as a study set."""
    return decode(_read_bytes(path), str(path))


def looks_like_study_set(path: Path) -> bool:
    """True for a JSON object with a ``"deckgen_study_set"`` key anywhere (``jq -S``
    sorts it after "cards"); loading the study set then checks it is a top-level key."""
    key = b'"deckgen_study_set"'
    try:
        with path.open("rb") as handle:
            if handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
                return False
            handle.seek(0)
            tail = b""
            while chunk := handle.read(1 << 20):
                if key in tail + chunk:
                    return True
                tail = chunk[-len(key):]
    except OSError:
        return False
    return False


__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "decode",
    "detect_format",
    "looks_like_study_set",
    "parse_transcript",
    "read_text",
    "read_transcript",
]
