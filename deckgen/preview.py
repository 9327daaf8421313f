"""Preview: every card's front and back on one self-contained HTML page.

Cards are rendered by the official ``anki`` library when it is installed (the
package is imported into a throw-away collection, so the page shows exactly what
Anki shows); otherwise by ``render_face``, a small renderer for the part of Anki's
template language deckgen's note types use.  The page needs no network: CSS and the
night-mode switch are inline, no fonts or scripts are fetched.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from .labels import LABELS
from .notetypes import SCHEMAS
from .readback import PackageContents, read_apkg
from .types import KINDS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreviewCard:
    kind: str
    front: str
    back: str
    source: str


def preview_cards(apkg: Path, *, use_anki: bool = True) -> tuple[list[PreviewCard], str]:
    """The cards of a package rendered as Anki renders them, and the note types' CSS."""
    contents = read_apkg(apkg)
    css = next(iter(contents.note_types.values())).css if contents.note_types else ""
    if use_anki:
        try:
            return _render_with_anki(apkg), css
        except ImportError:
            log.info(
                "the anki library is not installed; rendering cards with deckgen's own renderer"
            )
        except Exception as exc:  # anki.errors.* (a full $TMPDIR) and OSError alike
            log.warning("Anki's renderer failed (%s); rendering cards with deckgen's own",
                        str(exc).splitlines()[0][:200])
    return _render_without_anki(contents), css


def _render_with_anki(apkg: Path) -> list[PreviewCard]:
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    kind_of = {schema.model_id: kind for kind, schema in SCHEMAS.items()}
    with tempfile.TemporaryDirectory() as folder:
        collection = Collection(str(Path(folder) / "preview.anki2"))
        try:
            collection.import_anki_package(
                ImportAnkiPackageRequest(
                    package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=False)
                )
            )
            cards = []
            for card_id in sorted(collection.find_cards("")):
                card = collection.get_card(card_id)
                note = card.note()
                kind = kind_of.get(note.mid, "term")
                source = note["Source"] if "Source" in note.keys() else ""
                cards.append(
                    PreviewCard(
                        kind, _strip_style(card.question()), _strip_style(card.answer()), source
                    )
                )
        finally:
            collection.close()
    return cards


def _render_without_anki(contents: PackageContents) -> list[PreviewCard]:
    kind_of = {schema.model_id: kind for kind, schema in SCHEMAS.items()}
    cards = []
    for note in sorted(contents.notes.values(), key=lambda n: n.guid):
        kind = kind_of.get(note.model_id)
        if kind is None:
            continue
        schema = SCHEMAS[kind]
        fields = dict(zip((name for name, _ in schema.fields), note.fields, strict=False))
        faces = contents.note_types[note.model_id].faces
        for ordinal, (front_template, back_template) in enumerate(faces):
            if schema.is_cloze and ordinal > 0:
                break
            front = render_face(front_template, fields, side="front")
            if not _visible(front):
                continue  # Anki makes no card for an empty front (an optional reverse card)
            back = render_face(back_template, {**fields, "FrontSide": front}, side="back")
            cards.append(PreviewCard(kind, front, back, fields.get("Source", "")))
    return cards


_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.S)
_FIELD = re.compile(r"\{\{(?:(cloze|text):)?([^#^/}][^}]*)\}\}")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.S)


def render_face(template: str, fields: Mapping[str, str], *, side: str) -> str:
    """Anki's template language as deckgen's note types use it: fields, sections, cloze."""

    def section(match: re.Match[str]) -> str:
        present = bool(_visible(fields.get(match.group(2).strip(), "")))
        show = present if match.group(1) == "#" else not present
        return _SECTION.sub(section, match.group(3)) if show else ""

    def field(match: re.Match[str]) -> str:
        value = fields.get(match.group(2).strip(), "")
        if match.group(1) == "cloze":
            return _CLOZE.sub(
                lambda m: (
                    f'<span class="cloze">[{m.group(2) or "..."}]</span>'
                    if side == "front"
                    else f'<span class="cloze">{m.group(1)}</span>'
                ),
                value,
            )
        if match.group(1) == "text":
            return re.sub(r"<[^>]+>", "", value)
        return value

    return _FIELD.sub(field, _SECTION.sub(section, template))


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>|\s+", "", html)


def _strip_style(html: str) -> str:
    return re.sub(r"<style>.*?</style>", "", html, flags=re.S).strip()


def preview_page(cards: Sequence[PreviewCard], css: str, *, title: str, lang: str = "ko") -> str:
    """One HTML page: the cards grouped by kind, front beside back, day or night (#night)."""
    labels = LABELS[lang]
    groups = []
    for kind in KINDS:
        of_kind = [c for c in cards if c.kind == kind]
        if not of_kind:
            continue
        articles = "\n".join(_article(i, c) for i, c in enumerate(of_kind, start=1))
        groups.append(
            f'<section class="dg-group" id="kind-{kind}">\n'
            f"<h2>{escape(labels[kind])} <small>({len(of_kind)})</small></h2>\n"
            f"{articles}\n</section>"
        )
    summary = " · ".join(
        f"{escape(labels[k])} {sum(1 for c in cards if c.kind == k)}"
        for k in KINDS
        if any(c.kind == k for c in cards)
    )
    return _PAGE.format(
        lang=escape(lang),
        title=escape(title),
        css=Markup(css),
        page_css=_PAGE_CSS,
        summary=summary,
        groups="\n".join(groups),
        count=len(cards),
    )


def _article(number: int, card: PreviewCard) -> str:
    return (
        f'<article class="dg-preview-card" data-kind="{card.kind}">\n'
        f'<header class="dg-preview-source">#{number} · {card.source}</header>\n'
        f'<div class="dg-faces"><div class="dg-face dg-front card">{card.front}</div>\n'
        f'<div class="dg-face dg-back card">{card.back}</div></div>\n</article>'
    )


_PAGE_CSS = """
body.dg-preview { margin: 0; padding: 1em; background: #f6f8fa;
  font-family: system-ui, sans-serif; }
body.dg-preview.nightMode { background: #0d1117; color: #e6edf3; }
.dg-preview h1 { font-size: 1.3em; } .dg-preview h2 { font-size: 1.1em; margin-top: 1.5em; }
.dg-preview-card { margin: 0 0 1.2em; }
.dg-preview-source { font-size: 0.75em; color: #656d76; margin-bottom: 0.3em; }
.dg-faces { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6em; align-items: start; }
.dg-face { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; overflow: hidden; }
.nightMode .dg-face { background: #161b22; border-color: #3d444d; }
@media (max-width: 700px) { .dg-faces { grid-template-columns: 1fr; } }
"""

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{css}
{page_css}</style>
</head>
<body class="dg-preview" data-cards="{count}">
<h1>{title}</h1>
<p class="dg-summary">{summary}</p>
{groups}
<script>
// Night mode as Anki shows it: open the page with #night.
if (location.hash.indexOf("night") >= 0) document.body.classList.add("nightMode");
// How many resources the page fetched (tests check it is none).
window.addEventListener("load", function () {{
  document.body.dataset.resources = String(performance.getEntriesByType("resource").length);
}});
</script>
</body>
</html>
"""
