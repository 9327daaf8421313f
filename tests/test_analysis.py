"""Analysis: what goes to Kiwi, one pass, the sentences read off it, their times and speakers."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import SEED

from deckgen.analysis import MAX_BLOCK_CHARS, MAX_PIECE_CHARS, _blocks, analyse
from deckgen.extractors.phrases import noun_phrases
from deckgen.sources import parse_transcript, read_transcript


def megabyte_line() -> bytes:
    """The seed's text as one line of 1 MiB (a transcript pasted without line breaks)."""
    text = SEED.read_text(encoding="utf-8").replace("\n", " ").encode()
    return (text * (2**20 // len(text) + 1))[: 2**20].decode("utf-8", "ignore").encode()


def test_a_one_megabyte_line_goes_to_kiwi_in_bounded_pieces_cut_at_sentence_ends():
    transcript = parse_transcript(megabyte_line(), "one-line.txt")
    assert len(transcript.segments) == 1

    blocks = list(_blocks(transcript))

    assert max(end - start for start, end in blocks) <= MAX_PIECE_CHARS
    pieces = [transcript.text[start:end] for start, end in blocks]
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", transcript.text)
    ends_at_sentence = sum(piece.endswith((".", "?", "!")) for piece in pieces[:-1])
    assert ends_at_sentence == len(pieces) - 1


def test_a_long_run_of_words_without_spaces_is_still_cut():
    transcript = parse_transcript(("가" * 5000).encode(), "a.txt")
    assert [end - start for start, end in _blocks(transcript)] == [2000, 2000, 1000]


def test_subtitle_cues_join_until_a_sentence_ends_or_the_speaker_changes():
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n오늘은 신경망의\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n역사를 봅니다. 먼저\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\n(질문자) 네\n\n"
        "4\n00:00:04,000 --> 00:00:05,000\n퍼셉트론입니다.\n"
    )
    transcript = parse_transcript(srt.encode(), "a.srt")
    blocks = [transcript.text[start:end] for start, end in _blocks(transcript)]
    assert blocks == ["오늘은 신경망의\n역사를 봅니다. 먼저", "네", "퍼셉트론입니다."]


def test_cues_without_punctuation_are_cut_into_bounded_blocks():
    cues = "".join(
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},500\n말이 끝나지 않는 자막 줄 {i}\n\n"
        for i in range(1, 60)
    )
    transcript = parse_transcript(cues.encode(), "a.srt")
    assert max(end - start for start, end in _blocks(transcript)) < MAX_BLOCK_CHARS + 30


def test_each_sentence_keeps_the_time_line_and_speaker_of_its_first_cue(kiwi):
    srt = (
        "1\n00:00:05,000 --> 00:00:07,000\n퍼셉트론은 가장 단순한\n\n"
        "2\n00:00:07,000 --> 00:00:09,000\n신경망입니다. 다음으로\n\n"
        "3\n00:01:00,000 --> 00:01:02,000\n역전파를 봅니다.\n\n"
        "4\n00:01:02,000 --> 00:01:03,000\n(질문자) 어렵네요.\n"
    )
    doc = analyse(parse_transcript(srt.encode(), "a.srt"), kiwi)
    assert [(s.text, s.line, s.time, s.speaker) for s in doc.sentences] == [
        ("퍼셉트론은 가장 단순한 신경망입니다.", 3, 5.0, None),
        ("다음으로 역전파를 봅니다.", 7, 7.0, None),
        ("어렵네요.", 15, 62.0, "질문자"),
    ]
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end].replace("\n", " ") == sentence.text


