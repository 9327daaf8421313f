"""Extractors: each turns an analysed ``Document`` into scored ``Extract`` candidates.

They share one signature, ``extract_x(doc, *, terms=(), limit=None)``, so they are
interchangeable strategies chosen by name from ``EXTRACTORS``.  ``terms`` is the
document's key-term ranking (from ``extract_terms``), which the others use to tell
the talk's vocabulary from everyday words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..types import Document, Extract
from .definitions import extract_definitions
from .ideas import extract_ideas
from .quotes import extract_quotes
from .terms import extract_terms


class Extractor(Protocol):
    def __call__(
        self, doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None
    ) -> list[Extract]: ...


def _terms(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None
) -> list[Extract]:
    return extract_terms(doc, limit=limit)


EXTRACTORS: dict[str, Callable[..., list[Extract]]] = {
    "terms": _terms,
    "definitions": extract_definitions,
    "ideas": extract_ideas,
    "quotes": extract_quotes,
}

__all__ = ["EXTRACTORS", "Extractor", "extract_definitions", "extract_ideas", "extract_quotes",
           "extract_terms"]
