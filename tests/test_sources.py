"""Reading transcripts: every format, speakers and times, encodings, refusals."""

from __future__ import annotations

import logging
import os
import unicodedata

import pytest
from conftest import SEED, SHARED

from deckgen.errors import DeckgenError
from deckgen.sources import MAX_BYTES, parse_transcript, read_text, read_transcript

CORPUS = SHARED / "corpus"


def parse(text: str, name: str = "talk.txt", **options) -> list[tuple]:
    """``(text, line, time, speaker)`` of every segment."""
    transcript = parse_transcript(text.encode("utf-8"), name, **options)
    return [
        (transcript.text[s.start : s.end], s.line, s.time, s.speaker) for s in transcript.segments
    ]


# Plain text ---------------------------------------------------------------------------


def test_plain_text_is_one_utterance_per_line_with_file_line_numbers():
    assert parse("  첫 줄입니다.  \n\n둘째 줄입니다.\n") == [
        ("첫 줄입니다.", 1, None, None),
        ("둘째 줄입니다.", 3, None, None),
    ]


def test_speaker_labels_become_speakers_and_hold_for_the_following_lines():
    text = (
        "진행자: 오늘은 신경망을 다룹니다.\n먼저 역사부터 보죠.\n"
        "Q: 왜 신경망인가요?\nA：데이터가 많아서요."
    )
    assert parse(text) == [
        ("오늘은 신경망을 다룹니다.", 1, None, "진행자"),
        ("먼저 역사부터 보죠.", 2, None, "진행자"),
        ("왜 신경망인가요?", 3, None, "Q"),
        ("데이터가 많아서요.", 4, None, "A"),
    ]


def test_a_name_is_a_speaker_when_it_labels_several_lines():
    text = (
        "김민수: 안녕하세요.\n이지은: 반갑습니다.\n김민수: 시작할까요?\n"
        "이지은: 네.\n결론: 한 번뿐입니다."
    )
    segments = parse(text)
    assert [s[3] for s in segments] == ["김민수", "이지은", "김민수", "이지은", "이지은"]
    assert [s[0] for s in segments[:2]] == ["안녕하세요.", "반갑습니다."]
    assert segments[4][0] == "결론: 한 번뿐입니다."  # a label used once could be anything


def test_times_and_links_are_not_speaker_labels():
    text = "회의는 10:30에 시작합니다.\n자료는 https://example.com 에 있습니다.\n"
    assert [s[0] for s in parse(text)] == text.strip().split("\n")


def test_note_app_export_gives_each_utterance_its_speaker_and_time():
    text = (
        "참석자 1 00:03\n안녕하세요, 오늘 회의를 시작하겠습니다.\n\n"
        "화자 2 01:02:03\n네, 반갑습니다.\n두 번째 줄도 같은 화자입니다.\n"
    )
    assert parse(text) == [
        ("안녕하세요, 오늘 회의를 시작하겠습니다.", 2, 3.0, "참석자 1"),
        ("네, 반갑습니다.", 5, 3723.0, "화자 2"),
        ("두 번째 줄도 같은 화자입니다.", 6, 3723.0, "화자 2"),
    ]


def test_sound_notes_are_dropped_and_a_leading_note_names_the_speaker():
    text = "(청중 웃음)\n(질문자) 네, 맞습니다.\n[음악]\n다음 주제입니다."
    assert parse(text) == [
        ("네, 맞습니다.", 2, None, "질문자"),
        ("다음 주제입니다.", 4, None, None),
    ]


def test_markdown_markers_are_not_part_of_the_utterance():
    text = "# 강의 노트\n\n- 첫째 요점입니다.\n> 인용한 문장입니다.\n"
    assert [s[0] for s in parse(text, "notes.md")] == [
        "강의 노트",
        "첫째 요점입니다.",
        "인용한 문장입니다.",
    ]
    assert parse(text, "notes.txt")[1][0] == "- 첫째 요점입니다."


# SubRip -------------------------------------------------------------------------------

SRT = """1
00:00:01,000 --> 00:00:03,500
첫째, 신체적으로는
17살이 넘어야 된다.

2
00:00:04,000 --> 00:00:05,000 X1:10 X2:20
(질문자) 네.
(청중 웃음)

3
00:00:06,000 --> 00:00:07,000
<i>기울어진</i> {\\an8}<font color="red">글씨</font>와 <script>그대로</script>
"""


