"""Row label → indicator id.

:func:`label_key` folds away what varies without changing meaning — numbering (``（一）``,
``(一)``, ``1.``, ``1、``, ``其中：``), spaces (``统 计 指 标``), punctuation width and quote
style, traditional characters (quirk 20) — and the :class:`LabelMatcher` looks the key up:
exact label, then alias, then the label without its parenthetical (form-filling
instructions, quirk 18), then a scored fuzzy match above a threshold. Below it the row stays
unmapped.

A key can name several indicators (``（二）被依法纠错数`` under both 行政复议 and 行政诉讼,
quirk 17); :meth:`LabelMatcher.match` returns every candidate and the caller picks by context.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources

import attrs
import regex

from .numbers import MEMO_MAX_TEXT
from .schema import Schema, get_schema

__all__ = ["Candidate", "LabelMatcher", "core_key", "label_key", "matcher_for", "to_simplified"]


def _load_t2s() -> tuple[tuple[tuple[str, str], ...], dict[int, int]]:
    data_dir = resources.files("gxgk_parse.schema").joinpath("data")
    data = json.loads(data_dir.joinpath("t2s.json").read_text("utf-8"))
    words: tuple[tuple[str, str], ...] = tuple(
        sorted(((str(k), str(v)) for k, v in data["words"].items()), key=lambda kv: -len(kv[0]))
    )
    table = str.maketrans(str(data["chars"]), str(data["simplified"]))
    return words, table


_T2S_WORDS, _T2S_CHARS = _load_t2s()
# ``str.translate`` with a 400-entry dict costs about 200 ns a character even when nothing
# maps; one scan for any traditional character (there usually is none) is C-speed. The
# standard library's ``re`` compiles a large class to a bitmap: twenty times faster here
# than ``regex``, which tests the 400 characters one by one.
_T2S_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_T2S_CHARS)) + "]")

_SPACES = regex.compile(r"\s+")
# Item numbering at the start of a label, possibly stacked: "三、(一)", "其中:1.".
_NUMBERING = regex.compile(
    r"""^(?:
        [一二三四五六七八九十]{1,3}[、.,:]
      | [(（〔][一二三四五六七八九十]{1,3}[)）〕][、.]?
      | \d{1,2}[.、,:)）](?!\d)
      | [(（]\d{1,2}[)）]
      | [①-⑳]
      | 其中[:：,，]?
    )+""",
    regex.VERBOSE,
)
# Everything that is not a letter, digit or CJK ideograph.
_NOT_WORD = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
_PARENTHETICAL = regex.compile(r"[(（][^()（）]{0,80}[)）]")

FUZZY_THRESHOLD = 0.84


def to_simplified(text: str) -> str:
    """Map the traditional characters and Taiwan-style words that occur in labels."""
    for trad, simp in _T2S_WORDS:
        if trad in text:
            text = text.replace(trad, simp)
    if _T2S_ANY.search(text) is None:
        return text
    return text.translate(_T2S_CHARS)


# Labels recur in every report (the same template rows, the same header cells), and the
# segmenter, the template detector and the readers key the same cell several times, so keys
# are memoised. Only short texts are: a cell is short, and a hostile multi-megabyte "label"
# must not be kept alive by a cache.
_MEMO_SIZE = 8192


def _label_key(text: str) -> str:
    t = _SPACES.sub("", to_simplified(text))
    t = _NUMBERING.sub("", t)
    return str(_NOT_WORD.sub("", t))


def _core_key(text: str) -> str:
    t = _SPACES.sub("", to_simplified(text))
    t = _NUMBERING.sub("", t)
    t = _PARENTHETICAL.sub("", t)
    return str(_NOT_WORD.sub("", t))


_label_key_memo = lru_cache(maxsize=_MEMO_SIZE)(_label_key)
_core_key_memo = lru_cache(maxsize=_MEMO_SIZE)(_core_key)


def label_key(text: str) -> str:
    """The comparable form of a label: no numbering, spaces or punctuation; simplified."""
    if len(text) <= MEMO_MAX_TEXT:
        return _label_key_memo(text)
    return _label_key(text)


def core_key(text: str) -> str:
    """:func:`label_key` of the label without its parentheticals."""
    if len(text) <= MEMO_MAX_TEXT:
        return _core_key_memo(text)
    return _core_key(text)


@attrs.frozen
class Candidate:
    """One indicator a label may name, with how it was matched."""

    indicator: str
    method: str  # exact | alias | fuzzy
    score: float


@attrs.frozen
class LabelMatcher:
    """Lookups from label keys to indicator ids for one schema and a set of kinds."""

    exact: dict[str, tuple[str, ...]]
    alias: dict[str, tuple[str, ...]]
    core: dict[str, tuple[str, ...]]
    pool: tuple[tuple[str, str], ...]  # (key, indicator id) for fuzzy matching
    # Derived from ``pool``: character → ((pool index, count of the character), ...), so
    # that difflib's ``quick_ratio`` bound is computed for the whole pool in one pass over
    # the key's characters instead of one dict-building call per pool entry.
    _index: dict[str, tuple[tuple[int, int], ...]] = attrs.field(init=False, repr=False, eq=False)
    # Results by text: a matcher sees the same labels in every report of a template, and
    # the same cell is asked about by the detector and then by the reader. Bounded.
    _memo: dict[str, tuple[Candidate, ...]] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, list[tuple[int, int]]] = {}
        for i, (other, _) in enumerate(self.pool):
            for ch, n in Counter(other).items():
                index.setdefault(ch, []).append((i, n))
        object.__setattr__(self, "_index", {ch: tuple(v) for ch, v in index.items()})

    @classmethod
    def build(cls, schema: Schema, kinds: Iterable[str]) -> LabelMatcher:
        wanted = set(kinds)
        exact: dict[str, list[str]] = {}
        alias: dict[str, list[str]] = {}
        core: dict[str, list[str]] = {}
        pool: list[tuple[str, str]] = []
        for ind in schema.indicators:
            if ind.kind not in wanted:
                continue
            _add(exact, label_key(ind.label), ind.id)
            _add(core, core_key(ind.label), ind.id)
            pool.append((label_key(ind.label), ind.id))
            for variant in ind.aliases:
                _add(alias, label_key(variant), ind.id)
                _add(core, core_key(variant), ind.id)
                pool.append((label_key(variant), ind.id))
        # A (key, id) pair listed twice (a label and an alias with the same key) scores the
        # same twice; once is enough.
        unique = tuple(dict.fromkeys(pool))
        return cls(exact=_freeze(exact), alias=_freeze(alias), core=_freeze(core), pool=unique)

    def match(self, text: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Every candidate for *text*, best method first (empty when nothing is close).

        With ``fuzzy=False`` only exact and alias matches (the fuzzy search is most of the
        cost of a label that names nothing, such as a header cell).
        """
        if not fuzzy:
            return self._match(text, fuzzy=False)
        if len(text) > MEMO_MAX_TEXT:
            return self._match(text)
        found = self._memo.get(text)
        if found is None:
            found = tuple(self._match(text))
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = found
        return list(found)

    def _match(self, text: str, *, fuzzy: bool = True) -> list[Candidate]:
        key = label_key(text)
        if not key:
            return []
        if key in self.exact:
            return [Candidate(i, "exact", 1.0) for i in self.exact[key]]
        if key in self.alias:
            return [Candidate(i, "alias", 1.0) for i in self.alias[key]]
        ckey = core_key(text)
        if ckey and ckey in self.core:
            return [Candidate(i, "alias", 0.99) for i in self.core[ckey]]
        return self._fuzzy(key) if fuzzy else []

    def _fuzzy(self, key: str) -> list[Candidate]:
        if len(key) < 4:
            return []
        # difflib's two cheap bounds, computed exactly as difflib does (2 * M / T), for the
        # whole pool at once: ``real_quick_ratio`` from the lengths, ``quick_ratio`` from the
        # multiset intersection of characters. Only entries passing both pay for ``ratio``.
        shared: dict[int, int] = {}
        for ch, n in Counter(key).items():
            for i, m in self._index.get(ch, ()):
                shared[i] = shared.get(i, 0) + (n if n < m else m)
        la = len(key)
        best: dict[str, float] = {}
        matcher: SequenceMatcher[str] | None = None
        for i in sorted(shared):
            other, ind = self.pool[i]
            lo = len(other)
            if abs(lo - la) > max(la, lo) * 0.35:
                continue
            total = la + lo
            if 2.0 * min(la, lo) / total < FUZZY_THRESHOLD:
                continue
            if 2.0 * shared[i] / total < FUZZY_THRESHOLD:
                continue
            if matcher is None:
                matcher = SequenceMatcher(autojunk=False)
                matcher.set_seq2(key)
            matcher.set_seq1(other)
            score = matcher.ratio()
            if score >= FUZZY_THRESHOLD and score > best.get(ind, 0.0):
                best[ind] = score
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked:
            return []
        top = ranked[0][1]
        return [Candidate(i, "fuzzy", round(s, 3)) for i, s in ranked if s >= top - 1e-9]


def _freeze(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in index.items() if k}


def _add(index: dict[str, list[str]], key: str, indicator: str) -> None:
    bucket = index.setdefault(key, [])
    if indicator not in bucket:
        bucket.append(indicator)


@cache
def matcher_for(template: str, kinds: tuple[str, ...]) -> LabelMatcher:
    """The matcher of *template* over indicators of *kinds* (built once, then reused)."""
    return LabelMatcher.build(get_schema(template), kinds)


def choose(candidates: Sequence[Candidate], recent: Sequence[str], schema: Schema) -> Candidate:
    """Pick among same-label candidates by section context (quirk 17).

    The candidate whose parent or sibling was matched most recently wins; with no context,
    the first in template order.
    """
    if len(candidates) == 1:
        return candidates[0]
    related = schema.related
    sets = [related.get(c.indicator, frozenset()) for c in candidates]
    # The winner is the candidate related to the latest entry of *recent* (on a tie, the
    # first candidate), so the scan goes backwards and stops at the first related entry.
    # Scanning all of *recent* for every candidate made a table of n rows cost n².
    for pos in range(len(recent) - 1, -1, -1):
        seen = recent[pos]
        for cand, family in zip(candidates, sets, strict=True):
            if seen in family:
                return cand
    return candidates[0]
