"""The five seed reports, shipped with the package so examples work with no files at hand.

Each is a real published report as received (UTF-8 text), keyed by its number:

=====  ========================  ================================
key    report                    shape
=====  ========================  ================================
000    天津市宝坻区 2016         pre-2019 table, tab layout
001    内蒙古根河市 2016         pre-2019 table, pipe layout,
                                 injected spam, page footer
002    宁夏吴忠市利通区 2015     prose only, spaced-out title
003    江苏淮安市洪泽区 2017     prose only, web metadata block
004    河北保定市 2018           prose only, all figures in prose
=====  ========================  ================================

Example:
    >>> from gxgk_parse import samples
    >>> samples.names()
    ('000', '001', '002', '003', '004')
    >>> samples.read_text("001")[:5]
    '本年度报告'
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

__all__ = ["names", "path", "read_bytes", "read_text"]


def _files() -> dict[str, Traversable]:
    root = resources.files(__name__)
    return {
        entry.name[:3]: entry
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".txt")
    }


def names() -> tuple[str, ...]:
    """The keys of the bundled samples.

    Returns:
        ``("000", "001", "002", "003", "004")``, sorted.
    """
    return tuple(_files())


def path(name: str) -> Traversable:
    """The bundled file of a sample.

    Args:
        name: the sample's key, e.g. ``"001"``.

    Returns:
        The file, as a :class:`~importlib.abc.Traversable` (a :class:`~pathlib.Path` when the
        package is installed as files; use :func:`importlib.resources.as_file` for a real
        path in every case).

    Raises:
        KeyError: there is no sample of that name.
    """
    try:
        return _files()[name]
    except KeyError:
        raise KeyError(f"no sample {name!r}; available: {', '.join(names())}") from None


def read_text(name: str) -> str:
    """The text of a sample, for :func:`gxgk_parse.parse_report`.

    Args:
        name: the sample's key, e.g. ``"001"``.

    Raises:
        KeyError: there is no sample of that name.
    """
    return path(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    """The raw bytes of a sample (UTF-8), as a file on disk would give them.

    Args:
        name: the sample's key, e.g. ``"001"``.

    Raises:
        KeyError: there is no sample of that name.
    """
    return path(name).read_bytes()
