"""Plain data passed between the pipeline stages.

Every stage takes and returns these immutable values; no stage hands a
kiwipiepy object (or any other library object) to the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

# The kinds of card deckgen makes, in the order a deck lists them.
KINDS = ("definition", "idea", "quote", "term")


@dataclass(frozen=True)
class Segment:
    """One piece of spoken text in a transcript: a line of a text file or a subtitle cue.

    ``start``/``end`` are character offsets into ``Transcript.text``.  ``line`` is the
    1-based line of the source file the text starts on; ``time`` the cue's start in
    seconds (``None`` for untimed sources).
    """

    start: int
    end: int
    line: int
    time: float | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Transcript:
    """Decoded, normalised text of one input and where each utterance sits in it.

    ``flowing`` is true for subtitles, whose cues cut sentences anywhere: the analysis
    then joins consecutive segments into sentences.  Plain text keeps one utterance per
    line.
    """

    source: str
    text: str
    segments: tuple[Segment, ...]
    flowing: bool = False
    format: str = "text"
    sha256: str = ""


class Token(NamedTuple):
    """A morpheme.  ``start`` is its offset in the sentence text, ``length`` its span there.

    ``surprisal`` is Kiwi's language-model cost of the morpheme in its context (minus
    its log-probability): low for words any talk uses, high for a talk's own
    vocabulary.  A NamedTuple rather than a dataclass: a long transcript has millions
    of tokens and tuples are several times cheaper to create.
    """

    form: str
    tag: str
    start: int
    length: int
    surprisal: float = 0.0


@dataclass(frozen=True)
class Sentence:
    """A sentence with its morphemes; ``start``/``end`` are offsets into the transcript text."""

    index: int
    text: str
    start: int
    end: int
    line: int
    tokens: tuple[Token, ...]
    time: float | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Document:
    """The analysed transcript: the text and its sentences in order."""

    source: str
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Extract:
    """A scored candidate: found by an extractor, then drafted into a card.

    ``kind`` is one of ``term``, ``definition``, ``idea``, ``quote``.  ``text`` holds what
    the card is about: the term itself, the defining text, the idea sentence or the
    quote.  ``term`` is the term a definition defines (for a drafted cloze, the key term
    it hides).  ``span`` is the character span of ``text`` inside the sentence, when it
    is a part of it.

    A draft (see ``drafts.py``) adds what the card asks: ``blanks``, the spans of the
    sentence its cloze hides, and ``concept``, the term key of what it teaches.
    """

    kind: str
    text: str
    sentence_index: int
    score: float
    term: str | None = None
    span: tuple[int, int] | None = None
    lines: tuple[int, ...] = ()
    blanks: tuple[tuple[int, int], ...] = ()
    concept: str = ""


@dataclass(frozen=True)
class Verdict:
    """What the card-quality gate made of a draft: ``reason`` is why it was dropped
    (``None``: kept)."""

    candidate: Extract
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class SourceRef:
    """Where a card came from: file, line, time, the sentence and its neighbours."""

    path: str
    line: int
    context: str
    time: float | None = None
    speaker: str | None = None
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Card:
    """One study item: the unit of the study set and one note in Anki.

    ``key`` is the normalised identity the GUID is derived from (the term, the quote
    text or the idea's content words).  Text attributes are plain text; markup is only
    added when rendering.  ``cloze`` uses Anki's ``{{c1::...}}`` syntax, with literal
    braces of the transcript escaped as ``\\{`` and ``\\}`` (see ``cloze.py``).
    ``modified`` is the Unix time the card's content last changed; ``edited`` marks a
    card the user changed by hand, which ``extract --update`` never overwrites.
    """

    kind: str
    key: str
    guid: str
    source: SourceRef
    score: float = 0.0
    term: str | None = None
    definition: str | None = None
    sentence: str | None = None
    quote: str | None = None
    cloze: str | None = None
    hint: str | None = None
    examples: tuple[str, ...] = ()
    modified: int = 0
    content_hash: str = ""
    edited: bool = False


@dataclass(frozen=True)
class Term:
    """A key term, its score and the lines it occurs on."""

    term: str
    score: float
    lines: tuple[int, ...]


@dataclass(frozen=True)
class DeckSpec:
    """The deck a study set builds: its name (``Parent::Child`` allowed) and stable id."""

    name: str
    deck_id: int


@dataclass(frozen=True)
class SourceInfo:
    """One input of a study set, the deck its cards go to and the namespace of their GUIDs.

    ``namespace`` is fixed when the source is first extracted, so renaming the deck
    later keeps every card's GUID.  ``generated`` lists the GUIDs deckgen made for it
    last time, so a card missing from the file is known to be deleted by the user.
    """

    path: str
    sha256: str
    deck: str
    namespace: str
    terms: tuple[Term, ...] = ()
    generated: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeletedCard:
    """A card the user removed from the study set; ``extract --update`` keeps it out."""

    guid: str
    kind: str
    key: str


@dataclass(frozen=True)
class StudySet:
    """Everything a deck is built from; the editable JSON file is its serialisation."""

    deck: DeckSpec
    sources: tuple[SourceInfo, ...]
    cards: tuple[Card, ...]
    deleted: tuple[DeletedCard, ...] = ()


@dataclass(frozen=True)
class RenderedCard:
    """A card as a note: the note type it uses and its field values as HTML.

    ``fingerprint`` identifies the note's content and the rendering options; it is
    stored in the package so that the next build can tell what changed.
    """

    guid: str
    note_type: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    modified: int
    deck: str
    fingerprint: str = ""


@dataclass(frozen=True)
class NoteTypeSpec:
    """A rendered note type: pinned ids and names, faces and CSS from the templates."""

    kind: str
    model_id: int
    name: str
    fields: tuple[tuple[str, int], ...]
    templates: tuple[tuple[str, int, str, str], ...]
    css: str
    is_cloze: bool = False
