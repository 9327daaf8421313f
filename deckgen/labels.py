"""Words shown on the cards, Korean by default (``--lang en`` for English)."""

from __future__ import annotations

from collections.abc import Mapping

LABELS: dict[str, dict[str, str]] = {
    "ko": {
        "lang": "ko",
        "definition": "정의",
        "idea": "핵심 아이디어",
        "quote": "인용",
        "term": "용어",
        "context": "맥락",
        "source": "출처",
        "hint": "힌트",
        "line": "{line}번째 줄",
        "speaker": "화자",
        "open_video": "영상에서 보기",
        "which_term": "어떤 용어의 정의일까요?",
        "fill_idea": "빈칸을 채우세요",
        "fill_quote": "인용을 완성하세요",
        "term_question": "빈칸에 들어갈 용어는?",
        "ask_with_batchim": "{term}이란?",
        "ask_without_batchim": "{term}란?",
        "ask_unknown": "{term}(이)란?",
    },
    "en": {
        "lang": "en",
        "definition": "Definition",
        "idea": "Key idea",
        "quote": "Quote",
        "term": "Term",
        "context": "Context",
        "source": "Source",
        "hint": "Hint",
        "line": "line {line}",
        "speaker": "Speaker",
        "open_video": "Open the video here",
        "which_term": "Which term is defined?",
        "fill_idea": "Fill in the blank",
        "fill_quote": "Complete the quote",
        "term_question": "Which term fills the blank?",
        "ask_with_batchim": "What is {term}?",
        "ask_without_batchim": "What is {term}?",
        "ask_unknown": "What is {term}?",
    },
}


def definition_prompt(term: str, labels: Mapping[str, str]) -> str:
    """The question on a definition card: "가치 함수란?", "강화 학습이란?"."""
    last = term.rstrip()[-1:] or " "
    if "가" <= last <= "힣":
        has_batchim = (ord(last) - ord("가")) % 28 != 0
        key = "ask_with_batchim" if has_batchim else "ask_without_batchim"
    else:
        key = "ask_unknown"
    return labels[key].format(term=term)
