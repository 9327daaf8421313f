"""Rendering: note-type faces and CSS from ``templates/``, and field HTML for each card.

Templates are Jinja2 files with autoescaping, run in Jinja's sandbox (a shared
``--templates`` folder cannot read files or run code).  They are used twice:

* the card faces (``<kind>.front.html`` ...) and ``style.css`` are rendered once per
  note type into Anki's own template syntax; ``f.Term`` writes ``{{Term}}``;
* the field partials (``fields/*.html``) are rendered per card with the card's
  text, which autoescaping turns into safe HTML.

Markup in a field (the highlight, the cloze markers) is always built here, never
taken from the transcript.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import cloze as cloze_text
from .cards import content_hash
from .errors import DeckgenError
from .fieldhtml import editor_form
from .labels import LABELS, definition_prompt
from .notetypes import SCHEMAS, NoteTypeSchema
from .provenance import format_time, highlight_pieces, video_link
from .template_guard import (
    BoundedEnvironment,
    ConfinedLoader,
    check_face,
    render_bounded,
    rendering_budget,
)
from .types import Card, NoteTypeSpec, RenderedCard

# Bump when the code that writes fields changes, so rebuilt notes update (2: fields in
# the form Anki's editor keeps).  A change of the field partials needs no bump.
FIELDS_VERSION = 2
FIELD_PARTIALS = ("fields/source.html", "fields/context.html")


def builtin_templates_dir() -> Path:
    """``templates/`` as installed (``deckgen/templates``) or in a source checkout.

    A wheel puts the folder inside the package; setuptools' default editable install
    does not, so fall back to the project's top-level folder.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "style.css").is_file():
            return candidate
    raise DeckgenError("deckgen's card templates are missing; reinstall deckgen")


def make_env(user_dir: Path | None = None) -> jinja2.Environment:
    """A sandboxed, autoescaping environment; ``user_dir`` templates override built-in ones."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(builtin_templates_dir())]
    if user_dir is not None:
        if not user_dir.is_dir():
            raise DeckgenError(f"{user_dir}: templates folder not found")
        loaders.insert(0, ConfinedLoader(user_dir))
    return BoundedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


class _FieldRefs:
    """``f.Term`` -> ``{{Term}}``, ``f.cloze("Text")`` -> ``{{cloze:Text}}`` in face templates."""

    def __init__(self, schema: NoteTypeSchema) -> None:
        self._names = {name for name, _ in schema.fields}

    def _check(self, name: str) -> str:
        if name not in self._names and name != "FrontSide":
            raise DeckgenError(f"template refers to unknown field {name!r}")
        return name

    def __getattr__(self, name: str) -> Markup:
        if name.startswith("_"):
            raise AttributeError(name)
        return Markup("{{" + self._check(name) + "}}")

    def cloze(self, name: str) -> Markup:
        return Markup("{{cloze:" + self._check(name) + "}}")

    def begin(self, name: str) -> Markup:
        return Markup("{{#" + self._check(name) + "}}")

    def end(self, name: str) -> Markup:
        return Markup("{{/" + self._check(name) + "}}")


def render_note_types(
    env: jinja2.Environment, kinds: Iterable[str], lang: str = "ko"
) -> list[NoteTypeSpec]:
    """Each note type with its faces and CSS rendered from the templates."""
    labels = LABELS[lang]
    with rendering_budget(9):  # the CSS and the faces of every kind
        css = _render(env, "style.css", labels=labels)
        return [_note_type(env, kind, css, labels) for kind in kinds]


def _note_type(env: jinja2.Environment, kind: str, css: str, labels: Mapping[str, str]
               ) -> NoteTypeSpec:
    schema = SCHEMAS[kind]
    refs = _FieldRefs(schema)
    faces = tuple(
        (
            name,
            template_id,
            _face(env, front, schema, refs, labels, front=True),
            _face(env, back, schema, refs, labels, front=False),
        )
        for name, template_id, front, back in schema.templates
    )
    return NoteTypeSpec(
        kind=kind,
        model_id=schema.model_id,
        name=schema.name,
        fields=schema.fields,
        templates=faces,
        css=css,
        is_cloze=schema.is_cloze,
    )


def _face(env: jinja2.Environment, template: str, schema: NoteTypeSchema, refs: _FieldRefs,
          labels: Mapping[str, str], *, front: bool) -> str:
    """One card face in Anki's syntax, checked as Anki will read it."""
    face = _render(env, template, f=refs, labels=labels)
    check_face(face, _source_name(env, template), [name for name, _ in schema.fields],
               cloze=schema.is_cloze, front=front)
    return face


def _source_name(env: jinja2.Environment, template: str) -> str:
    """The file a template comes from (the user's or deckgen's), for messages."""
    try:
        assert env.loader is not None
        return env.loader.get_source(env, template)[1] or template
    except (jinja2.TemplateNotFound, DeckgenError):
        return template


