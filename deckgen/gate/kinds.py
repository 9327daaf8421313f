"""Rules of their own for definitions and quotes.

A definition names its term and says what it is: a description of the term's own
(not the term again, not a value or an example, not "something like X"), whole (not
a phrase that stops on a modifier), about a term that is not an everyday word.

A quote is a quotation: a clause the speaker reports ("...'라고 말합니다", "...'라는
말"), not a word or phrase put in quote marks for emphasis (lecture subtitles do that
all the time), and not a quoted question.
"""

from __future__ import annotations

import re

from ..extractors.phrases import CONTENT_TAGS, GENERIC_NOUNS, normalise_key
from ..extractors.quotes import QUOTE_PAIRS
from ..types import Extract, Sentence, Token
from .standalone import (
    DEMONSTRATIVE_DETERMINERS,
    DEMONSTRATIVE_PRONOUNS,
    PREDICATE_TAGS,
    REPORTING_ENDINGS,
    clause_count,
    is_plain_statement,
    unpaired_quote,
)

# Tags a whole definition does not end on: a modifier, a connective, a linking particle;
# and nouns of relation that need the noun they relate ("A와 B 사이(의)", "A와 B 간").
_DANGLING = ("ETM", "EC", "JKG", "JKB", "JC", "MM")
_RELATION_NOUNS = frozenset("간 사이 대비 관련 대한 때문".split())
_MAX_CLAUSES = 3
_LIKENESS = re.compile(r"(?:와|과|하고|이랑|랑|처럼)\s*(?:비슷|유사|같)\S*\s*(?:것|거|겁|게)?\S*$")
_EXAMPLE = re.compile(r"^(?:예를 들어|예를 들면|예컨대|가령|이를테면)")
# An opinion of the term, not what it is: "아주 단순한 알고리즘", "매우 강력한 단어",
# also after what it is compared with ("Deep Learning 뿐만 아니라 아주 일반적인 개념").
_EVALUATION = re.compile(r"^(?:아주|매우|정말|굉장히|너무|상당히|엄청|가장)\s"
                         r"|\s(?:아주|매우|정말|굉장히|너무|상당히|엄청)\s+\S+\s+\S+$")
# A number first: the size or count of the talk's example ("10-dim 열 벡터"), not what
# the term is.
_MEASURE = re.compile(r"^\d")
# A clause that concedes or turns ("...일 뿐이지만", "...인데"): a remark, not a definition.
_TURNING = frozenset("지만 으나".split())
# What follows a reported clause: a quoting particle or a saying ("...라는 말").
_REPORTED = re.compile(r"^[’'”\"」』]?\s*(?:이?라고|하고|고\s|이?라는|이?라며|하며|하면서|면서)")
# "X는 Y라는 아이디어가 마음에 듭니다": Y is what someone holds of X, a view (a
# meaning, "...라는 뜻/말", is another matter).
_VIEW = re.compile(r"\s*(?:이)?라는\s*(?:아이디어|생각|주장|견해|의견|믿음|가설|입장|관점|느낌)")
_MIN_DEFINITION_WORDS = 2
_MEANING_VERBS = frozenset("말하 뜻하 의미하 가리키 일컫 부르 지칭하 정의하".split())
# Parts of a figure or a slide: "수직 축" names where something is drawn, not what it is.
_FIGURE_PARTS = frozenset("축 그래프 그림 칸 열 행 표 화면 슬라이드 영역 곡선 점 선".split())
# Items labelled "A, ..., B, ..." or "첫째, ...": a set, not one meaning.
_LABELLED_LIST = re.compile(r"(?:^|\s)(?:[A-Z]|첫째|둘째),\s")


