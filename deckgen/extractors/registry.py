"""The extractors by name: ``EXTRACTORS["terms"](doc, index=...)`` and so on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ..types import Document, Extract
from .definitions import extract_definitions
from .ideas import extract_ideas
from .index import DocumentIndex
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
