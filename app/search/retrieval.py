"""Hybrid retrieval: dense cosine + BM25 (with vocabulary expansion), fused by reciprocal rank,
then near-duplicates removed so one passage printed twice cannot crowd out others."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from app.core.embeddings import Embedder
from app.core.kinds import kinds_asked_for
from app.core.records import Item
from app.core.text import tokens
from app.search.coverage import child_names
from app.search.vocabulary import Vocabulary
from app.storage.bm25 import KeywordIndex
from app.storage.chroma_library import Index, Snapshot

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


@dataclass(frozen=True)
class Hit:
    item: Item
    score: float  # fused score (higher is better)
    dense: float  # cosine similarity of the query and the item


@dataclass(frozen=True)
class Query:
    text: str
    vector: np.ndarray
    dense: np.ndarray  # cosine per item
    keyword: np.ndarray  # BM25 per item (expansions included)
    known_terms: int  # query words the corpus uses at all


class _Prepared:
    """Structures derived from one snapshot; rebuilt when the snapshot changes."""

    def __init__(self, snap: Snapshot, vocabulary: Vocabulary) -> None:
        self.snapshot = snap
        self.keyword = KeywordIndex(
            [f"{i.doc_title} {i.section} {i.label} {i.text}" for i in snap.items]
        )
        self.vocabulary = vocabulary.with_corpus(snap.items)
        self.doc_index = {
            doc_id: np.array([k for k, i in enumerate(snap.items) if i.doc_id == doc_id])
            for doc_id in snap.documents
        }
        self.mentions = {
            doc_id: _mention_pattern(d.meta.title, d.meta.subject)
            for doc_id, d in snap.documents.items()
        }
        self.kind_weight = np.array([KIND_WEIGHT.get(i.kind, 1.0) for i in snap.items])
        self.kinds = np.array([i.kind for i in snap.items])
        self.child_names = child_names(
            [i.text for i in snap.items] + [d.meta.title for d in snap.documents.values()]
        )


_CHILD_NAME = re.compile(r"\b(Child [A-Z]{1,3}|Case Study \d+)\b")


def _mention_pattern(title: str, subject: str | None) -> re.Pattern[str] | None:
    """Names that single a document out in a question: 'Child AK', 'Case Study 1'."""
    names = set(_CHILD_NAME.findall(f"{title} {subject or ''}"))
    if not names:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names)) + r")\b", re.I)


class Retriever:
    def __init__(self, index: Index, embedder: Embedder, vocabulary: Vocabulary) -> None:
        self.index = index
        self.embedder = embedder
        self.vocabulary = vocabulary
        self._prepared: _Prepared | None = None
        self._lock = threading.Lock()

    def prepared(self) -> _Prepared:
        snap = self.index.snapshot
        prepared = self._prepared
        if prepared is None or prepared.snapshot is not snap:
            with self._lock:
                if self._prepared is None or self._prepared.snapshot is not snap:
                    self._prepared = _Prepared(snap, self.vocabulary)
                prepared = self._prepared
        return prepared

    def query(self, text: str) -> tuple[Query, _Prepared]:
        p = self.prepared()
        vector = self.embedder.embed([text])[0]
        dense = p.snapshot.vectors @ vector if len(p.snapshot.items) else np.zeros(0)
        own = tokens(text)
        extra = [t for t in tokens(" ".join(p.vocabulary.expand(text))) if t not in own]
        keyword = p.keyword.scores(own) + EXPANSION_WEIGHT * p.keyword.scores(extra)
        known = sum(p.keyword.knows(t) for t in set(own))
        return Query(text, vector, dense, keyword, known), p

    def search(
        self, text: str, k: int = 5, doc_ids: set[str] | None = None, kinds: set[str] | None = None
    ) -> list[Hit]:
        q, p = self.query(text)
        return rank(q, p, k, doc_ids, kinds)


def _rrf(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(len(scores))
    return np.where(mask, 1.0 / (RRF_K + ranks + 1), 0.0)


def rank(
    q: Query, p: _Prepared, k: int, doc_ids: set[str] | None = None, kinds: set[str] | None = None
) -> list[Hit]:
    items = p.snapshot.items
    if not items:
        return []
    allowed = np.ones(len(items), dtype=bool)
    if doc_ids is not None:
        allowed &= np.array([i.doc_id in doc_ids for i in items])
    if kinds is not None:
        allowed &= np.array([i.kind in kinds for i in items])
    fused = DENSE_WEIGHT * _rrf(q.dense, allowed) + KEYWORD_WEIGHT * _rrf(
        q.keyword, allowed & (q.keyword > 0)
    )
    return _diverse(fused * _priors(q, p), q, p, k)


def _priors(q: Query, p: _Prepared) -> np.ndarray:
    """Multipliers from what the question names: a document, a kind of item."""
    prior = p.kind_weight.copy()
    for doc_id, pattern in p.mentions.items():
        if pattern is not None and pattern.search(q.text):
            prior[p.doc_index[doc_id]] *= MENTION_BOOST
    for kind in kinds_asked_for(q.text):
        prior[p.kinds == kind] *= KIND_BOOST
    return prior


def _diverse(fused: np.ndarray, q: Query, p: _Prepared, k: int) -> list[Hit]:
    """Greedy picks: skip near-duplicates; each pick from a document lowers that document's
    other items a little, so one long report cannot fill every place."""
    vectors, items = p.snapshot.vectors, p.snapshot.items
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
    return [Hit(items[c], float(fused[c]), float(q.dense[c])) for c in chosen]
