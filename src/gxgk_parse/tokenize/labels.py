"""Whether a line is a label of a statistics table, asked of the schema (never spelled here).

Segmentation uses this to keep a table's header lines (``第二十条第（五）项``,
``自然人 法人或其他组织 总计``, ``行政复议``) with the table, and to find the first line of a
table printed one cell per line without markers.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from ..match import core_key, label_key
from ..numbers import MEMO_MAX_TEXT
from ..schema import TEMPLATES, get_schema

__all__ = ["is_anchor_label", "is_table_label"]

_TOKEN = regex.compile(r"\S+")

# Kinds whose labels are printed inside a table (section titles are prose headings too).
_TABLE_KINDS = frozenset({"value", "row", "row_group", "column", "column_group", "column_header"})
# Labels that open a post-2019 table printed one cell per line (the pre-2019 table has its
# own anchors: its title and ``统计指标``).
_ANCHOR_KINDS = frozenset({"row", "row_group", "column", "column_group", "column_header"})
# Labels this short ("其他", "规章", "总计") also occur as words of prose: a line is not a
# header line for holding one, nor does one open a table.
_MIN_WORD_KEY = 3
_MIN_ANCHOR_KEY = 4


@cache
def _keys(kinds: frozenset[str]) -> frozenset[str]:
    keys: set[str] = set()
    for template in TEMPLATES:
        for ind in get_schema(template):
            if ind.kind not in kinds:
                continue
            for label in ind.labels:
                keys.add(label_key(label))
                keys.add(core_key(label))
    keys.discard("")
    return frozenset(keys)


def _known(text: str, kinds: frozenset[str]) -> bool:
    keys = _keys(kinds)
    return label_key(text) in keys or core_key(text) in keys


_HEADER_KINDS = _TABLE_KINDS | {"header"}

# Segmentation asks about the same short lines again and again (a table's header lines, the
# headings of prose): short ones are memoised (see ``numbers.MEMO_MAX_TEXT``).


def _is_table_label(text: str) -> bool:
    if _known(text, _HEADER_KINDS):
        return True
    words = _TOKEN.findall(text)
    return len(words) > 1 and any(
        len(label_key(w)) >= _MIN_WORD_KEY and _known(w, _HEADER_KINDS) for w in words
    )


_is_table_label_memo = lru_cache(maxsize=4096)(_is_table_label)


def is_table_label(text: str) -> bool:
    """The line, or one of its space-separated words, is a label of some template."""
    if len(text) <= MEMO_MAX_TEXT:
        return _is_table_label_memo(text)
    return _is_table_label(text)


def is_anchor_label(text: str) -> bool:
    """The line is a label that opens or stands inside a table (not a prose heading)."""
    key = label_key(text)
    return len(key) >= _MIN_ANCHOR_KEY and _known(text, _ANCHOR_KINDS)
