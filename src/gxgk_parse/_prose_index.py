"""Where the prose rules can match, found without running every rule over the text.

Running each rule's ``finditer`` over a report costs a pass of the text per rule, and even
one scan for where any label starts is slow: labels start with the commonest characters of
these reports (政, 公, 信 …). Both kinds of rule are found from something rarer instead.

*Number rules* are laid out as label, filler, number, unit, and the units are a handful of
characters. So the text is scanned backwards — its reversal forwards: the standard engine
only scans forwards, and is fast only for matches that start with one of few characters —
for a unit after a number after at most twelve characters of filler after the end of some
label, all in one scan in C that stops at a few dozen places in a report. Each stop gives
the few offsets where a label can end (the filler is short and made of known characters);
a trie of the reversed labels, tried there, gives the longest label ending at each, and a
table every label it ends with, so where each rule's label starts.

*Phrase rules* start with one of their phrases' first characters, which are uncommon (未,
没, 无 …): ``str.find`` (memchr speed) finds them.

Each rule is then tried with ``match`` at its own offsets only, in order, resuming after
each match — exactly the matches ``finditer`` would give. A rule the index cannot read
keeps its ``finditer``.

The patterns are read by a small parser of the literal subset of regular expressions
(:class:`LabelStrings`). The same parser tells when a pattern means the same to ``re``,
several times faster than ``regex`` on the short searches made around each match: the
number rules themselves (:func:`_standard`) and the words the rules look for near a match
(:func:`searcher`, :func:`occurs_before`, :class:`Recall`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs
import regex

__all__ = [
    "Candidates",
    "LabelStrings",
    "NumberLayout",
    "NumberSite",
    "Occurs",
    "Recall",
    "RuleIndex",
    "Search",
    "Unsupported",
    "Words",
    "char_class",
    "literal_strings",
    "occurs_before",
    "searcher",
    "start_strings",
    "trie_pattern",
]


# -- the literal subset ----------------------------------------------------------------------


class Unsupported(Exception):
    """A pattern outside the literal subset that :class:`LabelStrings` expands."""


_MAX_STRINGS = 5000
_SYNTAX = frozenset(".^$*+{}\\[]()|?")
LOOKAHEADS = ("(?!", "(?=")
LOOKBEHINDS = ("(?<!", "(?<=")
PLAIN_FLAGS = regex.compile("").flags


class LabelStrings:
    """Every string a finite, literal regular expression matches (a small parser).

    Lookarounds match the empty string (they consume nothing) and are allowed only when
    asked for (*zero_width*): their condition is then dropped, and the strings are those
    the pattern *may* match. Anything that is not a literal character, an escaped
    punctuation character, a class of such characters, a group, an alternation or an
    optional part raises :class:`Unsupported`, so that the expansion is either exact or
    not used.
    """

    def __init__(self, source: str, zero_width: tuple[str, ...] = LOOKAHEADS + LOOKBEHINDS):
        self.src = source
        self.i = 0
        self.zero_width = zero_width

    def _peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.src[j] if j < len(self.src) else ""

    def _escaped(self) -> str:
        nxt = self._peek(1)
        if not nxt or nxt.isalnum() or nxt == "_":
            raise Unsupported  # \d, \s, \p{…}, back-references: not literal
        self.i += 2
        return nxt

    def alternation(self) -> set[str]:
        out = self._sequence()
        while self._peek() == "|":
            self.i += 1
            out |= self._sequence()
        return out

    def _sequence(self) -> set[str]:
        out = {""}
        while self._peek() not in ("", "|", ")"):
            part = self._quantified()
            out = {a + b for a in out for b in part}
            if len(out) > _MAX_STRINGS:
                raise Unsupported
        return out

    def _quantified(self) -> set[str]:
        strings = self._atom()
        c = self._peek()
        if c == "?":
            self.i += 1
            strings = strings | {""}
            if self._peek() in ("?", "+"):  # lazy or possessive: the same strings
                self.i += 1
        elif c in ("*", "+", "{"):
            raise Unsupported
        return strings

    def _atom(self) -> set[str]:
        c = self._peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self._class()
        if c == "\\":
            return {self._escaped()}
        if c in _SYNTAX:
            raise Unsupported
        self.i += 1
        return {c}

    def group(self) -> set[str]:
        rest = self.src[self.i :]
        zero_width = rest.startswith(self.zero_width)
        if rest.startswith("(?:"):
            self.i += 3
        elif rest.startswith("(?P<") and ">" in rest:
            self.i += rest.index(">") + 1
        elif zero_width:
            self.i += 4 if rest.startswith(LOOKBEHINDS) else 3
        else:
            raise Unsupported
        inner = self.alternation()
        if self._peek() != ")":
            raise Unsupported
        self.i += 1
        return {""} if zero_width else inner

    def _class(self) -> set[str]:
        self.i += 1
        chars: set[str] = set()
        while self._peek() != "]":
            c = self._peek()
            if c in ("", "^", "-", "["):
                raise Unsupported  # unterminated, negated, ranges, nested sets
            if c == "\\":
                chars.add(self._escaped())
            else:
                chars.add(c)
                self.i += 1
        self.i += 1
        if not chars:
            raise Unsupported
        return chars


def literal_strings(source: str, zero_width: tuple[str, ...]) -> frozenset[str] | None:
    """Every string the pattern *source* matches, the lookarounds allowed dropped, if finite."""
    parser = LabelStrings(source, zero_width)
    try:
        strings = parser.alternation()
    except Unsupported:
        return None
    if parser.i != len(source):
        return None  # an unmatched ``)``: not a pattern this parser reads
    return frozenset(strings)


def start_strings(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which starts every match of *pattern*; ``None`` if not expandable.

    The whole pattern when its language is finite (every match is one of the strings),
    otherwise its first group (a rule's label).
    """
    if pattern.flags != PLAIN_FLAGS:
        return None  # case-insensitive or verbose patterns match more than their letters
    source = pattern.pattern
    strings = literal_strings(source, LOOKAHEADS + LOOKBEHINDS)
    if strings is None and source.startswith("("):
        try:
            strings = frozenset(LabelStrings(source).group())
        except Unsupported:
            strings = None
    if not strings or "" in strings:
        return None  # a start that can be empty can be anywhere
    return strings


