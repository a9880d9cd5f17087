"""Is a question covered by the library? Decided from the library's own content, never from a
list of topics:

1. The question's concepts are its content words (nouns, names, adjectives, numbers, and any word
   the library never prints), less the generic ones: a word most of the library's items use
   (child, review, neglect in a library of neglect reviews) says nothing about coverage
   (app.search.concepts).
2. Each concept weighs by how rare it is in the library; a word it never prints weighs most.
3. A concept is held by the passages that would be cited when they print it (same stem), a word
   the library uses for it (the vocabulary's synonyms, the acronyms it spells out), or, for a
   word the library never prints, a word of theirs that means the same (word vectors: 'kids'
   and 'children').
4. covered: the passages hold enough of the question's weight and are close to it in meaning;
   partial: they hold some of it; none: they hold none of it, or the question names a review
   the library does not hold. A question asking a figure needs one stated (app.search.figures).
5. Holding the words is not answering: a cross-encoder reads the question with each passage
   (app.core.relevance). When none of them reads as an answer, however many of the question's
   words they print, the question is not covered ('the legal age of consent' is not answered by
   passages on age and consent). The thresholds are fitted by `python -m bench.calibrate` on the
   tune half of the held-out questions and kept in calibration.json. The other way round, a
   passage that reads as an answer covers a question in other words than the library's
   ('moving between councils', where the reviews say 'local authorities'), unless what is
   lacking is a term of art, a name, or words that name one thing together (app.search.decision).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from app.core import lexicon
from app.core.embeddings import Embedder
from app.core.records import Item
from app.core.relevance import Relevance
from app.search.concepts import Concept, concepts_of
from app.search.decision import READS_AS_ANSWER, Calibration, Coverage, decide
from app.search.figures import ASKS_A_FIGURE, figure_unstated
from app.search.holding import ConceptHolders, stem_sequence
from app.search.law import ASKS_THE_LAW, speaks_of_law
from app.search.saying import NAMED, said_lacking, sayable, unsaid_lacking
from app.search.vocabulary import Vocabulary, acronyms_as_printed
from app.storage.library import Library

# A review or inquiry named after someone the library does not print ('the [NAME] review').
_NAMED_REVIEW = re.compile(
    r"\[NAME\]\s+(?:\w+\s+){0,2}(?:review|inquiry|enquiry|report|case review|scr|cspr)\b", re.I
)
# Reviews are not conducted to hold individuals to account: no review holds who is to blame.
BLAME = re.compile(
    r"\b(blame|blamed|fault|disciplin\w*|sacked|fired|negligen\w*|struck off"
    r"|which (social worker|officer|practitioner|nurse|teacher|doctor|manager))\b",
    re.I,
)
# Clinical dosing is never in a practice review: answering from near matches would be unsafe.
_DOSING = re.compile(
    r"\b(dose|doses|dosage|dosing|mg|milligrams?|ml)\b|how much \w+ (can|should) (i|we) give", re.I
)


def named_review_missing(question: str, known_children: frozenset[str]) -> bool:
    """The question names a review ('Child Q') that no document in the library is about."""
    return any(n not in known_children for n in lexicon.named_children(question))


class CoverageJudge:
    """Decides, for a question and the passages that would answer it, what the library holds."""

    def __init__(
        self,
        library: Library,
        vocabulary: Vocabulary,
        embedder: Embedder,
        calibration: Calibration,
        relevance: Relevance | None = None,
    ) -> None:
        self.library = library
        self.holding = ConceptHolders(library, vocabulary, embedder)
        self.calibration = calibration
        self.relevance = relevance

    def concepts(self, question: str) -> list[Concept]:
        return concepts_of(question, self.library)

    def judge(
        self,
        question: str,
        passages: Sequence[Item],
        top_cosine: float,
        read: bool = True,
        naming: frozenset[str] = frozenset(),
    ) -> Coverage:
        return self.decide(self.measure(question, passages, top_cosine, read, naming))

    def measure(
        self,
        question: str,
        passages: Sequence[Item],
        top_cosine: float,
        read: bool = True,
        naming: frozenset[str] = frozenset(),
    ) -> Coverage:
        """What the passages hold of the question, before any threshold: status '' unless a
        rule decides ('none'). `read=False` leaves the passages unread by the cross-encoder,
        for a question that asks what a document holds ('who wrote the Devon review?', 'what
        questions does the briefing ask?'): its answer is a profile or a list, which the
        cross-encoder does not read as an answer. `naming` holds the stems of the documents the
        question names ('Stoke'): what each passage holds of the rest is its `topic` weight.

        A question asking for a figure is covered only when a passage it leads with states one.

        A question on the law is judged on the passages that speak of the law, when they hold
        something of it beyond the law. Else the library does not cover it: what it says
        nearby is offered when a passage reads as an answer to the rest ('Do I legally need
        consent to share information?': 'Parental consent must not prevent safeguarding
        action'), never passages that only share its words ('legal proceedings', or a child
        'aged 5', for 'at what age is it legal to leave a child home alone')."""
        plain = self._measure(question, passages, top_cosine, read, naming)
        if read and not plain.status and figure_unstated(question, plain, passages):
            nearby = self._reading(question, plain.nearby)  # only what reads as an answer
            status = "partial" if plain.found and nearby else "none"
            reason = "asks a figure no passage gives"
            return replace(
                plain, status=status, missing=(ASKS_A_FIGURE,), nearby=nearby, reason=reason
            )
        if not speaks_of_law(question):
            return plain
        law = [p for p in passages if speaks_of_law(p.text)]
        if law:
            measured = self._measure(question, law, top_cosine, read, naming)
            held = (*measured.found, *measured.unsaid)  # 'Stoke' of 'the Stoke review'
            reads = not read or _reads_as_answer(measured.relevance)
            if measured.status or (reads and any(not speaks_of_law(w) for w in held)):
                return replace(measured, term_lacking=True)  # held, or not: never in other words
        if plain.status:
            return plain
        found = tuple(w for w in plain.found if not speaks_of_law(w))
        # nearby, only what reads as an answer to the rest of the question, the best first
        nearby = self._reading(question, [p for p in plain.nearby if not speaks_of_law(p.text)])
        status = "partial" if found and nearby else "none"
        return replace(
            plain,
            status=status,
            missing=(ASKS_THE_LAW,),
            found=found,
            nearby=nearby if status == "partial" else (),
            reason="asks the law",
        )

    def _reading(self, question: str, passages: Sequence[Item]) -> tuple[Item, ...]:
        """The passages that read as an answer to the question, the best first."""
        if self.relevance is None or not passages:
            return ()
        scores = self._scores(self.relevance, question, passages)
        ranked = sorted(zip(passages, scores, strict=True), key=lambda ps: -float(ps[1]))
        return tuple(p for p, score in ranked if _reads_as_answer(float(score)))

    def _measure(
        self,
        question: str,
        passages: Sequence[Item],
        top_cosine: float,
        read: bool,
        naming: frozenset[str],
    ) -> Coverage:
        named_review = _NAMED_REVIEW.search(question)
        if named_review or named_review_missing(question, self.library.lexicon().child_names):
            return Coverage("none", 0.0, top_cosine, (NAMED,), reason="names a review not held")
        if BLAME.search(question):
            return Coverage("none", 0.0, top_cosine, reason="asks who is to blame")
        if _DOSING.search(question):
            return Coverage("none", 0.0, top_cosine, reason="asks about a medicine dose")
        if not passages:
            return Coverage("none", 0.0, top_cosine, reason="the library is empty")
        readings = self._readings(question, passages) if read else {}
        relevance = max(readings.values()) if readings else None
        concepts = self.concepts(question)
        if not concepts:  # only generic words: meaning alone decides
            return Coverage("", 1.0, top_cosine, relevance=relevance, readings=readings)
        holders = self.holding.holders(question, concepts, passages)
        # a name of a document the question names is the library's own, whatever passages were
        # found ('the North Yorkshire briefing', when what holds consent is in other documents)
        titled = {
            c.position
            for c in concepts
            if naming and (c.pos == "PROPN" or c.shown) and set(c.stems) <= naming
        }  # a name only: 'families' of the Devon review's subject is still a topic
        total = sum(c.weight for c in concepts if not c.compound)
        total += sum(
            c.weight
            for c in concepts
            if c.compound and not holders[c.position] and c.position not in titled
        )
        singles = [c for c in concepts if not c.compound]
        lacking = [c for c in concepts if not holders[c.position] and c.position not in titled]
        # a word of a hyphenated term no passage holds whole is not held on its own: 'self' of
        # 'self-neglect' says nothing of self-neglect
        apart = {w for c in lacking if c.bound for w in c.words}
        held = sum(
            c.weight
            for c in singles
            if (holders[c.position] or c.position in titled) and c.words[0] not in apart
        )
        held /= total
        missing = said_lacking(lacking, question)
        # a word of what is missing is not what the library covers nearby: 'self' of
        # 'self-harm', 'abuse' of 'honour-based abuse'
        unbound = {w for c in lacking if c.bound or c.shown for w in c.words}
        unbound |= {w.lower() for phrase in missing for w in re.split(r"[\s-]+", phrase)}
        found = tuple(
            c.words[0]
            for c in singles
            if holders[c.position] and sayable(c) and c.words[0] not in unbound
        )
        unsayable = [c for c in lacking if not sayable(c)]
        if unsayable:  # 'FGM', never said back: an abbreviation, a name or a term
            missing = (*missing, unsaid_lacking(unsayable, question))
        # what the library says nearby: the passages holding more of what it does hold first
        near = [c for c in singles if c.words[0] not in unbound]
        # of what the answer can say it holds ('teen'), not a name or an acronym it never says
        near = [c for c in near if c.words[0] in found] or near
        order = list(dict.fromkeys(i for c in near for i in holders[c.position]))
        held_by = {
            i.id: sum(_prints(i, c) for c in near if i in holders[c.position]) for i in order
        }
        nearby = tuple(sorted(order, key=lambda i: -held_by[i.id]))
        specialist = any(c.specialist or c.bound for c in lacking)
        weights: dict[str, float] = {}
        topic: dict[str, float] | None = {} if naming else None
        for c in concepts:
            for item in holders[c.position]:
                weights[item.id] = weights.get(item.id, 0.0) + c.weight / total
                if topic is not None and not set(c.stems) <= naming:
                    topic[item.id] = topic.get(item.id, 0.0) + c.weight / total
        unsaid = tuple(c.words[0] for c in singles if holders[c.position] and not sayable(c))
        return Coverage(
            "",
            held,
            top_cosine,
            missing,
            found,
            nearby,
            specialist_missing=specialist,
            weights=weights,
            relevance=relevance,
            readings=readings,
            topic=topic,
            unsaid=unsaid,
            naming=naming,
            term_lacking=any(
                c.compound or c.bound or c.specialist or not sayable(c) for c in lacking
            ),
        )

    def _readings(self, question: str, passages: Sequence[Item]) -> dict[str, float]:
        """Each passage's cross-encoder logit as an answer to the question, by item id."""
        if self.relevance is None:
            return {}
        scores = self._scores(self.relevance, question, passages)
        return {p.id: float(x) for p, x in zip(passages, scores, strict=True)}

    def _scores(self, relevance: Relevance, question: str, passages: Sequence[Item]) -> np.ndarray:
        """The cross-encoder's reading of each passage as an answer to the question, asked in
        the library's own spelling of its acronyms."""
        asked = acronyms_as_printed(question, self.library.lexicon().words)
        return relevance.score(asked, [p.text for p in passages])

    def holds_any(self, question: str, passages: Sequence[Item], words: Sequence[str]) -> bool:
        """Any of the passages holds one of the question's concepts written with these words (in
        print, in a word the library uses for it, or, for a word it never prints, by meaning)."""
        concepts = [c for c in self.concepts(question) if not c.compound and c.words[0] in words]
        if not concepts or not passages:
            return False
        holders = self.holding.holders(question, concepts, passages)
        return any(holders[c.position] for c in concepts)

    def decide(self, measured: Coverage) -> Coverage:
        return decide(measured, self.calibration)


def _reads_as_answer(relevance: float | None) -> bool:
    return relevance is not None and relevance >= READS_AS_ANSWER


def _prints(item: Item, concept: Concept) -> bool:
    """The passage's own text prints the concept (not only its heading or its document's)."""
    return bool(set(concept.stems) & set(stem_sequence(item.text)))