def test_a_cue_that_ends_a_sentence_without_a_mark_ends_it_before_a_latin_word(kiwi):
    # cs231n lecture 2, cues 528-529: Kiwi reads the final "-ㅂ시다" as connective when
    # the text goes on, and the next cue opens on a word in Latin letters.
    srt = (
        "528\n00:55:15,649 --> 00:55:23,328\n"
        "각 이미지를 고차원 공간의 한 점이라고 생각해 봅시다\n\n"
        "529\n00:55:23,328 --> 00:55:33,125\nLinear classifier는 각 클래스를 구분시켜 주는\n"
        "선형 결정 경계를 그어주는 역할을 합니다.\n"
    )
    doc = analyse(parse_transcript(srt.encode(), "a.srt"), kiwi)
    assert [(s.text, s.line) for s in doc.sentences] == [
        ("각 이미지를 고차원 공간의 한 점이라고 생각해 봅시다", 3),
        ("Linear classifier는 각 클래스를 구분시켜 주는 선형 결정 경계를 그어주는 "
         "역할을 합니다.", 7),
    ]
    # A cue that ends on a connective goes on into the next one, Latin letters or not.
    going_on = analyse(parse_transcript(srt.replace("봅시다", "보면").encode(), "a.srt"), kiwi)
    assert len(going_on.sentences) == 1


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
    # Kiwi's sentences, where one ending on a comma runs on into the next.
    rejoined: list[tuple[str, list[tuple[str, str]]]] = []
    for text, tokens in expected:
        if rejoined and rejoined[-1][1][-1] == (",", "SP"):
            text, tokens = rejoined[-1][0] + " " + text, rejoined.pop()[1] + tokens
        rejoined.append((text, tokens))
    assert len(rejoined) < len(expected)  # the seed has such a sentence
    got = [(s.text, [(t.form, t.tag) for t in s.tokens]) for s in seed_document.sentences]
    assert got == rejoined
    assert [s.index for s in seed_document.sentences] == list(range(len(rejoined)))


def test_a_sentence_runs_on_after_a_comma_and_into_a_lone_verb_of_saying(kiwi):
    sbv = (
        "0:02:05.000,0:02:07.000\n남편이 나쁜 사람이다. 이것을 상을 짓는다\n\n"
        "0:02:07.000,0:02:09.000\n그래요.\n\n"
        "0:02:10.000,0:02:12.000\n이것은 비상이에요, 상이 없다.\n\n"
        "0:02:12.000,0:02:14.000\n좋은 사람이다. 그래요.\n"
    )
    doc = analyse(parse_transcript(sbv.encode(), "a.sbv"), kiwi)
    assert [s.text for s in doc.sentences] == [
        "남편이 나쁜 사람이다.",
        "이것을 상을 짓는다 그래요.",
        "이것은 비상이에요, 상이 없다.",
        "좋은 사람이다.",  # a written full stop ends it
        "그래요.",
    ]
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end].replace("\n", " ") == sentence.text
        starts = [t.start for t in sentence.tokens]
        assert starts == sorted(starts) and starts[0] == 0
        last = sentence.tokens[-1]  # offsets of the joined part rebased on the sentence
        assert (sentence.text[last.start], last.start + last.length) == (".", len(sentence.text))


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


def test_set_after_a_noun_is_a_noun_and_three_after_a_particle_stays_a_number(analyse_text):
    # cs231n's subtitles: Kiwi reads the loanword "셋" (set) as the number three.
    doc = analyse_text("그리고 벨리데이션 셋의 성능이 최대인 하이퍼 파라미터를 선택합니다.\n"
                       "데이터를 셋으로 나눕니다.\n")
    sets = [[t.tag for t in s.tokens if t.form == "셋"] for s in doc.sentences]
    assert sets == [["NNG"], ["NR"]]
    phrases = {p.text for p in noun_phrases(doc.sentences[0])}
    assert "벨리데이션 셋" in phrases


def test_same_text_same_document(kiwi, seed_document):
    again = analyse(read_transcript(SEED), kiwi)
    assert again == seed_document


def test_building_from_a_study_set_never_loads_kiwi(tmp_path, seed_study_set):
    """Nor the extractors or the transcript readers: a study set needs no analysis."""
    from deckgen.pipeline import save_study_set

    study = save_study_set(seed_study_set, tmp_path / "study.json")
    unneeded = ["kiwipiepy", "deckgen.extractors.registry", "deckgen.extractors.definitions",
                "deckgen.sources.plain", "deckgen.sources.subtitles"]
    code = (
        "import sys\nfrom deckgen.cli import cli\n"
        f"try:\n    cli(['build', {str(study)!r}, '-o', {str(tmp_path / 'out.apkg')!r}])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print([name for name in {unneeded!r} if name in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "out.apkg").is_file()


def test_on_sentence_gets_every_sentence_in_order(kiwi, seed_document):
    seen = []
    doc = analyse(read_transcript(SEED), kiwi, on_sentence=seen.append)
    assert doc == seed_document
    assert len(seen) == len(doc.sentences) and all(
        a is b for a, b in zip(seen, doc.sentences, strict=True))