def trie_pattern(strings: Iterable[str]) -> str:
    """A pattern matching the longest of *strings* that starts at a position.

    All strings starting at one position are prefixes of one another, so the trie, tried
    greedily, stops at the longest; the shorter ones are its prefixes.
    """
    trie: dict[str, dict[str, Any]] = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        alternatives = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or "(?!)"


def char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


#: A search of ``text[start:end]`` for a pattern: a match (truthy) or ``None``.
Search = Callable[[str, int, int], Any]


def searcher(pattern: regex.Pattern[str]) -> Search:
    """A search for *pattern* between two offsets, as fast as its syntax allows.

    A list of words is one scan of ``re``, which is several times faster than ``regex`` on
    short texts (a trie of the words when there are several). A pattern with lookaheads and
    nothing else beyond the literal subset is the same pattern for ``re``, and ``re``
    searching up to ``end`` sees the end of the text there just as at the end of a slice.
    Anything else (lookbehinds, which would see before ``start``; ``\\d``, whose digits
    differ between the engines' Unicode versions …) searches the slice with the pattern.
    """
    if pattern.flags == PLAIN_FLAGS:
        words = literal_strings(pattern.pattern, ())
        if words and "" not in words:
            return re.compile(trie_pattern(words)).search
        if literal_strings(pattern.pattern, LOOKAHEADS) is not None:
            try:
                return re.compile(pattern.pattern).search
            except re.error:  # a possessive ``?+`` before Python 3.11
                pass
    search = pattern.search

    def in_slice(text: str, start: int, end: int) -> Any:
        return search(text[start:end])

    return in_slice


class Words(NamedTuple):
    """A list of words, searched for with ``re``: a trie of them."""

    search: Callable[[str, int, int], re.Match[str] | None]
    longest: int

    @classmethod
    def of(cls, words: Iterable[str]) -> Words:
        words = tuple(words)
        return cls(re.compile(trie_pattern(words)).search, max(map(len, words)))


class Recall:
    """Whether one of some words occurs between two offsets of a text, remembering answers.

    For questions about wide, overlapping windows of one text (a section around each match):
    the last occurrence found answers any window holding it, and of a window overlapping the
    widest span known to hold none, only the ends that stick out are searched.
    """

    __slots__ = ("_empty", "_found", "_text", "_words")

    def __init__(self, words: Words, text: str) -> None:
        self._words = words
        self._text = text
        self._found: tuple[int, int] | None = None
        self._empty: tuple[int, int] | None = None

    def __call__(self, start: int, end: int) -> bool:
        found = self._found
        if found is not None and start <= found[0] and found[1] <= end:
            return True
        search, longest = self._words
        text = self._text
        empty = self._empty
        if empty is not None and min(end, empty[1]) - max(start, empty[0]) >= longest:
            lo, hi = empty
            # An occurrence in the window is not in the empty span: it sticks out of it.
            m = search(text, start, min(end, lo + longest - 1)) if start < lo else None
            if m is None and hi < end:
                m = search(text, max(start, hi - longest + 1), end)
            if m is None:
                # Together they hold none either: they overlap by more than a word.
                self._empty = (min(start, lo), max(end, hi))
                return False
        else:
            m = search(text, start, end)
            if m is None:
                self._empty = (start, end)
                return False
        self._found = m.span()
        return True


