"""Generalisation check: top terms and definition cards of each corpus transcript.

Subtitles (.srt, .vtt, .sbv) are turned into plain text by dropping cue numbers,
timestamps, headers and markup, then joining cue text into lines that end at a
sentence end (a cue often stops mid-sentence).  This is enough for a benchmark;
reading subtitles properly belongs to ``deckgen.sources``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from deckgen.pipeline import extract_study_set

_TIMING = re.compile(r"-->|^\d+:\d{2}:\d{2}[.,]\d{3},\d+:\d{2}:\d{2}[.,]\d{3}$")
_HEADER = re.compile(r"^(?:WEBVTT|Kind:|Language:|NOTE\b|STYLE\b)")
_MARKUP = re.compile(r"<[^>]+>|\[br\]|\{\\[^}]*\}")
_SENTENCE_END = (".", "?", "!", "…", "다", "요", "죠", "까")
_SUBTITLES = (".srt", ".vtt", ".sbv")
TOP = 15


def subtitle_text(raw: str) -> str:
    """Plain text of a subtitle file: one line per sentence-ish run of cues."""
    out: list[str] = []
    current: list[str] = []
    for line in raw.lstrip("\ufeff").replace("\r\n", "\n").split("\n"):
        line = _MARKUP.sub(" ", line).strip()
        if not line or line.isdigit() or _TIMING.search(line) or _HEADER.match(line):
            continue
        current.append(line)
        if line.endswith(_SENTENCE_END):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return "\n".join(" ".join(line.split()) for line in out) + "\n"


def corpus_files(folder: Path) -> list[Path]:
    """Korean transcripts in ``folder`` (English subtitles are skipped)."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix in _SUBTITLES + (".txt",) and ".en." not in p.name)


def print_corpus(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for path in corpus_files(folder):
            text = path.read_text(encoding="utf-8-sig")
            if path.suffix in _SUBTITLES:
                text = subtitle_text(text)
            plain = Path(tmp) / (path.stem + ".txt")
            plain.write_text(text, encoding="utf-8")
            study = extract_study_set([plain])
            _print_one(path.name, study)


def _print_one(name: str, study) -> None:  # type: ignore[no-untyped-def]
    terms = [t.term for s in study.sources for t in s.terms][:TOP]
    defs = [c for c in study.cards if c.kind == "definition"]
    kinds = {k: sum(1 for c in study.cards if c.kind == k)
             for k in ("definition", "idea", "quote", "term")}
    print(f"## {name}  ({len(study.cards)} cards: {kinds})")
    print("top terms: " + ", ".join(terms))
    for card in defs:
        print(f"  def @{card.source.line}: {card.term} — {card.definition}")
    print()
