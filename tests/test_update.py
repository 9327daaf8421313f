"""merge_study_sets: a fresh extraction merged into the study set the user edited."""

from __future__ import annotations

from dataclasses import replace

from deckgen.cards import content_hash
from deckgen.types import Card, DeckSpec, DeletedCard, SourceInfo, SourceRef, StudySet
from deckgen.update import merge_study_sets

NOW = 1_800_000_000


def idea(guid: str, sentence: str, modified: int = 1_700_000_000) -> Card:
    card = Card(kind="idea", key=" ".join(sentence.split()[:3]), guid=guid,
                source=SourceRef(path="t.txt", line=1, context=sentence), sentence=sentence,
                cloze="{{c1::" + sentence.split()[0] + "}} " + " ".join(sentence.split()[1:]),
                modified=modified)
    return replace(card, content_hash=content_hash(card))


def study(*cards: Card, generated: tuple[str, ...] = (), deleted=()) -> StudySet:
    source = SourceInfo("t.txt", "", "deck", "ns", generated=generated)
    return StudySet(DeckSpec("deck", 1 << 30), (source,), tuple(cards), tuple(deleted))


A = "가치 함수는 중간 단계에서 잘하고 있는지 알려주는 도구입니다"
B = "사전 훈련 데이터는 유한하기 때문에 언젠가 고갈될 것입니다"
C = "연구의 시대에는 아이디어가 컴퓨팅보다 더 귀한 자원이 됩니다"


def test_unchanged_changed_added_removed():
    old = study(idea("a", A), idea("b", B), generated=("a", "b"))
    fresh = study(idea("a", A), idea("c", C), idea("b", B.replace("유한하기", "정말 유한하기")))
    merged, report = merge_study_sets(old, fresh, now=NOW)
    by_guid = {c.guid: c for c in merged.cards}
    assert by_guid["a"].modified == 1_700_000_000  # unchanged keeps its time
    assert by_guid["b"].modified == NOW and "정말" in by_guid["b"].sentence
    assert by_guid["c"].modified == NOW
    assert (len(report.added), len(report.changed), report.unchanged) == (1, 1, 1)
    assert merged.sources[0].generated == ("a", "c", "b")


def test_a_typo_fix_keeps_the_guid():
    old = study(idea("a", A), generated=("a",))
    fixed = idea("a2", A.replace("알려주는", "알려 주는"))
    merged, report = merge_study_sets(old, study(fixed), now=NOW)
    assert [c.guid for c in merged.cards] == ["a"] and len(report.changed) == 1
    again, report = merge_study_sets(merged, study(fixed), now=NOW + 10)
    assert [c.guid for c in again.cards] == ["a"] and report.unchanged == 1


def test_edits_deletions_and_own_cards_survive():
    mine = idea("mine", C)
    edited = replace(idea("a", A), sentence="내가 고친 문장")
    old = study(edited, mine, generated=("a", "b"))  # "b" was deleted from the file
    fresh = study(idea("a", A), idea("b", B))
    merged, report = merge_study_sets(old, fresh, now=NOW)
    by_guid = {c.guid: c for c in merged.cards}
    assert by_guid["a"].sentence == "내가 고친 문장" and by_guid["a"].edited
    assert by_guid["a"].modified == NOW  # the edit reaches Anki on the next build
    assert "b" not in by_guid and [d.guid for d in merged.deleted] == ["b"]
    assert "mine" in by_guid and report.kept_deletions == 1
    # Later, the deleted card's sentence gets a typo fix: it stays deleted.
    fresh = study(idea("a", A), idea("b2", B.replace("고갈될", "고갈 될")))
    later, _ = merge_study_sets(merged, fresh, now=NOW + 10)
    assert {c.guid for c in later.cards} == {"a", "mine"}


def test_an_old_deletion_record_is_kept():
    old = study(idea("a", A), generated=("a",), deleted=(DeletedCard("z", "idea", "x y z"),))
    merged, _ = merge_study_sets(old, study(idea("a", A)), now=NOW)
    assert [d.guid for d in merged.deleted] == ["z"]