#: Whether a pattern occurs in ``text[start:end]``, given the text and its reversal.
Occurs = Callable[[str, str, int, int], bool]


def occurs_before(pattern: regex.Pattern[str]) -> Occurs:
    """Whether *pattern* occurs between two offsets, looked for from the end backwards.

    For what is usually named shortly before the end, such as the subject of a sentence
    before a label: a list of words is searched in the reversed text, reversed, from the
    end on (an occurrence within the span, read backwards); other patterns as by
    :func:`searcher`.
    """
    words = literal_strings(pattern.pattern, ()) if pattern.flags == PLAIN_FLAGS else None
    if words and "" not in words:
        scan = re.compile(trie_pattern(word[::-1] for word in words)).search

        def backwards_from_end(text: str, backwards: str, start: int, end: int) -> bool:
            n = len(backwards)
            return scan(backwards, n - end, n - start) is not None

        return backwards_from_end
    search = searcher(pattern)

    def forwards(text: str, backwards: str, start: int, end: int) -> bool:
        return search(text, start, end) is not None

    return forwards


# -- number rules --------------------------------------------------------------------------


@attrs.frozen
class NumberLayout:
    """How number rules are laid out: label, filler, number, unit.

    Attributes:
        fill: the filler pattern, a possessive repeat of *fill_words* and spaces.
        fill_words: the filler's words.
        fill_tokens: how many words or single spaces the filler holds at most.
        between: what each rule may have between its label and its unit (its filler,
            spaces, the number); only rules with one of them are indexed.
    """

    fill: str
    fill_words: tuple[str, ...]
    fill_tokens: int
    between: tuple[str, ...]

    @property
    def fill_chars(self) -> frozenset[str]:
        return frozenset("".join(self.fill_words)) | {" ", "\t"}

    @property
    def max_fill(self) -> int:
        return self.fill_tokens * max(map(len, self.fill_words))


def _layout(
    pattern: regex.Pattern[str], layout: NumberLayout
) -> tuple[frozenset[str], frozenset[str], bool] | None:
    """The label strings and units of a rule laid out as label, filler, number, unit.

    The third item tells whether what follows the unit is in the literal subset too (with
    lookaheads), so that the whole pattern means the same to ``re``.
    """
    source = pattern.pattern
    if pattern.flags != PLAIN_FLAGS or not source.startswith("(?P<label>"):
        return None
    try:
        label = LabelStrings(source)
        labels = label.group()
        rest = source[label.i :]
        middle = next(m for m in layout.between if rest.startswith(m + "(?P<unit>"))
        unit = LabelStrings(rest[len(middle) :])
        units = unit.group()
    except (Unsupported, StopIteration):
        return None
    if not labels or "" in labels or not units or "" in units:
        return None
    if any(c.isspace() or c.isdigit() for c in "".join(labels) + "".join(units)):
        return None  # a label or unit holding spaces or digits would blur the layout
    tail = rest[len(middle) + unit.i :]
    return frozenset(labels), frozenset(units), literal_strings(tail, LOOKAHEADS) is not None


def _standard(pattern: regex.Pattern[str], layout: NumberLayout) -> re.Pattern[str] | None:
    """A number rule's pattern for ``re``, or ``None`` when ``re`` cannot compile it.

    Only for patterns :func:`_layout` reads whole: the literal subset (the same for both
    engines) around the known filler and number. Before Python 3.11 ``re`` has no
    possessive repeats: the filler's repeat goes in a lookahead, which is atomic, and is
    taken with a back-reference. ``\\d`` is the one difference left: see
    :class:`Candidates`.
    """
    atomic = f"(?=(?P<fill>{layout.fill.removesuffix('+')}))(?P=fill)"
    try:
        return re.compile(pattern.pattern.replace(layout.fill, atomic))
    except re.error:
        return None