def test_srt_keeps_each_lines_cue_time_file_line_and_speaker():
    transcript = parse_transcript(SRT.encode(), "talk.srt")
    assert transcript.format == "srt" and transcript.flowing
    assert [
        (transcript.text[s.start : s.end], s.line, s.time, s.speaker) for s in transcript.segments
    ] == [
        ("첫째, 신체적으로는", 3, 1.0, None),
        ("17살이 넘어야 된다.", 4, 1.0, None),
        ("네.", 8, 4.0, "질문자"),
        ("기울어진 글씨와 <script>그대로</script>", 13, 6.0, None),
    ]
    assert "\n".join(t for t, *_ in parse(SRT, "talk.srt")) == transcript.text


def test_srt_with_missing_numbers_blank_lines_and_crlf_still_reads():
    text = (
        "00:00:01,000 --> 00:00:02,000\r\n안녕하세요.\r\n"
        "2\r\n00:00:02,000 --> 00:00:03,000\r\n반갑습니다.\r\n"
    )
    assert parse(text, "a.srt") == [("안녕하세요.", 2, 1.0, None), ("반갑습니다.", 5, 2.0, None)]


def test_srt_cue_ending_before_it_starts_is_read_with_a_warning(caplog):
    # As in the real CS231n file, whose last cue ends at 00:00:00,000.
    text = "1\n00:59:25,044 --> 00:00:00,000\n오늘은 여기까지입니다.\n"
    with caplog.at_level(logging.WARNING):
        assert parse(text, "a.srt") == [("오늘은 여기까지입니다.", 3, 3565.044, None)]
    assert "line 2" in caplog.text


@pytest.mark.parametrize(
    "timing",
    [
        "00:00:0x,000 --> 00:00:02,000",
        "00:00:01,000 --> soon",
        "00:61:00,000 --> 01:02:00,000",
        "1 --> 2",
    ],
)
def test_srt_bad_cue_time_names_the_line(timing):
    text = f"1\n00:00:00,000 --> 00:00:01,000\n좋아요.\n\n2\n{timing}\n안녕\n"
    with pytest.raises(DeckgenError, match=r"a\.srt, line 6: cannot read the cue times"):
        parse_transcript(text.encode(), "a.srt")


def test_srt_credit_and_url_cues_are_dropped_in_the_real_cs231n_file():
    transcript = read_transcript(CORPUS / "cs231n-lecture02-image-classification.ko.srt")
    assert "Translated by" not in transcript.text and "github.com" not in transcript.text
    first = transcript.segments[0]
    assert transcript.text[first.start : first.end] == "CS231n 두 번째 시간입니다."
    assert (first.line, first.time) == (8, 6.971)  # line 1 of the file starts with a BOM


def test_real_dharma_talk_keeps_the_questioner_as_speaker_and_drops_laughter():
    transcript = read_transcript(CORPUS / "dharma-qna-1119-good-spouse.ko.srt")
    assert "웃음" not in transcript.text and "(질문자)" not in transcript.text
    spoken = {
        transcript.text[s.start : s.end] for s in transcript.segments if s.speaker == "질문자"
    }
    assert spoken == {"네.", "감사합니다."}


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.*") if p.suffix != ".md"))
def test_every_corpus_segment_is_text_of_its_file_line(name):
    path = CORPUS / name
    transcript = read_transcript(path)
    lines = [" ".join(line.split()) for line in path.read_bytes().decode("utf-8-sig").splitlines()]
    assert len(transcript.segments) > 50
    for segment in transcript.segments:
        assert transcript.text[segment.start : segment.end] in lines[segment.line - 1]
        assert segment.time is not None and segment.time >= 0


# WebVTT -------------------------------------------------------------------------------

VTT = """WEBVTT
Kind: captions
Language:  ko

STYLE
::cue { color: yellow }

NOTE 이 블록은
주석입니다

intro
00:01.000 --> 00:03.000 align:start position:0%
<v 진행자>안녕하세요 &amp; 반갑습니다

00:00:03.000 --> 00:00:03.010 align:start position:0%
안녕하세요 &amp; 반갑습니다

00:00:03.010 --> 00:00:06.000 align:start position:0%
안녕하세요 &amp; 반갑습니다
오늘은<00:00:03.500><c> 레이더를</c><00:00:04.000><c.colorE5E5E5> 배웁니다.</c>
"""


