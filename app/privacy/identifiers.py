"""Identifiers and dates in plain text (see app.privacy.text), in every separator and case.

Each finder returns (start, end, kind) spans. Strong kinds are refused by the guard; DATE is
redacted. A case or record number is a code of four digits or more after the label an agency
gives it ('Mosaic ID', 'hospital number', 'ref'). NHS numbers must pass their check digit,
National Insurance numbers their prefix rules and phone numbers the UK numbering plan
(phonenumbers), so that ordinary numbers go through; after its label ('NHS number', 'national
insurance number') any code of four digits or more is one. A social media handle ('@name') is an
identifier too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

Span = tuple[int, int, str]

_SEP = r"[\s./-]{0,3}"  # what people put between digits: spaces, dots, slashes, dashes
_NHS = re.compile(rf"(?<![0-9])(\d(?:{_SEP}\d){{9}})(?![0-9])")
_NINO = re.compile(
    r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[\s.-]?(\d\d)[\s.-]?(\d\d)[\s.-]?"
    r"(\d\d)[\s.-]?([A-D])(?![A-Za-z0-9])",
    re.I,
)
_NINO_NEVER = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_PHONE = re.compile(
    r"(?<![\d+])(?:\+\s?44\s?(?:\(\s?0\s?\)\s?)?|\(?0)(?:[\s().-]{0,2}\d){8,10}(?!\d)"
)
_TLD = r"(?:com|org|net|uk|gov|nhs|co|io|ac|edu|info|me|sch|scot|wales)"
# Every part bounded (as the standard bounds them), so no run of text is read again from
# each of its letters: 'A1A1…' or 'a.a.a…' cost a linear pass, not a quadratic one.
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}\s?@\s?[\w-]{1,63}(?:\s?\.\s?[\w-]{1,63}){1,8}", re.I
)
_AT = r"(?:\s?\(\s?at\s?\)\s?|\s?\[\s?at\s?\]\s?|\s?\{\s?at\s?\}\s?|\s+at\s+)"
_DOT = r"(?:\s?\(\s?dot\s?\)\s?|\s?\[\s?dot\s?\]\s?|\s?\{\s?dot\s?\}\s?|\s+dot\s+|\s?\.\s?)"
_EMAIL_SPOKEN = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,8}}{_DOT}{_TLD}\b",
    re.I,
)
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|GIR\s?0AA)(?![A-Za-z0-9])", re.I
)
_STREET_TYPE = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place"
    r"|gardens|grove|terrace|hill|park|walk|square|sq|mews|row|view|rise|green|parade|yard"
    r"|fields|meadows?|vale|heights|wharf|boulevard)"
)
_UNITS = (
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|miles?|metres?|meters?|km"
    r"|percent|pounds?|children|times|visits?|sessions?|appointments?|referrals?)"
)
_GLUE = r"(?:by|at|on|in|of|to|for|from|with|and|or|the|a|an|is|was|were|his|her|their|our|my)"
_STREET = re.compile(
    rf"\b\d{{1,4}}[a-z]?,?\s+(?!{_UNITS}\b)(?:(?!{_GLUE}\b)[a-z][a-z'’-]+\s+){{1,3}}"
    rf"{_STREET_TYPE}\b(?!\.?\s+(?-i:[A-Z][a-z]))",  # 'Dr Okafor', 'St Mary's': no streets
    re.I,
)
_BUILDING = re.compile(
    r"\b(?:flat|apartment|apt|maisonette)\s*\d{1,4}[a-z]?\b"
    r"(?:,?\s+(?:[A-Za-z][a-z'’-]+\s+){1,3}(?:house|court|lodge|mansions|tower|block|building"
    r"|yard|mill|place|heights|point|chambers|close|estate)\b)?",
    re.I,
)
_NAMED_STREET = re.compile(
    r"\b(?:on|in|at|off|near|along)\s+(?:[A-Z][a-z]+\s+){1,2}(?:Road|Street|Avenue|Lane|Close"
    r"|Drive|Way|Crescent|Grove|Terrace|Gardens|Mews|Rise|Parade)\b"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    "|twenty[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth"
    "|thirty[- ]?first"
)
_DAY = rf"(?:[0-3]?\d(?:st|nd|rd|th)?|(?:the\s+)?(?:{_ORDINAL_WORDS}))"
_YEAR = r"(?:,?\s+(?:19|20)\d\d)"
_DATE = re.compile(
    rf"(?<![\d.])(?:[0-3]?\d[/-][01]?\d[/-](?:\d{{4}}|\d\d)|[0-3]\d\.[01]\d\.(?:\d{{4}}|\d\d)"
    rf"|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d"  # '14.6.2016'; '4.1.12' is a paragraph number
    rf"|\d{{4}}-[01]\d-[0-3]\d)(?![\d.])"
    rf"|\b{_DAY}(?:\s+of)?\s+{_MONTH}(?!\w){_YEAR}?"
    rf"|\b{_MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\b{_YEAR}?",
    re.I,
)
# A number an agency files a person under ('Mosaic ID 2245817', 'hospital number RX4471123',
# 'case ref: CP/2024/0113'): a label, then a code with four digits or more.
_RECORD = re.compile(
    r"\b(?:(?:case|client|record|file|patient|pupil|hospital|unit|system|referral|child|person"
    r"|crime|incident|occurrence|log|job|police|nhs|mosaic|liquidlogic|lcs|eclipse|systmone|emis"
    r"|rio|national\s+insurance|ni)\s+(?:number|no|num|nr)\b\.?|\b(?:id|ids|i\.d\.|ref|reference"
    r"|identifier|mrn|upn|uln|crn|urn))"
    r"(?:\s+(?:for|of)\s+(?:the\s+|this\s+|our\s+|her\s+|his\s+)?\w+)?"  # for the family
    r"\s*(?:is|was|number|no\.?|:|#|=|-)?\s*"  # digits in groups: '485 777 3456', 'QQ 12 34 56'
    r"(?P<code>(?=(?:[A-Z/ -]*\d){4})[A-Z0-9](?:[A-Z0-9]|[/-](?=[A-Z0-9])|(?<=[A-Z0-9]) (?=\d))"
    r"{3,23})(?![\w/-])",
    re.I,
)
# A social media handle ('@kayden_2012'), not the '@' of an email address.
_HANDLE = re.compile(r"(?<![\w.@])@(?=[\w.]{0,29}[A-Za-z])\w[\w.]{2,29}(?<!\.)")
_BIRTH = re.compile(r"\b(?:born|dob|d\.o\.b|date of birth|birth ?date|birthday)\b", re.I)


def nhs_valid(digits: str) -> bool:
    """The NHS number's Modulus 11 check digit."""
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _nhs(text: str) -> Iterator[Span]:
    for m in _NHS.finditer(text):
        if nhs_valid(re.sub(r"\D", "", m.group(1))):
            yield m.start(1), m.end(1), "UK_NHS"


