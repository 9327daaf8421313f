"""Quotes: text the speaker puts in quote marks, kept when it is worth remembering.

Quote marks are paired on the transcript text itself, so a quote may run over a line
break (it keeps the break, and so occurs verbatim in the transcript).

Speakers quote two kinds of things.  A *name* ('스케일링', '모든 데이터') is memorable
when it names something (a noun phrase that is not a pronoun).  A *clause* is
memorable when it states something in general words, and not when it acts out a
scene (Danescu-Niculescu-Mizil et al. 2012 found memorable quotes use more general
language than the lines around them).  Acted-out speech shows itself by

* an interjection or a vocative opening it ("좋아, ...", "오, ...", "보세요, ..."),
* pointing at the scene: demonstratives such as "이것", "저런", "이렇게", "이 경로",
* a request, an order or a wish ("고쳐줄래?", "보세요", "내놓으라", "~면 좋겠다"),
* too few content words to say anything ("죄송해요", "좋아").

A clause gains weight from the talk's key terms it carries, and a quote a key term
"says" ('가치 함수는 "..."와 같이 말합니다') is that term's definition in the
speaker's own words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from ..types import Document, Extract, Sentence, Token
from .index import DocumentIndex
from .phrases import CONTENT_TAGS, GENERIC_NOUNS, normalise_key, term_key

QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'"}
_QUOTE_MARK = re.compile("[" + "".join(QUOTE_PAIRS) + "]")
_MAX_QUOTE_CHARS = 300
_MAX_LINE_BREAKS = 2
_KEY_TERMS = 40
_MIN_CLAUSE_WORDS = 4
_NAME_WORDS = 4
_DEICTIC_FORMS = frozenset(
    "이것 저것 이거 저거 이걸 저걸 이런 저런 이렇 저렇 여기 저기 이쪽 저쪽".split()
)
_REQUEST_ENDINGS = frozenset("세요 으세요 십시오 라 으라 어라 아라 ᆯ래 을래 어 아".split())
_OPENING_WORD = re.compile(r"^\S{1,3},\s")
_WISH = re.compile(r"면\s*좋겠")
_SAYS = re.compile(r"(?:은|는)\s*$")
_LIGHT_VERBS = frozenset("하 되 있 없 같 이 아니 그렇 이렇 저렇".split())


def extract_quotes(
    doc: Document, *, terms: Sequence[Extract] = (), limit: int | None = None,
    index: DocumentIndex | None = None,
) -> list[Extract]:
    """Quoted spans worth a card, best first (``index`` is not needed: quotes are read
    off the text)."""
    term_rank: dict[str, int] = {}
    for i, t in enumerate(terms):
        term_rank.setdefault(term_key(t.text), i)
    key_terms = [key for key, rank in term_rank.items() if rank < _KEY_TERMS and len(key) > 1]
    starts = [s.start for s in doc.sentences]
    found = []
    for start, end in quoted_spans(doc.text):
        text = doc.text[start:end].strip()
        at = bisect_right(starts, start) - 1
        if not text or at < 0:
            continue
        start = doc.text.index(text, start)
        sentence = doc.sentences[at]
        tokens = _tokens_between(doc, at, start, start + len(text))
        score = _memorability(text, tokens, sentence, start - sentence.start, term_rank,
                              key_terms)
        if score <= 0:
            continue
        offset = start - sentence.start
        found.append(Extract(kind="quote", text=text, sentence_index=at,
                             score=round(score, 4), span=(offset, offset + len(text)),
                             lines=(sentence.line,)))
    found.sort(key=lambda e: (-e.score, e.sentence_index))
    return found[:limit] if limit is not None else found


def quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text between matching quote marks."""
    i = 0
    n = len(text)
    while i < n:
        # Jump to the next quote mark: walking every character in Python was most of
        # the cost of this extractor on a long text.
        found = _QUOTE_MARK.search(text, i)
        if found is None:
            return
        i = found.start()
        close = QUOTE_PAIRS[text[i]]
        if text[i] == "'" and _is_apostrophe(text, i):
            i += 1
            continue
        j = _find_close(text, i + 1, close)
        if j is None:
            i += 1
            continue
        yield i + 1, j
        i = j + 1


