"""How good are deckgen's cards?  Score a study set against hand-made annotations.

Usage (from the repository root, in the venv with the ``bench`` extra)::

    python benchmarks/quality.py                      # the seed, dev lines 1-234
    python benchmarks/quality.py --study study.json   # score a study set written earlier
    python benchmarks/quality.py --corpus ../shared/corpus   # list terms/definitions per file

Without ``--study`` the study set is made in-process exactly as ``deckgen extract SEED``
makes it with its default settings.  The table compares deckgen with baselines measured
in the same run (see ``baselines.py``): KR-WordRank's top 40 words for terms, plain
TextRank on the same morpheme bags for ideas, every quoted span for quotes and a naive
"X는 ... 입니다" pattern for definitions.

What counts as "in the range" (``--lines``, default 1-234, the dev part of the gold):

* gold items count when their first line is in the range;
* cards count when their ``source.line`` is in the range;
* terms count when the first line they occur on (``min(lines)``) is in the range: the
  top 40 are the first 40 such terms of the study set's ranking, so a term the talk
  only introduces after the range neither helps nor hurts.

Matching rules follow the issue: texts are compared with spaces removed and Latin
letters lower-cased.  One addition: a quote card matches a gold quote only when their
lines are at most two apart, so a short card such as '그것' cannot "contain" a memorable
quote said somewhere else.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SEED = ROOT / "seeds" / "000_0daa36781fbb6d74.txt"
GOLD = ROOT.parent / "shared" / "gold" / "seed_dev.json"
TOP_TERMS = 40
# Nouns a teacher would never put on a key-term card: the list "and the like".
# The benchmark's own list, independent of the extractor's stop list.
BENCH_GENERIC = frozenset(
    """생각 사람 말 일 것 때 문제 방법 이유 방식 경우 정도 부분 의미 점 상황 종류 질문 이야기 사실
    얘기 내용 거 게 수 등 중 곳 쪽 시간 가지 하나 무엇 뭔가 그것 이것 저것 우리 여러분 자신 누구
    사람들 세상 결과 예 예시 다음 처음 지금 오늘 때문 정말 느낌 관점 측면
    생각들 일들 것들""".split()
)
TARGETS: dict[str, tuple[str, float]] = {
    "term_recall@40": (">=", 0.75), "generic@40": ("<=", 0), "def_precision": (">=", 0.8),
    "def_recall": (">=", 0.7), "quote_recall": (">=", 0.9), "quote_mem_prec": (">=", 0.6),
    "quote_verbatim": (">=", 1.0), "idea_recall3": (">=", 0.85), "idea_recall2": (">=", 0.6),
    "idea_precision": (">=", 0.5), "noise_hits": ("<=", 0), "cards": ("in", 0),
}
LOWER_IS_BETTER = {"generic@40", "noise_hits"}
# Checks rather than comparisons: no baseline to beat.
NOT_COMPARED = {"quote_verbatim", "cards"}


def norm(text: str) -> str:
    return "".join(text.split()).lower()


@dataclass(frozen=True)
class Range:
    first: int
    last: int

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and self.first <= line <= self.last


# ---------------------------------------------------------------- metrics


def term_metrics(terms: list[dict[str, Any]], gold: dict[str, Any], rng: Range) -> dict[str, Any]:
    """term_recall@40 and generic@40 over terms first seen in the range."""
    top = [t["term"] for t in terms if t["lines"] and min(t["lines"]) in rng][:TOP_TERMS]
    golds = [g for g in gold["key_terms"] if g["lines"] and g["lines"][0] in rng]
    keys = [norm(t) for t in top]
    hit = [g["term"] for g in golds if any(_term_matches(k, g) for k in keys)]
    return {
        "term_recall@40": _share(len(hit), len(golds)),
        "generic@40": sum(1 for k in keys if k in BENCH_GENERIC),
        "terms_missed": [g["term"] for g in golds if g["term"] not in hit],
        "top_terms": top,
    }


def _term_matches(key: str, gold: dict[str, Any]) -> bool:
    for variant in [gold["term"], *gold.get("variants", ())]:
        v = norm(variant)
        if key == v or (v in key and len(key) - len(v) <= 4):
            return True
    return False


def definition_metrics(cards: list[dict[str, Any]], gold: dict[str, Any], rng: Range
                       ) -> dict[str, Any]:
    defs = [c for c in cards if c["kind"] == "definition" and c["source"]["line"] in rng]
    gold_lines = {line for d in gold["definitions"] for line in d["lines"]}
    good = [c for c in defs if any(abs(c["source"]["line"] - g) <= 1 for g in gold_lines)]
    explicit = [d for d in gold["definitions"]
                if d["strength"] == "explicit" and d["lines"][0] in rng]
    found = [d for d in explicit if any(_definition_matches(c, d) for c in defs)]
    return {
        "def_precision": _share(len(good), len(defs)),
        "def_recall": _share(len(found), len(explicit)),
        "defs_missed": [f"{d['term']} @{d['lines'][0]}" for d in explicit if d not in found],
        "defs_wrong": [f"{c['term']} @{c['source']['line']}" for c in defs if c not in good],
    }


def _definition_matches(card: dict[str, Any], gold: dict[str, Any]) -> bool:
    if not any(abs(card["source"]["line"] - line) <= 1 for line in gold["lines"]):
        return False
    a, b = norm(card.get("term") or ""), norm(gold["term"])
    return bool(a) and (a in b or b in a)


def quote_metrics(cards: list[dict[str, Any]], gold: dict[str, Any], rng: Range,
                  transcript: str) -> dict[str, Any]:
    quotes = [c for c in cards if c["kind"] == "quote" and c["source"]["line"] in rng]
    memorable = [q for q in gold["quotes"] if q["memorable"] and q["line"] in rng]
    found = [q for q in memorable if any(_quote_matches(c, q) for c in quotes)]
    good = [c for c in quotes if any(_quote_matches(c, q) for q in memorable)]
    verbatim = [c for c in cards if c["kind"] == "quote" and c["quote"] in transcript]
    all_quotes = [c for c in cards if c["kind"] == "quote"]
    return {
        "quote_recall": _share(len(found), len(memorable)),
        "quote_mem_prec": _share(len(good), len(quotes)),
        "quote_verbatim": _share(len(verbatim), len(all_quotes)),
        "quotes_missed": [f"{q['text'][:30]} @{q['line']}" for q in memorable if q not in found],
        "quotes_not_memorable": [f"{c['quote'][:30]} @{c['source']['line']}"
                                 for c in quotes if c not in good],
    }


def _quote_matches(card: dict[str, Any], gold: dict[str, Any]) -> bool:
    if abs(card["source"]["line"] - gold["line"]) > 2:
        return False
    a, b = norm(card["quote"]), norm(gold["text"])
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.8


def idea_metrics(lines: list[int], gold: dict[str, Any], rng: Range) -> dict[str, Any]:
    """Idea metrics for idea cards on ``lines`` (already restricted to the range)."""
    ideas = [i for i in gold["key_ideas"] if i["lines"][0] in rng]
    key_lines = {line for i in gold["key_ideas"] for line in i["lines"]}
    picked = set(lines)

    def recall(level: int) -> float:
        wanted = [i for i in ideas if i["importance"] >= level]
        return _share(sum(1 for i in wanted if picked & set(i["lines"])), len(wanted))

    return {
        "idea_recall3": recall(3),
        "idea_recall2": recall(2),
        "idea_precision": _share(sum(1 for line in lines if line in key_lines), len(lines)),
        "ideas_missed3": [i["lines"] for i in ideas
                          if i["importance"] == 3 and not picked & set(i["lines"])],
        "ideas_off": sorted(line for line in lines if line not in key_lines),
    }


def noise_hits(lines: list[int], gold: dict[str, Any]) -> int:
    noise = {n["line"] for n in gold["noise_examples"]}
    return sum(1 for line in lines if line in noise)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def score_study_set(study: dict[str, Any], gold: dict[str, Any], rng: Range,
                    transcript: str) -> dict[str, Any]:
    cards = study["cards"]
    in_range = [c for c in cards if c["source"]["line"] in rng]
    idea_lines = [c["source"]["line"] for c in in_range if c["kind"] == "idea"]
    result: dict[str, Any] = {}
    result.update(term_metrics(study["terms"], gold, rng))
    result.update(definition_metrics(cards, gold, rng))
    result.update(quote_metrics(cards, gold, rng, transcript))
    result.update(idea_metrics(idea_lines, gold, rng))
    result["noise_hits"] = noise_hits([c["source"]["line"] for c in in_range], gold)
    result["cards"] = len(cards)
    result["cards_by_kind"] = {k: sum(1 for c in cards if c["kind"] == k)
                               for k in ("definition", "idea", "quote", "term")}
    result["cards_in_range"] = len(in_range)
    return result


# ---------------------------------------------------------------- report


def passes(name: str, value: float) -> bool:
    op, target = TARGETS[name]
    if op == "in":
        return 40 <= value <= 150
    return value >= target if op == ">=" else value <= target


def beats(name: str, ours: float, base: float | None) -> str:
    if base is None or name in NOT_COMPARED:
        return ""
    better = ours < base if name in LOWER_IS_BETTER else ours > base
    return "yes" if better or (ours == base == 0 and name in LOWER_IS_BETTER) else "NO"


def format_table(ours: dict[str, Any], base: dict[str, Any]) -> str:
    rows = [("metric", "deckgen", "baseline", "target", "met", "beats")]
    for name, (op, target) in TARGETS.items():
        value = ours[name]
        target_text = "40-150" if op == "in" else f"{op} {target:g}"
        base_value = base.get(name)
        rows.append((name, f"{value:g}", "" if base_value is None else f"{base_value:g}",
                     target_text, "yes" if passes(name, value) else "NO",
                     beats(name, value, base_value)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _parse_range(text: str) -> Range:
    first, _, last = text.partition("-")
    return Range(int(first), int(last or first))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transcript", type=Path, default=SEED)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--study", type=Path, help="a study set JSON (default: made in-process)")
    parser.add_argument("--lines", default="1-234", help="line range scored (default 1-234)")
    parser.add_argument("--json", type=Path, help="also write the full results here")
    parser.add_argument("--corpus", type=Path, help="list top terms and definitions per file")
    parser.add_argument("--details", action="store_true", help="print what was missed")
    args = parser.parse_args(argv)
    if args.corpus:
        from corpus import print_corpus

        print_corpus(args.corpus)
        return 0
    return _report(args)


def _report(args: argparse.Namespace) -> int:
    from baselines import baseline_results

    from deckgen.sources import read_transcript

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    rng = _parse_range(args.lines)
    transcript = read_transcript(args.transcript).text
    study = _load_study(args.study, args.transcript)
    ours = score_study_set(study, gold, rng, transcript)
    counts = {k: sum(1 for c in study["cards"] if c["kind"] == k) for k in ("idea", "quote")}
    base = baseline_results(args.transcript, gold, rng, transcript, counts["idea"],
                            counts["quote"])
    print(f"{args.transcript.name}, lines {rng.first}-{rng.last}, gold {args.gold.name}")
    print(format_table(ours, base))
    print(f"(reference: frequency-ranked noun phrases reach term_recall@40 "
          f"{base['freq_np_term_recall@40']:g} with generic@40 {base['freq_np_generic@40']:g})")
    if args.details:
        for key in ("terms_missed", "defs_missed", "defs_wrong", "quotes_missed",
                    "quotes_not_memorable", "ideas_missed3", "ideas_off", "top_terms",
                    "cards_by_kind"):
            print(f"{key}: {ours[key]}")
    numbers = {k: v for k, v in ours.items() if k in TARGETS or k == "cards_by_kind"}
    print(json.dumps({"deckgen": numbers, "baseline": base}, ensure_ascii=False, sort_keys=True))
    if args.json:
        args.json.write_text(json.dumps({"deckgen": ours, "baseline": base}, ensure_ascii=False,
                                        indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def _load_study(path: Path | None, transcript: Path) -> dict[str, Any]:
    if path is not None:
        return json.loads(path.read_text(encoding="utf-8"))
    from deckgen import studyset
    from deckgen.pipeline import extract_study_set

    return json.loads(studyset.dumps(extract_study_set([transcript])))


if __name__ == "__main__":
    sys.exit(main())
