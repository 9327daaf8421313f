"""Templates: user overrides by file name, Jinja's sandbox, escaping, labels, reverse cards."""

from __future__ import annotations

import re
from html import unescape

import pytest
from anki_helpers import import_apkg, rendered_cards, visible_text
from conftest import ROOT
from hypothesis import example, given
from hypothesis import strategies as st

from deckgen.errors import DeckgenError
from deckgen.fieldhtml import editor_form, strip_controls
from deckgen.render import make_env, render_cards, render_note_types
from deckgen.types import Card, SourceRef

HOSTILE = "<script>alert(1)</script> {{c1::answer}} {{FrontSide}} {{ 7*7 }} {% if 1 %}x{% endif %}"


def card(**fields) -> Card:
    source = SourceRef(path="talk.txt", line=3, context=fields.pop("context", "문맥 문장입니다."))
    return Card(kind=fields.pop("kind", "definition"), key="k", guid="g1", source=source, **fields)


def test_a_user_template_overrides_by_file_name(tmp_path):
    (tmp_path / "definition.front.html").write_text(
        '<div class="mine">{{ f.Term }}</div>', encoding="utf-8"
    )
    specs = {s.kind: s for s in render_note_types(make_env(tmp_path), ["definition", "idea"])}
    assert specs["definition"].templates[0][2] == '<div class="mine">{{Term}}</div>'
    builtin = (ROOT / "templates" / "idea.front.html").read_text(encoding="utf-8")
    assert "dg-idea" in builtin and "dg-idea" in specs["idea"].templates[0][2]


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ f.__init__.__globals__ }}",
        "{{ labels.__class__.__init__.__globals__['sys'] }}",
        "{% include '/etc/passwd' %}",
    ],
)
def test_user_templates_run_sandboxed(tmp_path, attack):
    (tmp_path / "term.front.html").write_text("<p>\n" + attack + "\n</p>", encoding="utf-8")
    with pytest.raises(DeckgenError) as failure:
        render_note_types(make_env(tmp_path), ["term"])
    message = str(failure.value)
    assert "term.front.html" in message
    assert "root:" not in message and "subclasses" not in message.lower()


def test_a_template_error_names_file_and_line(tmp_path):
    (tmp_path / "quote.back.html").write_text("<div>\n\n{% if %}\n</div>", encoding="utf-8")
    with pytest.raises(DeckgenError, match=r"quote\.back\.html, line 3"):
        render_note_types(make_env(tmp_path), ["quote"])


def test_a_runtime_error_names_file_and_line(tmp_path):
    (tmp_path / "term.back.html").write_text(
        "<div>\n{{ f.Term }}\n{{ no_such_variable }}</div>", encoding="utf-8"
    )
    with pytest.raises(DeckgenError, match=r"term\.back\.html, line 3"):
        render_note_types(make_env(tmp_path), ["term"])


def test_transcript_text_is_escaped_in_every_field():
    hostile = card(term="용어", definition=HOSTILE, context=HOSTILE, hint=HOSTILE)
    [note] = render_cards([hostile], make_env(), decks={"talk.txt": "deck"})
    for value in note.fields:
        assert "<script>" not in value
    assert "&lt;script&gt;" in note.fields[2]


def test_hostile_text_shows_literally_in_anki(tmp_path, anki_collection):
    from deckgen.cloze import escape_literal
    from deckgen.pipeline import write_deck
    from deckgen.types import DeckSpec, SourceInfo, StudySet

    definition = card(term="위험한 용어", definition=HOSTILE, context=HOSTILE)
    idea = Card(
        kind="idea",
        key="i",
        guid="g2",
        sentence=HOSTILE,
        cloze=escape_literal(HOSTILE) + " {{c1::정답}}",
        source=SourceRef(path="talk.txt", line=4, context=HOSTILE),
    )
    study = StudySet(
        deck=DeckSpec("hostile", 1 << 30),
        sources=(SourceInfo("talk.txt", "", "hostile", "1"),),
        cards=(definition, idea),
    )
    out = tmp_path / "hostile.apkg"
    write_deck(study, out)
    import_apkg(anki_collection, out)

    shown = {
        c.note_type()["name"]: (unescape(visible_text(q)), unescape(visible_text(a)))
        for c, q, a in rendered_cards(anki_collection)
    }
    front, back = shown["deckgen idea"]
    assert HOSTILE in front and "[...]" in front and "정답" not in front
    assert HOSTILE in back and "정답" in back
    front, back = shown["deckgen definition"]
    assert back.count(HOSTILE) == 2  # the definition and its context, both as plain text
    for _, question, answer in rendered_cards(anki_collection):
        assert "<script>" not in question + answer


