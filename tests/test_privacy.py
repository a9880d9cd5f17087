"""The personal-data guard: UK identifiers refused, names and dates redacted, and the corpus'
own language (Child B, Sibling 1, 4.2.3, 24%, Stoke-on-Trent, its authors) left alone."""

from __future__ import annotations

import json
import time

import pytest

from app.privacy.guard import PrivacyGuard, library_words
from tests.conftest import CORPUS, ROOT

CASES = [json.loads(line) for line in (ROOT / "tests/data/privacy.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def guard():
    texts = [p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")]
    g = PrivacyGuard(library_words(texts))
    g.wait()
    return g


def verdict(screened) -> str:
    return "refuse" if screened.refused else "redact" if screened.redacted else "none"


def test_there_are_enough_cases():
    assert sum(c["expect"] != "none" for c in CASES) >= 25
    assert sum(c["expect"] == "none" for c in CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_case(guard, case):
    assert verdict(guard.screen(case["text"])) == case["expect"]


def test_refusal_names_kinds_and_redaction_hides_values(guard):
    s = guard.screen("Call 07700 900123 or email kelly.smith@example.com")
    assert s.refused == ("email address", "phone number")
    r = guard.screen("his mum Kelly Smith was seen on 14/02/2024")
    assert "Kelly" not in r.text and "14/02/2024" not in r.text
    assert "[NAME]" in r.text and "[DATE]" in r.text and r.redacted == ("date", "name")


def test_a_name_takes_no_ordinary_word_before_it_nor_its_possessive(guard):
    assert guard.screen("Yesterday Liam said he was hungry.").text == (
        "Yesterday [NAME] said he was hungry."
    )
    assert guard.screen("Sophie's mum keeps cancelling visits.").text == (
        "[NAME]'s mum keeps cancelling visits."
    )


def test_an_invalid_nhs_check_digit_is_not_an_nhs_number(guard):
    assert "NHS number" not in guard.screen("reference 943 476 5918").refused


def test_a_short_question_is_screened_while_long_text_holds_every_shared_pipeline(guard):
    """Long pasted text must not make an ordinary question wait: with both shared NER
    pipelines taken, a short text is still screened (by the pipeline kept for short text)."""
    import threading

    names = guard._names
    held = [names._lease(short=False) for _ in range(2)]
    try:
        result = []
        worker = threading.Thread(
            target=lambda: result.append(guard.screen("I spoke with Precious about it today")),
            daemon=True,
        )
        worker.start()
        worker.join(timeout=60)
        assert result, "the short text waited for a pipeline held by long text"
        assert "Precious" not in result[0].text
    finally:
        for nlp, pool in held:
            pool.put(nlp)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "O'" * (n // 2),  # a run a name pattern could start at every letter of
        lambda n: "Kayden Tyler Mason " * (n // 19),  # one long run of names
        lambda n: "Kayden said his mum Chantelle was at school with Leo. " * (n // 55),
    ],
    ids=["apostrophes", "names", "case notes"],
)
def test_long_pasted_text_is_screened_in_linear_time(guard, make):
    """8x the text must take near 8x the time (quadratic would be 64x): notes pasted into a
    meeting record are screened before they are kept."""

    def timed(n: int) -> float:
        text = make(n)
        started = time.perf_counter()
        guard.screen(text)
        return time.perf_counter() - started

    timed(1_000)  # warm
    small, large = timed(2_500), timed(20_000)
    assert large < max(small * 20, 0.2), (small, large)
