"""Undo the extraction noise of PDFs and web pages, line by line, without losing content."""

import html
import re

_ESCAPED_SUP = re.compile(r"<sup>&</sup>lt;sup>")
_LATEX_SUP = re.compile(r"\$<sup>\^\{\\</sup>rm\s*(\d+)\}\$")
_LATEX_SUP2 = re.compile(r"\$\^\{\\rm\s*(\d+)\}\$")
_MD_FOOTNOTE = re.compile(r"\[\^(\d{1,3})\]:?")  # Markdown's '[^4]' and '[^4]: …'
FOOTNOTE_DEF = re.compile(r"^\s*<sup>(\d{1,3})</sup>\s*(.+)$")
# Every pattern here runs in linear time: no two adjacent quantifiers can match the same
# characters, and no match can scan past the next '<' or line end (tests/test_parse_limits.py).
_INLINE_SUP = re.compile(r"\s?<sup>[\d,\s]*</sup>")
_ANCHOR_OPEN = re.compile(r"<a\s[^<>]*>")
_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|sub|sup|ul|ol|li|p|br|div)\b[^<>]*>", re.I)
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\[\]]*)\)")
_MD_ESCAPE = re.compile(r"\\([_*#\[\]()])")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b]+")
_RULE = re.compile(r"(?:\s[-–—_.·•]){3,}(?=\s|$)")  # " - - - -": a box's dashed edge, in text
WEB_CHROME = {
    "skip to content",
    "top",
    "back to top",
    "published",
    "last updated",
    "share",
    "print",
}


def normalise_footnote_markup(text: str) -> str:
    """Bring the several footnote spellings the extractors produce to `<sup>N</sup>`."""
    text = _ESCAPED_SUP.sub("<sup>", text)
    text = _LATEX_SUP.sub(r"<sup>\1</sup>", text)
    text = _MD_FOOTNOTE.sub(r"<sup>\1</sup>", text)
    return _LATEX_SUP2.sub(r"<sup>\1</sup>", text)


def strip_inline(text: str) -> str:
    """Remove inline markup from one line of text: footnote markers, tags, links, escapes."""
    text = _INLINE_SUP.sub("", text)
    text = strip_anchors(text)
    text = _TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    text = text.replace("\t", " ")
    text = _RULE.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def is_rule(line: str) -> bool:
    """A line with no letter or digit ('- - - -', '____', '***') draws a line; it says nothing."""
    return not any(ch.isalnum() for ch in line)


def strip_anchors(text: str) -> str:
    """`<a …>label</a>` to `label`, in one pass: once no `</a>` is left, nothing more is."""
    out: list[str] = []
    at = 0
    while True:
        opening = _ANCHOR_OPEN.search(text, at)
        if opening is None:
            break
        closing = text.find("</a>", opening.end())
        if closing < 0:
            break
        out += [text[at : opening.start()], text[opening.end() : closing]]
        at = closing + 4
    return "".join(out) + text[at:]


def strip_bold(text: str) -> str:
    return _SPACES.sub(" ", text.replace("**", "")).strip()


def is_garbage(line: str) -> bool:
    """Tab-separated splinters from an image or chart: 'N.\tU.\t\tiii\tU'."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    if len(cells) < 3:
        return False
    return sum(len(c) for c in cells) / len(cells) < 4


def is_web_chrome(line: str) -> bool:
    return line.strip().lower() in WEB_CHROME


def join_bold_breaks(text: str) -> str:
    """Markdown hard breaks ('  \\n') inside a bold span belong to one heading: join them.
    Linear: each line's '**' are counted once, however many lines are joined."""
    out: list[list[str]] = []  # lines, each a list of parts joined at the end
    odd = False  # the last line so far has an odd number of '**'
    for line in text.split("\n"):
        if out and odd and out[-1][-1].endswith("  "):
            out[-1][-1] = out[-1][-1].rstrip()
            out[-1].append(" " + line.lstrip())
            odd ^= line.count("**") % 2 == 1
        else:
            out.append([line])
            odd = line.count("**") % 2 == 1
    return "\n".join("".join(parts) for parts in out)
