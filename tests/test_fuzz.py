"""Fuzzing: whatever the input, the parser neither crashes nor loses or misplaces a number.

Properties, checked on mutated fixtures, table-shaped noise and arbitrary text:

- lenient mode never raises;
- strict mode raises only :class:`~gxgk_parse.ParseError`, and exactly when the lenient
  report has error findings;
- conservation: every numeric cell of ``report.tables`` is a table observation or an
  unmapped cell with the same span;
- every observation and unmapped cell has ``text[span] == raw``, and every span lies in the
  text;
- bytes raise nothing but :class:`~gxgk_parse.ParseError` (a ``DecodeError`` for
  undecodable input);
- the prose, metadata and spam patterns, tried only where their literals occur, match
  exactly what a scan of the whole text matches.

The default suite runs each property with the loaded profile (``ci``: 40 examples, ``dev``:
100). The long run draws from every strategy at once, in 20 rounds that share the profile's
``max_examples`` (so ``fuzz`` runs 100 000 examples), selected with ``-m fuzz``::

    pytest tests/test_fuzz.py -m fuzz --hypothesis-profile=fuzz -p no:cacheprovider -x -q
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from gxgk_parse import ParseError, metadata, parse_report, prose, suspicious
from gxgk_parse.html import html_to_document, looks_like_html
from gxgk_parse.normalize import normalize

from .checks import check_report
from .strategies_fuzz import (
    arbitrary_text,
    fuzz_inputs,
    mutate,
    mutated_documents,
    table_soup,
)


def check_text(text: str) -> None:
    """Lenient never raises and keeps the invariants; strict raises ParseError or nothing."""
    report = parse_report(text)
    check_report(text, report)
    try:
        parse_report(text, strict=True)
    except ParseError as exc:
        assert report.errors, f"strict mode raised {exc!r} on a report without errors"
    else:
        assert not report.errors, "strict mode returned a report with error findings"


def check_bytes(data: bytes) -> None:
    """Bytes decode or raise a ParseError (DecodeError); nothing else escapes."""
    with contextlib.suppress(ParseError):
        parse_report(data)


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    """A mutated document as a file would hold it, possibly with a few bytes damaged."""
    text = draw(mutated_documents(max_edits=3))
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "gb18030", "utf-16", "big5")))
    data = bytearray(text.encode(encoding, errors="replace"))
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


# -- the default suite: each source on its own, with the loaded profile ---------------------


@given(mutated_documents())
def test_mutated_documents(text: str) -> None:
    check_text(text)


@given(table_soup())
def test_table_soup(text: str) -> None:
    check_text(text)


@given(table_soup().flatmap(lambda text: mutate(text, 4)))
def test_mutated_table_soup(text: str) -> None:
    check_text(text)


@given(arbitrary_text())
def test_arbitrary_text(text: str) -> None:
    check_text(text)


@given(st.one_of(encoded(), st.binary(max_size=300)))
def test_bytes(data: bytes) -> None:
    check_bytes(data)


def test_empty_and_tiny_inputs() -> None:
    for text in ("", " ", "\n", "|", "0", "\ufeff", "\r", "\t|\t", "\ud800"):
        check_text(text)


# -- the scans that skip ahead give what a full scan gives ---------------------------------------


def _spans(matches: Iterable[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def check_scans(text: str) -> None:
    """Prose, metadata and spam patterns are tried only where their literals occur; the
    matches must be exactly those of a scan of the whole text (a rule edited so that a
    match no longer starts with one of its literals would be caught here)."""
    # The document as the pipeline builds it: a web page's visible text has a line feed
    # for every block tag, and a line table of the page's own line breaks.
    nt = html_to_document(text)[0] if looks_like_html(text) else normalize(text)
    t = nt.text
    starts = prose._INDEX.starts(t)
    for k, pattern in enumerate(prose._INDEX.patterns):
        assert _spans(prose._INDEX.matches(k, t, starts)) == _spans(pattern.finditer(t)), k
    for pattern, found in (
        (metadata._TITLE, metadata._title_starts(t)),
        (metadata._CMS_DATE, metadata._cms_date_starts(t)),
    ):
        assert _spans(metadata._matches_at(pattern, t, found)) == _spans(pattern.finditer(t))
    every = set(range(len(suspicious.PATTERNS)))
    assert {i for i in every if any(suspicious.PATTERNS[i].pattern.finditer(t))} <= (
        suspicious._candidates(t)
    )


def test_every_prose_rule_is_indexed() -> None:
    # A rule the index cannot expand still works (it falls back to finditer), but costs a
    # scan of the whole text again: keep rule starts literal.
    assert prose._INDEX.indexed == frozenset(range(len(prose._INDEX.patterns)))


@given(st.one_of(mutated_documents(max_edits=4), table_soup(), arbitrary_text()))
def test_skipping_scans_match_full_scans(text: str) -> None:
    check_scans(text)


# -- the long run -----------------------------------------------------------------------------

# The long run is split into rounds: Hypothesis keeps a tree of every example's choices for
# the duration of one run, which for kilobyte-sized documents grew by about 100 MB a minute
# (on course for well over ten gigabytes at 100 000 examples); a round's tree is freed when
# the round ends. The rounds share the profile's budget (``max_examples`` of
# ``--hypothesis-profile=fuzz`` is 100 000: 20 × 5 000), and ``-q`` prints one dot per
# round as progress.
LONG_ROUNDS = 20


@st.composite
def _long_case(draw: st.DrawFn) -> tuple[str, str | bytes]:
    if draw(st.integers(0, 9)) == 0:
        return "bytes", draw(encoded())
    return "text", draw(fuzz_inputs())


# Read when the module is imported, after pytest has loaded the profile of the command line.
ROUND_EXAMPLES = max(1, settings.default.max_examples // LONG_ROUNDS)


@pytest.mark.fuzz
@pytest.mark.parametrize("round_", range(LONG_ROUNDS))
@settings(max_examples=ROUND_EXAMPLES)
@given(case=_long_case())
def test_fuzz_long(round_: int, case: tuple[str, str | bytes]) -> None:
    _, value = case
    if isinstance(value, str):
        check_text(value)
        check_scans(value)
    else:
        check_bytes(value)
