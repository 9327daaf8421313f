"""Card-by-card reading of decks: every card as a student sees it, and the readers' tally.

    python benchmarks/review.py dump OUT_DIR [TRANSCRIPT ...]   # default: the gold talks
    python benchmarks/review.py halves OUT_DIR [TRANSCRIPT ...] # default: see HALVES
    python benchmarks/review.py middles OUT_DIR [TRANSCRIPT ...] # default: the six talks
    python benchmarks/review.py thirds OUT_DIR [TRANSCRIPT ...]  # default: the six talks
    python benchmarks/review.py tally OUT_DIR

``dump`` writes ``<talk>.cards.txt`` (each card numbered, its front and back as plain
text) and ``<talk>.cards.json`` for each transcript.  A reader (a person, or an agent
given ``benchmarks/review_rubric.md``, the definition of a good card) writes
``<talk>.verdicts.json``: ``{"<number>": {"verdict": "good" | "weak" | "bad", "why": ...}}``.
``tally`` prints the good / weak / bad shares per kind and talk from those files.

``halves`` is ``dump`` on parts of talks read as talks of their own (a transcript's
lines, or its subtitle cues, cut in two): a deck of a part has its own term ranking
and so its own cards, which no rule was tuned on.  By default the seed's second half
(the gold annotates its first) and both halves of the two corpus talks outside the gold.
``middles`` does the same with the middle half of each talk (its second and third
quarters), by default of all six talks: a third set of decks, for a reading after the
halves were read and rules were taken from them; ``thirds`` with each third of each
talk, a fourth.
"""

from __future__ import annotations

import html
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import CORPUS, GOLD, SEEDS, load_talks  # noqa: E402

VERDICTS = ("good", "weak", "bad")


def card_faces(card: dict[str, Any]) -> tuple[str, str]:
    """A card's front and back as plain text: blanks as [...], answers in brackets."""
    from deckgen.cloze import segments, to_anki, unclozed
    from deckgen.labels import LABELS, definition_prompt

    labels = LABELS["ko"]
    source = card["source"]
    where = f"{source['path']} · line {source['line']}"
    context = " ".join(t for t in (source.get("before"), source.get("context"),
                                   source.get("after")) if t)
    kind = card["kind"]
    if kind == "definition":
        front = definition_prompt(card["term"], labels)
        if card.get("hint"):
            front += f"  (힌트: {card['hint']})"
        return front, f"{card['definition']}\n  맥락: {context}\n  {where}"
    if kind in ("idea", "quote", "term") and card.get("cloze"):
        cloze = card["cloze"]
        front = "".join(text if k == "text" else "[...]" for k, text, _ in segments(cloze))
        said = card.get("sentence") or card.get("quote") or ""
        answer = html.unescape(unclozed(str(to_anki(cloze, said))))
        shown = card.get("quote") or answer
        return f"[{kind}] {front}", f"{shown}\n  맥락: {context}\n  {where}"
    examples = "\n".join(f"  · {e}" for e in card.get("examples", ()))
    return f"[term] {card['term']}  ({labels['term_question']})", f"{examples}\n  {where}"


