"""Drafts: what each candidate would ask as a card, before the gate judges it.

* a definition asks for its term's meaning; its concept is the term;
* an idea hides one key term of its sentence (``blanks.choose_blank``), a quote one key
  term of its own words;
* a key term asks for itself, hidden in a sentence of the talk that uses it: one draft
  per such sentence, so that the gate can drop the sentences that do not stand alone
  and the selection can take the one that explains the term best.

A candidate with nothing to hide keeps no blanks: the gate names why it is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .blanks import Blank, choose_blank
from .extractors.index import DocumentIndex
from .extractors.phrases import term_key
from .types import Document, Extract

# The ranking's best terms are the key terms a blank may hide: at most this many, and
# only those scoring at least ``KEY_TERM_FLOOR`` (see ``extractors.terms``: a term
# said in two stretches of the talk, or once and named).  A short talk has few terms
# worth a card; the tail of its ranking is the words of its examples.
KEY_TERMS = 40
KEY_TERM_FLOOR = 2.3
# A term in more sentences than this share of the talk (and this many) is its subject,
# not a blank (see ``key_term_ranks``).
SUBJECT_SHARE = 0.025
SUBJECT_SENTENCES = 5
# The terms that may get a card of their own, and how many of each term's sentences
# are drafted (its first uses, where a talk introduces a term).
TERM_CARD_TERMS = 30
TERM_SENTENCES = 12


def key_term_ranks(terms: Sequence[Extract], index: DocumentIndex | None = None
                   ) -> dict[str, int]:
    """Key of each key term -> its rank.

    With ``index``, a term said all through the talk is left out: it is what the talk
    is about ("불교" in a talk on Buddhism, "모델" in one on AI), so any blank of the
    talk could be it and hiding it tests nothing (its definition card asks about it).
    """
    ranks: dict[str, int] = {}
    keys = [term_key(t.text) for t in terms[:KEY_TERMS]]
    said = index.containing(keys, term_keys=True) if index is not None else {}
    everywhere = max(SUBJECT_SENTENCES, SUBJECT_SHARE * len(index.keys) if index else 0)
    for i, (t, key) in enumerate(zip(terms, keys, strict=False)):
        if t.score < KEY_TERM_FLOOR:
            continue
        if len(said.get(key, ())) > everywhere:
            continue
        ranks.setdefault(key, i)
    return ranks


def draft_candidates(doc: Document, index: DocumentIndex,
                     extracts: Mapping[str, Sequence[Extract]], *, term_cards: bool = True
                     ) -> list[Extract]:
    """Every candidate of ``extracts`` drafted, and (``term_cards``) the term cards'."""
    terms = list(extracts.get("terms", ()))
    key_terms = key_term_ranks(terms, index)
    drafts = [replace(d, concept=term_key(d.term or d.text))
              for d in extracts.get("definitions", ())]
    for idea in extracts.get("ideas", ()):
        blank = choose_blank(index, doc.sentences[idea.sentence_index], key_terms,
                             point_only=True)
        drafts.append(_with_blank(idea, blank))
    for quote in extracts.get("quotes", ()):
        drafts.append(_draft_quote(doc, index, quote, key_terms))
    if term_cards:
        drafts.extend(_term_drafts(doc, index, terms, key_terms))
    return drafts


def _with_blank(candidate: Extract, blank: Blank | None) -> Extract:
    if blank is None:
        return candidate
    return replace(candidate, term=blank.term, blanks=blank.spans, concept=term_key(blank.term))


def _draft_quote(doc: Document, index: DocumentIndex, quote: Extract,
                 key_terms: Mapping[str, int]) -> Extract:
    """A quote hides a key term of its part in its first sentence."""
    sentence = doc.sentences[quote.sentence_index]
    start, end = quote.span or (0, len(quote.text))
    blank = choose_blank(index, sentence, key_terms, start, min(end, len(sentence.text)))
    return _with_blank(quote, blank)


def _term_drafts(doc: Document, index: DocumentIndex, terms: Sequence[Extract],
                 key_terms: Mapping[str, int]) -> list[Extract]:
    """For each of the best terms, a draft on each of its first sentences."""
    best = [t for t in terms[:TERM_CARD_TERMS] if term_key(t.text) in key_terms]
    uses = index.containing((term_key(t.text) for t in best), term_keys=True)
    drafts = []
    for term in best:
        key = term_key(term.text)
        taken = 0
        for i in uses.get(key, ()):
            if taken >= TERM_SENTENCES:
                break
            sentence = doc.sentences[i]
            blank = choose_blank(index, sentence, key_terms, concept=key, point_only=True)
            if blank is None:
                continue
            taken += 1
            drafts.append(Extract(kind="term", text=sentence.text, sentence_index=i,
                                  score=term.score, term=term.text, lines=(sentence.line,),
                                  blanks=blank.spans, concept=term_key(term.text)))
    return drafts
