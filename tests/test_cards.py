"""Rules every card of the seed deck follows (issue: cards worth studying)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.cloze import hidden, leaks, segments
from deckgen.extractors.phrases import GENERIC_NOUNS, normalise_key, noun_phrases
from deckgen.labels import LABELS, definition_prompt

# Particles that give away the hidden word's last sound when they follow a cloze.
_BARE_ALLOMORPH = re.compile(
    r"^(?:은|는|이|가|을|를|와|과|으로|로|이나|나|이라고|라고|이란|란)(?:\s|[.,?!]|$)"
)


@pytest.fixture(scope="module")
def cards(seed_study_set):
    return seed_study_set.cards


def test_every_card_shows_where_it_came_from(cards):
    for card in cards:
        assert card.source.line >= 1 and card.source.context.strip(), card


def test_cloze_cards_hide_one_key_phrase(cards, seed_document):
    """One concept a card (every occurrence of it hidden), a noun phrase of the talk
    with any gloss in brackets after it; never a number or a generic word."""
    phrases = {p.text for s in seed_document.sentences for p in noun_phrases(s)}
    cloze_cards = [c for c in cards if c.kind in ("idea", "quote", "term")]
    assert cloze_cards
    for card in cloze_cards:
        parts = [re.sub(r"\([^)]*\)$", "", part) for part in hidden(card.cloze)]
        assert 1 <= len(parts) <= 2 and len({normalise_key(p) for p in parts}) == 1, card.cloze
        for part in parts:
            assert part in phrases, part
            assert not part.strip().isdigit() and part not in GENERIC_NOUNS, part


def test_particles_after_a_cloze_are_neutral(cards):
    for card in (c for c in cards if c.cloze):
        pieces = list(segments(card.cloze))
        for (kind, _, _), (next_kind, text, _) in zip(pieces, pieces[1:], strict=False):
            if kind == "cloze" and next_kind == "text":
                after_marks = text.lstrip(
                    "'\"’”」』)"
                )  # '스케일링'은: the particle follows the mark
                assert not _BARE_ALLOMORPH.match(after_marks), (card.cloze, text)


def test_no_front_contains_its_own_answer(cards):
    labels = LABELS["ko"]
    for card in cards:
        if card.cloze:
            assert not leaks(card.cloze), card.cloze
        if card.kind == "definition":
            front = definition_prompt(card.term, labels) + " " + (card.hint or "")
            assert normalise_key(card.definition) not in normalise_key(front)
            assert normalise_key(card.term) not in normalise_key(card.hint or "")


def test_one_card_per_concept(cards, lecture_study_set):
    lecture = lecture_study_set.cards
    defined = {normalise_key(c.term) for c in lecture if c.kind == "definition"}
    bare_terms = [c for c in lecture if c.kind == "term"]
    assert bare_terms and not [c for c in bare_terms if normalise_key(c.term) in defined]
    assert len({c.guid for c in cards}) == len(cards)
    assert len({(c.kind, c.key) for c in cards}) == len(cards)


def test_term_cards_hide_their_term(lecture_study_set):
    term_cards = [c for c in lecture_study_set.cards if c.kind == "term"]
    assert term_cards
    for card in term_cards:
        assert {normalise_key(h) for h in hidden(card.cloze)} == {normalise_key(card.term)}
        assert normalise_key(card.term) in normalise_key(card.sentence)


@given(
    st.sampled_from(["term", "definition", "idea", "quote"]),
    st.text(min_size=1),
    st.text(alphabet=" \t\n", max_size=3),
)
def test_card_guid_is_stable_and_ignores_spacing(kind, key, spacing):
    from deckgen.cards import card_guid

    assert card_guid(kind, key, "ns") == card_guid(kind, key, "ns")
    spaced = spacing.join(key)
    assert card_guid(kind, spaced, "ns") == card_guid(kind, key, "ns")
    assert card_guid(kind, key, "other deck") != card_guid(kind, key, "ns")
