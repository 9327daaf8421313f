"""Templates from a shared ``--templates`` folder, kept to their folder and their budget.

Jinja's sandbox already stops templates from reading attributes they should not; a
folder someone else wrote can still

* hold a link to any file (``fields/source.html -> ~/.ssh/id_rsa``), which would land
  in every card: ``ConfinedLoader`` refuses a template whose real path leaves the
  folder;
* loop or allocate without end (three nested ``range(100000)``, ``'x' * 3000000000``):
  ``BoundedEnvironment`` refuses numbers over a million in calls and operators,
  ``rendering_budget`` gives a batch of renderings a time limit and ``render_bounded``
  each output a size limit;
* write Anki template syntax Anki refuses or cards it cannot make: ``check_face``
  finds a ``{{Field}}`` the note type does not have, an unbalanced ``{{#Field}}``, or
  a cloze note type's front without its ``{{cloze:...}}``.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import DeckgenError

# No template needs a bigger number, a longer rendering or a larger field.
MAX_NUMBER = 1_000_000
MAX_SECONDS = 5.0
MAX_OUTPUT_CHARS = 200_000
# Fields every note type has in Anki's templates, beside its own.
SPECIAL_FIELDS = frozenset("FrontSide Tags Type Deck Subdeck Card CardFlag CardID".split())
_ANKI_TAG = re.compile(r"\{\{\s*([#/^]?)\s*([^{}]*?)\s*\}\}")


class ConfinedLoader(jinja2.FileSystemLoader):
    """A ``FileSystemLoader`` whose templates may not be links leaving the folder."""

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(os.path.realpath(root) + os.sep) for root in self.searchpath):
            raise DeckgenError(f"{filename}: a link to {real}, outside the templates folder; "
                               "copy the file into the folder instead")
        return source, filename, uptodate


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, with no number over ``MAX_NUMBER`` in a call or an operator."""

    intercepted_binops = frozenset(["*", "**"])

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            _check_number(value)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        for value in (left, right):
            _check_number(value)
        if operator == "*" and isinstance(left, str | list | tuple) and isinstance(right, int):
            _check_number(len(left) * right)
        if operator == "*" and isinstance(right, str | list | tuple) and isinstance(left, int):
            _check_number(len(right) * left)
        if operator == "**" and isinstance(left, int | float) and abs(left) > 1:
            _check_number(right * 20)  # 2 ** 50_000 is already a long number
        return super().call_binop(context, operator, left, right)


def _check_number(value: Any) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
        raise jinja2.sandbox.SecurityError(
            f"the number {value:.3g} is too large for a template (at most {MAX_NUMBER:,})")


class TemplateTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (on the main thread; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TemplateTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def rendering_budget(renders: int) -> Iterator[None]:
    """One time limit for a batch of renderings (a timer per rendering cost a quarter
    of a big build): ``MAX_SECONDS``, and 2 ms more per rendering."""
    with time_limit(MAX_SECONDS + 0.002 * renders):
        yield


def render_bounded(template: jinja2.Template, name: str, context: dict[str, Any]) -> str:
    """``template`` rendered within the size limit and the running budget (the
    ``rendering_budget`` around it), or a ``DeckgenError``."""
    try:
        output = template.render(**context)
    except TemplateTimeout:
        raise DeckgenError(f"template {name}: still rendering when its time ran out; "
                           "simplify its loops") from None
    except RecursionError:
        raise DeckgenError(f"template {name}: calls itself without end") from None
    except (OverflowError, MemoryError) as exc:
        raise DeckgenError(f"template {name}: {exc or 'too much memory'}") from None
    if len(output) > MAX_OUTPUT_CHARS:
        raise DeckgenError(f"template {name}: writes {len(output):,} characters for one card "
                           f"(at most {MAX_OUTPUT_CHARS:,})")
    return output


def check_face(face: str, template: str, fields: Sequence[str], *, cloze: bool,
               front: bool) -> None:
    """Anki's own syntax in a rendered card face: known fields, balanced sections, and
    on a front the field (for a cloze note type, the cloze) that makes its cards."""
    known = set(fields) | SPECIAL_FIELDS
    open_sections: list[str] = []
    used: set[str] = set()
    clozes: set[str] = set()
    for match in _ANKI_TAG.finditer(face):
        marker, body = match.groups()
        name = body.rsplit(":", 1)[-1].strip()
        filters = body.split(":")[:-1]
        if name not in known:
            raise DeckgenError(f"template {template}: {{{{{body}}}}} names no field of this "
                               f"note type (its fields: {', '.join(fields)})")
        if marker in ("#", "^"):
            open_sections.append(name)
        elif marker == "/":
            if not open_sections or open_sections.pop() != name:
                raise DeckgenError(f"template {template}: {{{{/{name}}}}} closes a section "
                                   "that is not open")
        else:
            used.add(name)
            if "cloze" in (f.strip() for f in filters):
                clozes.add(name)
    if open_sections:
        raise DeckgenError(f"template {template}: {{{{#{open_sections[-1]}}}}} is never closed")
    if front and cloze and not clozes:
        raise DeckgenError(f"template {template}: a cloze card's front needs its "
                           "{{cloze:Text}}, or Anki makes no card")
    if front and not cloze and not used & set(fields):
        raise DeckgenError(f"template {template}: the front shows no field, so Anki makes no "
                           "card of it")

