"""The ``deckgen`` command's entry point: the CLI, imported inside the Ctrl-C handler.

A console script imports its function's module before calling it; importing the CLI
(click, logging) takes some 50 ms, and a Ctrl-C then printed a traceback.  Importing
it here, inside ``main``, brings that moment under the same "Aborted!" that click
prints for a Ctrl-C during a command.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import cli

        cli()
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
