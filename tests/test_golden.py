"""The seed's extracts and cards, pinned: any change to extraction shows up as a diff.

Run ``pytest tests/test_golden.py --update-golden`` to rewrite the files after an
intended change, and review the diff of ``tests/golden/`` in the commit.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from conftest import SEED

from deckgen import studyset
from deckgen.extractors import EXTRACTORS

GOLDEN = Path(__file__).parent / "golden" / SEED.stem


def dump(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def check(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run pytest --update-golden"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden"


def test_seed_extracts(seed_document, update_golden):
    terms = EXTRACTORS["terms"](seed_document)
    extracts = {"terms": [asdict(t) for t in terms[:60]]}
    for name in ("definitions", "ideas", "quotes"):
        extracts[name] = [asdict(e) for e in EXTRACTORS[name](seed_document, terms=terms)]
    check("extracts.json", dump(extracts), update_golden)


def test_seed_cards(seed_study_set, update_golden):
    cards = json.loads(studyset.dumps(seed_study_set))["cards"]
    for card in cards:
        card["source"]["path"] = Path(card["source"]["path"]).name
    check("cards.json", dump(cards), update_golden)
