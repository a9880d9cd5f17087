"""How names are written in what practitioners type: the words that cue a name ("his mum
Kelly", "spoke to Kayden", "Mrs Patel"), a name that speaks or has an age after it ("Kayden
said", "Tyler (7)"), possessives, families, settings by name, lists of names, and the words
around names that are roles, not names. Every word part is bounded, so each pattern runs in
linear time (tests/test_parse_limits.py, tests/test_privacy.py)."""

from __future__ import annotations

import re

_CUE = (
    r"mum|mother|dad|father|son|daughter|brother|sister|nan|nanna|gran|grandma|grandad|grandpa"
    r"|aunt|auntie|uncle|cousin|partner|boyfriend|girlfriend|stepdad|stepmum|baby|child|pupil"
    r"|called|named|spoke to|speak to|talk to|talked to|met|meet|visited|saw|see|seen|about"
    r"|with|for|update from|owner|worried about|concerns about|mr|mrs|ms|miss|mx|dr|master"
)
# Every word part is bounded (no name is longer), so a run like "O'O'O'…" is not re-read from
# each of its letters: the finders run in linear time (tests/test_parse_limits.py).
_NAME_WORD = (
    r"[A-Za-z][a-z'’]{0,30}(?:-[A-Za-z][a-z'’]{0,30})?|[A-Z][A-Z'’]{1,30}(?:-[A-Z][A-Z'’]{1,30})?"
)
CUED = re.compile(rf"\b(?i:{_CUE})\.?(?:\s+|\s*\(\s*)({_NAME_WORD})")  # 'mum (Chantelle)'
POSSESSIVE = re.compile(
    rf"\b({_NAME_WORD})['’]s\s+(?i:mum|mother|dad|father|brother|sister|nan|gran|school|nursery"
    r"|home|house|case|family|teacher|key worker|social worker|health visitor|needs|behaviour)\b"
)
_CAPITALISED = (
    r"[A-Z][a-z'’]{1,30}(?:-[A-Z][a-z'’]{1,30})?|[A-Z][A-Z'’]{1,30}(?:-[A-Z][A-Z'’]{1,30})?"
)
SPEAKS = re.compile(
    rf"(?:^|[.!?;:]\s+|\n|\b(?i:if|when|because|that|and|but|where|while|until)\s+)"
    rf"((?:{_CAPITALISED})(?:\s+(?:{_CAPITALISED})){{0,2}})\s+(?i:said|says|told|tells|asked|is|was|keeps|kept"
    r"|has|had|lives|lived|goes|went|attends|attended|sleeps|slept|cried|disclosed|refused"
    r"|won't|wouldn't|isn't|wasn't|doesn't|didn't|hasn't)\b"
)
# A name with the age written after it: 'Tyler (7)', 'Poppy aged 3', 'Kacey-Leigh, 4,'
AGED = re.compile(
    rf"\b((?:{_CAPITALISED})(?:\s+(?:{_CAPITALISED}))?)(?=\s*\(\s*(?:aged?\s*)?\d{{1,2}}\b"
    r"|,?\s+aged?\s+\d{1,2}\b|\s*,\s*\d{1,2}\s*(?:,|\b(?:years?|yrs?|months?)\b))"
)
MID_SENTENCE = re.compile(r"(?<=[a-z,] )([A-Z][a-z'’]{1,30}(?:-[A-Z][a-z'’]{1,30})?)\b")
FAMILY = re.compile(
    rf"\bthe\s+([A-Z][a-z'’]{{1,30}}(?:-[A-Z][a-z'’]{{1,30}}){{0,3}}(?:e?s)|(?:{_NAME_WORD})\s+family)\b"
)
# A school or nursery by its name ('Oakfield Nursery', 'St Mary's Primary') says where a child is
SETTING = re.compile(
    r"\b((?:St\.?\s+)?[A-Z][a-z'’]{1,30}(?:[\s-][A-Z][a-z'’]{1,30}){0,2})\s+(?:Primary|Infant|Junior"
    r"|Nursery|Academy|High School|School|College|Pre-?school|Children'?s Centre)\b"
)
LIST = re.compile(rf"(?:{_NAME_WORD})(?:\s*,\s*(?:{_NAME_WORD}))*\s*,?\s+and\s+(?:{_NAME_WORD})")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")


ROLES = frozenset(
    "mum mother dad father nan nanna gran grandma grandad grandpa aunt auntie uncle baby child "
    "sister brother son daughter partner".split()
)
GENERIC_SETTING = frozenset(
    "the a our my his her their your this that local primary secondary special free early "
    "years community village catholic church virtual sunday forest boarding independent faith "
    "grammar state residential hospital alternative day new".split()
)
