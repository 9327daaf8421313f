"""Stable smoke checks on the seed's study set (the quality numbers live in
``benchmarks/quality.py``, not in unit tests)."""

from __future__ import annotations

from conftest import SEED

from deckgen.sources import read_transcript
from deckgen.types import KINDS


def test_the_seed_makes_a_study_sized_deck(seed_study_set):
    # Precision first: a card that is not clearly good is left out, so an hour's
    # interview gives a handful of cards, not hundreds.
    cards = seed_study_set.cards
    assert 5 <= len(cards) <= 150
    assert {c.kind for c in cards} >= {"definition", "idea", "quote"}


def test_a_lecture_that_defines_names_and_quotes_gets_every_kind(lecture_study_set):
    assert {c.kind for c in lecture_study_set.cards} == set(KINDS)


def test_every_quote_occurs_verbatim_in_the_transcript(seed_study_set):
    text = read_transcript(SEED).text
    assert all(c.quote in text for c in seed_study_set.cards if c.kind == "quote")


def test_one_card_per_concept(seed_study_set):
    keys = [(c.kind, c.key) for c in seed_study_set.cards]
    assert len(keys) == len(set(keys))
    defined = {c.key for c in seed_study_set.cards if c.kind == "definition"}
    assert not [c for c in seed_study_set.cards if c.kind == "term" and c.key in defined]
