"""Words as search sees them, the same whichever thread asks."""

from __future__ import annotations

import random
import string
import threading

from app.core import text


def test_stemming_from_many_threads_at_once_gives_each_word_its_own_stem():
    """Requests are served on a thread pool; a stemmer shared between threads corrupts the word
    it is working on (a 500 for a team member adding a note at the same moment as another)."""
    rng = random.Random(7)
    words = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 14)))
        for _ in range(60_000)
    ]
    text._stem.cache_clear()
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            results[k] = [text._stem(w) for w in words[k::8]]
        except Exception as e:  # the failure this test is for
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:2]
    text._stem.cache_clear()
    for k in range(8):
        assert results[k] == [text._stem(w) for w in words[k::8]]
