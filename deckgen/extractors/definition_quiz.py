"""Quiz-style definitions of spoken Korean: the speaker asks what something is, then
answers with the term.

* "마음이 청정한 자가 뭐다, 스님이다."                  one sentence;
* "이 얘기를 나누는 자리가 바로 뭐다?" + "법당이다."      the answer in the next one;
* "이런 마음을 내는 게 뭐다?" + "진리로써 불법이에요."    "이런 마음" is what the sentence
  before said, which is then the definition.

The term is the noun phrase the answer puts before its copula; a one-syllable noun
counts ("절이다"): the speaker names it as the answer.  The definition is the subject
of the question, or the sentence before when the subject only points back to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Extract, Sentence, Token
from .definition_guards import clean_definition, with_role
from .phrases import GENERIC_NOUNS, Phrase, noun_phrases

_ASK = re.compile(
    r"^(?P<subject>.+?)\s*(?P<particle>이|가|은|는|게)\s*(?:바로\s*)?뭐(?:다|냐|예요|에요|겠어요)\s*[?,.]?\s*"
    r"(?P<rest>.*)$"
)
# What may follow the answer's copula: nothing, or "이 얘기예요"-like tails.
_ANSWER_TAIL = re.compile(r"^[,.!]?\s*(?:이\s*(?:얘기|말)\S*)?[.!]?$")
_POINTING = frozenset("이런 그런 저런 이러한 그러한".split())
_POINTING_PRONOUNS = frozenset("그것 이것 저것 그거 이거 그게 이게".split())
_LEADING_ADVERBS = re.compile(r"^(?:그리고|그래서|그러니까|그럼|또|이렇게|그렇게)\s+")
_MAX_ANSWER_CHARS = 30
# Only "바로" or a role ("진리로써 불법") may come before the answer's term.
_ROLE = re.compile(r"바로|\S{1,6}(?:으로서|로서|으로써|로써)")


def quiz_definition(sentence: Sentence, previous: Sentence | None, following: Sentence | None,
                    phrases: Sequence[Phrase] | None = None) -> tuple[Extract, Phrase] | None:
    """The definition a quiz-style question and its answer give, and the defined phrase."""
    match = _ASK.match(sentence.text.strip())
    if match is None:
        return None
    rest = match.group("rest")
    if rest:
        answer, offset = sentence, sentence.text.find(rest)
    elif following is not None and len(following.text) <= _MAX_ANSWER_CHARS:
        answer, offset = following, 0
    else:
        return None
    phrase = _answer_phrase(answer, offset, phrases if answer is sentence else None)
    if phrase is None:
        return None
    subject = match.group("subject") + (" 것" if match.group("particle") == "게" else "")
    definition = _definition(subject, previous)
    if definition is None:
        return None
    term = with_role(answer, phrase)
    return Extract(kind="definition", text=definition, term=term, sentence_index=sentence.index,
                   score=0.0, lines=(sentence.line,)), phrase


def _answer_phrase(answer: Sentence, offset: int, phrases: Sequence[Phrase] | None
                   ) -> Phrase | None:
    """The noun phrase right before the answer's copula, the whole answer but a tail."""
    tokens = answer.tokens
    copula = next((i for i, t in enumerate(tokens) if t.tag == "VCP" and t.start >= offset), None)
    if copula is None or copula == 0:
        return None
    end = tokens[copula - 1].start + tokens[copula - 1].length
    after = answer.text[_after_copula(tokens, copula):]
    if not _ANSWER_TAIL.match(after.strip()):
        return None
    found = [p for p in (phrases if phrases is not None else noun_phrases(answer))
             if p.end == end and p.start >= offset]
    if not found:
        return None
    phrase = min(found, key=lambda p: p.start)
    nouns = [n for n in phrase.nouns if n not in GENERIC_NOUNS]
    before = answer.text[offset:phrase.start].strip(" ,")
    if not nouns or before and not _ROLE.fullmatch(before):
        return None
    return phrase


def _after_copula(tokens: Sequence[Token], copula: int) -> int:
    """Where the copula's ending stops: the answer's tail starts there."""
    i = copula + 1
    while i < len(tokens) and tokens[i].tag.startswith(("E", "J")):
        i += 1
    last = tokens[i - 1]
    return last.start + last.length


def _definition(subject: str, previous: Sentence | None) -> str | None:
    words = subject.split()
    if any(w.rstrip(",") in _POINTING_PRONOUNS or w.startswith(("그게", "이게")) for w in words):
        return None
    if any(w in ("이", "그", "저") for w in words):
        return None  # "이 자리": something on the scene, not a description
    if words and words[0] in _POINTING:
        # "이런 마음을 내는 게": what the sentence before described.
        if previous is None or previous.text.rstrip().endswith("?"):
            return None
        return clean_definition(_LEADING_ADVERBS.sub("", previous.text.strip()).rstrip(" ."))
    return clean_definition(_LEADING_ADVERBS.sub("", subject.strip(" ,"))) or None
