"""deckgen: turn a transcript into an Anki deck worth studying."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "build_deck", "extract_study_set"]


def __getattr__(name: str) -> Any:
    # Imported on first use so that `import deckgen` and `deckgen --help` stay fast.
    if name == "build_deck":
        from .pipeline import build_deck

        return build_deck
    if name == "extract_study_set":
        from .extract import extract_study_set

        return extract_study_set
    raise AttributeError(f"module 'deckgen' has no attribute {name!r}")
