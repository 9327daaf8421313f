"""Talk that carries no knowledge: greetings, thanks, introductions, agreement, framing,
reactions, remarks to the other speaker and the questioner's own turn.

Every rule is about how people talk, never about one talk: the phrases are the
formulas Korean speakers use to greet, thank, introduce, agree and announce.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..types import Document, Sentence

_GREETING = re.compile(r"안녕하세요|안녕하십니까|반갑습니다|환영합니다|어서 오세요")
_THANKS = re.compile(r"감사합니다|고맙습니다|감사드립니다|감사드려요|고마워요|감사해요")
_AGREEMENT = re.compile(
    r"^(?:네|예|아|음|어|응|아뇨|아니요|맞습니다|맞아요|좋아요|좋습니다|알겠습니다|그렇죠|그렇습니다"
    r"|그럼요|물론이죠|물론입니다|그러네요|그렇네요)(?:[.,!…\s]|$)"
)
_INTRODUCTION = re.compile(
    r"소개(?:해|하겠|합니다|드리|할게)|모시(?:고|겠|게 되)|제 이름은|나와 주셨|나와주셨|함께해 주신"
    r"|함께해주신|출연"
)
# Announcing what comes next, or what the talk is going to do.
_FRAMING = re.compile(
    r"(?:이번|오늘|다음|지난)\s*(?:강의|시간|부분|영상|에피소드|장|챕터|주제)|^(?:이번에는|이제는|다음으로)\s"
    r"|(?:얘기|이야기|설명|말씀|소개|정리|요약)\s*(?:를|을)?\s*(?:해\s*)?(?:보|드리|하)(?:겠|려고|도록)"
    r"|(?:얘기해|이야기해|설명해|살펴|알아|들어|넘어가)\s*보(?:겠|려고|도록|죠|자|시죠)"
    r"|말씀드리(?:겠|려고|고 싶)|질문(?:을|이|하나)?\s*(?:드리|하)(?:겠|고 싶)|시작하겠|마치겠"
    r"|(?:이유|방법|원리)를 설명할 수 있|(?:고려할|생각해 볼|짚어 볼|짚어볼) 가치가 있는"
    r"|(?:이야기|얘기|말씀|설명)(?:하고|드리고) 싶은 것은"
)
_REACTION = re.compile(
    r"모르겠습니다|모르겠어요|궁금합니다|궁금해요|궁금하네요|흥미롭네요|흥미롭습니다|흥미로웠"
    r"|좋은 질문|재미있네요|놀랍네요|그렇군요"
)
# Guessing, not claiming: "어쩌면 ...", "...수도 있습니다", "...것 같아요".
_HEDGE = re.compile(
    r"^(?:어쩌면|아마|아마도|혹시)\s|수도 있|것 같(?:습니다|아요|네요|다|은데|죠)|텐데"
)
# What is on the slide, or about the course rather than its subject.
_OFF_SUBJECT = re.compile(
    r"슬라이드|화면|오른쪽|왼쪽|위쪽|아래쪽|보시면 됩니다|보시다시피|과제|숙제|공지|알려드릴"
    r"|알려 드릴|(?:흰|빨간|파란|노란|초록|검은|회)색\s*(?:영역|선|점|부분|상자|박스|칸|곡선)"
)
_RESTATED_QUESTION = re.compile(r"^(?:제\s*)?질문은|질문하신|질문이 (?:뭐|무엇)")
# The turn that asks: it ends with a request for an answer.
_ASKING = re.compile(
    r"여쭙니다|여쭤보고|여쭈어|듣고 싶습니다|듣고 싶어요|궁금해서|궁금합니다"
    r"|알고 싶습니다|알고 싶어요|가르쳐 주|말씀해 주|조언(?:을|해) 주"
    r"|어떻게 해야 (?:할까요|하나요|합니까|됩니까)"
)
# Words that open a clarification of what the speaker just said or asked.
_CLARIFYING = re.compile(r"^(?:제가 의미하는 바를 명확히 하자면|제 말은|제 말씀은|제 질문은"
                         r"|다시 말해서?|다시 말씀드리면|그러니까 제 말은)[,\s]")
UTTERANCE_SENTENCES = 12
QUESTIONER_LABELS = frozenset(
    "질문자 질문 청중 방청객 관객 학생 사회자 진행자 인터뷰어 기자 Q 문 questioner".split()
)
# The opening question of a Q&A: the first sentences of the talk, at most this share of
# it and this many (a long opening that asks something is a conversation, not a question).
_OPENING_SHARE = 0.08
_OPENING_SENTENCES = 20
# Honorific "-시-" or an honorific verb: a remark about the other speaker
# ("언급하셨습니다", "두고 계신 것 같습니다"), not a claim of the speaker's.
_HONORIFIC_VERBS = frozenset("계시 말씀하시 드시 주무시 잡수시".split())
_INSTRUCTIONS = frozenset("세요 으세요 십시오 으십시오 시오".split())
# "생각해 봅시다", "다시 상기시켜 봅시다": the speaker leads the audience, wherever in the
# sentence (a cue may run on into the next sentence).
_PROPOSALS = frozenset("ᆸ시다 읍시다".split())
# The one who asked, named in the answer (Kiwi reads "질문자" as 질문 + -자).
_QUESTIONER = re.compile(r"질문(?:자|하신 분)")


def turn_problem(sentence: Sentence) -> str | None:
    """Why the sentence is talk rather than knowledge, or None."""
    text = sentence.text.strip()
    if _GREETING.search(text):
        return "a greeting"
    if _THANKS.search(text):
        return "thanks"
    if _INTRODUCTION.search(text):
        return "an introduction"
    if _AGREEMENT.match(text):
        return "agreement or back-channel"
    if _FRAMING.search(text):
        return "framing the talk"
    if _REACTION.search(text):
        return "a reaction"
    if _RESTATED_QUESTION.search(text):
        return "restating a question"
    if _OFF_SUBJECT.search(text):
        return "about the slides or the course"
    if _HEDGE.search(text):
        return "a guess, not a claim"
    if addresses_listener(sentence):
        return "a remark to the other speaker"
    return None


def addresses_listener(sentence: Sentence) -> bool:
    """Honorific "-시-" ("말씀하실 때", "언급하셨습니다"), "당신", "질문자" (the one who
    asked, "지금 질문자가 조건이라고 말하는 것과는 …"), or an instruction ("생각해
    보세요", "살펴봅시다"): the speaker talks to or about the other person."""
    tokens = sentence.tokens
    if tokens and tokens[-1].tag.startswith("S"):
        tokens = tokens[:-1]
    if tokens and tokens[-1].tag == "EF" and tokens[-1].form in _INSTRUCTIONS:
        return True
    if _QUESTIONER.search(sentence.text):
        return True
    return any(t.tag == "EP" and t.form in ("시", "으시") or t.form in _HONORIFIC_VERBS
               or t.tag == "NP" and t.form == "당신" or t.tag == "EF" and t.form in _PROPOSALS
               for t in tokens)


def questioner_sentences(doc: Document) -> set[int]:
    """Sentences of the questioner's turns: a speaker labelled as one, the opening
    question of a Q&A (the talk's first sentences up to one that asks for an answer),
    and an utterance that clarifies the question just asked ("…인지 궁금합니다." then
    "제가 의미하는 바를 명확히 하자면, …")."""
    found = {s.index for s in doc.sentences if _is_questioner(s.speaker)}
    opening = min(_OPENING_SENTENCES, max(1, int(len(doc.sentences) * _OPENING_SHARE)))
    for sentence in doc.sentences[:opening]:
        if _ASKING.search(sentence.text):
            found.update(range(sentence.index + 1))
            break
    sentences = doc.sentences
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        if sentence.line != before.line and _CLARIFYING.match(sentence.text) and (
                before.text.rstrip().endswith("?") or _ASKING.search(before.text)):
            found.update(s.index for s in sentences[sentence.index:]
                         if s.line == sentence.line)
    return found


def setting_up_question(sentences: Sequence[Sentence], i: int,
                        per_line: Mapping[int, int] | None = None) -> bool:
    """A question follows in the same utterance (source line): the sentence sets up a
    question, as an interviewer does, rather than making a point.  A line of more than
    ``UTTERANCE_SENTENCES`` sentences (``per_line``) is text pasted without breaks, not
    one utterance."""
    line = sentences[i].line
    if per_line is not None and per_line.get(line, 0) > UTTERANCE_SENTENCES:
        return False
    for j in range(i + 1, min(len(sentences), i + 6)):
        if sentences[j].line != line:
            return False
        if sentences[j].text.rstrip().endswith("?"):
            return True
    return False


def _is_questioner(speaker: str | None) -> bool:
    if not speaker:
        return False
    words = re.split(r"[\s\d()]+", speaker.strip())
    return any(word in QUESTIONER_LABELS for word in words if word)
