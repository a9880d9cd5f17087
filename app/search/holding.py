"""Whether a passage's words hold a question's concept: the same stem, a word that runs on from
it, a word the library uses for it or one close in meaning, or a compound's stems in order."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from app.core.embeddings import Embedder
from app.core.records import DocumentMeta, Item
from app.core.text import tokens
from app.search.concepts import Concept, word_stems
from app.search.vocabulary import Vocabulary
from app.storage.library import Library

WORD = re.compile(r"[a-z0-9][a-z0-9'’]*")
SAME_WORD = 0.78  # cosine at which a word the library never prints means one it does
COMPOUND_GAP = 1  # words a passage may put between a compound's parts ('high levels of need')


def shares(wanted: set[str], words: set[str], runs_on: bool = True) -> bool:
    """A passage prints a concept: the same stem, or (for a word the library uses, not a name)
    one that runs on from a stem of five letters or more ('quiet' and 'quieter')."""
    if wanted & words:
        return True
    if not runs_on:
        return False
    long = [w for w in wanted if len(w) >= 5]
    return any(p.startswith(w) or (len(p) >= 5 and w.startswith(p)) for w in long for p in words)


def stem_sequence(text: str) -> list[str]:
    return [s for w in WORD.findall(text.lower()) for s in word_stems(w)]


def in_order(stems: tuple[str, ...], sequence: list[str], gap: int) -> bool:
    """The stems appear in this order, each within `gap` words of the one before."""
    for start, stem in enumerate(sequence):
        if stem != stems[0]:
            continue
        at, ok = start, True
        for nxt in stems[1:]:
            window = sequence[at + 1 : at + 2 + gap]
            if nxt not in window:
                ok = False
                break
            at = at + 1 + window.index(nxt)
        if ok:
            return True
    return False


class ConceptHolders:
    """Which of the passages hold each of a question's concepts: they print it (same stem), print
    a word the library uses for it, or print a word of the same meaning ('homes' for 'house';
    for a name, only when no passage prints it); a compound's words in order; a name in their
    document's title."""

    def __init__(self, library: Library, vocabulary: Vocabulary, embedder: Embedder) -> None:
        self.library = library
        self.vocabulary = vocabulary
        self.embedder = embedder

    def holders(
        self, question: str, concepts: list[Concept], passages: Sequence[Item]
    ) -> dict[int, list[Item]]:
        """For each concept (by position), the passages that hold it."""
        alternatives = self._alternatives(question)
        titles = {m.id: m for m in self.library.documents()}
        words_of: list[set[str]] = []
        for item in passages:
            text = f"{item.section} {item.label} {item.text} {_about(titles, item)}"
            words_of.append({s for w in WORD.findall(text.lower()) for s in word_stems(w)})
        sequences = [stem_sequence(f"{p.section} {p.text}") for p in passages]
        about = [stem_sequence(_about(titles, p)) for p in passages]
        # a name may be printed in its document's title, subject or publisher: read those only
        # for a name (one the question capitalises or hyphenates, or that names a document)
        by_title = {
            c.position
            for c in concepts
            if c.compound and (c.shown or c.bound or _names_a_document(c, about))
        }
        named = (
            [[*seq, *more] for seq, more in zip(sequences, about, strict=True)]
            if by_title
            else sequences
        )
        holders: dict[int, list[Item]] = {}
        for c in (c for c in concepts if not c.compound):
            # the library's words for it: a word, or words that hold it only together ('male
            # carer' for 'dad': not any passage printing 'carer')
            others = alternatives.get(c.words[0], set())
            wanted = set(c.stems) | {a[0] for a in others if len(a) == 1}
            phrases = [a for a in others if len(a) > 1]
            holders[c.position] = [
                p
                for p, words, seq in zip(passages, words_of, sequences, strict=True)
                if shares(wanted, words, runs_on=c.printed and c.pos != "PROPN")
                or any(in_order(phrase, seq, 0) for phrase in phrases)
            ]
        singles = [c for c in concepts if not c.compound and c.stems]
        if singles:  # in other words: 'kids' the library never prints; 'homes' for 'house'
            self._by_meaning(singles, passages, holders)
        for c in (c for c in concepts if c.compound):
            printed = named if c.position in by_title else sequences  # a title prints it too
            whole = [
                p
                for p, seq in zip(passages, printed, strict=True)
                if in_order(c.stems, seq, COMPOUND_GAP)
            ]
            # names joined by 'and' ('Stoke and Devon') may be two: held when each one is
            each = [
                [p for p, seq in zip(passages, printed, strict=True) if in_order(part, seq, 0)]
                for part in conjuncts(c)
            ]
            if not whole and len(each) > 1 and all(each):
                whole = [p for p in passages if any(p in held for held in each)]
            holders[c.position] = whole
        return holders

    def _by_meaning(
        self, singles: list[Concept], passages: Sequence[Item], holders: dict[int, list[Item]]
    ) -> None:
        """A concept may be there in other words: 'kids' for 'children', 'house' for 'homes'. A
        passage that prints a word of the same meaning holds it too; whether the question is
        covered does not turn on this for a concept some passage prints, only which passages
        hold the most of it."""
        words = [c.words[0] for c in singles]
        stored = self.library.word_vectors(words)
        fresh = [w for w in words if w not in stored]
        vectors = {**stored, **dict(zip(fresh, self.embedder.embed(fresh), strict=True))}
        passage_words = {w for item in passages for w in WORD.findall(item.text.lower())}
        word_vectors = self.library.word_vectors(sorted(passage_words))
        for c in singles:
            # numbers are close in meaning to every other number; a name means itself
            if c.pos == "NUM" or (holders[c.position] and c.pos == "PROPN"):
                continue
            printing = holders[c.position]
            meaning = self._meaning_holders(vectors[c.words[0]], passages, word_vectors)
            holders[c.position] = [p for p in passages if p in printing or p in meaning]

    def _alternatives(self, question: str) -> dict[str, set[tuple[str, ...]]]:
        """The library's words for the question's words (synonyms, spelled-out acronyms), each
        as its stems in order."""
        out: dict[str, set[tuple[str, ...]]] = {}
        glossary = self.library.lexicon().glossary
        vocabulary = self.vocabulary.with_glossary(glossary)
        for term, replacements in vocabulary.expansions(question).items():
            said = {stems for r in replacements if (stems := tuple(tokens(r)))}
            for word in term.split():
                out.setdefault(word, set()).update(said)
        return out

    @staticmethod
    def _meaning_holders(
        vector: np.ndarray, passages: Sequence[Item], word_vectors: dict[str, np.ndarray]
    ) -> list[Item]:
        close = {w for w, v in word_vectors.items() if float(v @ vector) >= SAME_WORD}
        return [p for p in passages if close & set(WORD.findall(p.text.lower()))]


def conjuncts(concept: Concept) -> list[tuple[str, ...]]:
    """The parts of a name joined by 'and' or '&' ('Stoke and Devon': 'stoke', 'devon'),
    each as its stems in order."""
    parts: list[list[str]] = [[]]
    for word in concept.words:
        if word in ("and", "&"):
            parts.append([])
        else:
            parts[-1].extend(word_stems(word))
    return [tuple(p) for p in parts if p]


def _about(titles: dict[str, DocumentMeta], item: Item) -> str:
    meta = titles.get(item.doc_id)
    return meta.names if meta else ""


def _names_a_document(concept: Concept, about: list[list[str]]) -> bool:
    """The compound's words, in order, name a passage's document: its title, subject or
    publisher prints them ('north yorkshire' of the North Yorkshire partnership's briefing)."""
    return any(in_order(concept.stems, seq, 0) for seq in about)
