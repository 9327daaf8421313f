"""Extractors: each turns an analysed ``Document`` into scored ``Extract`` candidates.

They share one signature, ``extract_x(doc, *, terms=(), limit=None, index=None)``, so
they are interchangeable strategies chosen by name from ``EXTRACTORS``.  ``terms`` is
the document's key-term ranking (from ``extract_terms``), which the others use to tell
the talk's vocabulary from everyday words.  ``index`` holds what they read off each
sentence (``index.DocumentIndex``), computed once for all of them; each builds it
itself when it is not given.

The modules load on first use (``registry`` holds ``EXTRACTORS``): building a deck
from a study set imports ``cards``, which reads only ``phrases`` and ``index``.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "EXTRACTORS": "registry",
    "Extractor": "registry",
    "DocumentIndex": "index",
    "index_document": "index",
    "extract_definitions": "definitions",
    "extract_ideas": "ideas",
    "extract_quotes": "quotes",
    "extract_terms": "terms",
}


def __getattr__(name: str) -> Any:
    """``from deckgen.extractors import EXTRACTORS`` and the like, imported when asked."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = sorted(_HOMES)
