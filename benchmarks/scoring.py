"""Scoring a study set against one gold file, in either of the gold formats.

``../shared/gold/README.md`` describes both.  Every scorer returns the same metrics, so
the talks can be averaged:

* ``term_recall``: gold key terms matched by one of the study set's first ``top`` terms
  (30; 40 on the seed), ``generic_terms``: how many of those are generic nouns;
* ``def_precision``: definition cards that match a gold definition, ``def_recall``:
  explicit gold definitions matched by a definition card;
* ``idea_precision``: idea cards on a gold key idea, ``idea_recall3``/``idea_recall2``:
  key ideas of importance 3 (2 and up) that an idea card is on;
* ``noise_hits``: cards on a gold noise example;
* quotes (the seed only): ``quote_recall`` and ``quote_precision`` against the
  memorable gold quotes.

Each also lists what it missed and which cards it counted as false, for ``--details``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

Card = dict[str, Any]
# Nouns a teacher would never put on a key-term card.  The benchmark's own list,
# independent of the extractor's stop list.
BENCH_GENERIC = frozenset(
    """생각 사람 말 일 것 때 문제 방법 이유 방식 경우 정도 부분 의미 점 상황 종류 질문 이야기 사실
    얘기 내용 거 게 수 등 중 곳 쪽 시간 가지 하나 무엇 뭔가 그것 이것 저것 우리 여러분 자신 누구
    사람들 세상 결과 예 예시 다음 처음 지금 오늘 때문 정말 느낌 관점 측면
    생각들 일들 것들 남자 여자 아들 딸 남편 아내 엄마 아빠 부모 말씀 자리 tv 집 나이""".split()
)
_NOT_LETTERS = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    """NFC, lower case, no whitespace, quotes, brackets or punctuation."""
    return _NOT_LETTERS.sub("", unicodedata.normalize("NFC", text).lower())


def share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def term_matches(term: str, gold: dict[str, Any]) -> bool:
    """The README's rule: equal to a form, containing one with at most 4 more
    characters, or contained in one and at least 0.6 of its length."""
    key = norm(term)
    if not key:
        return False
    for form in [gold["term"], *gold.get("variants", ())]:
        f = norm(form)
        if not f:
            continue
        if key == f or (f in key and len(key) - len(f) <= 4) or (
                key in f and len(key) >= 0.6 * len(f)):
            return True
    return False


def text_matches(text: str, excerpt: str) -> bool:
    """The README's rule: the shorter inside the longer and at least 0.3 of its length,
    or a common run of at least 0.6 of the shorter."""
    a, b = norm(text), norm(excerpt)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if short in long and len(short) >= 0.3 * len(long):
        return True
    match = SequenceMatcher(None, short, long, autojunk=False).find_longest_match(
        0, len(short), 0, len(long))
    return match.size >= 0.6 * len(short)


def main_text(card: Card) -> str:
    """What a card is about: its sentence, quote or definition, a term card's example."""
    if card["kind"] == "idea":
        return card.get("sentence") or ""
    if card["kind"] == "quote":
        return card.get("quote") or ""
    if card["kind"] == "definition":
        return card.get("definition") or ""
    examples = card.get("examples") or ()
    return card.get("sentence") or (examples[0] if examples else "")


def card_texts(card: Card) -> list[str]:
    """The texts a card may be matched on: its main text and its source sentence."""
    return [t for t in (main_text(card), card["source"].get("context", "")) if t]


@dataclass(frozen=True)
class Talk:
    """A gold file and how to score it (``top``: terms considered)."""

    name: str
    gold: dict[str, Any]
    top: int
    lines: tuple[int, int] | None = None  # line-anchored: the range scored


def score(study: dict[str, Any], talk: Talk) -> dict[str, Any]:
    scorer = _score_lines if talk.lines else _score_text
    result = scorer(study, talk)
    cards = study["cards"]
    result["cards"] = len(cards)
    result["cards_by_kind"] = {k: sum(1 for c in cards if c["kind"] == k)
                               for k in ("definition", "idea", "quote", "term")}
    return result


def _terms(study: dict[str, Any], talk: Talk, first_line: Callable[[dict[str, Any]], bool],
           golds: list[dict[str, Any]]) -> dict[str, Any]:
    top = [t["term"] for t in _study_terms(study) if first_line(t)][: talk.top]
    hit = [g for g in golds if any(term_matches(t, g) for t in top)]
    return {
        "term_recall": share(len(hit), len(golds)),
        "generic_terms": sum(1 for t in top if norm(t) in BENCH_GENERIC),
        "terms_missed": [g["term"] for g in golds if g not in hit],
        "top_terms": top,
    }


def _study_terms(study: dict[str, Any]) -> list[dict[str, Any]]:
    if "terms" in study:
        return study["terms"]
    return [t for source in study.get("sources", ()) for t in source.get("terms", ())]


# ---------------------------------------------------------------- text-anchored


