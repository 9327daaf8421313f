"""The one exception type deckgen raises for problems a user can fix."""

from __future__ import annotations


class DeckgenError(Exception):
    """A problem with the user's input or environment, with a message saying what to do."""
