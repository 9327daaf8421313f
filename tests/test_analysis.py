"""Analysis: one Kiwi pass, sentences read off it, and a study set never needs Kiwi."""

from __future__ import annotations

import subprocess
import sys

from conftest import SEED

from deckgen.analysis import _blocks, analyse
from deckgen.sources import read_transcript


def test_sentences_are_kiwis_own_split_of_the_one_pass(kiwi, seed_document):
    transcript = read_transcript(SEED)
    texts = [transcript.text[start:end].replace("\n", " ") for start, end in _blocks(transcript)]
    expected = []
    for (block_start, _), sentences in zip(_blocks(transcript),
                                           kiwi.tokenize(texts, split_sents=True), strict=True):
        for tokens in sentences:
            start = block_start + tokens[0].start
            end = block_start + max(t.end for t in tokens)
            expected.append((transcript.text[start:end].replace("\n", " "),
                             [(t.form, t.tag) for t in tokens]))
    got = [(s.text, [(t.form, t.tag) for t in s.tokens]) for s in seed_document.sentences]
    assert got == expected
    assert [s.index for s in seed_document.sentences] == list(range(len(expected)))


def test_token_offsets_point_into_their_sentence(seed_document):
    for sentence in seed_document.sentences[:200]:
        assert sentence.text == seed_document.text[sentence.start : sentence.end].replace("\n", " ")
        for token in sentence.tokens:
            assert 0 <= token.start and token.start + token.length <= len(sentence.text)


def test_everyday_phrases_are_not_taken_for_titles(analyse_text):
    # Kiwi's multi-word dictionary (not loaded) reads this as the film "Training Day".
    doc = analyse_text("트레이닝 데이터가 부족하면 모델이 일반화하지 못합니다.\n")
    forms = [(t.form, t.tag) for t in doc.sentences[0].tokens]
    assert ("데이터", "NNG") in forms


def test_same_text_same_document(kiwi, seed_document):
    again = analyse(read_transcript(SEED), kiwi)
    assert again == seed_document


def test_building_from_a_study_set_never_loads_kiwi(tmp_path, seed_study_set):
    from deckgen.pipeline import save_study_set

    study = save_study_set(seed_study_set, tmp_path / "study.json")
    code = (
        "import sys\nfrom deckgen.cli import cli\n"
        f"try:\n    cli(['build', {str(study)!r}, '-o', {str(tmp_path / 'out.apkg')!r}])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('kiwipiepy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
    assert (tmp_path / "out.apkg").is_file()
