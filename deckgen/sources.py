"""Reading transcripts: bytes on disk to a ``Transcript`` of utterances with line numbers.

``read_transcript`` is the only function in deckgen that reads an input file;
``parse_transcript`` is pure and takes the raw bytes.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from pathlib import Path

from .errors import DeckgenError
from .types import Segment, Transcript

log = logging.getLogger(__name__)

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def read_transcript(path: Path) -> Transcript:
    """Read and parse one transcript file."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DeckgenError(f"{path}: is a directory; give a transcript file") from None
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_transcript(raw, str(path))


def parse_transcript(raw: bytes, source: str) -> Transcript:
    """Decode a plain-text transcript: one utterance per line, 1-based line numbers kept."""
    text = _normalise(decode(raw, source))
    segments = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            segments.append(Segment(start=start, end=start + len(stripped), line=number))
        offset += len(line) + 1
    if not segments:
        raise DeckgenError(f"{source}: the transcript is empty; give a file with text in it")
    return Transcript(source=source, text=text, segments=tuple(segments),
                      sha256=hashlib.sha256(raw).hexdigest())


def decode(raw: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM, else CP949."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_as(raw[len(bom) :], encoding, source)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp949")
    except UnicodeDecodeError:
        raise DeckgenError(
            f"{source}: not UTF-8 or CP949 text; save it as UTF-8 and try again"
        ) from None


def _decode_as(raw: bytes, encoding: str, source: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise DeckgenError(f"{source}: not valid {encoding} text") from None


def _normalise(text: str) -> str:
    """NFC, LF line ends."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_text(path: Path) -> str:
    """A UTF-8 text file such as a study set."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DeckgenError(f"{path}: is a directory; give a file") from None
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(raw, str(path))


def looks_like_study_set(path: Path) -> bool:
    """True for a JSON file that starts like a deckgen study set."""
    try:
        with path.open("rb") as handle:
            head = handle.read(256)
    except OSError:
        return False
    return b'"deckgen_study_set"' in head
