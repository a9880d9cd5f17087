"""What every library backend stores for an item, and derives from a document, in one shape:
the item row codec, the text keyword search matches, term counts and the lexicon rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from app.core import lexicon
from app.core.records import DocumentMeta, Item
from app.core.text import tokens

DIMENSIONS = 384
ITEM_COLUMNS = (
    "id, doc_id, doc_title, ord, kind, audience, label, section, section_path, text, start, stop,"
    " themes, sentence_ends"
)
SEP = "\x1f"  # joins a section path; never in document text (control characters are cleaned)


def keyword_text(item: Item) -> str:
    """What keyword search matches an item on: its document, section, label and text."""
    return " ".join(tokens(f"{item.doc_title} {item.section} {item.label} {item.text}"))


def row_to_item(row: Sequence) -> Item:
    (id_, doc_id, doc_title, order, kind, audience, label, section, path, text, start, stop) = row[
        :12
    ]
    themes, ends = row[12], row[13]
    return Item(
        id=id_,
        doc_id=doc_id,
        doc_title=doc_title,
        section=section,
        section_path=tuple(path.split(SEP)) if path else (),
        label=label,
        kind=kind,
        text=text,
        start=start,
        end=stop,
        order=order,
        audience=audience,
        themes=tuple(themes.split(",")) if themes else (),
        sentence_ends=tuple(int(e) for e in ends.split(",")) if ends else (),
    )


def item_row(item: Item) -> tuple:
    return (
        item.id,
        item.doc_id,
        item.doc_title,
        item.order,
        item.kind,
        item.audience,
        item.label,
        item.section,
        SEP.join(item.section_path),
        item.text,
        item.start,
        item.end,
        ",".join(item.themes),
        ",".join(str(e) for e in item.sentence_ends),
    )


def unique_items(items: Sequence[Item], vectors: np.ndarray) -> tuple[list[Item], np.ndarray]:
    """The first of each repeated item id, and its vector."""
    unique = {i.id: k for k, i in reversed(list(enumerate(items)))}
    keep = sorted(unique.values())
    vectors = np.asarray(vectors, dtype=np.float32)
    return [items[k] for k in keep], (vectors[keep] if keep else vectors[:0])


def term_counts(items: Sequence[Item]) -> Counter[str]:
    """In how many of these items each keyword term occurs."""
    return Counter(t for i in items for t in set(keyword_text(i).split()))


def lexicon_rows(
    meta: DocumentMeta, items: Sequence[Item]
) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """The document's lexicon as (doc_id, kind, term, value) rows (its glossary, the children it
    names, the words it prints), and those words."""
    texts = [meta.title, meta.subject or "", meta.publisher or "", *(i.text for i in items)]
    rows = [
        (meta.id, "glossary", term, value)
        for term, values in lexicon.glossary(items).items()
        for value in values
    ]
    rows += [(meta.id, "child", name, "") for name in sorted(lexicon.child_names(texts))]
    words = sorted(lexicon.words([*texts, *(i.section for i in items)]))
    rows.append((meta.id, "words", "", " ".join(words)))
    return rows, words
