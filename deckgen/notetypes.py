"""The pinned schema of deckgen's note types.

Anki matches an imported note type to the one already in a collection by its id and
its schema (field names and ids, template names and ids).  A different schema makes
Anki add a copy of the note type and skip every existing note as conflicting, so
these numbers and names never change once published: add a new note type instead.
Faces and CSS are not part of the schema; they come from ``templates/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoteTypeSchema:
    kind: str
    model_id: int
    name: str
    fields: tuple[tuple[str, int], ...]
    # (template name, template id, front file, back file)
    templates: tuple[tuple[str, int, str, str], ...]
    is_cloze: bool = False


SCHEMAS: dict[str, NoteTypeSchema] = {
    "definition": NoteTypeSchema(
        kind="definition",
        model_id=1_607_392_301,
        name="deckgen definition",
        fields=(
            ("Term", 7_311_204_560_918_401),
            ("Prompt", 7_311_204_560_918_402),
            ("Definition", 7_311_204_560_918_403),
            ("Hint", 7_311_204_560_918_404),
            ("Context", 7_311_204_560_918_405),
            ("Source", 7_311_204_560_918_406),
            ("Reverse", 7_311_204_560_918_407),
        ),
        templates=(
            ("Term → definition", 5_120_774_300_118_001, "definition.front.html",
             "definition.back.html"),
            ("Definition → term", 5_120_774_300_118_002, "definition.reverse.front.html",
             "definition.reverse.back.html"),
        ),
    ),
    "idea": NoteTypeSchema(
        kind="idea",
        model_id=1_607_392_302,
        name="deckgen idea",
        fields=(
            ("Text", 7_311_204_560_918_411),
            ("Context", 7_311_204_560_918_412),
            ("Source", 7_311_204_560_918_413),
        ),
        templates=(("Cloze", 5_120_774_300_118_011, "idea.front.html", "idea.back.html"),),
        is_cloze=True,
    ),
    "quote": NoteTypeSchema(
        kind="quote",
        model_id=1_607_392_303,
        name="deckgen quote",
        fields=(
            ("Text", 7_311_204_560_918_421),
            ("Quote", 7_311_204_560_918_422),
            ("Context", 7_311_204_560_918_423),
            ("Source", 7_311_204_560_918_424),
        ),
        templates=(("Cloze", 5_120_774_300_118_021, "quote.front.html", "quote.back.html"),),
        is_cloze=True,
    ),
    # A key term hidden in the sentence that explains it.  It replaced "deckgen term"
    # (model 1_607_392_304: the term on the front, two uses on the back), which gave
    # nothing to check an answer against; see ``RETIRED``.
    "term": NoteTypeSchema(
        kind="term",
        model_id=1_607_392_305,
        name="deckgen term cloze",
        fields=(
            ("Text", 7_311_204_560_918_441),
            ("Term", 7_311_204_560_918_442),
            ("Context", 7_311_204_560_918_443),
            ("Source", 7_311_204_560_918_444),
        ),
        templates=(("Cloze", 5_120_774_300_118_041, "term.front.html", "term.back.html"),),
        is_cloze=True,
    ),
}

# Note types deckgen made once and no longer makes: model id -> (kind, first field).
# Their notes stay in a student's collection; the change report still names them.
RETIRED: dict[int, tuple[str, str]] = {1_607_392_304: ("term", "Term")}
