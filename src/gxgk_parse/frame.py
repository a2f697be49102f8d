"""Reports → a pandas DataFrame in long format (one row per observation).

pandas is an optional dependency (``pip install "gxgk_parse[pandas]"``); it is imported only
when :func:`to_frame` is called.

Column ``value`` keeps the values exactly as parsed, in an ``object`` column: ``int`` for
counts, ``decimal.Decimal`` for money (``976.81`` 万元 stays ``Decimal("976.81")``, never
``976.8099999``), ``None`` for a blank or a dash (never 0). Column ``value_float`` is the same
value as ``float64`` (``NaN`` for ``None``), for arithmetic, grouping and plotting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .batch import ERROR_FIELDS, RECORD_FIELDS
from .model import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_frame"]

_INSTALL_HINT = 'to_frame() needs pandas: pip install "gxgk_parse[pandas]"'

# Nullable integer columns: a report without a year must not turn the column into floats.
_INT_COLUMNS = ("year", "line", "start", "end")
_FLOAT_COLUMNS = ("match_score",)


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT) from exc
    return pandas


def _value(value: Any) -> Any:
    # Records from the batch API carry a Decimal as its exact string (JSON has no decimals).
    if isinstance(value, str):
        return Decimal(value)
    return value


def _as_float(value: Any) -> float:
    return float("nan") if value is None else float(value)


def to_frame(
    reports: Report | Iterable[Report | Mapping[str, Any]],
) -> pd.DataFrame:
    """One DataFrame row per observation of every report, with the report's metadata.

    Args:
        reports: a :class:`Report`, or an iterable of reports and/or records (dicts from
            :meth:`Report.to_records` or :func:`gxgk_parse.batch.parse_path_to_records`,
            e.g. read back from the command line's JSON Lines). Error records are kept as
            rows with ``error`` and ``message`` set, so that a failed file is not lost.

    Returns:
        A DataFrame with the columns of :meth:`Report.to_records` in order, ``value_float``
        right after ``value``, then ``error`` and ``message`` when any error record was
        given.
        ``value`` is an ``object`` column (``int``, ``Decimal`` or ``None``, exact);
        ``value_float`` is ``float64`` with ``NaN`` for missing values; ``year``, ``line``,
        ``start`` and ``end`` are nullable integers (``Int64``).

    Raises:
        ImportError: pandas is not installed (the message names the ``pandas`` extra).

    Example:
        >>> from gxgk_parse import parse_report, samples, to_frame
        >>> df = to_frame(parse_report(samples.read_text("001")))
        >>> row = df[df.indicator == "capacity.staff"].iloc[0]
        >>> row["value"], float(row["value_float"])
        (3, 3.0)
    """
    pd = _import_pandas()
    if isinstance(reports, Report):
        reports = [reports]
    rows: list[dict[str, Any]] = []
    for item in reports:
        if isinstance(item, Report):
            rows.extend(item.to_records())
        else:
            rows.append(dict(item))
    has_errors = any(row.get("error") is not None for row in rows)
    names = [*RECORD_FIELDS, *(ERROR_FIELDS[1:] if has_errors else ())]
    # Built column by column from the records: DataFrame.from_records would turn a column of
    # ints and Nones into floats (26 → 26.0) before we could say otherwise.
    data: dict[str, Any] = {}
    for name in names:
        column = [row.get(name) for row in rows]
        if name == "value":
            exact = [_value(v) for v in column]
            data["value"] = pd.Series(exact, dtype="object")
            data["value_float"] = pd.Series([_as_float(v) for v in exact], dtype="float64")
        elif name in _INT_COLUMNS:
            data[name] = pd.array(column, dtype="Int64")
        elif name in _FLOAT_COLUMNS:
            data[name] = pd.Series([_as_float(v) for v in column], dtype="float64")
        else:
            data[name] = pd.Series(column, dtype="object")
    return pd.DataFrame(data)
