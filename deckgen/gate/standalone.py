"""Does a sentence stand alone?  A card shows one sentence, so it must say its point by
itself.

* A demonstrative in the sentence's first clause ("이것이 ...", "그게 바로 ...",
  "거기 다니면서", "이런 것은", "큰 돌파구는 이 레시피가") points back to something the
  card does not show, and so does a pronoun, or "이/그/저" and a noun, as its subject or
  object anywhere (but right after a clause of condition or concession, which it takes
  up: "살아도 이건 ...").  Otherwise after a clause a demonstrative may point inside the
  same sentence ("...1이 되고 그렇지 않으면 0이 되는"), which is fine.
* A fragment has no predicate, or stops on a connective or a modifier ("...공부하고.",
  "...뭐다,", "진리의 관점에서는."): a spoken sentence ends with a final ending.
* A question asks; a card needs a statement.
* Two statements glued into one (a cue ended one sentence and the next cue started
  another without a mark) or a run-on of many clauses is not one fact.
* A sentence that opens a quotation it does not close (or closes one it did not open)
  is words said in someone's voice over several sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..extractors.quotes import QUOTE_PAIRS
from ..types import Sentence, Token

# ("저" alone is the speaker's humble "I", not "that": Kiwi tags both NP.)
DEMONSTRATIVE_PRONOUNS = frozenset(
    "이것 그것 저것 이거 그거 저거 이 그 거기 여기 저기 이곳 그곳 저곳 이쪽 그쪽 저쪽 "
    "얘 걔 쟤 이분 그분 저분 이들 그들 그녀".split()
)
DEMONSTRATIVE_DETERMINERS = frozenset("이 그 저 이런 그런 저런 이러한 그러한 저러한".split())
# Stems of "이렇다/그렇다" ("이렇게", "그렇게 준비되어"): pointing at what was said.
DEMONSTRATIVE_STEMS = frozenset("이렇 그렇 저렇 이러 그러 저러".split())
# Endings that close a reported thought: "나쁘다는", "아니라는", "했다고".
REPORTING_ENDINGS = frozenset("다는 라는 ᆫ다는 는다는 다고 라고 ᆫ다고 는다고".split())
_INNER_STOP = re.compile(r"[^\d\s][.?!]\s+\S")
# An item of a list the sentence before announced.
_LIST_ITEM = re.compile(
    r"^(?:(?:그리고|또|그럼|그러면)\s+)?(?:(?:다른|또 다른)\s+)?(?:하나|둘|셋|첫째|둘째|셋째|넷째"
    r"|첫 번째|두 번째|세 번째|네 번째|마지막)(?:는|은|로|가|이|,)"
)
# A reason for what was said before: the point is in the sentence it explains.
_REASON = re.compile(
    r"^(?:왜냐하면|왜냐면|그 이유는)"
    r"|(?:때문|떄문|이유)(?:입니다|이죠|죠|이지요|이에요|예요|이다)[.!]?$"
    r"|(?:다는|라는|는) (?:뜻|말|얘기|의미|셈)(?:이죠|입니다|이에요|예요|이다)[.!]?$"
)
# Endings of the clauses a pronoun may resume: condition and concession.
_RESUMED_ENDINGS = frozenset("면 으면 다면 는다면 ᆫ다면 어도 아도 여도 더라도".split())
# "이렇게 보일 것입니다", "이런 모양이 됩니다": pointing at what is shown, wherever it
# stands.
_POINTING_STEMS = frozenset("이렇 저렇 이러 저러 이런 저런".split())
_BARE_DETERMINERS = frozenset("이 그 저".split())
# The words of a noun phrase after "이/그/저" looked through for its particle.
_NOUN_RUN = 20
_TOPIC_FORMS = frozenset("은 는 도 만 이란 란".split())
# Nouns that need a complement to say anything: a method or a problem is one of
# something ("하이퍼파라미터를 고르는 가장 간단한 방법은", "Linear classifier의 문제는").
_RELATIONAL_NOUNS = frozenset(
    "방법 문제 이유 원인 결과 목적 장점 단점 해결책 해결 방안 방식".split())
PREDICATE_TAGS = ("VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA")
_CORE_PARTICLES = ("JKS", "JX", "JKO", "JKC")
# Connectives that join no clause: of an adverb ("-게"), of obligation ("-어야"), of an
# embedded question ("-ᆯ지", "-는지").
_NOT_CLAUSES = frozenset("게 어 아 어야 아야 ᆯ지 는지 은지 ᆫ지".split())
# A fact is said in a sentence of at most this many characters and clauses.
MAX_CHARS = 150
MAX_CLAUSES = 4


def refers_back(sentence: Sentence, start: int = 0, end: int | None = None, *,
                description: bool = False) -> bool:
    """A demonstrative before the first predicate, a pronoun subject or object, or an
    item of a list ("하나는 ...", "두 번째는 ...") in ``sentence.text[start:end]``.

    ``description``: the span describes something (a definition).  Words it reports
    ("저 사람 나쁘다는 것") and a manner it points to within itself ("...복도 빌고 이렇게
    하는 것") then point at nothing outside.
    """
    tokens = _between(sentence, start, end)
    said = sentence.text[start:end].strip()
    if _LIST_ITEM.match(said) or _REASON.search(said):
        return True
    if description:
        reported = [i for i, t in enumerate(tokens) if t.form in REPORTING_ENDINGS]
        tokens = tokens[reported[-1] + 1:] if reported else tokens
    seen_predicate = False
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if _is_demonstrative(token, following):
            if not seen_predicate or token.form in _POINTING_STEMS and not description:
                return True
            if _points_as_argument(tokens, i) and not _resumes(tokens[:i]):
                return True
        if token.tag in ("EC", "EF"):  # a clause ended: what follows may point into it
            seen_predicate = True
    return False


def _points_as_argument(tokens: Sequence[Token], i: int) -> bool:
    """The demonstrative at ``i`` is, or determines, a subject or object: a pronoun
    ("그것을 ...") or "이/그/저" and a noun phrase ("...허용하지 않으므로 이 방법이
    최선입니다", "유일한 방법은 바로 이 단일 거리 성능 척도(L1/L2 등)을 이용하는 것")."""
    token = tokens[i]
    if token.tag == "NP":
        return i + 1 < len(tokens) and tokens[i + 1].tag in _CORE_PARTICLES
    if token.tag != "MM" or token.form not in _BARE_DETERMINERS:
        return False
    nouns = 0
    for following in tokens[i + 1:i + 1 + _NOUN_RUN]:
        if following.tag.startswith(("NN", "SL", "SN", "SH", "XSN", "SS", "SP")):
            nouns += following.tag.startswith("NN")
            continue
        return nouns > 0 and following.tag in _CORE_PARTICLES
    return False


def _resumes(before: Sequence[Token]) -> bool:
    """A pronoun right after a clause of condition, concession or time resumes that
    clause ("남자끼리 둘이 살아도 이건 ...", "교미수준일 때는 그것은 ..."): it points
    inside the sentence."""
    said = [t for t in before if t.tag != "SP"]
    if not said:
        return False
    last = said[-1]
    if last.tag == "EC" and last.form in _RESUMED_ENDINGS:
        return True
    return len(said) >= 2 and last.tag == "JX" and last.form == "는" and said[-2].form == "때"


def in_running_quotation(sentence: Sentence) -> bool:
    """The sentence opens a quotation it does not close, or closes one it did not open
    ("'만약 강력한 AI가 존재하는 세상이 있다면, ... 누릴 수 있을 것이다." and its next
    sentence "... 잘 살게 될 것이다.'"): words said in someone's voice over several
    sentences, not a claim of the talk, and a card would show half the marks."""
    text = sentence.text.strip()
    return any(unpaired_quote(text, opening)
               and (text.startswith(opening) or text.rstrip(".!?").endswith(closing))
               for opening, closing in QUOTE_PAIRS.items())


def unpaired_quote(text: str, opening: str) -> bool:
    """The text holds a mark of the quotation ``opening`` starts without its partner."""
    closing = QUOTE_PAIRS[opening]
    if opening == closing:
        return text.count(opening) % 2 == 1
    return text.count(opening) != text.count(closing)


def is_plain_statement(tokens: Sequence[Token]) -> bool:
    """Words that end on the plain "-다" of a statement: a thought stated, as often
    quoted or named ("저 사람 나쁜 사람이 아니다"), rather than said to someone."""
    said = [t for t in tokens if not t.tag.startswith("S")]
    return bool(said) and said[-1].tag == "EF" and said[-1].form == "다"


def _is_demonstrative(token: Token, following: Token | None) -> bool:
    if token.tag == "NP":
        return token.form in DEMONSTRATIVE_PRONOUNS
    if token.tag == "MM":
        return token.form in DEMONSTRATIVE_DETERMINERS
    return token.tag.startswith("VA") and token.form in DEMONSTRATIVE_STEMS


def is_fragment(sentence: Sentence, start: int = 0, end: int | None = None) -> bool:
    """No predicate, or no final ending after the last one."""
    tokens = [t for t in _between(sentence, start, end) if not t.tag.startswith("S")]
    if not any(t.tag.startswith(PREDICATE_TAGS) for t in tokens):
        return True
    text = sentence.text[start:end].rstrip(" '\"’”」』)")
    if text.endswith((",", "…", "...", "-", "~")):
        return True
    last = tokens[-1] if tokens else None
    return last is None or not (last.tag == "EF" or last.tag == "JX" and last.form == "요"
                                and len(tokens) > 1 and tokens[-2].tag.startswith("E"))


def lacks_subject(sentence: Sentence) -> bool:
    """No subject and no topic at all ("강대국의 하위변수로 있는 속국 수준인 거잖아요"):
    what it is about was said before, and the card would not say it."""
    tokens = sentence.tokens
    for before, token in zip(tokens, tokens[1:], strict=False):
        if token.tag == "JKS" or token.tag == "JKC":
            return False
        if token.tag == "JX" and token.form in _TOPIC_FORMS and not before.tag.startswith(
                ("E", "V", "M")):
            return False
    return True


def lacks_its_complement(sentence: Sentence) -> bool:
    """The sentence is about a method, a problem or a reason of something it does not
    name ("가장 간단한 방법은 …", "한 가지 문제는 …"): the topic's noun is relational and
    only adjectives or numbers come before it, so what it belongs to was said before."""
    tokens = sentence.tokens
    for i, token in enumerate(tokens):
        if token.tag == "JX" and token.form in ("은", "는") or token.tag == "JKS":
            head = tokens[i - 1] if i else None
            if head is None or head.tag != "NNG" or head.form not in _RELATIONAL_NOUNS:
                return False
            return not any(t.tag in ("NNG", "NNP", "SL", "NNB", "JKG", "JKB", "JKO", "ETN")
                           or t.tag.startswith("V")
                           for t in tokens[: i - 1])
    return False


def is_question(sentence: Sentence, start: int = 0, end: int | None = None) -> bool:
    return sentence.text[start:end].rstrip(" '\"’”」』)").endswith("?")


def is_run_on(sentence: Sentence, glued: bool = False) -> bool:
    """Too long for one fact: many characters or clauses, or two statements glued."""
    if glued or len(sentence.text) > MAX_CHARS:
        return True
    return clause_count(sentence.tokens) >= MAX_CLAUSES


def clause_count(tokens: Sequence[Token]) -> int:
    """Connective endings that join clauses: not those before an auxiliary verb
    ("그렇지 않으면", "하고 있다") or in ``_NOT_CLAUSES``."""
    return sum(1 for t, following in zip(tokens, [*tokens[1:], None], strict=True)
               if t.tag == "EC" and t.form not in _NOT_CLAUSES
               and not (following is not None and following.tag.startswith("VX")))


def glued_statements(sentence: Sentence, text: str) -> bool:
    """A final ending right before a cue break inside the sentence (``text`` is the
    transcript's text of the sentence, with its line breaks), or a full stop inside it
    ("일반 AI. 사전 훈련은 ...")."""
    if _INNER_STOP.search(sentence.text.rstrip()):
        return True
    position = text.find("\n")
    while position >= 0:
        before = [t for t in sentence.tokens if t.start + t.length <= position
                  and not t.tag.startswith("S")]
        if before and before[-1].tag == "EF":
            return True
        position = text.find("\n", position + 1)
    return False


def _between(sentence: Sentence, start: int, end: int | None) -> list[Token]:
    stop = len(sentence.text) if end is None else end
    return [t for t in sentence.tokens if start <= t.start and t.start + t.length <= stop]
