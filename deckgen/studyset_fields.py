"""The checks every value of a study set passes, in one place (used by ``studyset.loads``).

A study set is edited by hand and shared, so anything may be in it.  What would
break the package or Anki is refused or made harmless here, with a message naming the
card: a value of the wrong type or out of range, text too long, control characters
(Anki separates fields with ``\\x1f``: one in a field makes a package Anki refuses;
they are dropped, tabs and line breaks kept), a cloze without the one blank its kind
asks (``{{c1::...}}``; a ``{{c2::...}}`` makes a second card), two cards with one GUID.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .cloze import segments
from .fieldhtml import strip_controls
from .types import Card

# A field longer than this is no card: a whole transcript pasted in by mistake.
MAX_TEXT_CHARS = 20_000
MAX_LINE = 10**9
# Seconds since 1970 that Anki can store, up to the year 5000.
MAX_TIME = 10**11


class Malformed(ValueError):
    """A study set value that is wrong: its message names the value."""


def text(value: Any, what: str, *, required: bool = False) -> str:
    """A text value (a number is taken as its text), cleaned and bounded."""
    if value is None or value == "":
        if required:
            raise Malformed(f'missing "{what}"')
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Malformed(f'"{what}" must be text')
    result = strip_controls(str(value))
    if len(result) > MAX_TEXT_CHARS:
        raise Malformed(f'"{what}" is {len(result):,} characters long (at most '
                        f'{MAX_TEXT_CHARS:,})')
    if required and not result.strip():
        raise Malformed(f'missing "{what}"')
    return result


def optional_text(value: Any, what: str) -> str | None:
    return None if value is None else text(value, what)


def integer(value: Any, what: str, low: int = 0, high: int = MAX_TIME) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Malformed(f'"{what}" must be a whole number')
    try:
        number = int(value)
    except (ValueError, OverflowError):
        raise Malformed(f'"{what}" must be a whole number') from None
    if not low <= number <= high:
        raise Malformed(f'"{what}" is {number}, outside {low}..{high}')
    return number


def number(value: Any, what: str, low: float = 0.0, high: float = float(MAX_TIME)) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Malformed(f'"{what}" must be a number')
    try:
        result = float(value)
    except ValueError:
        raise Malformed(f'"{what}" must be a number') from None
    if not math.isfinite(result) or not low <= result <= high:
        raise Malformed(f'"{what}" is {value}, outside {low:g}..{high:g}')
    return result


def listed(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Malformed(f'"{what}" must be a list')
    return value


def check_blanks(kind: str, cloze: str | None) -> None:
    """An idea, quote or term card hides one thing, as ``{{c1::...}}`` (one or more
    pieces of it): no blank makes no card, another number another card."""
    if kind == "definition" or cloze is None:
        return
    numbers = {n for piece, _, n in segments(cloze) if piece == "cloze"}
    if not numbers:
        raise Malformed('"cloze" has no blank: mark the hidden words as {{c1::...}}')
    if numbers != {1}:
        others = ", ".join(f"c{n}" for n in sorted(numbers - {1}))
        raise Malformed(f'"cloze" has a blank {others}: the card hides one thing, '
                        "as {{c1::...}}")


def duplicate_guid(cards: Sequence[Card]) -> str | None:
    """A message for the first GUID two cards share, or None."""
    seen: dict[str, int] = {}
    for number, card in enumerate(cards, start=1):
        if card.guid in seen:
            return (f'cards {seen[card.guid]} and {number} share the GUID "{card.guid}": '
                    "give one of them another (or delete it)")
        seen[card.guid] = number
    return None
