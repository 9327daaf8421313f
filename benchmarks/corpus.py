"""Generalisation check: top terms and definition cards of each corpus transcript.

``python benchmarks/quality.py --corpus ../shared/corpus`` lists, for every Korean
transcript of the folder (English subtitles are skipped), the deck's size by kind, its
first terms and its definition cards, as ``deckgen extract`` makes them.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.pipeline import extract_study_set
from deckgen.types import KINDS, StudySet

_SUFFIXES = (".srt", ".vtt", ".sbv", ".txt", ".json", ".tsv")
TOP = 15


def corpus_files(folder: Path) -> list[Path]:
    """Korean transcripts in ``folder``."""
    return sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES and ".en." not in p.name)


def print_corpus(folder: Path) -> None:
    for path in corpus_files(folder):
        _print_one(path.name, extract_study_set([path]))


def _print_one(name: str, study: StudySet) -> None:
    terms = [t.term for s in study.sources for t in s.terms][:TOP]
    defs = [c for c in study.cards if c.kind == "definition"]
    kinds = {k: sum(1 for c in study.cards if c.kind == k) for k in KINDS}
    print(f"## {name}  ({len(study.cards)} cards: {kinds})")
    print("top terms: " + ", ".join(terms))
    for card in defs:
        print(f"  def @{card.source.line}: {card.term} — {card.definition}")
    print()
