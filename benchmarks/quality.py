"""How good are deckgen's cards?  Score them against every hand-annotated talk.

Usage (from the repository root, in the venv with the ``bench`` extra)::

    python benchmarks/quality.py                     # every talk in ../shared/gold
    python benchmarks/quality.py --details           # ... and what was missed or false
    python benchmarks/quality.py --study seed=s.json # score a study set written earlier
    python benchmarks/quality.py --corpus ../shared/corpus   # terms, definitions per file

Every gold file of ``--gold`` (default ``../shared/gold``) is one talk: the seed's
line-anchored first half and the text-anchored subtitle talks (``scoring.py`` scores
both; ``../shared/gold/README.md`` gives the rules).  For each talk the study set is
made in-process exactly as ``deckgen extract TRANSCRIPT`` makes it, and the baselines
(``baselines.py``) on the same analysed text.  The table shows each talk, their macro
average, the baselines' macro average and the targets.  A target is met when the macro
average meets it and no talk is more than 0.1 below it (a count such as noise hits must
be met by every talk).  Decide changes on the macro average: a rule that helps one talk
and costs another is not progress.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import Talk, score  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold"
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "seeds"
# Terms considered: the first 30 of a talk's ranking, 40 on the seed (a longer talk).
TOP_TERMS = 30
TOP_TERMS_SEED = 40
# metric -> (comparison, target); counts must be met by every talk.
TARGETS: dict[str, tuple[str, float]] = {
    "term_recall": (">=", 0.75), "generic_terms": ("<=", 0), "def_precision": (">=", 0.8),
    "def_recall": (">=", 0.6), "idea_precision": (">=", 0.6), "noise_hits": ("<=", 0),
}
SHOWN = ("term_recall", "generic_terms", "def_precision", "def_recall", "idea_precision",
         "idea_recall3", "idea_recall2", "quote_recall", "quote_precision", "noise_hits",
         "cards")
SLACK = 0.1
DETAILS = ("terms_missed", "defs_missed", "defs_wrong", "ideas_missed3", "ideas_off", "noise",
           "quotes_missed", "quotes_off", "top_terms", "cards_by_kind")


def load_talks(folder: Path) -> list[tuple[Talk, Path]]:
    """Each gold file of ``folder`` with the transcript it annotates, the seed first."""
    talks = []
    for path in sorted(folder.glob("*.json"), key=lambda p: (not p.name.startswith("seed"), p)):
        gold = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem.removesuffix("_gold").removesuffix("_dev")
        if "lines" in gold:  # line-anchored: the seed's first half
            first, _, last = str(gold["lines"]).partition("-")
            talk = Talk(name, gold, TOP_TERMS_SEED, (int(first), int(last or first)))
            talks.append((talk, SEEDS / gold["source"]))
        else:
            talks.append((Talk(name, gold, TOP_TERMS), CORPUS / gold["source"]))
    return talks


def macro(values: list[float]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


def met(name: str, per_talk: list[float]) -> bool:
    op, target = TARGETS[name]
    if op == "<=":
        return all(v <= target for v in per_talk)
    return macro(per_talk) >= target and all(v >= target - SLACK for v in per_talk)


def format_table(names: list[str], ours: list[dict[str, Any]], base: list[dict[str, Any]]
                 ) -> str:
    rows = [("metric", *names, "macro", "baseline", "target", "met")]
    for metric in SHOWN:
        values = [r[metric] for r in ours if metric in r]
        if not values:
            continue
        cells = [f"{r[metric]:g}" if metric in r else "" for r in ours]
        base_values = [r[metric] for r in base if metric in r]
        op, target = TARGETS.get(metric, ("", 0))
        rows.append((metric, *cells, f"{macro(values):g}",
                     f"{macro(base_values):g}" if base_values and metric != "cards" else "",
                     f"{op} {target:g}" if op else "",
                     ("yes" if met(metric, values) else "NO") if op else ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of gold files")
    parser.add_argument("--study", action="append", default=[], metavar="TALK=FILE",
                        help="score this study set for TALK instead of making one")
    parser.add_argument("--talk", action="append", default=[], help="only these talks")
    parser.add_argument("--json", type=Path, help="also write the full results here")
    parser.add_argument("--corpus", type=Path, help="list top terms and definitions per file")
    parser.add_argument("--details", action="store_true", help="print misses and false cards")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baselines")
    args = parser.parse_args(argv)
    if args.corpus:
        from corpus import print_corpus

        print_corpus(args.corpus)
        return 0
    studies = dict(item.split("=", 1) for item in args.study)
    talks = [(t, p) for t, p in load_talks(args.gold) if not args.talk or t.name in args.talk]
    ours, base = [], []
    for talk, transcript in talks:
        study = _study(transcript, studies.get(talk.name))
        ours.append(score(study, talk))
        if not args.no_baseline:
            base.append(_baseline(transcript, talk, study))
    names = [t.name.split("-")[0] + (t.name.split("-")[2] if "qna" in t.name else "")
             for t, _ in talks]
    print(format_table(names, ours, base))
    print("columns: " + ", ".join(f"{n} = {t.name}" for n, (t, _) in zip(names, talks,
                                                                         strict=True)))
    if args.details:
        _print_details(talks, ours)
    if args.json:
        result = {t.name: {"deckgen": o, "baseline": b}
                  for (t, _), o, b in zip(talks, ours, base or [{}] * len(ours), strict=True)}
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True)
                             + "\n", encoding="utf-8")
    return 0


def _print_details(talks: list[tuple[Talk, Path]], ours: list[dict[str, Any]]) -> None:
    for (talk, _), result in zip(talks, ours, strict=True):
        print(f"\n## {talk.name}")
        for key in DETAILS:
            if key not in result:
                continue
            value = result[key]
            if isinstance(value, list) and key != "top_terms":
                print(f"{key} ({len(value)}):")
                for item in value:
                    print(f"  - {item}")
            else:
                print(f"{key}: {value}")


def _study(transcript: Path, study_file: str | None) -> dict[str, Any]:
    if study_file:
        return json.loads(Path(study_file).read_text(encoding="utf-8"))
    from deckgen import studyset
    from deckgen.extract import extract_study_set

    return json.loads(studyset.dumps(extract_study_set([transcript])))


def _baseline(transcript: Path, talk: Talk, study: dict[str, Any]) -> dict[str, Any]:
    from baselines import baseline_study

    from deckgen.analysis import analyse
    from deckgen.sources import read_transcript

    doc = analyse(read_transcript(transcript))
    counts = {k: sum(1 for c in study["cards"] if c["kind"] == k) for k in ("idea", "quote")}
    result = score(baseline_study(doc, counts["idea"], counts["quote"]), talk)
    return {k: v for k, v in result.items() if not isinstance(v, list | dict)}


if __name__ == "__main__":
    sys.exit(main())