def test_vtt_skips_header_note_and_style_and_reads_tags_voices_and_rolling_lines():
    assert parse(VTT, "talk.vtt") == [
        ("안녕하세요 & 반갑습니다", 13, 1.0, "진행자"),
        ("오늘은 레이더를 배웁니다.", 20, 3.01, None),
    ]


def test_vtt_bad_time_names_the_line():
    with pytest.raises(DeckgenError, match=r"line 3: cannot read"):
        parse_transcript(b"WEBVTT\n\n00:0x.000 --> 00:02.000\n\xec\x95\x88\n", "a.vtt")


# SubViewer and Whisper ---------------------------------------------------------------


def test_sbv_splits_lines_at_br_markers():
    text = (
        "0:00:09.730,0:00:16.980\r\n저는 잘 모르고 [br]지금 초보자예요.\r\n\r\n"
        "0:00:16.980,0:00:18.000\r\n네.[br](질문자) 웃음\r\n"
    )
    assert parse(text, "a.sbv") == [
        ("저는 잘 모르고", 2, 9.73, None),
        ("지금 초보자예요.", 2, 9.73, None),
        ("네.", 5, 16.98, None),
    ]


def test_whisper_json_reads_segments_and_a_diarised_speaker():
    text = (
        '{"text": "...", "segments": [{"id": 0, "start": 0.0, "end": 2.5, "text": " 안녕하세요."},'
        ' {"start": 2.5, "end": 4.0, "text": " 반갑습니다.", "speaker": "SPEAKER_01"}]}'
    )
    assert parse(text, "talk.json") == [
        ("안녕하세요.", 1, 0.0, None),
        ("반갑습니다.", 2, 2.5, "SPEAKER_01"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"segments": [{"start": 0, "text": "안녕"},', "line 1: not valid JSON"),
        ('{"segments": [{"start": "zero", "text": "안녕"}]}', 'segment 1 needs a "start"'),
        ('{"language": "ko"}', "not a Whisper transcript"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_bad_whisper_json_is_refused_with_the_reason(text, message):
    with pytest.raises(DeckgenError, match=message):
        parse_transcript(text.encode(), "talk.json")


def test_whisper_tsv_times_are_milliseconds():
    text = "start\tend\ttext\n0\t2500\t안녕하세요.\n2500\t4000\t반갑습니다.\n"
    assert parse(text, "talk.tsv") == [("안녕하세요.", 2, 0.0, None), ("반갑습니다.", 3, 2.5, None)]
    assert parse("0\t2500\t안녕하세요.\n", "talk.txt") == [("안녕하세요.", 1, 0.0, None)]
    with pytest.raises(DeckgenError, match="line 2: expected start<TAB>end<TAB>text"):
        parse_transcript(b"start\tend\ttext\nsoon\t1\tx\n", "talk.tsv")


# Choosing the format -----------------------------------------------------------------


def test_content_wins_over_a_wrong_extension_and_fmt_overrides_both():
    assert parse_transcript(SRT.encode(), "saved-as.txt").format == "srt"
    as_text = parse_transcript(SRT.encode(), "talk.srt", fmt="text")
    assert as_text.format == "text" and not as_text.flowing
    assert parse_transcript("[음악] 시작합니다".encode(), "a.txt").format == "text"


def test_a_subtitle_extension_without_cues_asks_for_format_text():
    with pytest.raises(
        DeckgenError, match="talk.srt: does not look like a SubRip file.*--format text"
    ):
        parse_transcript("그냥 글입니다.".encode(), "talk.srt")


def test_a_file_of_only_sound_notes_has_no_speech():
    with pytest.raises(DeckgenError, match="no spoken text found in this SubRip file"):
        parse_transcript(b"1\n00:00:01,000 --> 00:00:02,000\n[Music]\n", "a.srt")


# Encodings and cleaning ---------------------------------------------------------------

KOREAN = "강의 노트: 신경망은 데이터에서 배웁니다.\n두 번째 줄입니다.\n"


@pytest.mark.parametrize(
    "raw",
    [
        KOREAN.encode("utf-8"),
        b"\xef\xbb\xbf" + KOREAN.encode("utf-8"),
        KOREAN.encode("utf-16"),  # with BOM
        b"\xfe\xff" + KOREAN.encode("utf-16-be"),
        KOREAN.encode("utf-32"),
        KOREAN.encode("cp949"),
        KOREAN.encode("euc-kr"),
        KOREAN.replace("\n", "\r\n").encode("cp949"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32",
        "cp949",
        "euc-kr",
        "cp949-crlf",
    ],
)
def test_encodings_are_detected(raw):
    assert parse_transcript(raw, "a.txt").text == KOREAN


def test_encoding_override_and_its_errors():
    raw = KOREAN.encode("utf-16-le")  # no BOM: has NUL bytes, so not detected
    with pytest.raises(DeckgenError, match="NUL bytes.*--encoding"):
        parse_transcript(raw, "a.txt")
    assert parse_transcript(raw, "a.txt", encoding="utf-16-le").text == KOREAN
    with pytest.raises(DeckgenError, match="not valid utf-8 text"):
        parse_transcript(KOREAN.encode("cp949"), "a.txt", encoding="utf-8")
    with pytest.raises(DeckgenError, match="unknown encoding 'klingon'"):
        parse_transcript(b"x", "a.txt", encoding="klingon")


def test_latin1_is_not_guessed_but_names_encoding_option():
    raw = "café au lait, naïve résumé".encode("latin-1")
    with pytest.raises(DeckgenError, match="a.txt: cannot read it as text.*--encoding"):
        parse_transcript(raw, "a.txt")
    assert parse_transcript(raw, "a.txt", encoding="latin-1").text.startswith("café")


def test_text_is_nfc_without_invisible_or_control_characters():
    raw = unicodedata.normalize(
        "NFD", "한국어\u200b 강\u00ad의\u200e\x07\x1b입니다\u2028끝\t탭"
    ).encode()
    text = parse_transcript(raw, "a.txt").text
    assert text == "한국어 강의입니다 끝\t탭"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "this is a PNG image, not a transcript"),
        (b"PK\x03\x04" + bytes(200), "this is a ZIP archive"),
        (b"ID3\x04\x00" + bytes(range(256)) * 4, "this is an audio file"),
        (bytes(range(128, 256)) * 20, "cannot read it as text"),
        ("안녕하세요 반갑습니다".encode("utf-16-le"), "NUL bytes"),  # UTF-16 without BOM
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "this is not text"),
        (b"", "the transcript is empty"),
        (" \n\t\n\u200b\ufeff\u3000\n".encode(), "the transcript is empty"),
        (b"a" * (MAX_BYTES + 1), "too large"),
    ],
    ids=["png", "zip", "mp3", "high-bytes", "nul", "controls", "empty", "blank", "too-large"],
)
def test_what_is_not_a_transcript_is_refused(raw, message):
    with pytest.raises(DeckgenError, match=message):
        parse_transcript(raw, "input.txt")


def test_seed_in_cp949_and_utf16_reads_to_the_same_sentences(tmp_path, kiwi, seed_document):
    from deckgen.analysis import analyse

    original = read_transcript(SEED)
    text = SEED.read_text(encoding="utf-8")
    for encoding in ("cp949", "utf-16"):
        path = tmp_path / f"seed-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        transcript = read_transcript(path)
        assert (transcript.text, transcript.segments) == (original.text, original.segments)
    sentences = analyse(read_transcript(tmp_path / "seed-cp949.txt"), kiwi).sentences
    assert [(s.text, s.line) for s in sentences] == [
        (s.text, s.line) for s in seed_document.sentences
    ]


# Files --------------------------------------------------------------------------------


def test_read_transcript_refuses_what_is_not_a_readable_file(tmp_path):
    with pytest.raises(DeckgenError, match="is a directory"):
        read_transcript(tmp_path)
    with pytest.raises(DeckgenError, match="no such file"):
        read_transcript(tmp_path / "missing.txt")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DeckgenError, match="not a regular file"):
        read_transcript(fifo)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(
        DeckgenError, match=r"big.txt: too large \(50.0 MiB; deckgen reads up to 16 MiB"
    ):
        read_transcript(big)


def test_read_text_has_no_size_limit(tmp_path):
    path = tmp_path / "study.json"
    path.write_text("가" * MAX_BYTES, encoding="utf-8")
    assert len(read_text(path)) == MAX_BYTES