def dump(out: Path, transcripts: list[Path]) -> None:
    from deckgen import studyset
    from deckgen.errors import DeckgenError
    from deckgen.extract import extract_study_set

    out.mkdir(parents=True, exist_ok=True)
    for path in transcripts:
        name = path.name.split(".")[0]
        note = ""
        try:
            study = json.loads(studyset.dumps(extract_study_set([path])))
        except DeckgenError as error:  # a part may give no card: an empty deck to read
            study, note = {"cards": []}, f" ({error})"
        lines = []
        for number, card in enumerate(study["cards"], start=1):
            front, back = card_faces(card)
            lines.append(f"#{number} ({card['kind']})\nFRONT: {front}\nBACK: {back}\n")
        (out / f"{name}.cards.txt").write_text("\n".join(lines), encoding="utf-8")
        (out / f"{name}.cards.json").write_text(
            json.dumps(study["cards"], ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{name}: {len(study['cards'])} cards{note}")


def tally(out: Path) -> None:
    total: dict[str, Counter[str]] = {}
    for verdicts_path in sorted(out.glob("*.verdicts.json")):
        name = verdicts_path.name.removesuffix(".verdicts.json")
        cards = json.loads((out / f"{name}.cards.json").read_text(encoding="utf-8"))
        verdicts = json.loads(verdicts_path.read_text(encoding="utf-8"))
        per_kind: dict[str, Counter[str]] = {}
        for number, card in enumerate(cards, start=1):
            verdict = verdicts.get(str(number), {}).get("verdict", "unread")
            per_kind.setdefault(card["kind"], Counter())[verdict] += 1
            per_kind.setdefault("all", Counter())[verdict] += 1
        print(f"## {name}")
        for kind, counts in sorted(per_kind.items()):
            print("  " + _shares(kind, counts))
            total.setdefault(kind, Counter()).update(counts)
    print("## all talks")
    for kind, counts in sorted(total.items()):
        print("  " + _shares(kind, counts))


def _shares(kind: str, counts: Counter[str]) -> str:
    n = sum(counts.values())
    parts = [f"{v} {counts[v]} ({100 * counts[v] / n:.0f}%)" for v in VERDICTS]
    unread = f", unread {counts['unread']}" if counts["unread"] else ""
    return f"{kind:<10} {n:>3} cards: " + ", ".join(parts) + unread


# (transcript, which halves): the parts ``halves`` reads by default.
HALVES: tuple[tuple[Path, tuple[str, ...]], ...] = (
    (SEEDS / "000_0daa36781fbb6d74.txt", ("second",)),
    (CORPUS / "cs231n-lecture02-image-classification.ko.srt", ("first", "second")),
    (CORPUS / "matlab-techtalk-pulse-doppler-radar.ko.vtt", ("first", "second")),
)


def halves(folder: Path, transcripts: list[Path]) -> None:
    """Write the halves of each transcript to ``folder / "parts"`` and dump their decks."""
    both: tuple[str, ...] = ("first", "second")
    chosen = [(p, both) for p in transcripts] or list(HALVES)
    _dump_parts(folder, chosen)


def middles(folder: Path, transcripts: list[Path]) -> None:
    """Write the middle half of each transcript to ``folder / "parts"`` and dump its deck."""
    _dump_parts(folder, [(p, ("middle",)) for p in transcripts or _six_talks()])


def thirds(folder: Path, transcripts: list[Path]) -> None:
    """Write the thirds of each transcript to ``folder / "parts"`` and dump their decks."""
    which: tuple[str, ...] = ("third1", "third2", "third3")
    _dump_parts(folder, [(p, which) for p in transcripts or _six_talks()])


def _six_talks() -> list[Path]:
    return [SEEDS / "000_0daa36781fbb6d74.txt", *sorted(CORPUS.glob("*.ko.*"))]


def _dump_parts(folder: Path, chosen: list[tuple[Path, tuple[str, ...]]]) -> None:
    parts = folder / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    written = []
    for path, which in chosen:
        for name, text in _parts(path).items():
            if name in which:
                part = parts / f"{path.name.split('.')[0]}_{name}{path.suffix}"
                part.write_text(text, encoding="utf-8")
                written.append(part)
    dump(folder, written)


def _parts(path: Path) -> dict[str, str]:
    """The first and second halves, the middle half (quarters two and three) and the
    thirds: a plain text cut between lines; subtitles between cues, a WebVTT header on
    each."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() not in (".srt", ".vtt", ".sbv"):
        lines = text.splitlines()
        n = len(lines)
        return {name: "\n".join(lines[a:b]) + "\n" for name, (a, b) in _cuts(n).items()}
    head = ""
    if path.suffix.lower() == ".vtt":
        head, _, text = text.partition("\n\n")
        head += "\n\n"
    cues = text.strip().split("\n\n")
    return {name: head + "\n\n".join(cues[a:b]) + "\n" for name, (a, b) in _cuts(len(cues)).items()}


def _cuts(n: int) -> dict[str, tuple[int, int]]:
    return {"first": (0, n // 2), "second": (n // 2, n), "middle": (n // 4, 3 * n // 4),
            "third1": (0, n // 3), "third2": (n // 3, 2 * n // 3), "third3": (2 * n // 3, n)}


def _gold_transcripts() -> list[Path]:
    return [path for _, path in load_talks(GOLD)]


if __name__ == "__main__":
    command, folder, *rest = sys.argv[1:]
    if command == "dump":
        dump(Path(folder), [Path(p) for p in rest] or _gold_transcripts())
    elif command == "halves":
        halves(Path(folder), [Path(p) for p in rest])
    elif command == "middles":
        middles(Path(folder), [Path(p) for p in rest])
    elif command == "thirds":
        thirds(Path(folder), [Path(p) for p in rest])
    else:
        tally(Path(folder))