def definition_problem(candidate: Extract, holder: Sentence) -> str | None:
    """Why the definition is not one (``holder``: the sentence its text comes from)."""
    term = normalise_key(candidate.term or "")
    definition = candidate.text
    if not term or term in GENERIC_NOUNS:
        return "a generic term"
    if "…" in definition:
        return "the term blanked in a sentence, not a definition"
    if term in normalise_key(definition):
        return "circular: the definition names its term"
    if _LIKENESS.search(definition.rstrip(" .!")):
        return "a likeness, not a definition"
    if _EXAMPLE.match(definition):
        return "an example, not a definition"
    if _EVALUATION.search(definition):
        return "an opinion of the term, not a definition"
    if _MEASURE.match(definition):
        return "a size of the example, not a definition"
    at = holder.text.find(definition)
    if at >= 0 and _VIEW.match(holder.text, at + len(definition)):
        return "a view the speaker reports, not a definition"
    if at > 0 and _opens_a_running_quote(holder.text, at):
        return "words quoted over several sentences, not a definition"
    tokens = _tokens_of(holder, definition)
    if tokens is not None:
        return _shape_problem(tokens, definition)
    return None


def _shape_problem(tokens: list[Token], definition: str) -> str | None:
    """A definition is a description: a noun phrase or a plain statement ("...이다"),
    one or two clauses, about its term only."""
    # A reported thought ("저 사람 나쁘다는 것") says it in everyday words: all count.
    reported = _reported_end(tokens) > 0
    words = [t for t in tokens if t.tag in CONTENT_TAGS
             and (reported or t.form not in GENERIC_NOUNS) or t.tag == "SN"]
    one_noun = len(words) == 1 and words[0].tag in ("NNG", "NNP") and len(words[0].form) > 1
    if len(words) < _MIN_DEFINITION_WORDS and not one_noun:
        return "too little said"
    last = next((t for t in reversed(tokens) if not t.tag.startswith("S")), None)
    headed = definition.endswith("것") and last is not None and last.tag == "ETM"
    if last is not None and not headed and (last.tag.startswith(_DANGLING)
                                            or last.form in _RELATION_NOUNS):
        return "a fragment"
    if last is not None and last.tag == "EF" and last.form != "다":
        return "a whole remark, not a definition"
    if speaks_of_one(tokens):
        return "an example of the term, not a definition"
    if clause_count(tokens) > _MAX_CLAUSES:
        return "more than one fact"
    if any(t.tag == "EC" and t.form in _TURNING for t in tokens):
        return "a remark, not a definition"
    numbers = sum(1 for t in tokens if t.tag in ("SN", "NR"))
    if numbers and numbers * 2 >= len(words):
        return "a value or a date, not a definition"
    if not any(t.tag.startswith(PREDICATE_TAGS + ("ETM",)) for t in tokens) and any(
            t.tag == "JC" or t.form in (",", "및") for t in tokens):
        return "a list of examples, not a definition"
    if _LABELLED_LIST.search(definition):
        return "a list, not a definition"
    nouns = [t for t in tokens if t.tag.startswith("NN")]
    if len(words) <= 2 and nouns and nouns[-1].form in _FIGURE_PARTS:
        return "a place on a figure, not a definition"
    topics = [b for a, b in zip(tokens, tokens[1:], strict=False)
              if b.tag == "JX" and b.form in ("은", "는") and a.tag.startswith(("NN", "SL", "SN"))]
    if topics and "아니" not in definition:
        return "says something about another topic"
    return None


def _opens_a_running_quote(text: str, at: int) -> bool:
    """A quotation mark the sentence does not close opens right before ``at`` (반론은
    "세상이 강력한 AI를 보는 것이 유용하다는 것입니다. …"): someone's words run on into
    the next sentences."""
    opening = text[:at].rstrip()[-1:]
    return opening in QUOTE_PAIRS and unpaired_quote(text, opening)


