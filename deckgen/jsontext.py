"""JSON from users' files (study sets, Whisper transcripts), parsed with bounds.

Python's parser takes ``1e400`` as infinity, ``NaN`` as a number, turns a 5,000-digit
integer into a ``ValueError`` of its own and a deep nesting into a ``RecursionError``;
here each is a ``DeckgenError`` naming the file.  No value deckgen reads needs more
than 18 digits.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import DeckgenError

MAX_DIGITS = 18


class _OutOfRange(ValueError):
    pass


def parse_json(text: str, origin: str) -> Any:
    """The value of ``text``; any problem is one ``DeckgenError`` naming ``origin``."""
    try:
        return json.loads(text, parse_int=_integer, parse_float=_float,
                          parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise DeckgenError(f"{origin}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except _OutOfRange as exc:
        raise DeckgenError(f"{origin}: {exc}") from None
    except RecursionError:
        raise DeckgenError(f"{origin}: JSON nested too deeply") from None


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _OutOfRange(f"a number of {len(text)} digits ({text[:12]}...) is out of range")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _OutOfRange(f"the number {text[:20]} is out of range")
    return value


def _constant(name: str) -> float:
    raise _OutOfRange(f"{name} is not a number deckgen reads")
