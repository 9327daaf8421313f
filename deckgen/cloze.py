"""Cloze text: hiding phrases of a sentence, Korean-aware, and turning it into Anki's syntax.

A cloze is stored (in cards and in the study set) as plain text with Anki's own
markers, ``{{c1::가치 함수}}은(는) ...``, so a user can edit it by hand.  Braces that
come from the transcript are escaped as ``\\{`` and ``\\}`` (and a backslash as
``\\\\``), so transcript text can never open a cloze.

When a noun is hidden, the particle after it tells whether it ends in a consonant
(가치 함수**는** vs 강화 학습**은**).  ``make_cloze`` writes such a particle in both
forms (``은(는)``), using Kiwi's morpheme boundaries so the rest of the sentence stays
exactly as spoken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markupsafe import Markup

from .fieldhtml import text_html
from .types import Sentence

# Surface forms of particles whose shape depends on the preceding syllable, longest
# first, and the neutral form shown after a cloze.
_ALLOMORPHS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "은": "은(는)", "는": "은(는)",
            "이": "이(가)", "가": "이(가)",
            "을": "을(를)", "를": "을(를)",
            "과": "와(과)", "와": "와(과)",
            "으로": "(으)로", "로": "(으)로",
            "으로서": "(으)로서", "로서": "(으)로서",
            "으로써": "(으)로써", "로써": "(으)로써",
            "으로는": "(으)로는", "로는": "(으)로는",
            "이나": "(이)나", "나": "(이)나",
            "이라고": "(이)라고", "라고": "(이)라고",
            "이란": "(이)란", "란": "(이)란",
            "이라는": "(이)라는", "라는": "(이)라는",
            "이라면": "(이)라면", "라면": "(이)라면",
            "이랑": "(이)랑", "랑": "(이)랑",
            "이며": "(이)며", "며": "(이)며",
            "이든": "(이)든", "든": "(이)든",
            "이든지": "(이)든지", "든지": "(이)든지",
            "이야": "(이)야", "야": "(이)야",
            "이었습니다": "(이)었습니다", "였습니다": "(이)었습니다",
            "이었다": "(이)었다", "였다": "(이)었다",
            "이에요": "(이)에요", "예요": "(이)에요",
            "이다": "(이)다", "다": "(이)다",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
# Each neutral form and its two surface forms: after a final consonant, after a vowel.
_SURFACES: dict[str, tuple[str, str]] = {
    neutral: tuple(sorted((f for f, n in _ALLOMORPHS if n == neutral),  # type: ignore[misc]
                          key=lambda form: form[0] not in "은이을과으"))
    for _, neutral in _ALLOMORPHS
}
# The copula after a hidden noun: "이" after a consonant, nothing after a vowel ("스님이지"
# / "불교지"), and contracted with what follows ("였어요", "예요").  Its neutral forms.
_SURFACES.update({"(이)": ("이", ""), "(이)었": ("이었", "였"), "(이)에": ("이에", "예")})
_COPULA_CONTRACTIONS = {"": "(이)", "이": "(이)", "였": "(이)었", "예": "(이)에"}
# What may follow a copula that left no letter ("불교지", "불교라고", "불교면").
_COPULA_ENDINGS = frozenset("지 다 라 란 면 며 고 니 나 야 든 죠 요".split())
_PARTICLE_TAGS = ("J", "VCP")
_CLOSING_MARKS = "'\"’”」』)"
_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")


def escape_literal(text: str) -> str:
    """Escape transcript text for the cloze syntax (backslash, then braces)."""
    return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def make_cloze(sentence: Sentence, spans: Sequence[tuple[int, int]], *, text: str | None = None,
               offset: int = 0) -> str:
    """Cloze text of ``sentence.text`` (or of ``text``, a part of it starting at ``offset``).

    Each ``(start, end)`` span (offsets in the sentence) becomes ``{{c1::...}}``, and an
    allomorphic particle right after it is written in both forms.  All spans share
    number 1: one card that hides every key term of the sentence at once.
    """
    base = sentence.text if text is None else text
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        local_start, local_end = start - offset, end - offset
        hidden = sentence.text[start:end]
        pieces.append(escape_literal(base[position:local_start]))
        pieces.append(f"{{{{c1::{escape_literal(hidden)}}}}}")
        position = local_end
        marks = _closing_marks(sentence.text, end)
        particle = _particle_after(sentence, end + len(marks))
        if particle is not None:
            surface, neutral = particle
            pieces.append(escape_literal(marks + neutral))
            position += len(marks) + len(surface)
    pieces.append(escape_literal(base[position:]))
    return "".join(pieces)


def _closing_marks(text: str, end: int) -> str:
    """Closing quote marks right after a hidden word: the particle follows them
    ("'스케일링'은")."""
    marks = end
    while marks < len(text) and text[marks] in _CLOSING_MARKS:
        marks += 1
    return text[end:marks]


def _particle_after(sentence: Sentence, end: int) -> tuple[str, str] | None:
    """The allomorphic particle starting right at ``end``, if there is one.

    Kiwi's tag decides, except when the form is all that is left of the word: a noun
    followed by "이" and a space takes a particle, even where Kiwi read "이 모델" as
    "this model".
    """
    following = [t for t in sentence.tokens if t.start == end]
    if following and following[0].tag == "VCP":
        surface = sentence.text[end : end + following[0].length]
        if not surface and sentence.text[end : end + 1] in ("예", "였"):
            surface = sentence.text[end]  # Kiwi's copula has no length in "불교예요"
        if surface in _COPULA_CONTRACTIONS:
            return surface, _COPULA_CONTRACTIONS[surface]
    tagged_particle = bool(following) and following[0].tag.startswith(_PARTICLE_TAGS)
    rest = sentence.text[end:]
    for surface, neutral in _ALLOMORPHS:
        if not rest.startswith(surface):
            continue
        after = end + len(surface)
        word_ends = after >= len(sentence.text) or not sentence.text[after].isalnum()
        if (tagged_particle and _ends_at_boundary(sentence, after)) or word_ends:
            return surface, neutral
    return None


def _ends_at_boundary(sentence: Sentence, offset: int) -> bool:
    """True when ``offset`` ends a morpheme (the particle is not part of a longer word)."""
    if offset >= len(sentence.text) or not sentence.text[offset].isalnum():
        return True
    return any(t.start + t.length == offset for t in sentence.tokens)


def segments(cloze: str) -> Iterator[tuple[str, str, int]]:
    """Split stored cloze text into ``("text", s, 0)`` and ``("cloze", s, n)`` pieces.

    A small scanner rather than a regex, so that escaped braces inside or next to a
    cloze (``{{c1::a\\}}}``) are read correctly.  A ``::hint`` part is dropped.
    """
    text: list[str] = []
    i, n = 0, len(cloze)
    while i < n:
        ch = cloze[i]
        if ch == "\\" and i + 1 < n:
            text.append(cloze[i + 1])
            i += 2
            continue
        opening = _CLOZE_OPEN.match(cloze, i)
        if opening is None:
            text.append(ch)
            i += 1
            continue
        hidden, after = _read_hidden(cloze, opening.end())
        if hidden is None:
            text.append(ch)
            i += 1
            continue
        if text:
            yield "text", "".join(text), 0
            text = []
        yield "cloze", hidden, int(opening.group(1))
        i = after
    if text:
        yield "text", "".join(text), 0


def _read_hidden(cloze: str, i: int) -> tuple[str | None, int]:
    """The hidden text from ``i`` to the closing ``}}``, and the index after it."""
    out: list[str] = []
    n = len(cloze)
    while i < n:
        ch = cloze[i]
        if ch == "\\" and i + 1 < n:
            out.append(cloze[i + 1])
            i += 2
        elif cloze.startswith("}}", i):
            hidden = "".join(out).split("::", 1)[0]
            return hidden, i + 2
        else:
            out.append(ch)
            i += 1
    return None, i


def to_anki(cloze: str, said: str = "") -> Markup:
    """HTML for an Anki cloze field: text escaped, braces guarded, clozes as markers.

    A neutral particle after a cloze goes into it, as spoken, and into its hint in the
    neutral form: the front shows "[…을(를)]", the back "일반화를", the sentence as said.
    The spoken form is the one in ``said`` (the card's sentence or quote), else the one
    the hidden word's last syllable takes ("AGI를" is only known from the sentence).
    """
    out = []
    pieces = list(segments(cloze))
    skip = 0
    for i, (kind, text, number) in enumerate(pieces):
        if kind == "text":
            out.append(text_html(text[skip:]))
            skip = 0
            continue
        following = pieces[i + 1][1] if i + 1 < len(pieces) and pieces[i + 1][0] == "text" else ""
        marks, neutral = _neutral_after(following)
        if neutral:
            spoken = text + marks + _as_said(text + marks, neutral, said)
            hint = text_html("…" + marks + neutral)
            out.append(f"{{{{c{number}::{text_html(spoken)}::{hint}}}}}")
            skip = len(marks) + len(neutral)
        else:
            out.append(f"{{{{c{number}::{text_html(text)}}}}}")
    return Markup("".join(out))


def _as_said(word: str, neutral: str, said: str) -> str:
    """The form of ``neutral`` that follows ``word`` in ``said``, or the one its last
    syllable takes."""
    surfaces = _SURFACES.get(neutral, ())
    start = said.find(word)
    while start >= 0:
        rest = said[start + len(word):]
        for surface in sorted(surfaces, key=len, reverse=True):
            if rest.startswith(surface) and (surface or rest[:1] in _COPULA_ENDINGS):
                return surface
        start = said.find(word, start + 1)
    return spoken_particle(word, neutral)


def _neutral_after(text: str) -> tuple[str, str]:
    """The closing marks and the neutral particle that open ``text`` (or two empty strings)."""
    body = text.lstrip(_CLOSING_MARKS)
    marks = text[: len(text) - len(body)]
    match = _NEUTRAL_AT_START.match(body)
    return (marks, match.group(0)) if match else ("", "")


def plain(cloze: str) -> str:
    """The cloze text with every hidden part shown: the sentence as spoken, particles neutral."""
    return "".join(text for _, text, _ in segments(cloze))


def spoken_particle(word: str, neutral: str) -> str:
    """The surface form of a neutral particle after ``word``: "모델" + "이(가)" -> "이".

    Chosen by the final consonant of the word's last syllable (ㄹ takes "로", as in
    "서울로"); after anything but a Hangul syllable the neutral form stays.
    """
    surfaces = _SURFACES.get(neutral)
    last = word.rstrip(_CLOSING_MARKS)[-1:]
    if surfaces is None or not "가" <= last <= "힣":
        return neutral
    final = (ord(last) - 0xAC00) % 28
    after_consonant = final != 0 and not (final == 8 and surfaces[0].startswith("으"))
    return surfaces[0] if after_consonant else surfaces[1]


_NEUTRAL_AT_START = re.compile(
    "|".join(map(re.escape, sorted(_SURFACES, key=len, reverse=True)))
)
_ANKI_CLOZE_AND_PARTICLE = re.compile(
    r"\{\{c\d+::(.*?)(?:::.*?)?\}\}([" + re.escape(_CLOSING_MARKS) + "]*)("
    + "|".join(map(re.escape, sorted(_SURFACES, key=len, reverse=True))) + ")?"
)


def unclozed(field: str) -> str:
    """An Anki cloze field with every cloze shown and the particle after it as spoken."""

    def shown(match: re.Match[str]) -> str:
        word, marks, neutral = match.group(1), match.group(2), match.group(3)
        return word + marks + (spoken_particle(word + marks, neutral) if neutral else "")

    return _ANKI_CLOZE_AND_PARTICLE.sub(shown, field)


def hidden(cloze: str) -> list[str]:
    return [text for kind, text, _ in segments(cloze) if kind == "cloze"]


def leaks(cloze: str) -> bool:
    """True when a hidden part still shows in the visible text (spaces and case ignored)."""
    visible = "".join("".join(text.split()).lower() for kind, text, _ in segments(cloze)
                      if kind == "text")
    return any("".join(h.split()).lower() in visible for h in hidden(cloze))
