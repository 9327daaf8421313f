"""What the analysis hands to Kiwi, and the times and speakers its sentences keep."""

from __future__ import annotations

import re

from conftest import SEED

from deckgen.analysis import MAX_BLOCK_CHARS, MAX_PIECE_CHARS, _blocks, analyse
from deckgen.sources import parse_transcript


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
