"""Export: rendered notes as a text file Anki's own importer reads (File → Import).

The file header tells Anki how to read it: tab-separated, HTML fields, and columns
for the GUID (so an import updates the notes it already has), the note type, the
deck and the tags.  The note types are deckgen's own, so the collection must have
them: import the deck's ``.apkg`` once before importing the text file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .notetypes import SCHEMAS
from .types import RenderedCard

# The GUID is not the first column: a GUID may start with "#", which would make Anki
# read the row as a header line.
_HEADER = (
    "#separator:tab",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#guid column:3",
)


def to_anki_text(cards: Sequence[RenderedCard]) -> str:
    """Rows ``note type, deck, guid, fields..., tags``; fields padded to the widest type."""
    width = max((len(card.fields) for card in cards), default=0)
    tags_column = 4 + width
    out = io.StringIO()
    out.write("\n".join(_HEADER) + f"\n#tags column:{tags_column}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for card in cards:
        fields = list(card.fields) + [""] * (width - len(card.fields))
        writer.writerow([SCHEMAS[card.note_type].name, card.deck, card.guid, *fields,
                         " ".join(card.tags)])
    return out.getvalue()
