"""Saved web pages: the visible text, same length as the markup, so spans stay exact.

Markup is blanked out rather than removed: every tag, comment, ``<script>`` and ``<style>``
becomes spaces (a block-level tag becomes a line feed and spaces), and every character
reference becomes its character followed by spaces. The result has exactly the length of the
page, so an offset in the visible text *is* an offset in the page, and ``page[start:end]``
of an observation is the cell or sentence as marked up.
"""

from __future__ import annotations

import html as _html

import attrs
import regex

from .model import Table
from .normalize import NormalizedText, normalize

__all__ = ["html_to_document", "looks_like_html", "visible_text"]

_HTML_START = regex.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<table[\s>]|<div[\s>])",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG_COUNT = regex.compile(r"</?(?:p|div|span|td|tr|table|br|font|strong)\b", regex.IGNORECASE)

_MARKUP = regex.compile(
    r"""
      (?P<comment><!--.*?(?:-->|\Z))
    | (?P<raw><(?P<rawtag>script|style|noscript|template)\b[^>]*>.*?(?:</(?P=rawtag)\s*>|\Z))
    | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>)
    | (?P<decl><![^>]*>|<\?[^>]*>)
    | (?P<ref>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.DOTALL,
)

_BLOCK = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl"),
        *("dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4"),
        *("h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"),
        *("table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)


def looks_like_html(text: str) -> bool:
    """Whether *text* is a web page rather than text that mentions a tag."""
    if _HTML_START.match(text):
        return True
    return len(_TAG_COUNT.findall(text[:20000])) >= 8


def _blank(piece: str, first: str = " ") -> str:
    # Keep the page's own line breaks so that line numbers stay those of the page.
    body = "".join("\n" if ch == "\n" else " " for ch in piece[1:])
    return (first if piece[:1] != "\n" else "\n") + body


def visible_text(page: str) -> str:
    """The page with markup blanked out; ``len(visible_text(p)) == len(p)``."""
    out: list[str] = []
    last = 0
    for m in _MARKUP.finditer(page):
        out.append(page[last : m.start()])
        piece = m.group()
        if m["ref"]:
            char = _html.unescape(piece)
            if char == "\xa0":
                char = " "
            if len(char) != 1:
                char = " "
            out.append(char + _blank(piece)[1:])
        elif m["tag"] and (m["name"] or "").lower() in _BLOCK:
            out.append(_blank(piece, "\n"))
        else:
            out.append(_blank(piece))
        last = m.end()
    out.append(page[last:])
    visible = "".join(out)
    assert len(visible) == len(page)
    return visible


def html_to_document(page: str) -> tuple[NormalizedText, tuple[Table, ...]]:
    """The normalised visible text of *page* (offsets into the page) and its tables."""
    masked = normalize(visible_text(page))
    nt = attrs.evolve(masked, original=page)
    return nt, ()