def _score_text(study: dict[str, Any], talk: Talk) -> dict[str, Any]:
    gold = talk.gold
    cards = study["cards"]
    result = _terms(study, talk, lambda t: True, gold["key_terms"])
    defs = [c for c in cards if c["kind"] == "definition"]

    def defines(card: Card, g: dict[str, Any]) -> bool:
        return term_matches(card.get("term") or "", {"term": g["term"]}) and any(
            text_matches(t, g["excerpt"]) for t in card_texts(card))

    good = [c for c in defs if any(defines(c, g) for g in gold["definitions"])]
    explicit = [g for g in gold["definitions"] if g["strength"] == "explicit"]
    found = [g for g in explicit if any(defines(c, g) for c in defs)]
    ideas = [c for c in cards if c["kind"] == "idea"]
    on_idea = [c for c in ideas
               if any(text_matches(c["sentence"], g["excerpt"]) for g in gold["key_ideas"])]

    def recall(level: int) -> float:
        wanted = [g for g in gold["key_ideas"] if g["importance"] >= level]
        return share(sum(1 for g in wanted if any(text_matches(c["sentence"], g["excerpt"])
                                                  for c in ideas)), len(wanted))

    noise = [c for c in cards
             if any(text_matches(main_text(c), n["excerpt"]) for n in gold["noise_examples"])]
    result.update({
        "def_precision": share(len(good), len(defs)),
        "def_recall": share(len(found), len(explicit)),
        "idea_precision": share(len(on_idea), len(ideas)),
        "idea_recall3": recall(3),
        "idea_recall2": recall(2),
        "noise_hits": len(noise),
        "defs_missed": [f"{g['term']}: {g['excerpt'][:60]}" for g in explicit if g not in found],
        "defs_wrong": [_show(c) for c in defs if c not in good],
        "ideas_missed3": [g["excerpt"][:70] for g in gold["key_ideas"] if g["importance"] == 3
                          and not any(text_matches(c["sentence"], g["excerpt"]) for c in ideas)],
        "ideas_off": [_show(c) for c in ideas if c not in on_idea],
        "noise": [_show(c) for c in noise],
    })
    return result


def _show(card: Card) -> str:
    head = f"{card['kind']} @{card['source']['line']}"
    if card["kind"] == "definition":
        return f"{head}: {card.get('term')} — {card.get('definition', '')[:70]}"
    return f"{head}: {main_text(card)[:80]}"


# ---------------------------------------------------------------- line-anchored


def _score_lines(study: dict[str, Any], talk: Talk) -> dict[str, Any]:
    gold = talk.gold
    first, last = talk.lines or (0, 0)

    def inside(line: object) -> bool:
        return isinstance(line, int) and first <= line <= last

    cards = [c for c in study["cards"] if inside(c["source"]["line"])]
    result = _terms(study, talk, lambda t: bool(t["lines"]) and inside(min(t["lines"])),
                    [g for g in gold["key_terms"] if g["lines"] and inside(g["lines"][0])])
    result.update(_line_definitions(cards, gold, inside))
    result.update(_line_quotes(cards, gold, inside))
    result.update(_line_ideas(cards, gold, inside))
    noise = {n["line"] for n in gold["noise_examples"]}
    result["noise_hits"] = sum(1 for c in cards if c["source"]["line"] in noise)
    result["noise"] = [_show(c) for c in cards if c["source"]["line"] in noise]
    return result


def _near(line: int, lines: Iterable[int]) -> bool:
    return any(abs(line - g) <= 1 for g in lines)


def _line_definitions(cards: list[Card], gold: dict[str, Any], inside: Callable[[object], bool]
                      ) -> dict[str, Any]:
    defs = [c for c in cards if c["kind"] == "definition"]
    gold_lines = [line for d in gold["definitions"] for line in d["lines"]]
    good = [c for c in defs if _near(c["source"]["line"], gold_lines)]
    explicit = [d for d in gold["definitions"]
                if d["strength"] == "explicit" and inside(d["lines"][0])]

    def defines(card: Card, d: dict[str, Any]) -> bool:
        a, b = norm(card.get("term") or ""), norm(d["term"])
        return _near(card["source"]["line"], d["lines"]) and bool(a) and (a in b or b in a)

    found = [d for d in explicit if any(defines(c, d) for c in defs)]
    return {
        "def_precision": share(len(good), len(defs)),
        "def_recall": share(len(found), len(explicit)),
        "defs_missed": [f"{d['term']} @{d['lines'][0]}" for d in explicit if d not in found],
        "defs_wrong": [_show(c) for c in defs if c not in good],
    }


def _line_quotes(cards: list[Card], gold: dict[str, Any], inside: Callable[[object], bool]
                 ) -> dict[str, Any]:
    quotes = [c for c in cards if c["kind"] == "quote"]
    memorable = [q for q in gold["quotes"] if q["memorable"] and inside(q["line"])]

    def same(card: Card, q: dict[str, Any]) -> bool:
        if abs(card["source"]["line"] - q["line"]) > 2:
            return False
        a, b = norm(card["quote"]), norm(q["text"])
        return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.8

    found = [q for q in memorable if any(same(c, q) for c in quotes)]
    good = [c for c in quotes if any(same(c, q) for q in memorable)]
    return {
        "quote_recall": share(len(found), len(memorable)),
        "quote_precision": share(len(good), len(quotes)),
        "quotes_missed": [f"{q['text'][:40]} @{q['line']}" for q in memorable if q not in found],
        "quotes_off": [_show(c) for c in quotes if c not in good],
    }


def _line_ideas(cards: list[Card], gold: dict[str, Any], inside: Callable[[object], bool]
                ) -> dict[str, Any]:
    ideas = [c for c in cards if c["kind"] == "idea"]
    golds = [i for i in gold["key_ideas"] if inside(i["lines"][0])]
    key_lines = {line for i in gold["key_ideas"] for line in i["lines"]}
    picked = {c["source"]["line"] for c in ideas}

    def recall(level: int) -> float:
        wanted = [i for i in golds if i["importance"] >= level]
        return share(sum(1 for i in wanted if picked & set(i["lines"])), len(wanted))

    return {
        "idea_precision": share(sum(1 for c in ideas if c["source"]["line"] in key_lines),
                                len(ideas)),
        "idea_recall3": recall(3),
        "idea_recall2": recall(2),
        "ideas_missed3": [f"@{i['lines']}: {i['gist'][:60]}" for i in golds
                          if i["importance"] == 3 and not picked & set(i["lines"])],
        "ideas_off": [_show(c) for c in ideas if c["source"]["line"] not in key_lines],
    }
