"""Where a card came from, as its fields show it: the time of its cue, a link to the
video at that time, and its context with the card's term marked."""

from __future__ import annotations

import re


def highlight_pieces(text: str, term: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_term)``; the term matched ignoring spaces."""
    if not term.strip():
        return [(text, False)]
    pattern = r"\s*".join(re.escape(ch) for ch in term if not ch.isspace())
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def format_time(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def video_link(url: str | None, seconds: float | None) -> str:
    """``url`` opened at ``seconds``: ``&t=751s`` if it has a query already, else ``?t=751``."""
    if not url or seconds is None:
        return ""
    start = int(seconds)
    return f"{url}&t={start}s" if "?" in url else f"{url}?t={start}"
