"""Bytes to clean text: the encoding, refusing what is not text, and Unicode clean-up.

Korean files come in three encodings in practice: UTF-8 (with or without a BOM),
UTF-16 with a BOM (Windows Notepad's "Unicode") and CP949 (Windows' Korean code page,
a superset of EUC-KR).  Each can be told apart for certain: BOMs are unambiguous, and
text that is not UTF-8 is almost never valid UTF-8 by chance.  CP949 is accepted only
when it decodes to Korean, since a Latin-1 or binary file can decode as CP949 too.
A general detector (charset-normalizer) was tried and left out: it reads short CP949
text such as "강의" as Big5, and a wrong guess makes a deck of mojibake where an error
naming ``--encoding`` lets the user fix it.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from ..errors import DeckgenError

log = logging.getLogger(__name__)

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# What people pass by mistake, to name it in the error: (signature, offset, what it is).
_SIGNATURES = (
    (b"PK\x03\x04", 0, "a ZIP archive (an .apkg, .docx or .zip file)"),
    (b"%PDF", 0, "a PDF document"),
    (b"\x89PNG", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF8", 0, "a GIF image"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"\x7fELF", 0, "a program"),
    (b"ID3", 0, "an audio file"),
    (b"fLaC", 0, "an audio file"),
    (b"OggS", 0, "an audio file"),
    (b"RIFF", 0, "an audio or video file"),
    (b"ftyp", 4, "an audio or video file"),
    (b"\x1aE\xdf\xa3", 0, "a video file"),
)

# Invisible characters that split words for Kiwi without showing: zero-width
# spaces and joiners, word joiner, BOM, soft hyphen and the bidirectional marks.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c" + "".join(
    map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
)
# Separators that are not a line end in an editor: a space keeps line numbers right.
_AS_SPACE = "\v\f\x85\u2028\u2029"
# Patterns, not str.translate: a search that rarely matches runs ten times faster
# than translating every character (0.36 s on an 8.8 MB text).
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_AS_SPACE_RE = re.compile(f"[{_AS_SPACE}]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def decode(raw: bytes, source: str, encoding: str | None = None) -> str:
    """The text of ``raw``: ``encoding`` if given, else UTF-8/16/32 by BOM, UTF-8 or CP949."""
    if encoding:
        return _decode_as(raw, _codec(encoding), source).removeprefix("\ufeff")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _decode_as(raw[len(bom) :], name, source)
    if b"\x00" in raw:
        raw = _without_stray_nuls(raw, source)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if text and _is_korean(text):
        return text
    raise _not_text(raw, source, "it is not UTF-8, UTF-16 or CP949 (EUC-KR) text")


def clean(text: str, source: str) -> str:
    """LF line ends, no invisible or control characters, NFC; refuse mostly-control text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _AS_SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", text))
    text, controls = _CONTROL.subn("", text)
    if controls > max(8, len(text) // 20):
        raise DeckgenError(
            f"{source}: this is not text ({controls} control characters); give a transcript "
            "saved as text, or name its encoding with --encoding"
        )
    return unicodedata.normalize("NFC", text)


def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise DeckgenError(
            f"unknown encoding {encoding!r}; use a name such as utf-8, utf-16, cp949 or euc-kr"
        ) from None


def _decode_as(raw: bytes, encoding: str, source: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DeckgenError(
            f"{source}: not valid {encoding} text (byte {exc.start}); "
            "check the file or name its encoding with --encoding"
        ) from None


def _without_stray_nuls(raw: bytes, source: str) -> bytes:
    """``raw`` without a few NUL bytes in otherwise UTF-8 text (a damaged copy), with a
    warning naming their lines; many NULs mean another encoding (UTF-16 without BOM)."""
    nuls = raw.count(b"\x00")
    stripped = raw.replace(b"\x00", b"")
    try:
        stripped.decode("utf-8")
    except UnicodeDecodeError:
        raise _not_text(raw, source, "it contains NUL bytes") from None
    if nuls > max(8, len(raw) // 1000):
        raise _not_text(raw, source, "it contains NUL bytes")
    lines = sorted({raw.count(b"\n", 0, m.start()) + 1 for m in re.finditer(b"\x00", raw)})
    shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    log.warning("%s: dropped %d NUL byte(s) on line(s) %s", source, nuls, shown)
    return stripped


def _is_korean(text: str) -> bool:
    """Most non-ASCII characters are Hangul, as in any Korean text."""
    sample = text[:100_000]
    return len(_HANGUL.findall(sample)) * 2 >= len(_NON_ASCII.findall(sample)) > 0


def _not_text(raw: bytes, source: str, reason: str) -> DeckgenError:
    kind = next(
        (what for magic, at, what in _SIGNATURES if raw[at : at + len(magic)] == magic), None
    )
    if kind:
        return DeckgenError(
            f"{source}: this is {kind}, not a transcript; give a text file "
            "(.txt, .md, .srt, .vtt, .sbv, or Whisper .json/.tsv)"
        )
    return DeckgenError(
        f"{source}: cannot read it as text ({reason}); save it as UTF-8, "
        "or name its encoding with --encoding (e.g. --encoding utf-16-le)"
    )
