"""The quality benchmark's matching rules (``benchmarks/scoring.py``), as the gold README
states them, and its scoring of a real gold file."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))

from scoring import Talk, norm, score, term_matches, text_matches  # noqa: E402

GOLD = SHARED / "gold"


def test_norm_drops_spaces_quotes_brackets_and_punctuation():
    assert norm(" '가치  함수'(Value)! ") == "가치함수value"


@pytest.mark.parametrize(("term", "matches"), [
    ("가치 함수", True),        # equal to the term
    ("value function", True),  # equal to a variant
    ("가치 함수의 역할", True),   # contains a form, 4 more characters at most
    ("가치 함수를 학습하는 방법", False),  # contains it with too much more
    ("가치함", True),           # inside a form, 0.6 of its length or more
    ("가치", False),            # inside, too short
])
def test_term_matching(term, matches):
    gold = {"term": "가치 함수", "variants": ["value function"]}
    assert term_matches(term, gold) is matches


def test_text_matching_inside_and_by_common_run():
    excerpt = "보상은 단지 비용의 음수일 뿐입니다."
    assert text_matches("보상은 단지 비용의 음수일 뿐입니다. 그래서 둘은 같은 것입니다.", excerpt)
    assert text_matches("비용의 음수", excerpt)  # inside, 0.3 of the longer at least
    assert not text_matches("비용을 줄이는 다른 방법이 있습니다.", excerpt)  # a short run only
    assert not text_matches("전혀 다른 문장입니다.", excerpt)


def _text_gold() -> dict:
    return json.loads((GOLD / "cs285-lecture02-part4-imitation-learning_gold.json").read_text(
        encoding="utf-8"))


def _card(kind: str, text: str, **fields: str) -> dict:
    main = {"idea": "sentence", "definition": "definition", "quote": "quote"}[kind]
    return {"kind": kind, main: text, "source": {"line": 1, "context": text}, **fields}


def test_a_text_anchored_talk_scores_cards_by_their_text():
    gold = _text_gold()
    idea = gold["key_ideas"][0]["excerpt"]
    definition = next(d for d in gold["definitions"] if d["strength"] == "explicit")
    noise = gold["noise_examples"][0]["excerpt"]
    study = {
        "terms": [{"term": gold["key_terms"][0]["term"], "lines": [1]},
                  {"term": "생각", "lines": [2]}],
        "cards": [
            _card("idea", idea),
            _card("idea", noise),
            _card("definition", definition["excerpt"], term=definition["term"]),
            _card("definition", idea, term="전혀 다른 용어"),
        ],
    }
    result = score(study, Talk("cs285", gold, 30))
    explicit = sum(1 for d in gold["definitions"] if d["strength"] == "explicit")
    assert result["term_recall"] == round(1 / len(gold["key_terms"]), 3)
    assert result["generic_terms"] == 1
    assert result["idea_precision"] == 0.5
    assert result["noise_hits"] == 1
    assert result["def_precision"] == 0.5
    assert result["def_recall"] == round(1 / explicit, 3)
    assert result["cards_by_kind"]["idea"] == 2


def test_the_seed_scores_only_its_line_range():
    gold = json.loads((GOLD / "seed_dev.json").read_text(encoding="utf-8"))
    first = gold["key_ideas"][0]["lines"][0]
    study = {
        "terms": [],
        "cards": [{"kind": "idea", "sentence": "x", "source": {"line": first, "context": "x"}},
                  {"kind": "idea", "sentence": "y", "source": {"line": 400, "context": "y"}}],
    }
    result = score(study, Talk("seed", gold, 40, (1, 234)))
    assert result["idea_precision"] == 1.0
    assert result["term_recall"] == 0.0


def test_halves_of_a_talk_keep_every_line_and_cue_once(tmp_path):
    # ``review.py halves``, ``middles`` and ``thirds``: the parts read as talks of their
    # own are the talk cut in two, its second and third quarters, and its thirds.
    from review import _parts

    from deckgen.sources import read_transcript

    vtt = SHARED / "corpus" / "matlab-techtalk-pulse-doppler-radar.ko.vtt"
    whole = read_transcript(vtt)
    texts = [whole.text[s.start:s.end] for s in whole.segments]
    parts = {}
    for name, text in _parts(vtt).items():
        (tmp_path / f"{name}.vtt").write_text(text, encoding="utf-8")
        parts[name] = read_transcript(tmp_path / f"{name}.vtt")
        assert parts[name].segments
    cues = {name: [p.text[s.start:s.end] for s in p.segments] for name, p in parts.items()}
    assert cues["first"] + cues["second"] == texts
    n = len(texts)
    assert cues["middle"] == texts[n // 4 : 3 * n // 4]
    assert cues["third1"] + cues["third2"] + cues["third3"] == texts
    seed = ROOT / "seeds" / "000_0daa36781fbb6d74.txt"
    seed_parts = _parts(seed)
    lines = seed.read_text(encoding="utf-8").splitlines()
    assert seed_parts["first"].splitlines() + seed_parts["second"].splitlines() == lines
    assert seed_parts["second"].splitlines()[0] == lines[len(lines) // 2]
    assert seed_parts["middle"].splitlines() == lines[len(lines) // 4 : 3 * len(lines) // 4]