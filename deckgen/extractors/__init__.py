"""Extractors: each turns an analysed ``Document`` into scored ``Extract`` candidates.

They share one signature, ``extract_x(doc, *, terms=(), limit=None, index=None)``, so
they are interchangeable strategies chosen by name from ``EXTRACTORS``.  ``terms`` is
the document's key-term ranking (from ``extract_terms``), which the others use to tell
the talk's vocabulary from everyday words.  ``index`` holds what they read off each
sentence (``index.DocumentIndex``), computed once for all of them; each builds it
itself when it is not given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..types import Document, Extract
from .definitions import extract_definitions
from .ideas import extract_ideas
from .index import DocumentIndex, index_document
from .quotes import extract_quotes
from .terms import extract_terms


class Extractor(Protocol):
    def __call__(
        self, doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None,
        index: DocumentIndex | None = None,
    ) -> list[Extract]: ...


def _terms(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None,
    index: DocumentIndex | None = None,
) -> list[Extract]:
    return extract_terms(doc, limit=limit, index=index)


EXTRACTORS: dict[str, Callable[..., list[Extract]]] = {
    "terms": _terms,
    "definitions": extract_definitions,
    "ideas": extract_ideas,
    "quotes": extract_quotes,
}

__all__ = ["EXTRACTORS", "DocumentIndex", "Extractor", "extract_definitions", "extract_ideas",
           "extract_quotes", "extract_terms", "index_document"]
