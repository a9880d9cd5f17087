"""The optional generative composer: any OpenAI-compatible chat model through LangChain.

This module alone imports the chat model. The model's answer is never trusted: each sentence is
verified against the items it cites (app.answers.verify) before it is sent, and when too little
survives, or the model is slow, down or talks nonsense, the extractive answer is used instead
and the response says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from app.answers.compose import Answer
from app.answers.prompts import render
from app.answers.verify import SENTENCE_END, Verdict, check, sanitise, split_sentences, verify
from app.core.embeddings import Embedder
from app.core.records import Item
from app.search.retrieval import Hit

MIN_KEPT = 2  # fewer verified sentences than this and the extractive answer is better
MIN_KEPT_SHARE = 0.5


@dataclass(frozen=True)
class LlmSettings:
    base_url: str
    model: str
    api_key: str
    timeout: float
    min_support: float


@dataclass(frozen=True)
class Event:
    kind: str  # delta | reset | done
    text: str = ""
    answer: Answer | None = None
    composer: str = "llm"
    fallback_reason: str | None = None
    verdicts: tuple[Verdict, ...] = ()


class Fallback(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LlmComposer:
    def __init__(self, settings: LlmSettings, embedder: Embedder) -> None:
        from langchain_openai import ChatOpenAI

        self.settings = settings
        self.embedder = embedder
        self.chat = ChatOpenAI(
            base_url=settings.base_url,
            model=settings.model,
            api_key=settings.api_key or "none",  # type: ignore[arg-type]
            timeout=settings.timeout,
            max_retries=0,
            temperature=0,
            streaming=True,
        )

    def _tokens(self, prompt: str) -> Iterator[str]:
        try:
            for chunk in self.chat.stream(prompt):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    yield text
        except Exception as exc:  # timeouts, refused connections, 5xx, broken streams
            name = type(exc).__name__.lower()
            raise Fallback("llm_timeout" if "timeout" in name else "llm_error") from exc

    def stream(
        self, question: str, hits: Sequence[Hit], vectors: np.ndarray, extractive: Answer
    ) -> Iterator[Event]:
        """Verified sentences as they complete; at the end the final answer (or the fallback)."""
        sources = [h.item for h in hits]
        prompt = render(
            "answer.j2",
            question=question,
            sources=[
                {"n": n, "document": i.doc_title, "label": i.label, "text": i.text}
                for n, i in enumerate(sources, 1)
            ],
        )
        kept: list[str] = []
        verdicts: list[Verdict] = []

        def checked(sentence: str) -> Iterator[Event]:
            for v in self._verify(sentence, sources, vectors):
                verdicts.append(v)
                if v.kept:
                    kept.append(v.sentence)
                    yield Event("delta", text=v.sentence + " ")

        buffer = ""
        try:
            for token in self._tokens(prompt):
                buffer += token
                *complete, buffer = _complete_sentences(buffer)
                for sentence in complete:
                    yield from checked(sentence)
            if buffer.strip():
                yield from checked(buffer)
            _enough(kept, verdicts)
        except Fallback as fb:
            yield Event("reset")
            yield Event(
                "done",
                answer=extractive,
                composer="extractive",
                fallback_reason=fb.reason,
                verdicts=tuple(verdicts),
            )
            return
        yield Event("done", answer=_answer(kept, sources), verdicts=tuple(verdicts))

    def phrase_question(
        self, question: str, item: Item, item_vector: np.ndarray, audience: str
    ) -> str | None:
        """A more natural wording of a built question, or None if the model's wording fails
        the same checks as an answer sentence (support, figures, negation) or is not one
        plain question."""
        prompt = render("question.j2", question=question, learning=item.text, audience=audience)
        try:
            reply = sanitise("".join(self._tokens(prompt))).strip().strip('"“”')
        except Fallback:
            return None
        if not reply.endswith("?") or reply.count("?") != 1 or len(reply) > 300:
            return None
        vector = self.embedder.embed([reply])[0]
        verdict = check(
            reply + " [1]", [item], vector, item_vector[None, :], self.settings.min_support
        )
        return reply if verdict.kept else None

    def lead(self, question: str, item: Item, item_vector: np.ndarray) -> str | None:
        """The answer's first sentence (or two) in the model's words, from the leading passage
        alone; None unless every sentence passes the answer's checks against that passage
        (support, figures, negation, no markup)."""
        prompt = render("lead.j2", question=question, passage=item.text)
        try:
            reply = sanitise("".join(self._tokens(prompt))).strip().strip('"“”')
        except Fallback:
            return None
        reply = re.sub(r"\s*\[\d{1,3}\]", "", reply)  # the answer numbers its own sources
        sentences = [s.strip() for s in split_sentences(reply) if s.strip()]
        if not sentences or len(sentences) > 2 or len(reply) > 400:
            return None
        vectors = self.embedder.embed(sentences)
        for sentence, vector in zip(sentences, vectors, strict=True):
            verdict = check(
                sentence + " [1]", [item], vector, item_vector[None, :], self.settings.min_support
            )
            if not verdict.kept:
                return None
        return " ".join(sentences)

    def _verify(self, sentence: str, sources: list[Item], vectors: np.ndarray) -> list[Verdict]:
        return verify(sentence, sources, self.embedder.embed, vectors, self.settings.min_support)


def _complete_sentences(text: str) -> list[str]:
    """All complete sentences, then the unfinished rest (possibly empty)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    if not ends:
        return [text]
    return [*split_sentences(text[: ends[-1]]), text[ends[-1] :]]  # the rest waits, as it is


def _enough(kept: list[str], verdicts: list[Verdict]) -> None:
    if not verdicts:
        raise Fallback("empty_output")
    if len(kept) < MIN_KEPT or len(kept) / len(verdicts) < MIN_KEPT_SHARE:
        raise Fallback("too_little_verified")


def _answer(kept: list[str], sources: list[Item]) -> Answer:
    """Renumber the citations the kept sentences use, in order of first use."""
    order: list[int] = []
    for sentence in kept:
        for n in re.findall(r"\[(\d{1,3})\]", sentence):
            if int(n) not in order:
                order.append(int(n))
    new = {old: k for k, old in enumerate(order, 1)}
    text = " ".join(
        re.sub(r"\[(\d{1,3})\]", lambda m: f"[{new[int(m.group(1))]}]", s) for s in kept
    )
    lines = (sanitise(text),)
    return Answer(lines[0], True, tuple(sources[n - 1] for n in order), lines)