def render_cards(
    cards: Sequence[Card],
    env: jinja2.Environment,
    *,
    decks: Mapping[str, str],
    lang: str = "ko",
    link: str | None = None,
    reverse: bool = False,
) -> list[RenderedCard]:
    """Field HTML of every card, in the order of its note type's fields.

    ``decks`` maps a source path to the deck its cards go to.
    """
    labels = LABELS[lang]
    look = _partials_digest(env)
    with rendering_budget(2 * len(cards)):
        rendered = [_rendered(card, env, labels, link, reverse, look, decks, lang)
                    for card in cards]
    return rendered


def _rendered(card: Card, env: jinja2.Environment, labels: Mapping[str, str], link: str | None,
              reverse: bool, look: str, decks: Mapping[str, str], lang: str) -> RenderedCard:
    values = _field_values(card, env, labels, link, reverse)
    schema = SCHEMAS[card.kind]
    return RenderedCard(
        guid=card.guid,
        note_type=card.kind,
        fields=tuple(
            # The cloze field's markers are deckgen's; its text was guarded.
            editor_form(str(values.get(name, "")),
                        guard_braces=not (schema.is_cloze and name == "Text"))
            for name, _ in schema.fields),
        tags=(f"deckgen::{card.kind}", "source::" + _tag_safe(Path(card.source.path).stem)),
        modified=card.modified,
        deck=decks[card.source.path],
        fingerprint=_fingerprint(card, look, lang, link, reverse),
    )


def _fingerprint(card: Card, look: str, lang: str, link: str | None, reverse: bool) -> str:
    """What the note shows, short of its position (line, time): its content, the
    sentences around it, the field partials and the rendering options."""
    data = json.dumps([content_hash(card), card.source.before, card.source.after, look, lang,
                       link or "", reverse, FIELDS_VERSION], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _partials_digest(env: jinja2.Environment) -> str:
    """The source of the field partials in use (a ``--templates`` folder's or ours)."""
    assert env.loader is not None
    sources = [env.loader.get_source(env, name)[0] for name in FIELD_PARTIALS]
    return hashlib.sha256("\0".join(sources).encode("utf-8")).hexdigest()[:16]


def _field_values(
    card: Card, env: jinja2.Environment, labels: Mapping[str, str], link: str | None, reverse: bool
) -> dict[str, Markup]:
    source = _render(
        env,
        "fields/source.html",
        source=card.source,
        labels=labels,
        name=Path(card.source.path).name,
        time=format_time(card.source.time),
        url=video_link(link, card.source.time),
    )
    highlight = card.term or ""
    if card.kind in ("idea", "quote", "term") and card.cloze:
        highlight = next(iter(cloze_text.hidden(card.cloze)), "")
    context = _render(
        env,
        "fields/context.html",
        before=card.source.before,
        pieces=highlight_pieces(card.source.context, highlight),
        after=card.source.after,
        labels=labels,
    )
    values: dict[str, Markup] = {"Source": source, "Context": context}
    if card.kind == "definition":
        values.update(
            Term=escape(card.term),
            Prompt=escape(definition_prompt(card.term or "", labels)),
            Definition=escape(card.definition),
            Hint=escape(card.hint or ""),
            Reverse=Markup("1" if reverse and _reversible(card) else ""),
        )
    elif card.kind == "term":
        values["Term"] = escape(card.term)
        values["Text"] = cloze_text.to_anki(card.cloze or "", card.sentence or "")
    elif card.kind in ("idea", "quote"):
        values["Text"] = cloze_text.to_anki(card.cloze or "", card.sentence or card.quote or "")
        if card.kind == "quote":
            values["Quote"] = Markup(
                "<br>".join(str(escape(line)) for line in (card.quote or "").split("\n"))
            )
    return values


def _reversible(card: Card) -> bool:
    """A definition → term card only when the definition does not contain the term."""
    squash = "".join((card.term or "").split()).lower()
    return bool(squash) and squash not in "".join((card.definition or "").split()).lower()


def _render(env: jinja2.Environment, template: str, **context: object) -> Markup:
    """Render one template; any failure becomes a DeckgenError naming the file and line."""
    try:
        return Markup(render_bounded(env.get_template(template), template, context).strip())
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or template}, line {exc.lineno}"
        raise DeckgenError(f"template {where}: {exc.message}") from None
    except (jinja2.TemplateError, AttributeError, TypeError, KeyError, ValueError) as exc:
        raise DeckgenError(f"template {_location(exc, template)}: {exc}") from None


def _location(exc: BaseException, template: str) -> str:
    """``file, line N`` of the innermost template frame in the traceback.

    Jinja rewrites tracebacks so that frames of template code carry the template's
    file name and line number.
    """
    where = template
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css")):
            where = f"{filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _tag_safe(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip()) or "transcript"
