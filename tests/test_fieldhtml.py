"""Field HTML in the form Anki's editor keeps: the rewrites it was seen to make.

Each pair below is a field as imported and as Anki 26.9.3's Browse editor saved it
after the note was merely viewed (``test_desktop.py`` repeats this on whole decks in
the real desktop app).  ``editor_form`` must give the editor's side from either.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from deckgen.fieldhtml import editor_form, text_html

SEEN_IN_ANKI = [
    ("뇌간에는 &#39;더 성공한 사람과&#39;는", "뇌간에는 '더 성공한 사람과'는"),
    ("&#34;q&#34;", '"q"'),
    ("x<br/>y", "x<br>y"),
    ("a\u00a0b", "a&nbsp;b"),
    ("{&#8203;{", "{\u200b{"),
]
KEPT_BY_ANKI = [
    "a&nbsp;b",
    "<b>x</b><br>y",
    '<span class="dg-near">a</span> <mark>b</mark>',
    '<a href="https://x.y/?a=1&amp;t=5s">t</a>',
    "&lt;b&gt; &amp; &gt;",
    "trailing <br>",
    " lead space",
    "two  spaces",
    "{<wbr>{c7::비밀}}",
]


@pytest.mark.parametrize(("imported", "saved"), SEEN_IN_ANKI)
def test_the_editors_rewrites(imported, saved):
    assert editor_form(imported, guard_braces=False) == saved
    assert editor_form(saved, guard_braces=False) == saved


@pytest.mark.parametrize("field", KEPT_BY_ANKI)
def test_what_the_editor_keeps_stays(field):
    assert editor_form(field, guard_braces=False) == field


def test_braces_of_the_talk_never_meet():
    guarded = editor_form("{{c7::비밀}} {{FrontSide}}")
    assert "{{" not in guarded and "}}" not in guarded
    assert guarded.replace("<wbr>", "") == "{{c7::비밀}} {{FrontSide}}"
    assert editor_form(guarded, guard_braces=False) == guarded
    # deckgen's own cloze markers, in a cloze field, are left as they are.
    assert editor_form("{{c1::가치 함수는::…은(는)}}", guard_braces=False) == (
        "{{c1::가치 함수는::…은(는)}}")


@given(st.text())
@example("{}")  # a guard between two braces serves both (it was written twice)
@example("}}{{")
def test_any_text_is_kept_by_the_editor(text):
    field = text_html(text)
    assert editor_form(field, guard_braces=False) == field
    assert editor_form(field) == field
