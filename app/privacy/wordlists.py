"""The word lists that tell a name from a word: given names and surnames (the US census lists of
`names`, the international dictionary of `gender-guesser`), an English dictionary (GCIDE, from
`english-words`), days and months; and how common a word is in English (`wordfreq`). Each list is
read once, on first use."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

ORDINARY_ZIPF = 3.6  # a lower-case word this common in English is a word, not a name


def _data(package: str) -> Path:
    module = __import__(package)
    return Path(str(module.__file__)).parent


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    found: set[str] = set()
    census = _data("names")
    for name in ("dist.male.first", "dist.female.first"):
        found.update(line.split()[0].lower() for line in (census / name).read_text().splitlines())
    table = _data("gender_guesser") / "data" / "nam_dict.txt"
    for line in table.read_text(encoding="iso8859-1").splitlines():
        if line and not line.startswith("#") and len(line) > 30:
            found.add(line[3:29].strip().replace("+", "-").lower())
    return frozenset(n for n in found if n.isalpha() or "-" in n)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    census = _data("names") / "dist.all.last"
    return frozenset(line.split()[0].lower() for line in census.read_text().splitlines())


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The words of an English dictionary (GCIDE, from `english-words`): common nouns and the
    like, not people's names ('leaver', 'tyre' are words; 'kayden', 'kelly' are not)."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True))


def in_dictionary(word: str) -> bool:
    """A word written in lower case that an English dictionary holds, or an inflection of one
    ('marks', 'visited'): a word, not a name, unless something else says it is ('his mum
    poppy')."""
    return all(_listed(p) for p in word.lower().strip("'’").split("-"))


def _listed(word: str) -> bool:
    words = dictionary_words()
    endings = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
               ("ing", "e"), ("er", ""), ("est", ""))  # fmt: skip
    return word in words or any(
        word.endswith(end) and word[: -len(end)] + base in words for end, base in endings
    )


def is_named(word: str) -> bool:
    """A given name or surname, written in lower or upper case, that is not an ordinary word."""
    low = word.lower().strip("'’")
    parts = low.split("-")
    known = all(p in given_names() or p in surnames() for p in parts)
    return known and zipf_frequency(low, "en") < ORDINARY_ZIPF


def looks_like_name(word: str) -> bool:
    """Written as a name (Capitalised), or a known name in any case."""
    return word[:1].isupper() and not word.isupper() or is_named(word)


_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december christmas easter".split()
)


def _calendar(word: str) -> bool:
    return word.lower() in _CALENDAR


def calendar(word: str) -> bool:
    return word.lower() in _CALENDAR


def is_ordinary(word: str) -> bool:
    """An ordinary English word written in lower case: not a name however it is used."""
    return word.islower() and zipf_frequency(word, "en") >= ORDINARY_ZIPF