def _find_close(text: str, start: int, close: str) -> int | None:
    """The first ``close`` after ``start`` within reach, unless too many line breaks come first."""
    limit = min(len(text), start + _MAX_QUOTE_CHARS)
    j = text.find(close, start + 1, limit)
    if j < 0 or text.count("\n", start, j) > _MAX_LINE_BREAKS:
        return None
    return j


def _is_apostrophe(text: str, i: int) -> bool:
    """A ' between two Latin letters (don't, it's) does not open a quote."""
    return 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha() \
        and text[i + 1].isascii() and text[i + 1].isalpha()


def _tokens_between(doc: Document, index: int, start: int, end: int) -> list[Token]:
    """The morphemes inside ``doc.text[start:end]``; a quote may span sentences."""
    tokens: list[Token] = []
    sentences = doc.sentences
    # By position, not a slice ``sentences[index:]``: slicing copies the rest of a long
    # document for every quote.
    for i in range(index, len(sentences)):
        sentence = sentences[i]
        if sentence.start >= end:
            break
        tokens.extend(t for t in sentence.tokens if start <= sentence.start + t.start < end)
    return tokens


def _memorability(text: str, tokens: list[Token], sentence: Sentence, offset: int,
                  term_rank: dict[str, int], key_terms: list[str]) -> float:
    if not tokens:
        return 0.0
    if _is_name(tokens):
        rank = term_rank.get(term_key(text.strip(".,?!")))
        named = [t for t in tokens if t.tag in ("NNG", "NNP", "SL") and t.form not in GENERIC_NOUNS]
        if not named:
            return 0.0
        return 1.0 + (1.0 / (1 + rank) if rank is not None and rank < _KEY_TERMS else 0.0)
    key = normalise_key(text)
    hits = sum(1 for term in key_terms if term in key)
    said_by_term = _said_by_key_term(sentence.text[:offset], term_rank)
    if _acts_out(text, tokens):
        return 0.0
    content = [t for t in tokens if _is_content(t)]
    if len(content) < _MIN_CLAUSE_WORDS and not said_by_term:
        return 0.0
    return 0.5 + 0.05 * min(len(content), 10) + 0.2 * min(hits, 3) + (0.5 if said_by_term else 0)


def _is_content(token: Token) -> bool:
    """A content morpheme: a noun that is not generic, or a verb or adjective stem
    other than the light ones ("하다", "되다", "있다")."""
    if token.tag.startswith(("VV", "VA")):
        return token.form not in _LIGHT_VERBS
    if token.tag in CONTENT_TAGS:
        return len(token.form) > 1 and token.form not in GENERIC_NOUNS
    return False


def _is_name(tokens: list[Token]) -> bool:
    """A short noun phrase: no ending, ends in a noun ('모든 데이터', '스케일링')."""
    pairs = zip(tokens, tokens[1:], strict=False)
    words = sum(1 for a, b in pairs if b.start > a.start + a.length) + 1
    last = tokens[-1]
    return (words <= _NAME_WORDS and last.tag in ("NNG", "NNP", "SL", "NNB", "NP")
            and not any(t.tag.startswith(("EF", "EC")) for t in tokens))


def _acts_out(text: str, tokens: list[Token]) -> bool:
    """Acted-out speech: an opening interjection, pointing, a request or a wish."""
    if _OPENING_WORD.match(text) or _WISH.search(text):
        return True
    for i, token in enumerate(tokens):
        if token.tag in ("NP", "MM", "VA", "VA-I") and token.form in _DEICTIC_FORMS:
            return True
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.tag == "MM" and token.form in ("이", "저") and following is not None \
                and following.tag in ("NNG", "NNB"):
            return True
        if token.tag == "EF" and token.form in _REQUEST_ENDINGS and i >= len(tokens) - 2:
            return True
        if token.tag == "IC":
            return True
    return False


def _said_by_key_term(before: str, term_rank: dict[str, int]) -> bool:
    """The quote follows "X는" with X a key term: the term's definition in quotes."""
    match = _SAYS.search(before.rstrip(" '\"‘“「『"))
    if match is None:
        return False
    words = before[: match.start()].split(",")[-1].split()
    for size in (1, 2, 3):
        rank = term_rank.get(term_key(" ".join(words[-size:]))) if len(words) >= size else None
        if rank is not None and rank < _KEY_TERMS:
            return True
    return False
