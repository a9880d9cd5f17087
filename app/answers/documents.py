"""What a document says of itself, and its own lists: a review's profile facts ('who wrote
it, and when?'), the section a question names by its heading, the review as a whole (its
summary and key points), the items of a kind asked of one review, in the document's order."""

from __future__ import annotations

import re
from dataclasses import replace

from app.answers.compose import Overview, ProfileLead, as_written, join_words
from app.answers.intent import Asked
from app.core.kinds import LEADERS, PRACTITIONERS, kinds_asked_for, names_a_kind, purpose
from app.core.records import Item
from app.core.text import heading_words, links_elsewhere, points_elsewhere, tokens
from app.search.coverage import CoverageJudge
from app.search.decision import Coverage
from app.search.retrieval import Hit, Query
from app.storage.library import Library, StoredDocument

NOT_STATED = {"author": "who carried it out", "date": "when it was written",
              "partnership": "which partnership it is for"}  # fmt: skip
SAID = {"author": "was carried out by {}", "date": "is dated {}",
        "partnership": "comes from {}"}  # fmt: skip
# Words that ask for a fact of a review's profile, not about a topic ('which partnership').
FIELD_WORDS = frozenset(
    "author authors reviewer reviewers writer partnership partnerships council area authority "
    "county date year published publication".split()
)
QUESTION_KIND = "reflective_question"
SECTION_LIST = 12  # a section this long or shorter is answered whole when a question names it


class DocumentAnswers:
    """Answers a document gives in its own words and order, read from the library."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def profile_lead(
        self,
        asked: Asked,
        mentioned: list[str],
        hits: list[Hit],
        coverage: Coverage | None = None,
        question: str = "",
    ) -> ProfileLead | None:
        """For a question about a review itself: the facts it asks for, from the review's
        profile, and the items that state them; with `coverage`, when the question names only
        the review and it states none of them, that it does not say."""
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
        about_itself = coverage is not None and _about_itself(doc, coverage, question)
        if not facts and asked.field in NOT_STATED and about_itself:
            return self._unstated(doc, asked)  # it states none of what was asked
        if not facts or facts[0][0] != asked.field:
            return None
        # facts Reflect can phrase ('was carried out by …') in one sentence; a fact said only in
        # the review's own sentence ('involving nine children aged …') in that sentence
        # each sentence is cited by the items that state its facts
        phrased = [(n, f) for n, f in facts if n in SAID]
        said = [
            (
                f"{title} {join_words([SAID[n].format(f['value']) for n, f in phrased], 'and')}.",
                tuple(dict.fromkeys(f["item"] for _, f in phrased)),
            )
        ] if phrased else []  # fmt: skip
        own = [
            (_as_sentence(f.get("sentence") or f["value"]), (f["item"],))
            for n, f in facts
            if n not in SAID
        ]
        parts = tuple([*said, *own] if facts[0][0] in SAID else [*own, *said])
        stated = {name for name, _ in facts}
        # 'Who wrote it, and when?' of a review that gives no date
        note = _not_in_text(doc, [n for n in asked.fields if n not in stated], "It")
        ids = list(dict.fromkeys(i for _, cited in parts for i in cited))  # as they are read
        found = {i.id: i for i in self.library.items(ids)}
        if len(found) != len(ids):
            return None
        sentence = " ".join(text for text, _ in parts)
        return ProfileLead(sentence, tuple(found[i] for i in ids), note, parts)

    def questions_elsewhere(self, q: Query, coverage: Coverage) -> str:
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

    def _unstated(self, doc: StoredDocument, asked: Asked) -> ProfileLead:
        """'Who wrote the Case Study 1 briefing?' of a briefing that names no author: said
        plainly, with what the library's catalogue gives instead; nothing else is cited."""
        return ProfileLead(_not_in_text(doc, list(asked.fields), doc.meta.title), ())

    def silent_on(self, question: str, q: Query, coverage: Coverage, judge: CoverageJudge) -> str:
        """'What does the Devon review say about poverty?' of a review that never speaks of it:
        said first, so passages from other documents are not taken for the review's own."""
        if not coverage.grounded or len(q.mentioned) != 1:
            return ""
        doc = self.library.document(q.mentioned[0])
        if doc is None:
            return ""
        naming = set(tokens(doc.meta.names))
        topic = [w for w in coverage.found if not set(tokens(w)) <= naming and not names_a_kind(w)]
        if not topic or judge.holds_any(question, self.library.items_of(doc.meta.id), topic):
            return ""
        return (
            f"*{doc.meta.title}* does not mention {join_words(as_written(topic, question), 'or')};"
            " these passages are "
            "from other documents."
        )

    def listing(self, asked: Asked, q: Query, coverage: Coverage) -> Overview | None:
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
        if not _names_only(doc, coverage):
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
        if not _names_only(doc, coverage, heading):
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
        aim = purpose(q.text)  # 'for a team meeting': whom or what they are for, not a topic
        lacking = [m for m in coverage.missing if not (set(tokens(m)) <= aim or _a_kind(m))]
        if len(q.mentioned) != 1 or not q.kinds or lacking:
            return None
        doc = self.library.document(q.mentioned[0])
        if doc is None:
            return None
        if not _names_only(doc, coverage, kinds=True, aim=aim):
            return None  # a topic among them ('recommendations about professional curiosity')
        of_kind = [
            i for i in self.library.items_of(doc.meta.id, q.kinds) if not points_elsewhere(i)
        ]
        if not of_kind:
            return None
        # the document's own list of them (for whom the question asks, when the document keeps
        # one for leaders and one for practitioners); others are named after
        first = next((i.section for i in of_kind if _for_whom(i.section, q.text)), None)
        first = first or of_kind[0].section
        listed = tuple(i for i in of_kind if i.section == first)
        elsewhere = tuple(dict.fromkeys(_heading_of(i) for i in of_kind if i.section != first))
        others = sum(i.section != first for i in of_kind)
        heading = _heading_of(listed[0])
        return Overview("", (), heading, listed, doc.meta.title, elsewhere, others)


