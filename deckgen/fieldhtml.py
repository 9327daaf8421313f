"""Field HTML in the form Anki's own editor keeps it.

Anki's editor holds a field as the browser serialises its DOM and saves the note when
that differs from what is stored, even if nobody typed: a note whose HTML it would
rewrite becomes newer than deckgen's copy as soon as it is viewed, and the importer
skips every later update of it.  So every field is written here as the browser would
write it back (the HTML fragment serialisation of the HTML standard): in text only
``&``, ``<``, ``>`` and no-break spaces are escaped, quotes stay plain; attribute
values are double-quoted with ``&`` and ``"`` escaped; void elements have no ``/``.

A brace from the transcript is followed or preceded by ``<wbr>``: ``{{c7::비밀}}`` in a
talk stays text that Anki does not read as a cloze, and the editor keeps ``<wbr>``
(an entity such as ``&#123;`` it would turn back into a brace).  Control characters
are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Elements without an end tag (HTML standard, "void elements").
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)


def text_html(text: str) -> str:
    """``text`` as the HTML of a text node: escaped as the browser writes it, braces guarded."""
    guarded = _escaped(text).replace("{", "{<wbr>").replace("}", "<wbr>}")
    return guarded.replace("<wbr><wbr>", "<wbr>")  # "{}": one guard serves both braces


def strip_controls(text: str) -> str:
    """``text`` without control characters, tabs and line breaks kept: Anki separates
    a note's fields with ``\x1f``, and one inside a field makes a package it refuses."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def _escaped(text: str) -> str:
    return (strip_controls(text).replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\u00a0", "&nbsp;"))


def _attribute_html(value: str) -> str:
    return (strip_controls(value).replace("&", "&amp;").replace('"', "&quot;")
            .replace("\u00a0", "&nbsp;"))


def editor_form(html: str, *, guard_braces: bool = True) -> str:
    """``html`` re-serialised as Anki's editor would keep it.

    ``guard_braces``: guard every brace in text (a field without deckgen's cloze
    markers); a cloze field's text was guarded when its markers were written.
    """
    writer = _Serialiser(guard_braces)
    writer.feed(html)
    writer.close()
    return "".join(writer.out)


class _Serialiser(HTMLParser):
    def __init__(self, guard_braces: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.guard_braces = guard_braces
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "wbr" and self.guard_braces and self.out and self.out[-1].endswith("{<wbr>"):
            return  # a brace guarded already: guarding again adds nothing
        self.out.append(f"<{tag}" + "".join(
            f' {name}="{_attribute_html(value or "")}"' for name, value in attrs) + ">")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.guard_braces:
            self.out.append(_escaped(data))
            return
        guarded = text_html(data)
        if data.startswith("}") and self.out and self.out[-1].endswith("<wbr>"):
            guarded = guarded.removeprefix("<wbr>")
        self.out.append(guarded)

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")
