"""What a document says of itself: a review's profile facts ('who wrote it, and when?'), and
what it does not say ('sets out no questions for reflection of its own', 'does not mention
poverty'). Its own lists are app.answers.listings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.answers.compose import ProfileLead
from app.answers.intent import Asked
from app.answers.listings import FINDINGS, names_only
from app.core.kinds import (
    names_a_kind,
    plurals_of,
    purpose,
    standing_in_for,
    words_asking_for_kinds,
)
from app.core.records import Item
from app.core.text import tokens
from app.search.coverage import CoverageJudge
from app.search.decision import Coverage
from app.search.naming import naming_stems
from app.search.retrieval import Hit, Query
from app.search.saying import as_written, join_words
from app.search.vocabulary import GENERIC_DOC_WORDS
from app.storage.library import Library, StoredDocument

NOT_STATED = {"author": "who wrote it", "date": "when it was written",
              "partnership": "which partnership it is for"}  # fmt: skip
# what the library's catalogue gives that the document's own text does not
CATALOGUED = {"author": "the author {}", "date": "the date {}",
              "partnership": "the partnership {}"}  # fmt: skip
SAID = {"author": "was carried out by {}", "date": "is dated {}",
        "partnership": "comes from {}"}  # fmt: skip
# Words that ask for a fact of a review's profile, not about a topic ('which partnership').
FIELD_WORDS = frozenset(
    "author authors reviewer reviewers writer partnership partnerships council area authority "
    "county date year published publication".split()
)
QUESTION_KIND = "reflective_question"
CHANGE_KIND = "action"
DEFINITION_KIND = "definition"


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
        none: said first (with where the questions cited come from), so questions from other
        documents are not taken for its own."""
        if not coverage.grounded or len(q.mentioned) != 1 or QUESTION_KIND not in q.kinds:
            return ""
        doc = self.library.document(q.mentioned[0])
        if doc is None or self.library.items_of(doc.meta.id, [QUESTION_KIND]):
            return ""
        return f"*{doc.meta.title}* sets out no questions for reflection of its own"

    def kind_not_kept(self, q: Query, coverage: Coverage) -> str:
        """'What went well in the Devon review?' of a review that keeps no list of good practice:
        said first, so what follows (the review's own passages nearest to it, and others') is
        not taken for such a list. Not said of questions for reflection (their own note, above),
        of what has changed since a review (app.answers.compose), of findings ('what did it
        find?' asks what a review says at all, whatever it calls its points), of definitions
        ('what is a good way to …' asks no definition), nor of what the review keeps another
        kind for (its recommendations, asked for its learning points: app.answers.listings)."""
        kinds = set(q.kinds) - {QUESTION_KIND, CHANGE_KIND, FINDINGS, DEFINITION_KIND}
        if not coverage.grounded or len(q.mentioned) != 1 or not kinds:
            return ""
        doc = self.library.document(q.mentioned[0])
        kept = [*sorted(kinds), *standing_in_for(frozenset(kinds))]
        if doc is None or self.library.items_of(doc.meta.id, kept):
            return ""
        return f"*{doc.meta.title}* has no list of {plurals_of(frozenset(kinds))}."

    def _unstated(self, doc: StoredDocument, asked: Asked) -> ProfileLead:
        """'Who wrote the Case Study 1 briefing?' of a briefing that names no author: said
        plainly, with what the library's catalogue gives instead; nothing else is cited."""
        return ProfileLead(_not_in_text(doc, list(asked.fields), doc.meta.title), ())

    def silent_on(
        self, question: str, q: Query, coverage: Coverage, judge: CoverageJudge
    ) -> tuple[str, bool]:
        """'What does the Devon review say about poverty?' of a review that never speaks of it:
        said first, so passages from other documents are not taken for the review's own; and
        whether every review named is silent, so the answer must come from other documents.
        Of two reviews named, the one that is silent is said to be."""
        if not coverage.grounded or not q.mentioned:
            return "", False
        docs = [d for d in map(self.library.document, q.mentioned) if d is not None]
        naming = naming_stems(d.meta for d in docs)
        aim = purpose(question)  # what it is asked for, not what it is about
        asking = words_asking_for_kinds(question)  # 'good' of 'what good practice …'
        topic = [
            w
            for w in coverage.found
            if not set(tokens(w)) <= naming | aim
            and not names_a_kind(w)
            and w.lower() not in asking
            and w not in GENERIC_DOC_WORDS
        ]  # 'report' of 'the NSPCC report' calls it by its kind; 'for a team meeting' is an aim
        if not topic or len(docs) != len(q.mentioned):
            return "", False
        silent = [
            d
            for d in docs
            if not judge.holds_any(question, self.library.items_of(d.meta.id), topic)
        ]
        if not silent:
            return "", False
        titles = join_words([f"*{d.meta.title}*" for d in silent], "and")
        about = join_words(as_written(topic, question), "or")
        does = "does" if len(silent) == 1 else "do"
        if len(silent) < len(docs):
            return f"{titles} {does} not mention {about}.", False
        return (
            f"{titles} {does} not mention {about}; these passages are from other documents.",
            True,
        )


def both_notes(first: str, second: str) -> str:
    """Two notes on one document, the second not naming it again ('… has no list of examples of
    good practice. It does not mention housing; …')."""
    if not (first and second):
        return first or second
    title = first.split("* ", 1)[0] + "* "
    return f"{first} {'It ' + second[len(title) :] if second.startswith(title) else second}"


def which_documents(which: str, cited: Sequence[Item]) -> str:
    """What a question asking which document answers: the document of the passage that leads,
    or, asked for several, the documents cited, in the order they are."""
    titles = list(dict.fromkeys(item.doc_title for item in cited))
    if which == "one":
        return f"That is *{titles[0]}*."
    if len(titles) == 1:
        return f"The document that speaks to it is *{titles[0]}*."
    return f"The documents that speak to it are {join_words([f'*{t}*' for t in titles], 'and')}."


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".?!" else f"{text}."


def _not_in_text(doc: StoredDocument, fields: list[str], subject: str) -> str:
    """What was asked that the document's own text does not state: what nothing gives ('It
    does not say who wrote it.'), then what the library's catalogue gives instead ('The
    library's catalogue gives the date 2025; the document itself does not say.'); '' when nothing
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
        named = subject if subject == "It" else f"*{subject}*"
        out.append(f"{named} does not say {join_words(missing, 'or')}.")
    if catalogued:
        phrases = join_words([CATALOGUED[n].format(value) for n, value in catalogued], "and")
        said = f"the library's catalogue gives {phrases}; the document itself does not say."
        named_before = missing or subject == "It"  # the sentence before names the document
        out.append(f"T{said[1:]}" if named_before else f"For *{subject}*, {said}")
    return " ".join(out)


# A title the question quotes ('Neglect: learning from case reviews'); not an apostrophe.
_QUOTED = re.compile(r"(?:(?<!\w)['‘]|[\"“])([^‘'\"“”’]{3,}?)(?:['’](?!\w)|[\"”])")


def _about_itself(doc: StoredDocument, coverage: Coverage, question: str = "") -> bool:
    """A question about the review itself: it names the review and asks for a fact of its
    profile ('Which partnership published the Devon review?'), quoting no other title."""
    rest = replace(coverage, found=tuple(w for w in coverage.found if w not in FIELD_WORDS))
    title = doc.meta.title.lower()
    quoted = [q for q in _QUOTED.findall(question) if q.lower().strip() not in title]
    return names_only(doc, rest) and not quoted