def test_reverse_cards_and_english_labels(tmp_path, anki_collection, seed_study_set):
    from deckgen.pipeline import CardOptions, write_deck

    out = tmp_path / "reverse.apkg"
    write_deck(seed_study_set, out, options=CardOptions(reverse=True, lang="en"))
    import_apkg(anki_collection, out)
    definitions = [c for c in seed_study_set.cards if c.kind == "definition"]
    reverse = [
        (c, q, a)
        for c, q, a in rendered_cards(anki_collection)
        if c.note_type()["name"] == "deckgen definition" and c.ord == 1
    ]
    expected = [d for d in definitions if d.term not in (d.definition or "")]
    assert len(reverse) == len(expected) > 0
    for anki_card, question, answer in reverse:
        term = anki_card.note()["Term"]
        assert "Which term is defined?" in visible_text(question)
        assert term not in visible_text(question)  # the front never gives the answer
        assert term in visible_text(answer) and "Source" in visible_text(answer)


def test_style_supports_korean_night_mode_and_phones():
    css = (ROOT / "templates" / "style.css").read_text(encoding="utf-8")
    for needle in (
        "word-break: keep-all",
        ".nightMode",
        ".night_mode",
        "@media (max-width",
        "Noto Sans KR",
    ):
        assert needle in css


def test_no_reverse_card_when_the_definition_names_the_term():
    env = make_env()
    plain = card(term="가치 함수", definition="보상을 미리 알려주는 함수")
    naming = card(term="가치 함수", definition="가치함수는 보상을 미리 알려준다")
    notes = render_cards([plain, naming], env, decks={"talk.txt": "d"}, reverse=True)
    reverse_field = [
        name for name, _ in __import__("deckgen.notetypes").notetypes.SCHEMAS["definition"].fields
    ].index("Reverse")
    assert [n.fields[reverse_field] for n in notes] == ["1", ""]


@given(st.text())
@example("용어")  # the context may hold the term itself: it is marked, and nothing else is markup
@example("a 용 어 <b>")
def test_rendering_escapes_any_text(text):
    from deckgen.notetypes import SCHEMAS

    note = render_cards(
        [card(term="용어", definition=text, context=text, hint=text)],
        make_env(),
        decks={"talk.txt": "d"},
    )[0]
    fields = dict(zip((name for name, _ in SCHEMAS["definition"].fields), note.fields, strict=True))
    for name in ("Definition", "Hint"):
        shown = fields[name].replace("<wbr>", "")  # <wbr> guards braces; nothing else is markup
        assert "<" not in shown and ">" not in shown
        assert unescape(shown) == strip_controls(text)
        assert "{{" not in fields[name] and "}}" not in fields[name]
    sentence = fields["Context"].split('<span class="dg-sentence">', 1)[1].rsplit("</span>", 1)[0]
    marked = re.findall(r"<mark>(.*?)</mark>", sentence)
    assert all(re.sub(r"\s", "", unescape(piece)) == "용어" for piece in marked)
    shown = re.sub(r"</?mark>|<wbr>", "", sentence)
    assert unescape(shown) == strip_controls(text)
    assert "<" not in shown
    assert len(marked) == len(re.findall(r"용\s*어", unescape(shown)))
    # Every field is already in the form Anki's editor would write back.
    for value in note.fields:
        assert editor_form(value, guard_braces=False) == value
