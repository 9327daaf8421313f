"""deckgen: turn a transcript into an Anki deck worth studying."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "build_deck", "extract_study_set"]


def __getattr__(name: str) -> Any:
    # Imported on first use so that `import deckgen` and `deckgen --help` stay fast.
    if name in ("build_deck", "extract_study_set"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'deckgen' has no attribute {name!r}")
