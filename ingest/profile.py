"""A review's profile, built at ingest from its own text and its catalogue entry: who wrote it,
when, for which partnership, the children it concerns, whether the full report is published,
a short case summary, and where its findings, recommendations and changes are.

Every fact keeps the item it was read from, so an answer can cite it. Nothing is guessed: a fact
the document does not state is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.core.kinds import CHANGE, FINDING, LEARNING, QUESTION, kind_for_heading, with_role
from app.core.records import DocumentMeta, Item
from app.core.text import heading_words

_NAME = r"([A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2})"
_AUTHOR = re.compile(
    r"\b(?i:lead reviewer|independent (?:author|reviewer)|reviewer|author(?:ed)?|written by"
    r"|undertaken by|conducted by|carried out by|completed by|led by)\b[\s:&,]*"
    r"(?i:(?:and |& )?(?:lead |independent )?(?:reviewer|author)[\s:,]*)?" + _NAME
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?i:dated?|published|date of publication|issued)\b(?:\s+on)?[\s:]*"
    rf"((?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\s+\d{{4}}|\d{{4}})"
)
_PARTNERSHIP = re.compile(
    r"\b(?!(?:The|This|That|Our|Their|Each|Every)\s)((?:[A-Z][\w’'-]+(?:\s+(?:and|on|upon|of)\s+|\s+)){1,4}"
    r"(?:Safeguarding (?:Children(?:['’]s)? |Adults and Children )?|Children and Families )"
    r"(?:Partnership|Board))\b"  # 'Eastvale Safeguarding Partnership', '… Children Board'
)
_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
# how many children: 'two younger siblings', 'nine children', 'one of five children'
_HOW_MANY = (
    rf"\b{_NUMBER}\s+(?:(?!(?:months?|years?|weeks?|days?|occasions?|times?)\b)\w+\s+){{0,2}}"
    r"(?:children|families|family groups|siblings|brothers|sisters|babies|young people)\b(?!['’])"
)
_CHILDREN = re.compile(
    rf"{_HOW_MANY}"
    r"|\b(?:aged|age)\s+\d{1,2}(?:\s+(?:years?|months?|weeks?|days?)\b)?"
    r"|\b\d{1,2}[- ](?:year|month|week|day)s?[- ]old\b|\bborn in \d{4}\b",
    re.I,
)
_COUNTS = re.compile(_HOW_MANY, re.I)
# a sentence that points back to the one before it ('He was living with …')
_POINTS_BACK = re.compile(r"^(?:he|she|they|his|her|their)\b", re.I)
_NAMED = re.compile(r"\bChild [A-Z]{1,3}\b|\bCase Study \d+\b")
_UNPUBLISHED = re.compile(r"\b(?:will not|won[’']t|cannot|can not|not) be published\b", re.I)
_BACKGROUND = re.compile(
    r"background|about the (family|child)|case overview|context|introduc", re.I
)
# … but not a section headed as what the document is for ('Introduction and purpose of
# briefing', 'Review method'), when another background section is there
_ABOUT_ITSELF = re.compile(r"purpose|\baims?\b|\bscope\b|\bmethod|terms of reference", re.I)
SUMMARY_CHARS = 600
# A heading under which a document sums itself up ('Summary learning', 'Key findings').
_SUMMING_UP = re.compile(r"\b(summary|key)\b", re.I)


def _sentence_with(item: Item, pattern: re.Pattern[str]) -> str | None:
    return next((s for s in item.sentences() if pattern.search(s)), None)


def _fact(value: str, item: Item, sentence: str | None = None) -> dict:
    return {"value": value, "item": item.id, "sentence": sentence or value}


def _first(items: Sequence[Item], pattern: re.Pattern[str], limit: int = 40) -> dict | None:
    for item in items[:limit]:
        for sentence in item.sentences():
            if m := pattern.search(sentence):
                return _fact(m.group(1).strip(), item, sentence)
    return None


def _children(items: Sequence[Item], names: Sequence[str]) -> dict | None:
    """The sentence that says most about how many children (or families) and how old, a count
    weighing twice an age and the child the review is named for counting in its favour; the
    first such in the background. A sentence that points back ('He was living with his parents
    and two younger siblings') is given with the sentences it points back to."""
    context = [i for i in items if i.kind == "context"] or list(items)
    best: tuple[int, dict] | None = None
    for item in context[:30]:
        sentences = item.sentences()
        for n, sentence in enumerate(sentences):
            found = [m.group(0).strip() for m in _CHILDREN.finditer(sentence)]
            counts = len(_COUNTS.findall(sentence))
            score = len(found) + counts + any(name in sentence for name in names)
            if found and (best is None or score > best[0]):
                start = n
                while start > max(0, n - 3) and _POINTS_BACK.match(sentences[start]):
                    start -= 1
                said = " ".join(sentences[start : n + 1])
                best = (score, _fact("; ".join(dict.fromkeys(found)), item, said))
    return best[1] if best else None


def _summary(items: Sequence[Item]) -> dict | None:
    """Two or three of the document's own sentences from its background, never from a section
    headed as what the document is for while another background section is there."""
    context = [i for i in items if i.kind == "context"]
    background = [i for i in context if _BACKGROUND.search(" ".join(i.section_path))]
    background = [i for i in background if not _ABOUT_ITSELF.search(_heading(i))] or (
        background or context
    )
    chosen: list[str] = []
    used: list[str] = []
    size = 0
    for item in background:
        for sentence in item.sentences():
            if sentence.endswith(":") or len(sentence) < 40:
                continue
            if size + len(sentence) > SUMMARY_CHARS or len(chosen) == 3:
                break
            chosen.append(sentence)
            size += len(sentence)
            if item.id not in used:
                used.append(item.id)
        if len(chosen) >= 2 or size > SUMMARY_CHARS // 2:
            break
    return {"text": " ".join(chosen), "items": used} if chosen else None


def _heading(item: Item) -> str:
    return item.section_path[-1] if item.section_path else ""


def _key_points(items: Sequence[Item]) -> dict | None:
    """The document's own list of what it found, under its own heading: the first section that
    is headed as findings ('Practice issues and gaps', 'Areas for development') or sums the
    review up ('Summary of reflective points', 'Summary learning'); else its first section of
    two or more findings."""
    sections: dict[tuple[str, ...], list[Item]] = {}
    for item in items:
        sections.setdefault(item.section_path, []).append(item)
    findings = ("practice_issue",)
    summed_up = (*findings, *with_role(LEARNING))

    def listed(path: tuple[str, ...], kinds: tuple[str, ...]) -> dict | None:
        heading = path[-1] if path else ""
        members = [m for m in sections[path] if m.kind in kinds]
        if len(members) < 2:
            return None
        title = heading_words(heading).rstrip(" .:")
        return {"heading": title, "items": [m.id for m in members]}

    for path in sections:
        heading = path[-1] if path else ""
        if kind_for_heading(heading) in findings and (found := listed(path, findings)):
            return found
        if _SUMMING_UP.search(heading) and (found := listed(path, summed_up)):
            return found
    return next((found for path in sections if (found := listed(path, findings))), None)


def _listed(items: Sequence[Item], kinds: tuple[str, ...]) -> list[dict]:
    return [{"item": i.id, "label": i.label} for i in items if i.kind in kinds]


def names_a_partnership(text: str) -> bool:
    """The line is a partnership's name and nothing more ('Westmoor Safeguarding Children
    Partnership'): who a document is from, never one of its sections."""
    m = _PARTNERSHIP.search(text)
    return m is not None and m.group(1) == text.strip(" .:")


def partnership_named(items: Sequence[Item]) -> str | None:
    """The safeguarding partnership the document's own opening text names, if any."""
    fact = _first(items, _PARTNERSHIP)
    return fact["value"] if fact else None


def build_profile(meta: DocumentMeta, items: Sequence[Item]) -> dict:
    profile: dict = {"type": meta.type}
    facts = {
        "author": _first(items, _AUTHOR),
        "date": _first(items, _DATE, limit=15),
        "partnership": _first(items, _PARTNERSHIP),
        "children": _children(items, sorted(_NAMED.findall(f"{meta.title} {meta.subject}"))),
        "publication": _first(items, re.compile(f"({_UNPUBLISHED.pattern}.*)", re.I)),
        "summary": _summary(items),
    }
    if meta.publisher and not facts["partnership"]:
        facts["partnership"] = {"value": meta.publisher, "item": None, "sentence": None}
    if meta.date and not facts["date"]:
        facts["date"] = {"value": meta.date, "item": None, "sentence": None}
    profile.update({k: v for k, v in facts.items() if v})
    if key_points := _key_points(items):
        profile["key_points"] = key_points
    profile["findings"] = _listed(items, with_role(FINDING))
    profile["recommendations"] = _listed(items, with_role(LEARNING))
    profile["changes"] = _listed(items, with_role(CHANGE))
    profile["questions"] = len([i for i in items if i.kind in with_role(QUESTION)])
    return profile