def term_problem(candidate: Extract, sentence: Sentence) -> str | None:
    """A term card asks for the term from a sentence that says what it is or does: the
    term as its topic ("[...]은(는)", "[...](이)란"), and a copula, a verb of meaning
    or one clause of what it does in general ("[...]은(는) 비용의 음수일 뿐입니다",
    "[...]은(는) 에이전트가 얼마나 잘하는지 알려줍니다")."""
    if not candidate.blanks:
        return None
    start, end = candidate.blanks[0]
    tokens = [t for t in sentence.tokens if not t.tag.startswith("S")]
    after = [t for t in tokens if t.start >= end][:3]
    first_clause = not any(t.tag == "EC" and t.start < start for t in tokens)
    about = first_clause and bool(after) and (
        after[0].tag == "JX" and after[0].form in ("은", "는")
        or [t.form for t in after[:2]] == ["이", "란"]
        or [t.form for t in after] in (["이", "라는", "것"], ["이", "라는", "거"]))
    copula = len(tokens) >= 3 and tokens[-1].tag == "EF" and tokens[-2].tag == "VCP" and (
        tokens[-3].tag in ("NNG", "NNP", "SL", "XSN"))
    means = any(t.tag.startswith("VV") and t.form in _MEANING_VERBS for t in tokens)
    # Or a general statement of what it does: one clause, not a past event.
    general = clause_count(tokens) <= 1 and not any(
        t.tag == "EP" and t.form in ("었", "았", "였") for t in tokens)
    if not (about and (copula or means or general)):
        return "does not say what the term is"
    if _VIEW.search(sentence.text, end):
        return "a view the speaker reports, not what the term is"
    if _quoted(sentence.text, start, end):
        return "a label the talk quotes, not a term it explains"
    return None


def _quoted(text: str, start: int, end: int) -> bool:
    """The span stands in quotation marks ('"고양이 스코어" 는 …'): a name from the talk's
    example, which the front cannot pin down."""
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip()[:1]
    return bool(before) and QUOTE_PAIRS.get(before) == after


def quote_problem(candidate: Extract, sentence: Sentence, after: str) -> str | None:
    """Why the quote is not a quotation worth a card (``after``: the text after it)."""
    start, end = candidate.span or (0, len(candidate.text))
    quote = candidate.text.strip()
    if quote.rstrip(" '\"’”」』").endswith("?"):
        return "a quoted question"
    inside = [t for t in sentence.tokens if start <= t.start < end]
    if not any(t.tag.startswith(PREDICATE_TAGS) for t in inside):
        return "an emphasised word or phrase, not a quotation"
    if not _REPORTED.match(after):
        return "not reported speech"
    return None


def speaks_of_one(tokens: list[Token]) -> bool:
    """A demonstrative anywhere in a definition, in words it reports too ("저 사람
    나쁘다는 것"): it speaks of one person or thing of the talk, an example of the term
    rather than what the term means."""
    return any(t.tag == "NP" and t.form in DEMONSTRATIVE_PRONOUNS
               or t.tag == "MM" and t.form in DEMONSTRATIVE_DETERMINERS for t in tokens)


def _reported_end(tokens: list[Token]) -> int:
    """Where the words a definition reports end: after its last reporting ending, or
    after all of it when it is a statement given as the meaning ("저 사람 나쁜 사람이
    아니다 이것을 공이라고 해요"); 0 when it reports nothing."""
    if is_plain_statement(tokens):
        return len(tokens)
    reported = [i for i, t in enumerate(tokens) if t.form in REPORTING_ENDINGS]
    return reported[-1] + 1 if reported else 0


def _tokens_of(sentence: Sentence, text: str) -> list[Token] | None:
    """The morphemes of ``text`` where it occurs in the sentence, or None (a definition
    may end in a "것" that was "거", "게" or nothing in the sentence)."""
    for said in (text, text.removesuffix(" 것"), text.removesuffix("것")):
        start = sentence.text.find(said) if said else -1
        if start >= 0:
            return [t for t in sentence.tokens if start <= t.start < start + len(said)]
    return None
