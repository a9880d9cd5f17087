"""Question -> cited answer: read what is asked, retrieve, decide what the library covers, keep
the passages that earn a place, compose."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from app.answers.compose import (
    Answer,
    Overview,
    Passage,
    ProfileLead,
    compose,
    compose_overview,
    join_words,
)
from app.answers.intent import Asked, leans_on_previous, read
from app.answers.llm import Event, LlmComposer
from app.core.kinds import names_a_kind
from app.core.records import Item
from app.core.text import links_elsewhere, points_elsewhere, tokens
from app.core.themes import Theme
from app.search.coverage import Coverage, CoverageJudge
from app.search.retrieval import Hit, Query, Retriever, heading_words

CANDIDATES = 8  # passages looked at for an answer
NOT_STATED = {"author": "who carried it out", "date": "when it was written",
              "partnership": "which partnership it is for"}  # fmt: skip
QUESTION_KIND = "reflective_question"
SECTION_LIST = 12  # a section this long or shorter is answered whole when a question names it
HOLDING_SHARE = 0.5  # a cited passage holds at least this share of what the best one holds
CLOSE_FLOOR = 0.85  # … or is this close in meaning as the closest passage
MEANING_SHARE = 0.75  # … and, either way, is this close in meaning as the closest passage
MIN_WORDS = 5  # a passage shorter than this is a heading or a timeline entry ('Case closure.')


def final(events: Iterator[Event]) -> Event:
    return [e for e in events if e.kind == "done"][-1]


class Answerer:
    """Answers from the library, and only from it."""

    def __init__(
        self,
        retriever: Retriever,
        judge: CoverageJudge,
        themes: tuple[Theme, ...],
        llm: LlmComposer | None = None,
        llm_mode: str = "answer",  # answer: the model writes it all; lead: its first sentence
    ) -> None:
        self.llm_mode = llm_mode
        self.retriever = retriever
        self.library = retriever.library
        self.judge = judge
        self.themes = themes
        self.llm = llm

    @property
    def calibration(self):  # type: ignore[no-untyped-def]
        return self.judge.calibration

    def covered_summary(self) -> str:
        docs = sorted(d.title for d in self.library.documents())
        themes = ", ".join(t.title.lower() for t in self.themes[:8])
        listed = "; ".join(docs[:12]) + (f"; and {len(docs) - 12} more" if len(docs) > 12 else "")
        return f"It holds {len(docs)} documents ({listed}), on themes such as {themes}."

    def prepare(
        self, question: str, history: Sequence[str] = ()
    ) -> tuple[Answer, list[Passage], Query]:
        """The extractive answer, the passages it may cite and the query they were found by."""
        asked = read(question)
        follow_up = bool(history) and leans_on_previous(question)
        searched = f"{history[-1]} {question}" if follow_up else question
        q = self.retriever.query(searched)
        hits = self.retriever.rank(q, CANDIDATES)
        coverage = self.judge.judge(searched, [h.item for h in hits], q.top_cosine)
        passages = self._earning(hits, coverage, q.sections)
        mentioned = list(q.mentioned)
        profile = self._profile_lead(asked, mentioned, hits) if coverage.grounded else None
        overview = None if profile else self._listing(asked, q, coverage)
        elsewhere = None if profile or overview else self._questions_elsewhere(q, coverage)
        if elsewhere:  # the review named has none: the questions come from other documents
            passages = [p for p in passages if p.item.kind == QUESTION_KIND]
            mentioned = []
        answer = compose_overview(question, overview) if overview else compose(
            question, asked, passages, coverage, self.covered_summary(), mentioned, profile
        ) if passages else compose(question, asked, passages, replace(coverage, status="none"),
                                   self.covered_summary())  # fmt: skip
        if elsewhere and answer.grounded:
            lines = (elsewhere, "", *answer.lines)
            answer = replace(answer, text="\n".join(lines), lines=lines)
        if follow_up:
            note = f"_Read with your earlier question: “{history[-1]}”_"
            lines = (note, "", *answer.lines)
            answer = replace(answer, text="\n".join(lines), lines=lines, searched=searched)
        return answer, passages, q

    def search(self, text: str, k: int = 5) -> list[Hit]:
        """The passages for a search; when it asks a fact about a review itself ('who wrote the
        Devon review?'), the item of the review that states it comes first, and when it asks
        about one review as a whole ('what went wrong for Child B?'), the review's own list."""
        q = self.retriever.query(text)
        hits = self.retriever.rank(q, k)
        asked, mentioned = read(text), list(q.mentioned)
        profile = self._profile_lead(asked, mentioned, hits)
        facts = list(profile.sources) if profile else []
        if not facts and len(mentioned) == 1:
            coverage = self.judge.judge(text, [h.item for h in hits], q.top_cosine)
            overview = self._listing(asked, q, coverage)
            facts = [*overview.listed] if overview else []
        if not facts:
            return hits
        vectors = self.library.vectors([i.id for i in facts])
        top = max((h.score for h in hits), default=1.0)
        first = [Hit(i, top, float(v @ q.vector), v) for i, v in zip(facts, vectors, strict=True)]
        rest = [h for h in hits if h.item.id not in {i.id for i in facts}]
        return [*first, *rest][:k]

    def _earning(
        self,
        hits: list[Hit],
        coverage: Coverage,
        sections: frozenset[tuple[str, str]] = frozenset(),
    ) -> list[Passage]:
        """Passages relevant on their own merits, in ranked order: the one passage that holds the
        most of the question's own concepts; those holding half as much that are not far from it
        in meaning; those very close to it in meaning (relative to the closest passage). Never a
        heading or a timeline entry of a few words, nor a link ('can be accessed here'), nor an
        instruction about the document ('Share the key messages with colleagues') unless the
        question names the section it is under ('What to do now'). One passage is a fine answer."""
        if not hits:
            return []
        best = max(h.dense for h in hits)
        most = max((coverage.weight_of(h.item) for h in hits), default=0.0)
        holding_most = [h.item.id for h in hits if coverage.weight_of(h.item) >= most]
        sole = holding_most[0] if len(holding_most) == 1 else None

        def earns(h: Hit) -> bool:
            held = coverage.weight_of(h.item)
            if most > 0 and h.item.id == sole:
                return True  # the one passage that holds the most of the question
            if most > 0 and held >= HOLDING_SHARE * most and h.dense >= MEANING_SHARE * best:
                return True  # holds much of it, and is not far from it in meaning
            close = h.dense >= max(CLOSE_FLOOR * best, self.calibration.min_top_cosine)
            return close and (held > 0 or most == 0)

        keep = [h for k, h in enumerate(hits) if k == 0 or earns(h)]
        says = [
            h
            for h in keep
            if len(h.item.text.split()) >= MIN_WORDS
            and not links_elsewhere(h.item)
            and ((h.item.doc_id, h.item.section) in sections or not points_elsewhere(h.item))
        ]
        return [Passage(h.item, h.dense) for h in says or keep[:1]]

    def _profile_lead(
        self, asked: Asked, mentioned: list[str], hits: list[Hit]
    ) -> ProfileLead | None:
        """For a question about a review itself: the facts it asks for, from the review's
        profile, and the items that state them."""
        if asked.intent != "profile" or asked.field is None:
            return None
        candidates = mentioned or [h.item.doc_id for h in hits[:1]]
        if len(candidates) != 1:
            return None
        doc = self.library.document(candidates[0])
        if not doc:
            return None
        title = doc.meta.title
        facts = [
            (name, fact)
            for name in asked.fields
            if (fact := (doc.profile or {}).get(name)) and fact.get("item")
        ]
        if not facts or facts[0][0] != asked.field:
            return None
        said = {
            "author": "was carried out by {}",
            "date": "is dated {}",
            "partnership": "comes from {}",
        }
        phrases = [said[name].format(fact["value"]) for name, fact in facts if name in said]
        if len(phrases) == len(facts):
            sentence = f"{title} {join_words(phrases, 'and')}."
        else:  # a fact said in the review's own sentence ('aged 5'), one at a time
            sentence = facts[0][1].get("sentence") or facts[0][1]["value"]
            facts = facts[:1]
        stated = {name for name, _ in facts}
        unstated = [NOT_STATED[n] for n in asked.fields if n not in stated and n in NOT_STATED]
        # 'Who wrote it, and when?' of a review that gives no date
        note = f"It does not say {join_words(unstated, 'or')}." if unstated else ""
        ids = list(dict.fromkeys(fact["item"] for _, fact in facts))
        found = {i.id: i for i in self.library.items(ids)}
        if len(found) != len(ids):
            return None
        return ProfileLead(sentence, tuple(found[i] for i in ids), note)

    def _questions_elsewhere(self, q: Query, coverage: Coverage) -> str:
        """'What reflective questions does the Child B review have?' of a review that sets out
        none: said first, so questions from other documents are not taken for its own."""
        if not coverage.grounded or len(q.mentioned) != 1 or QUESTION_KIND not in q.kinds:
            return ""
        doc = self.library.document(q.mentioned[0])
        if doc is None or self.library.items_of(doc.meta.id, [QUESTION_KIND]):
            return ""
        return (
            f"*{doc.meta.title}* sets out no questions for reflection of its own; these are "
            "from other documents."
        )

    def _listing(self, asked: Asked, q: Query, coverage: Coverage) -> Overview | None:
        """A document's own list that answers the question whole: the section it names, the
        review as a whole, or the kind of item it asks of one review."""
        if not coverage.grounded:
            return None
        whole = not q.sections  # a question naming a long section is about that part
        return (
            self._section(q, coverage)
            or (self._overview(asked, list(q.mentioned), coverage) if whole else None)
            or self._of_kind(q, coverage)
        )

    def _overview(self, asked: Asked, mentioned: list[str], coverage: Coverage) -> Overview | None:
        """'What went wrong for Child B?', 'Tell me about the Devon review': a question about one
        review as a whole (it names the review and nothing else the library holds) gets the
        review's own summary and its own list of findings, when its profile has them."""
        if asked.intent not in ("what_happened", "general") or len(mentioned) != 1:
            return None
        doc = self.library.document(mentioned[0])
        if doc is None or coverage.missing:
            return None
        naming = set(tokens(f"{doc.meta.title} {doc.meta.subject or ''}"))
        if any(not set(tokens(w)) <= naming for w in coverage.found):
            return None  # a topic within the review ('information sharing for Child B')
        profile = doc.profile or {}
        summary, points = profile.get("summary"), profile.get("key_points")
        if not summary or not points:
            return None
        ids = [*summary["items"], *points["items"]]
        found = {i.id: i for i in self.library.items(ids)}
        if len(found) != len(set(ids)):
            return None
        return Overview(
            summary["text"],
            tuple(found[i] for i in summary["items"]),
            points["heading"],
            tuple(found[i] for i in points["items"] if i not in summary["items"]),
        )

    def _section(self, q: Query, coverage: Coverage) -> Overview | None:
        """'What does "What to do now" say in the Child AK briefing?': a question that names one
        short section of a document it names, and no topic beyond it, gets that section's items
        in the document's order."""
        if len(q.sections) != 1 or coverage.missing:
            return None
        ((doc_id, heading),) = q.sections
        doc = self.library.document(doc_id)
        if doc is None:
            return None
        naming = set(tokens(f"{doc.meta.title} {doc.meta.subject or ''} {heading}"))
        if any(not set(tokens(w)) <= naming for w in coverage.found):
            return None  # a topic within the section
        listed = [
            i
            for i in self.library.items_of(doc_id)
            if i.section == heading and not links_elsewhere(i)
        ]
        asked = [i for i in listed if i.kind in q.kinds]
        listed = asked or listed  # 'the questions for managers': not the table after them
        if not listed or len(listed) > SECTION_LIST:
            return None
        return Overview("", (), heading_words(heading), tuple(listed), doc.meta.title)

    def _of_kind(self, q: Query, coverage: Coverage) -> Overview | None:
        """'What did the Child R review recommend?': a question that asks for a kind of item
        from one document it names, and no topic beyond, gets that document's items of that
        kind in the document's order."""
        if len(q.mentioned) != 1 or not q.kinds or coverage.missing:
            return None
        doc = self.library.document(q.mentioned[0])
        if doc is None:
            return None
        naming = set(tokens(f"{doc.meta.title} {doc.meta.subject or ''}"))
        if any(not set(tokens(w)) <= naming and not names_a_kind(w) for w in coverage.found):
            return None  # a topic among them ('recommendations about professional curiosity')
        of_kind = [
            i for i in self.library.items_of(doc.meta.id, q.kinds) if not points_elsewhere(i)
        ]
        if not of_kind:
            return None
        first = of_kind[0].section  # the document's own list of them; others are named after
        listed = tuple(i for i in of_kind if i.section == first)
        elsewhere = tuple(dict.fromkeys(_heading_of(i) for i in of_kind if i.section != first))
        others = sum(i.section != first for i in of_kind)
        heading = _heading_of(listed[0])
        return Overview("", (), heading, listed, doc.meta.title, elsewhere, others)

    def events(self, question: str, history: Sequence[str] = ()) -> tuple[Answer, Iterator[Event]]:
        """(the extractive answer, whose citations are the sources any answer may cite; the
        answer's events: deltas, maybe a reset, done).

        Extractive unless a model is configured and the library covers the question; a model's
        sentences arrive only once verified, and any failure falls back to the extractive
        answer."""
        extractive, passages, q = self.prepare(question, history)
        if self.llm is None or not extractive.grounded:
            return extractive, _lines(extractive)
        if self.llm_mode == "lead":
            return extractive, self._with_lead(question, extractive)
        items = list(extractive.citations)
        vectors = self.library.vectors([i.id for i in items])
        hits = [Hit(i, 0.0, float(v @ q.vector), v) for i, v in zip(items, vectors, strict=True)]
        return extractive, self.llm.stream(question, hits, np.asarray(vectors), extractive)

    def _with_lead(self, question: str, extractive: Answer) -> Iterator[Event]:
        """The extractive answer with its first line in the model's words, when they pass the
        checks against the leading passage [1]; else the extractive answer as it is."""
        assert self.llm is not None
        lead = extractive.citations[0] if extractive.citations else None
        first = extractive.lines[0] if extractive.lines else ""
        if lead is None or not first.endswith("[1]"):
            yield from _lines(extractive)
            return
        vector = self.library.vectors([lead.id])[0]
        written = self.llm.lead(question, lead, vector)
        if written is None:
            yield from _lines(extractive, fallback="lead_not_verified")
            return
        line = f"{written} [1]"
        answer = replace(
            extractive,
            text=extractive.text.replace(first, line, 1),
            lines=(line, *extractive.lines[1:]),
        )
        yield from _lines(answer, composer="llm_lead")

    def answer(self, question: str, history: Sequence[str] = ()) -> Answer:
        answer = final(self.events(question, history)[1]).answer
        assert answer is not None
        return answer


def _lines(
    answer: Answer, composer: str = "extractive", fallback: str | None = None
) -> Iterator[Event]:
    last = len(answer.lines) - 1
    for k, line in enumerate(answer.lines):
        yield Event("delta", text=line + ("\n" if k < last else ""))
    yield Event("done", answer=answer, composer=composer, fallback_reason=fallback)


def _heading_of(item: Item) -> str:
    """The heading an item is under, as a reader finds it: a one-word heading ('Practice') with
    the heading above it ('Summary and Recommendations › Practice'), never the title."""
    path = [heading_words(h) for h in item.section_path if h != item.doc_title]
    path = path or [heading_words(item.section)]
    return " › ".join(path[-2:]) if len(path) > 1 and len(path[-1].split()) == 1 else path[-1]
