"""Word lists about Korean, never about one transcript: the nouns every talk uses.

``phrases`` re-exports them; every extractor and the gate read them from there.
"""

from __future__ import annotations

# Nouns every talk uses, whatever its subject.  A term made of them alone is never a
# key term; Kiwi's surprisal pushes down the rest.  Keep these lists generic: they are
# about Korean, never about one transcript.
# Vague and discourse nouns ("것", "경우", "생각", "이야기"): they also make a phrase
# headed by them vague ("접근 방식", "컴퓨트 파워의 양").
VAGUE_NOUNS = frozenset(
    """
    것 거 게 수 때 등 중 점 적 분 번 곳 쪽 데 뿐 바 채 대로 만큼 자체
    그것 이것 저것 무엇 뭔가 무언가
    생각 사람 말 일 문제 방법 이유 방식 경우 정도 부분 의미 상황 종류 질문 이야기 사실 얘기 내용
    느낌 기분 사례 예 예시 예제 비유 꼴 대상
    결국 측면 관점 입장 의견 주장 답 대답 답변 해결책 설명 표현 단어 용어
    양 차이 필요 가능 가능성 자신 누구 분들 여러분 당신 저희 대해 관련 통해 위해 때문 유형 형태 수준
    사이 간 안 밖 위 아래 앞 뒤 옆 속 전 후 이상 이하 미만 대신 가운데 끝 쪽
    질문자 청중 사회자 진행자 발표자 화자 청취자 시청자
    """.split()
)
# Numbers, amounts and time words: vague alone, fine as a head ("고속 시간").
_COUNT_NOUNS = frozenset(
    """
    가지 하나 둘 셋 다음 처음 마지막 전체 모두 대부분 일부 여러 다른 모든 각 각각 전부
    시간 시기 순간 지금 오늘 요즘 최근 나중 이전 이후 동안 년 해 달 주 날 초 시 개
    """.split()
)
GENERIC_NOUNS = VAGUE_NOUNS | _COUNT_NOUNS
# Everyday nouns: people, family, home and daily things, and the words of any technical
# talk ("데이터", "모델", "시스템").  A talk mentions them in its examples ("남편이 인색한
# 거를", "집에서 TV 보면서") and its claims; alone they are never the key term a card
# asks about, whatever the talk (inside a term they are fine: "한 가정의 책임자", "학습
# 데이터").
# Not generic for the other extractors: sentences are still compared by them.
EVERYDAY_NOUNS = frozenset(
    """
    남자 여자 남편 아내 부인 엄마 아빠 어머니 아버지 부모 부모님 아들 딸 자식 아이 애기 아기 애
    형 누나 언니 오빠 동생 친구 가족 식구 할머니 할아버지 선생님 사람들 분 놈 녀석 자기 나 너
    인간 집 방 돈 밥 차 옷 물 길 자리 말씀 나이 몸 눈 손 발 머리 얼굴 마음 tv 텔레비전 인터넷
    유튜브 전화 핸드폰 휴대폰 어제 내일 옛날 동네
    데이터 모델 시스템 시나리오 행동
    """.split()
)
