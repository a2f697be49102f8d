"""Normalisation and its offset map back to the original text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gxgk_parse.normalize import _DELETED, _TABLE, normalize

PIECES = st.sampled_from(
    [
        "统计",
        "指标",
        "（一）",
        "１２３",
        "\r\n",
        "\n",
        "\r",
        "\u200b",
        "\ufeff",
        "\u3000",
        "\xa0",
        "\t",
        " ",
        "：",
        "|",
        "｜",
        "a",
        "5",
        "\u00ad",
        "\u2028",
    ]
)


def test_fullwidth_and_spaces() -> None:
    nt = normalize("（一）收到申请数：\u3000１２\xa0件")
    assert nt.text == "(一)收到申请数: 12 件"


def test_crlf_and_zero_width_are_dropped_with_a_map() -> None:
    original = "a\r\nb\u200bc\ufeffd"
    nt = normalize(original)
    assert nt.text == "a\nbcd"
    for pos, ch in enumerate(nt.text):
        assert original[nt.to_original(pos)] in (ch, "\n")
    assert nt.span_to_original(2, 4) == (3, 6)  # "bc" spans the zero-width space


def test_circled_numbers_survive() -> None:
    # NFKC would turn ①② into 12; the targeted table leaves them alone.
    assert normalize("①②").text == "①②"


def test_lines_and_columns() -> None:
    nt = normalize("第一行\r\n第二行\r\n  x")
    x = nt.text.index("x")
    assert nt.line_of(x) == 3
    assert nt.column_of(x) == 3
    assert nt.line_count == 3


@given(st.lists(PIECES, max_size=60))
def test_offset_map_is_exact(pieces: list[str]) -> None:
    original = "".join(pieces)
    nt = normalize(original)
    assert len(nt.text) <= len(original)
    for start in range(len(nt.text) + 1):
        for end in range(start, min(len(nt.text), start + 6) + 1):
            a, b = nt.span_to_original(start, end)
            assert 0 <= a <= b <= len(original)
            # The original slice normalises to the normalised slice.
            assert normalize(original[a:b]).text == nt.text[start:end]


def _reference(original: str) -> str:
    """The normalised text by the definition: drop the deleted characters, translate."""
    kept = _DELETED.sub("", original)
    return kept.translate(_TABLE)


@given(
    st.lists(
        st.one_of(
            PIECES,
            st.sampled_from([chr(c) for c in sorted(_TABLE)]),
            st.characters(codec="utf-8"),
        ),
        max_size=80,
    )
)
def test_text_is_the_character_table_applied(pieces: list[str]) -> None:
    # The fast path (scan for the next mapped character, replace it everywhere) must give
    # exactly what ``str.translate`` with the whole table gives, whatever the mix.
    original = "".join(pieces)
    assert normalize(original).text == _reference(original)