def _a_kind(words: str) -> bool:
    """Words that name a kind of item by their last word: 'discussion questions', 'key
    recommendations'; not an audience alone ('practitioners')."""
    return len(words.split()) > 1 and bool(kinds_asked_for(words.split()[-1]))


def _for_whom(heading: str, question: str) -> bool:
    """The heading says its items are for the audience the question names, and only that one."""
    asks = [bool(a.search(question)) for a in (LEADERS, PRACTITIONERS)]
    says = [bool(a.search(heading)) for a in (LEADERS, PRACTITIONERS)]
    return sum(asks) == 1 and asks == says


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".?!" else f"{text}."


def _heading_of(item: Item) -> str:
    """The heading an item is under, as a reader finds it: a one-word heading ('Practice') with
    the heading above it ('Summary and Recommendations › Practice'), never the title."""
    path = [heading_words(h) for h in item.section_path if h != item.doc_title]
    path = path or [heading_words(item.section)]
    return " › ".join(path[-2:]) if len(path) > 1 and len(path[-1].split()) == 1 else path[-1]


def _names_only(
    doc: StoredDocument,
    coverage: Coverage,
    heading: str = "",
    kinds: bool = False,
    aim: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Every concept the library holds of the question is a word of the document's own name
    (its title, subject or publisher; or of the heading it names, or of what the items are asked
    for, or, with `kinds`, a word that asks for a kind of item): the question is about the
    document, or that part of it, as a whole."""
    naming = set(tokens(f"{doc.meta.names} {heading}")) | aim
    held = (*coverage.found, *coverage.unsaid)  # 'ICB' is a topic within the Stoke review
    return all(set(tokens(w)) <= naming or (kinds and names_a_kind(w)) for w in held)


def _not_in_text(doc: StoredDocument, fields: list[str], subject: str) -> str:
    """What was asked that the document's own text does not state: what nothing gives ('It
    does not say who carried it out.'), then what the library's catalogue gives instead ('By
    the library's catalogue, it is dated 2025; its own text does not say so.'); '' when nothing
    asked is missing."""
    profile = doc.profile or {}
    asked = [n for n in fields if n in NOT_STATED]
    catalogued = [  # a value the profile has from the catalogue, not from an item of the text
        (n, fact["value"])
        for n in asked
        if (fact := profile.get(n) or {}).get("value") and not fact.get("item")
    ]
    missing = [NOT_STATED[n] for n in asked if n not in dict(catalogued)]
    out = []
    if missing:
        out.append(f"{subject} does not say {join_words(missing, 'or')}.")
    if catalogued:
        who = "it" if missing or subject == "It" else subject
        phrases = join_words([SAID[n].format(value) for n, value in catalogued], "and")
        out.append(f"By the library's catalogue, {who} {phrases}; its own text does not say so.")
    return " ".join(out)


# A title the question quotes ('Neglect: learning from case reviews'); not an apostrophe.
_QUOTED = re.compile(r"(?:(?<!\w)['‘]|[\"“])([^‘'\"“”’]{3,}?)(?:['’](?!\w)|[\"”])")


def _about_itself(doc: StoredDocument, coverage: Coverage, question: str = "") -> bool:
    """A question about the review itself: it names the review and asks for a fact of its
    profile ('Which partnership published the Devon review?'), quoting no other title."""
    rest = replace(coverage, found=tuple(w for w in coverage.found if w not in FIELD_WORDS))
    title = doc.meta.title.lower()
    quoted = [q for q in _QUOTED.findall(question) if q.lower().strip() not in title]
    return _names_only(doc, rest) and not quoted
