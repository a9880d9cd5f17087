"""Hybrid retrieval: the library's nearest items in meaning and its best keyword matches (with
vocabulary expansion), fused by reciprocal rank, then near-duplicates removed so one passage
printed twice cannot crowd out others.

Each side takes its top candidates from the library's named queries; nothing here reads the
whole library, so a query costs the same at five documents and at two thousand.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.core.embeddings import Embedder
from app.core.kinds import kinds_asked_for
from app.core.records import DocumentMeta, Item
from app.core.text import tokens
from app.search.law import speaks_of_law
from app.search.naming import mention_pattern, names_heading
from app.search.vocabulary import (
    Vocabulary,
    described,
    describing,
    first_at,
    runs_on,
    spell_out,
)
from app.storage.library import Candidate, Library

RRF_K = 60
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
EXPANSION_WEIGHT = 0.5
CANDIDATES = 60
DUPLICATE_COSINE = 0.97
DOC_DECAY = 0.9  # each further pick from one document scales its items' scores by this
KIND_WEIGHT = {"reference": 0.5}
MENTION_BOOST = 1.6  # the question names the document ('Child AK')
KIND_BOOST = 1.4  # the question asks for a kind of item ('recommendations', 'what went well')
SECTION_BOOST = 1.4  # the question names a heading
RUNS_ON = 5  # a word the library never prints finds the words that run on from its first letters
COMMON_SHARE = 0.3  # a title word more items than this use describes no one document
POSTINGS_BUDGET = 5_000  # keyword search reads at most about this many item-term matches


@dataclass(frozen=True)
class Hit:
    item: Item
    score: float  # fused score (higher is better)
    dense: float  # cosine similarity of the query and the item
    vector: np.ndarray | None = None


@dataclass(frozen=True)
class Query:
    text: str
    vector: np.ndarray
    dense: dict[str, float]  # item id -> cosine, for the candidates in meaning
    keyword: dict[str, float]  # item id -> BM25 (expansions included), for keyword candidates
    known_terms: int  # query words the library uses at all
    top_cosine: float  # the closest item in meaning, over the whole library
    mentioned: tuple[str, ...] = ()  # documents the question names
    kinds: tuple[str, ...] = ()  # kinds of item the question asks for
    sections: frozenset[tuple[str, str]] = frozenset()  # (document, heading) the question names

    @property
    def asks_of_documents(self) -> bool:
        """The question asks what a document holds (names a review or a heading: 'who wrote the
        Devon review?', 'what does "What to do now" say?'), or asks for questions for
        reflection, which are questions, not answers to one."""
        return bool(self.mentioned or self.sections or "reflective_question" in self.kinds)


class _Names:
    """What a question can name: documents by their reviews' names, the library's glossary."""

    def __init__(
        self, documents: list[DocumentMeta], vocabulary: Vocabulary, common: frozenset[str]
    ) -> None:
        self.documents = documents
        self.common = common  # words too common in the library to describe a document by
        self.mentions = {
            d.id: pattern
            for d in documents
            if (pattern := mention_pattern(d.title, d.subject)) is not None
        }
        self.vocabulary = vocabulary


class Retriever:
    def __init__(self, library: Library, embedder: Embedder, vocabulary: Vocabulary) -> None:
        self.library = library
        self.embedder = embedder
        self.vocabulary = vocabulary
        self._names: tuple[str, _Names] | None = None
        self._lock = threading.Lock()

    def names(self) -> _Names:
        """Rebuilt only when the library has changed."""
        version = self.library.version()
        cached = self._names
        if cached is None or cached[0] != version:
            with self._lock:
                vocabulary = self.vocabulary.with_glossary(self.library.lexicon().glossary)
                documents = self.library.documents()
                common = self._common(documents)
                cached = self._names = (version, _Names(documents, vocabulary, common))
        return cached[1]

    def _common(self, documents: list[DocumentMeta]) -> frozenset[str]:
        """Words of the documents' titles and subjects that a large share of the library's items
        use ('neglect' in a library of neglect reviews): they describe no one document."""
        about = {w for d in documents for w in re.findall(r"[a-z]+", f"{d.names} {d.type}".lower())}
        stems = {w: tokens(w) for w in about}
        counts = self.library.term_counts([s for st in stems.values() for s in st])
        total = max(self.library.size()[1], 1)
        return frozenset(
            w for w, st in stems.items() if st and counts.get(st[0], 0) / total >= COMMON_SHARE
        )

    def query(
        self,
        text: str,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        pool: int = CANDIDATES,
    ) -> Query:
        names = self.names()
        lexicon = self.library.lexicon()
        text = spell_out(text, lexicon.words)
        vector = self.embedder.embed([text])[0]
        own = tokens(text)
        extra = [t for t in tokens(" ".join(names.vocabulary.expand(text))) if t not in own]
        counts = self.library.term_counts([*own, *extra])
        unprinted = [t for t in own if len(t) >= RUNS_ON and not counts.get(t)]
        if unprinted:  # 'midwives' (midwif-) is not printed; 'midwifery' runs on from it
            more = [t for w in runs_on(unprinted, lexicon.words) for t in tokens(w)]
            extra += [t for t in dict.fromkeys(more) if t not in own and t not in extra]
            counts = self.library.term_counts([*own, *extra])
        own_terms, extra_terms = _within_budget(own, counts), _within_budget(extra, counts)
        mentioned = _mentioned(text, names)
        asked = tuple(sorted(kinds_asked_for(text)))
        dense: dict[str, float] = {}
        keyword: dict[str, float] = {}
        scopes: list[tuple[Sequence[str] | None, Sequence[str] | None]] = [(doc_ids, kinds)]
        if doc_ids is None:  # what the question names gets its own candidates
            scopes += [([d], kinds) for d in mentioned]
            if asked and kinds is None:
                scopes.append((None, asked))
        for scope_docs, scope_kinds in scopes:
            for c in self.library.dense(vector, pool, scope_docs, scope_kinds):
                dense[c.item_id] = c.score
        sections: set[tuple[str, str]] = set()
        if doc_ids is None:  # a heading of a document it names
            titles = {m.id: m.names for m in names.documents}
            for d in mentioned:
                naming = set(tokens(titles.get(d, "")))  # 'Child B' heads a part, and names it all
                items = self.library.items_of(d)
                named = {
                    h
                    for h in {i.section for i in items}  # each heading once
                    if names_heading(text, h) and not set(tokens(h)) <= naming
                }
                under = [i for i in items if i.section in named]
                sections |= {(d, h) for h in named}
                if under:
                    cosines = self.library.vectors([i.id for i in under]) @ vector
                    for i, c in zip(under, cosines, strict=True):
                        dense.setdefault(i.id, float(c))
        # keyword candidates come from the scope asked for; what the question names is
        # boosted among them (a keyword search per named scope would cost a full match each)
        _add(keyword, self.library.keyword(own_terms, pool, doc_ids, kinds), 1.0)
        _add(keyword, self.library.keyword(extra_terms, pool, doc_ids, kinds), EXPANSION_WEIGHT)
        top = max(dense.values(), default=0.0)
        if doc_ids is not None or kinds is not None:  # coverage is judged on the whole library
            top = max((c.score for c in self.library.dense(vector, 1)), default=0.0)
        known = sum(1 for t in set(own) if counts.get(t, 0) > 0)
        return Query(
            text, vector, dense, keyword, known, top, mentioned, asked, frozenset(sections)
        )

    def search(
        self,
        text: str,
        k: int = 5,
        doc_ids: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
    ) -> list[Hit]:
        return self.rank(self.query(text, doc_ids, kinds), k)

    def rank(self, q: Query, k: int) -> list[Hit]:
        ids = list(dict.fromkeys([*q.dense, *q.keyword]))
        items = {i.id: i for i in self.library.items(ids)}
        ids = [i for i in ids if i in items]  # the library may have changed since the query
        if not ids:
            return []
        vectors = self.library.vectors(ids)
        cosine = vectors @ q.vector  # every candidate's place in meaning, keyword-only ones too
        fused = DENSE_WEIGHT * _rrf(cosine) + KEYWORD_WEIGHT * _rrf(
            np.array([q.keyword.get(i, 0.0) for i in ids])
        )
        fused *= _priors(q, [items[i] for i in ids])
        return _diverse([items[i] for i in ids], vectors, cosine, fused, k)


def _diverse(
    items: list[Item], vectors: np.ndarray, cosine: np.ndarray, fused: np.ndarray, k: int
) -> list[Hit]:
    """Greedy picks: skip near-duplicates; each pick from a document lowers that document's
    other items a little, so one long report cannot fill every place."""
    pool = [int(i) for i in np.argsort(-fused, kind="stable")[: max(CANDIDATES, k * 3)]]
    pool = [i for i in pool if fused[i] > 0]
    picked_from: dict[str, int] = {}
    chosen: list[int] = []
    while pool and len(chosen) < k:
        best = max(pool, key=lambda i: fused[i] * DOC_DECAY ** picked_from.get(items[i].doc_id, 0))
        pool.remove(best)
        if any(float(vectors[best] @ vectors[c]) > DUPLICATE_COSINE for c in chosen):
            continue
        chosen.append(best)
        picked_from[items[best].doc_id] = picked_from.get(items[best].doc_id, 0) + 1
    return [Hit(items[c], float(fused[c]), float(cosine[c]), vectors[c]) for c in chosen]


def _mentioned(text: str, names: _Names) -> tuple[str, ...]:
    """The documents a question names ('Child AK'), then those it describes in the rest of its
    words ('the Devon review'): 'What do the Devon review and the Child AK briefing say about
    consent?' asks of both."""
    named = [d for d, p in names.mentions.items() if p.search(text)]
    rest = text
    for d in named:
        rest = names.mentions[d].sub(" ", rest)
    more = described(rest, names.documents, names.common)
    # in the order the question has them ('the Devon review and the Child B review')
    at = {d: m.start() for d in named if (m := names.mentions[d].search(text))}
    if not more:
        return tuple(sorted(at, key=lambda d: at[d]))
    if not named:
        return tuple(more)
    metas = {m.id: m for m in names.documents}
    for d in more:
        at.setdefault(d, first_at(text, describing(rest, metas[d], names.common)))
    return tuple(sorted(at, key=lambda d: at[d]))


def _within_budget(terms: list[str], counts: dict[str, int]) -> list[str]:
    """The terms keyword search scores, rarest first, while their matches fit the budget.

    A word most items use says little about which item answers (its IDF is near zero) and costs
    the most to score; in a small library every term fits, in a large one the commonest words
    are left to the dense side."""
    known = sorted((counts.get(t, 0), t) for t in set(terms) if counts.get(t, 0) > 0)
    kept: list[str] = []
    spent = 0
    for n, term in known:
        if kept and spent + n > POSTINGS_BUDGET:
            break
        kept.append(term)
        spent += n
    return [t for t in terms if t in set(kept)]


def _add(scores: dict[str, float], found: list[Candidate], weight: float) -> None:
    for c in found:
        scores[c.item_id] = scores.get(c.item_id, 0.0) + weight * c.score


def _rrf(scores: np.ndarray) -> np.ndarray:
    """Reciprocal rank of each candidate on one side; no score there, no share."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(len(scores))
    return np.where(scores > 0, 1.0 / (RRF_K + ranks + 1), 0.0)


def _priors(q: Query, items: list[Item]) -> np.ndarray:
    """Multipliers from what the question names: a document, a kind of item."""
    prior = np.array([KIND_WEIGHT.get(i.kind, 1.0) for i in items])
    law = speaks_of_law(q.text)  # a question on the law is answered by what speaks of it
    for k, item in enumerate(items):
        if item.doc_id in q.mentioned:
            prior[k] *= MENTION_BOOST
        if item.kind in q.kinds or (law and speaks_of_law(item.text)):
            prior[k] *= KIND_BOOST
        if (item.doc_id, item.section) in q.sections:
            prior[k] *= SECTION_BOOST
    return prior
