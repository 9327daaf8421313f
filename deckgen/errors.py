"""The exceptions deckgen raises for problems a user can fix."""

from __future__ import annotations


class DeckgenError(Exception):
    """A problem with the user's input or environment, with a message saying what to do."""


class NoCards(DeckgenError):
    """A transcript that gives no card: an error alone, a warning among other inputs."""
