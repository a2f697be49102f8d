"""Hypothesis strategies for fuzzing: real reports mutated, table-shaped noise, arbitrary text.

Three sources of input, from most to least realistic:

- :func:`mutated_documents`: a fixture (the bundled samples, every ``*.txt`` and ``*.html``
  under ``tests/fixtures``, or a freshly rendered pre-2019 / post-2019 table) damaged by a
  few random edits of the kinds conversions and hostile pages produce — lines deleted,
  duplicated or swapped, characters deleted, duplicated or swapped, and injected bars,
  tabs, digits, line breaks, Unicode whitespace, full-width forms and markup. Because the
  edits start from a real report, they reach deep into table detection and extraction.
- :func:`table_soup`: lines assembled from the schema's labels, units, numbers and
  separators in random layouts, so that every tokenizer and reader sees rows it was never
  meant to see.
- :func:`arbitrary_text`: any text, biased towards the characters the parser cares about.

Every strategy shrinks towards small edits of small inputs, so a failure is reported as a
short reproducer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from gxgk_parse import samples
from gxgk_parse.schema import TEMPLATES, get_schema

from .strategies import rendered_pre2019
from .strategies_post2019 import post2019_reports

FIXTURES = Path(__file__).parent / "fixtures"

# Characters the pipeline treats specially: separators, every whitespace that normalisation
# maps (and a few it does not), full-width forms, dashes, brackets, markup and digits.
UNICODE_SPACES = (
    "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060"
    "\u3000\ufeff\u00ad"
)
SPECIAL = (
    "|｜￨∣\t\n\r0123456789０１２３４５６７８９,，.。:：;；()（）〔〕[]【】{}<>《》"
    "-—–―−_/\\~～·、+＋%％&#\"'“”‘’?？!！=*"
)
# Lone surrogates: a ``str`` from a lossy decoder (``surrogateescape``) may hold them.
SURROGATES = "\ud800\udc00\udfff"
HAN = "政府信息公开申请件条次人万元其中一二三四五六七八九十总计合计年月日行政复议诉讼予以不同意部分"
MARKUP = (
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    '<td rowspan="3">',
    '<td colspan="0">',
    "<br>",
    "<p>",
    "</div>",
    "&nbsp;",
    "&#12345;",
    "&amp;",
    "<!--",
    "-->",
    "<script>",
    "<html>",
)
INSERTIONS = (*MARKUP, "|", "||", " | ", "\t", "\n", "\n\n", "\r\n", "(", ")", "（", "）", "。")


@cache
def fixture_texts() -> tuple[str, ...]:
    """Every report-shaped text the repository ships, in a stable order."""
    texts = [samples.read_text(name) for name in samples.names()]
    for pattern in ("*.txt", "*.html"):
        for path in sorted(FIXTURES.rglob(pattern)):
            texts.append(path.read_text(encoding="utf-8"))
    return tuple(texts)


@cache
def schema_words() -> tuple[str, ...]:
    """Labels and aliases of every template: the vocabulary the readers look for."""
    words: list[str] = []
    for template in TEMPLATES:
        for ind in get_schema(template):
            words.append(ind.label)
            words.extend(ind.aliases)
    return tuple(dict.fromkeys(words))


_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def _to_full_width(text: str) -> str:
    return "".join(_FULL_WIDTH.get(ch, "\u3000" if ch == " " else ch) for ch in text)


# -- edits ----------------------------------------------------------------------------------


@st.composite
def _edit(draw: st.DrawFn, text: str) -> str:
    """One random edit of *text* (lines or characters)."""
    kind = draw(
        st.sampled_from(
            (
                "delete-line",
                "duplicate-line",
                "swap-lines",
                "delete-chars",
                "duplicate-chars",
                "swap-chars",
                "insert",
                "digits",
                "full-width",
                "whitespace",
                "label",
                "repeat",
            )
        )
    )
    if kind in ("delete-line", "duplicate-line", "swap-lines"):
        lines = text.split("\n")
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete-line" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate-line":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    n = len(text)
    pos = draw(st.integers(0, n))
    if kind == "delete-chars":
        return text[:pos] + text[pos + draw(st.integers(1, 40)) :]
    if kind == "duplicate-chars":
        piece = text[pos : pos + draw(st.integers(1, 80))]
        return text[:pos] + piece + text[pos:]
    if kind == "swap-chars":
        return text[:pos] + text[pos + 1 : pos + 2] + text[pos : pos + 1] + text[pos + 2 :]
    if kind == "insert":
        return text[:pos] + draw(st.sampled_from(INSERTIONS)) + text[pos:]
    if kind == "digits":
        digits = draw(st.from_regex(r"[+\-−]?[0-9０-９]{1,12}([.,][0-9]{1,6})?", fullmatch=True))
        return text[:pos] + digits + text[pos:]
    if kind == "full-width":
        end = pos + draw(st.integers(1, 200))
        return text[:pos] + _to_full_width(text[pos:end]) + text[end:]
    if kind == "whitespace":
        spaces = draw(st.text(alphabet=UNICODE_SPACES, min_size=1, max_size=4))
        return text[:pos] + spaces + text[pos:]
    if kind == "label":
        return text[:pos] + draw(st.sampled_from(schema_words())) + text[pos:]
    # "repeat": a stretch repeated many times (a table printed twice, a runaway converter).
    piece = text[pos : pos + draw(st.integers(1, 200))]
    return text[:pos] + piece * draw(st.integers(2, 30)) + text[pos:]


@st.composite
def mutate(draw: st.DrawFn, text: str, max_edits: int = 8) -> str:
    """*text* after up to *max_edits* random edits."""
    for _ in range(draw(st.integers(0, max_edits))):
        text = draw(_edit(text))
    return text


def base_documents() -> st.SearchStrategy[str]:
    """A fixture, or a table rendered from the schema in one of its layouts."""
    return st.one_of(
        st.sampled_from(fixture_texts()),
        rendered_pre2019().map(lambda t: t.text),
        post2019_reports().map(lambda r: r.text),
    )


def mutated_documents(max_edits: int = 8) -> st.SearchStrategy[str]:
    return base_documents().flatmap(lambda text: mutate(text, max_edits))


# -- generated noise ------------------------------------------------------------------------


def _numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 10**9).map(str),
        st.from_regex(
            r"[+\-]?[0-9０-９]{1,4}(,[0-9]{3}){0,3}(\.[0-9]{1,4})?[件条次人元]?", fullmatch=True
        ),
        st.sampled_from(("", " ", "—", "/", "-", "——", "0", "无", "万元", "件", "人次")),
    )


def _cell() -> st.SearchStrategy[str]:
    return st.one_of(_numbers(), st.sampled_from(schema_words()), st.text(alphabet=HAN, max_size=8))


@st.composite
def _soup_line(draw: st.DrawFn) -> str:
    cells = draw(st.lists(_cell(), max_size=12))
    sep = draw(st.sampled_from((" | ", "|", "\t", " ", "  ", "\n", "\n|\n", " |\n")))
    lead = draw(st.sampled_from(("", "|", "\t", "  ")))
    tail = draw(st.sampled_from(("", "|", " |", " ||||", "\t")))
    return lead + sep.join(cells) + tail


@st.composite
def table_soup(draw: st.DrawFn) -> str:
    """Lines of labels, units, numbers and separators: table-shaped text without a plan."""
    lines = draw(st.lists(_soup_line(), min_size=1, max_size=60))
    blanks = draw(st.sampled_from(("\n", "\n\n", "\r\n")))
    return blanks.join(lines)


def arbitrary_text() -> st.SearchStrategy[str]:
    """Any text, half of it drawn from the characters the parser treats specially."""
    biased = st.text(
        alphabet=st.one_of(
            st.sampled_from(SPECIAL + UNICODE_SPACES + HAN + SURROGATES),
            st.characters(codec="utf-8"),
        ),
        max_size=400,
    )
    return st.one_of(st.text(max_size=200), biased)


def fuzz_inputs() -> st.SearchStrategy[str]:
    """Everything above, for one long-running property."""
    return st.one_of(mutated_documents(), table_soup(), arbitrary_text())
