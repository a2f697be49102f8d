"""Tokenizers: one module per table layout, each turning lines into rows of cells.

Every tokenizer works on the normalised text and yields :class:`~gxgk_parse.model.Row`
objects whose cell spans are *normalised* offsets; the report builder maps them back.

- :mod:`.tabbed` — one cell per line (tab-led or with the tabs lost), blank lines between
  rows, wrapped labels (quirks 1, 2).
- :mod:`.pipe` — ``a | b | c |`` rows with trailing empty cells, and the one-cell-per-line
  pipe variants (quirks 3, 4, 5).
- :mod:`.spaced` — a row's values separated by spaces on one line (quirk 8).
"""

from .lines import Line, split_lines

__all__ = ["Line", "split_lines"]
