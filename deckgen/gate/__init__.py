"""The card-quality gate: every draft passes it, or is dropped with a reason.

A card is kept only when it is clearly good:

* it is knowledge, not talk: no greeting, thanks, introduction, agreement, framing,
  reaction, remark to the other speaker, and nothing from the questioner's turn
  (``turns``);
* its sentence stands alone: no reference back, no fragment, no question, one fact,
  no part of a quotation that runs over several sentences (``standalone``);
* a cloze has one checkable answer (``answer``);
* a definition is one, and a quote is a quotation (``kinds``).

``judge`` returns a ``Verdict`` for every draft, so ``--details`` and the tests can say
why a candidate was dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..types import Document, Extract, Sentence, Verdict
from .answer import answer_problem
from .kinds import definition_problem, quote_problem, term_problem
from .standalone import (
    glued_statements,
    in_running_quotation,
    is_fragment,
    is_question,
    is_run_on,
    lacks_its_complement,
    lacks_subject,
    refers_back,
)
from .turns import questioner_sentences, setting_up_question, turn_problem

__all__ = ["judge", "kept"]


def judge(doc: Document, drafts: Sequence[Extract]) -> list[Verdict]:
    """A verdict on every draft, in order."""
    questioner = questioner_sentences(doc)
    per_line = Counter(s.line for s in doc.sentences)
    return [Verdict(d, _problem(doc, d, questioner, per_line)) for d in drafts]


def kept(verdicts: Sequence[Verdict]) -> list[Extract]:
    return [v.candidate for v in verdicts if v.kept]


def _problem(doc: Document, candidate: Extract, questioner: set[int],
             per_line: Mapping[int, int]) -> str | None:
    sentence = doc.sentences[candidate.sentence_index]
    if candidate.sentence_index in questioner:
        return "the questioner's turn"
    reason = turn_problem(sentence)
    if reason is not None:
        return reason
    if candidate.kind == "definition":
        return _definition_problem(doc, candidate, sentence)
    if candidate.kind == "quote":
        start, end = candidate.span or (0, len(sentence.text))
        after = doc.text[sentence.start + end : sentence.start + end + 20]
        return quote_problem(candidate, sentence, after) or answer_problem(
            candidate, sentence, start, min(end, len(sentence.text)))
    reason = _sentence_problem(doc, sentence, per_line) or answer_problem(candidate, sentence)
    if reason is None and candidate.kind == "term":
        reason = term_problem(candidate, sentence)
    return reason


def _sentence_problem(doc: Document, sentence: Sentence,
                      per_line: Mapping[int, int] | None = None) -> str | None:
    """Why a card's sentence does not stand alone as one fact."""
    if is_question(sentence):
        return "a question"
    if is_fragment(sentence):
        return "a fragment"
    if refers_back(sentence):
        return "refers to something the card does not show"
    if lacks_subject(sentence) or lacks_its_complement(sentence):
        return "does not say what it is about"
    if setting_up_question(doc.sentences, sentence.index, per_line):
        return "sets up a question"
    if is_run_on(sentence, glued_statements(sentence, doc.text[sentence.start:sentence.end])):
        return "more than one fact"
    if in_running_quotation(sentence):
        return "part of a quotation that runs across sentences"
    return None


def _definition_problem(doc: Document, candidate: Extract, sentence: Sentence) -> str | None:
    """A definition's text may come from a neighbour ("이것을 X라고 합니다", a quiz's
    answer): that sentence must be knowledge too, and the text must not point away."""
    holder = _holder(doc, candidate, sentence)
    if holder is None:
        return definition_problem(candidate, sentence)
    if holder is not sentence:
        reason = turn_problem(holder)
        if reason is not None:
            return f"its defining sentence: {reason}"
    said = candidate.text.removesuffix("것").rstrip()
    start = holder.text.find(said)
    if start >= 0 and refers_back(holder, start, start + len(said), description=True):
        return "the definition refers to something the card does not show"
    return definition_problem(candidate, holder)


def _holder(doc: Document, candidate: Extract, sentence: Sentence) -> Sentence | None:
    """The sentence the definition's text comes from: its own, or a neighbour's."""
    if candidate.text in sentence.text:
        return sentence
    said = candidate.text.removesuffix("것").rstrip()
    for i in (sentence.index - 1, sentence.index + 1):
        if 0 <= i < len(doc.sentences) and said and said in doc.sentences[i].text:
            return doc.sentences[i]
    return None