def _nino(text: str) -> Iterator[Span]:
    for m in _NINO.finditer(text):
        if m.group(1).upper() not in _NINO_NEVER:
            yield m.start(), m.end(), "UK_NINO"


def _phones(text: str) -> Iterator[Span]:
    seen: list[tuple[int, int]] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB"):
        seen.append((match.start, match.end))
        yield match.start, match.end, "PHONE_NUMBER"
    for m in _PHONE.finditer(text):
        if any(a <= m.start() < b for a, b in seen):
            continue
        digits = re.sub(r"\D", "", m.group(0))
        try:
            number = phonenumbers.parse("+" + digits if m.group(0).lstrip().startswith("+")
                                        else digits, "GB")  # fmt: skip
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            yield m.start(), m.end(), "PHONE_NUMBER"


def _emails(text: str) -> Iterator[Span]:
    for pattern in (_EMAIL, _EMAIL_SPOKEN):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "EMAIL_ADDRESS"


def _addresses(text: str) -> Iterator[Span]:
    for m in _POSTCODE.finditer(text):
        if any(c.isdigit() for c in m.group(0)) and any(c.isalpha() for c in m.group(0)):
            yield m.start(), m.end(), "UK_POSTCODE"
    for pattern in (_STREET, _BUILDING, _NAMED_STREET):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "STREET_ADDRESS"


def _dates(text: str) -> Iterator[Span]:
    for m in _DATE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        kind = "DATE_OF_BIRTH" if _BIRTH.search(before) else "DATE"
        yield m.start(), m.end(), kind


def _records(text: str) -> Iterator[Span]:
    for m in _RECORD.finditer(text):
        if not re.fullmatch(r"(?:19|20)\d\d", m.group("code")):  # 'the 2021 reference'
            yield m.start("code"), m.end("code"), "RECORD_NUMBER"


def _handles(text: str) -> Iterator[Span]:
    for m in _HANDLE.finditer(text):
        yield m.start(), m.end(), "SOCIAL_HANDLE"


def find(text: str) -> list[Span]:
    """Every identifier and date in plain text."""
    spans: list[Span] = []
    for finder in (_nhs, _nino, _phones, _emails, _handles, _addresses, _records, _dates):
        spans.extend(finder(text))
    return spans