# ``re``'s ``\d`` knows the digits of the standard library's Unicode database, ``regex``'s
# those of its own, newer one; the newer digits are all outside the Basic Multilingual
# Plane, so every character there counts as one (a few more places to try, none missed).
_DIGIT = r"[\d\U00010000-\U0010ffff]"
_NUMBER_CHAR = r"[\d.,\U00010000-\U0010ffff]"
_SPACES = r"[ \t]*(?:\n[ \t]*)?"


class Candidates(dict[int, list[int]]):
    """Per rule, the offsets where one of its matches may start, ascending.

    ``plain``: every number a number rule can match is made of ASCII digits (see
    :meth:`RuleIndex.numbers`), so that the rules' ``re`` versions may be used.
    """

    plain = True


#: A number with its unit: whether its digits are ASCII, and where a match with it may
#: start: an offset *end* and (rule, length) pairs, ordered by rule, then by offset; each
#: rule may match at ``end - length`` (the label's end less the label's length).
NumberSite = tuple[bool, int, Sequence[tuple[int, int]]]


class RuleIndex:
    """Where each prose rule can match (number rules first, then phrase rules).

    :meth:`numbers` gives, for each number with its unit, the rules and offsets where a
    match with it may start; :meth:`starts` the same per rule (and for phrase rules, the
    offsets where a phrase may start); :meth:`matches` tries a rule at its offsets.
    """

    def __init__(
        self,
        number: Sequence[regex.Pattern[str]],
        phrase: Sequence[regex.Pattern[str]],
        layout: NumberLayout,
    ):
        self.patterns = (*number, *phrase)
        self.number_count = len(number)
        indexed: set[int] = set()
        labels: dict[str, set[int]] = {}
        units: set[str] = set()
        standard: list[re.Pattern[str] | None] = []
        for k, pattern in enumerate(number):
            read = _layout(pattern, layout)
            standard.append(_standard(pattern, layout) if read is not None and read[2] else None)
            if read is not None:
                indexed.add(k)
                for label in read[0]:
                    labels.setdefault(label, set()).add(k)
                units |= read[1]
        #: Each number rule as it is matched against a number of ASCII digits: its ``re``
        #: version when there is one, several times faster (see :meth:`numbers`).
        self.plain_patterns = tuple(s or p for s, p in zip(standard, number, strict=True))
        # Reversed label → (rule, length) of every label it ends with, itself included,
        # ordered by rule, then by offset (the longest label first).
        self._ending = MappingProxyType(
            {
                label[::-1]: tuple(
                    sorted(
                        (
                            (k, len(label) - i)
                            for i in range(len(label))
                            for k in labels.get(label[i:], ())
                        ),
                        key=lambda pair: (pair[0], -pair[1]),
                    )
                )
                for label in labels
            }
        )
        reversed_labels = trie_pattern(self._ending)
        self._label_at = re.compile(reversed_labels).match
        self._label_last = frozenset(label[-1] for label in labels)
        self._longest_label = max(map(len, labels), default=0)
        fill = f"{char_class(layout.fill_chars)}{{0,{layout.max_fill}}}"
        units_backwards = "|".join(re.escape(u[::-1]) for u in sorted(units, key=len, reverse=True))
        # ``(?=(?P<x>…))(?P=x)`` is an atomic group (``re`` before Python 3.11 has none):
        # what it takes is never given back, so a failed test after it costs no
        # backtracking through a long run of spaces or digits.
        self._numbers = re.compile(
            # A unit, then (a quick test, as most units follow no number) a digit or space,
            f"(?:{units_backwards or '(?!)'})(?=[\\d \\t\\n\\U00010000-\\U0010ffff])"
            f"(?=(?P<wrap>{_SPACES}))(?P=wrap)"
            # the number, the spaces before it,
            f"(?=(?P<number>{_DIGIT}{_NUMBER_CHAR}*))(?P=number)"
            f"(?=(?P<spaces>{_SPACES}))(?P=spaces)"
            # the filler that may separate the number from a label,
            f"(?=(?P<fill>{fill}))"
            # and the longest label ending where most of the filler is taken.
            f"(?={fill}(?P<label>{reversed_labels}))"
        ).finditer
        #: Every number rule is indexed, and no label starts with a character of a unit: a
        #: match then never starts inside another match with another number, and the rules
        #: can be tried number by number (see :meth:`numbers`).
        self.by_number = len(indexed) == len(number) and not any(
            label[0] in "".join(units) for label in labels
        )
        # Phrase rules: first character → (the strings a phrase starts with, rule).
        first: dict[str, dict[int, set[str]]] = {}
        for k, pattern in enumerate(phrase, start=len(number)):
            strings = start_strings(pattern)
            if strings is not None:
                indexed.add(k)
                for string in strings:
                    first.setdefault(string[0], {}).setdefault(k, set()).add(string)
        # First character → every phrase start with it, and those of each rule.
        self._phrase_starts = tuple(
            (
                ch,
                tuple(sorted(set().union(*rules.values()))),
                tuple((tuple(sorted(starts)), k) for k, starts in sorted(rules.items())),
            )
            for ch, rules in sorted(first.items())
        )
        self.indexed = frozenset(indexed)
        self._unindexed = tuple(sorted(frozenset(range(len(self.patterns))) - self.indexed))

    def numbers(self, text: str, backwards: str, lo: int, hi: int) -> Iterator[NumberSite]:
        """Each number with its unit in ``text[lo:hi]`` that the end of a label may precede.

        *backwards* is the text reversed, scanned up to the gap's start: a number, filler or
        label beyond it (in an excluded span) cannot be in a match that is read, and every
        label that ends in the gap is still found in full, however far back it starts, so
        that a rule's matches follow one another as ``finditer``'s do.

        A match with a number of ASCII digits is the same for the rules' ``re`` versions:
        around such a number both engines test for digits only characters that are digits,
        or spaces, fillers, labels and units, in every Unicode version.
        """
        n = len(text)
        end = n - lo
        # How far the scan must see past a label for it to be the longest: the gap's start
        # may have cut a longer one short.
        cut = end - self._longest_label if lo else n
        label_at = self._label_at
        label_last = self._label_last
        ending = self._ending
        for m in self._numbers(backwards, n - hi, end):
            number, found = m.group("number", "label")
            # A label can end at any character of the filler (at most twelve). The scan
            # found the longest at one of them (unless the gap's start cut it short).
            fill_start, fill_end = m.span("fill")
            found_at, found_end = m.span("label")
            if found_end > cut:
                found_at = -1
            elif fill_start == fill_end:
                yield number.isascii(), n - fill_start, ending[found]
                continue
            sites = []
            for r in range(fill_start, fill_end + 1):
                if r == found_at:
                    label = found
                elif backwards[r] not in label_last:
                    continue  # no label ends with this character
                else:
                    at = label_at(backwards, r)
                    if at is None:
                        continue
                    label = at.group()
                sites.append((n - r, ending[label]))
            if len(sites) == 1:
                yield number.isascii(), *sites[0]
            else:  # labels end at several places: one list, ordered by rule, then offset
                merged = sorted((k, e - length) for e, pairs in sites for k, length in pairs)
                yield number.isascii(), 0, tuple((k, -p) for k, p in merged)

    def starts(self, text: str) -> Candidates:
        """Per rule, the offsets where one of its matches may start, ascending."""
        found = Candidates()
        for plain, end, candidates in self.numbers(text, text[::-1], 0, len(text)):
            found.plain = found.plain and plain
            for k, length in candidates:
                found.setdefault(k, []).append(end - length)
        for offsets in found.values():
            offsets.sort()
        self.phrase_starts(text, found)
        return found

    def phrase_starts(self, text: str, found: dict[int, list[int]]) -> None:
        """Add, per phrase rule, the offsets where one of its phrases may start (ascending)."""
        find = text.find
        startswith = text.startswith
        for ch, any_start, rules in self._phrase_starts:
            i = find(ch)
            while i >= 0:
                if startswith(any_start, i):
                    for starts, k in rules:
                        if startswith(starts, i):
                            found.setdefault(k, []).append(i)
                i = find(ch, i + 1)
        for k in found:
            if k >= self.number_count:
                found[k].sort()

    def tried(self, starts: Mapping[int, list[int]], lo: int, hi: int) -> list[int]:
        """The rules among ``lo..hi-1`` that can match: those with offsets, or unindexed."""
        return sorted(k for k in (*starts, *self._unindexed) if lo <= k < hi)

    def pattern(self, k: int, starts: Candidates) -> Any:
        """The pattern rule *k* is matched with: its ``re`` version when the text allows."""
        if starts.plain and k < self.number_count:
            return self.plain_patterns[k]
        return self.patterns[k]

    def matches(self, k: int, text: str, starts: Candidates) -> Iterator[Any]:
        """The matches of rule *k*, exactly as ``finditer(text)`` gives them."""
        pattern = self.pattern(k, starts)
        if k not in self.indexed:
            yield from pattern.finditer(text)
            return
        pos = 0
        for p in starts.get(k, ()):
            if p < pos:
                continue  # inside the previous match: finditer resumes after it
            m = pattern.match(text, p)
            if m is not None:
                yield m
                pos = m.end()
