"""Where Anki keeps a profile's collection, for ``deckgen sync --profile NAME``.

Anki's data folder is ``$ANKI_BASE`` when set (as the desktop app reads it), else
``%APPDATA%\\Anki2`` on Windows, ``~/Library/Application Support/Anki2`` on macOS and
``$XDG_DATA_HOME/Anki2`` (``~/.local/share/Anki2``) elsewhere; each profile is a
folder in it holding ``collection.anki2``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from .errors import DeckgenError


def anki_base(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    if env.get("ANKI_BASE"):
        return Path(env["ANKI_BASE"])
    home = Path(env.get("HOME") or Path.home())
    if platform.startswith("win"):
        return Path(env.get("APPDATA") or home / "AppData" / "Roaming") / "Anki2"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Anki2"
    return Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "Anki2"


def profile_collection(name: str, base: Path | None = None) -> Path:
    """The collection of profile ``name``; an unknown name lists the profiles there are."""
    base = base if base is not None else anki_base()
    path = base / name / "collection.anki2"
    if path.is_file():
        return path
    known = sorted(p.parent.name for p in base.glob("*/collection.anki2")) if base.is_dir() else []
    there = f"profiles there: {', '.join(known)}" if known else "no profiles there"
    raise DeckgenError(f"no Anki profile {name!r} in {base} ({there}); give its name as Anki "
                       "shows it, or the collection with --collection PATH")
