"""What the law says or requires is not learning from practice: a question that asks it (a legal
age, duty or timescale) is answered only by a passage that itself speaks of the law, never read
off passages that happen to share its other words."""

from __future__ import annotations

import re

LAW = re.compile(
    r"\b(?:il)?legal(?:ly|ity)?\b(?![\s-]+(?:guardians?|highs?)\b)"  # not a guardian, nor a drug
    r"|\b(?:un)?lawful(?:ly)?\b|\blegislation\b"
    # what a statute requires, not a statutory service or school age
    r"|\bstatutory (?:duty|duties|timescales?|time limits?|requirements?|obligations?|powers?)\b"
    r"|(?<!in-)(?<!in )\blaws?\b(?![\s-]+enforcement)",  # not the in-laws, nor the police
    re.I,
)
ASKS_THE_LAW = "what the law says or requires"


def speaks_of_law(text: str) -> bool:
    return LAW.search(text) is not None
