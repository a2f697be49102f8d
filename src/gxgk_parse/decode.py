"""Bytes → text. BOM first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312).

Never guesses silently: the encoding used is returned and recorded in the Report, and bytes
that fit none of them raise :class:`DecodeError` with a code, instead of turning into
replacement characters.
"""

from __future__ import annotations

import codecs

import attrs
import regex

from .model import ParseError

__all__ = ["DecodeError", "Decoded", "decode"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that do not occur in text; a few of them mean "binary file".
_BINARY_BYTES = frozenset(range(0x00, 0x09)) | {0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14}


class DecodeError(ParseError):
    """Input bytes that are not text in a supported encoding.

    ``code`` is ``empty-input`` (no bytes, only whitespace, or only a byte-order mark),
    ``binary-input`` (control bytes: a PDF, an image, a Word file, UTF-16 without its
    byte-order mark), ``undecodable`` (bytes that fit no supported encoding, or not the one
    forced) or ``unknown-encoding`` (a forced encoding Python does not know). ``source`` is
    the path (or name) given.
    """


@attrs.frozen
class Decoded:
    """Decoded text and the name of the codec that decoded it.

    Attributes:
        text: the text, without a leading byte-order mark.
        encoding: the Python codec used: ``utf-8``, ``utf-8-sig`` (UTF-8 with a BOM),
            ``utf-16``, ``utf-32``, ``gb18030``, a codec a web page declared (``big5``), or
            the one forced.
    """

    text: str
    encoding: str


# A web page's own declaration, <meta charset="big5"> or <meta http-equiv="Content-Type"
# content="text/html; charset=big5">, read from its first bytes (ASCII-compatible pages).
_META_CHARSET = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""",
    regex.IGNORECASE,
)
# Labels the WHATWG encoding standard decodes with GB18030 (a superset of them all).
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "csgb2312", "chinese"})


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample or sum(b in _BINARY_BYTES for b in sample) > len(sample) // 100 + 2


def _looks_binary_text(text: str) -> bool:
    # The same test on decoded text, for byte-order marks in front of binary data: any even
    # number of bytes after FF FE decodes as UTF-16.
    sample = text[:4096]
    return "\x00" in sample or sum(ord(c) in _BINARY_BYTES for c in sample) > len(sample) // 100 + 2


def _declared(data: bytes) -> str | None:
    """The codec a web page declares for itself, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    label = m.group(1).decode("ascii").lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, *, encoding: str | None = None, source: str | None = None) -> Decoded:
    """Decode report bytes: BOM, then UTF-8, then the page's declared charset, then GB18030.

    Args:
        data: the raw bytes.
        encoding: force an encoding (no detection); errors still raise.
        source: a name for error messages (a path).

    Returns:
        The text and the codec that decoded it (recorded in :attr:`Report.encoding`).

    Raises:
        DecodeError: empty input, binary data, or bytes that fit no supported encoding.

    Example:
        >>> decode("统计表".encode("gb18030")).encoding
        'gb18030'
    """
    if encoding is not None:
        try:
            decoded = Decoded(data.decode(encoding), encoding)
        except LookupError:
            raise DecodeError(
                f"unknown encoding {encoding!r}", code="unknown-encoding", source=source
            ) from None
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}",
                code="undecodable",
                source=source,
            ) from None
        return _checked(decoded, source)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"bytes after the {name} byte-order mark do not decode: {exc.reason}",
                    code="undecodable",
                    source=source,
                ) from None
            return _checked(Decoded(text.lstrip("\ufeff"), name), source)
    if not data.strip():
        raise DecodeError("the input is empty", code="empty-input", source=source)
    if _looks_binary(data):
        raise DecodeError("the input is binary, not text", code="binary-input", source=source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared is not None and declared not in ("utf-8", "gb18030"):
        # A Big5 page from a traditional-character mirror (quirk 20) would also decode as
        # GB18030, into nonsense: the page's own declaration is the better guess.
        try:
            return _checked(Decoded(data.decode(declared), declared), source)
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"the bytes are neither UTF-8 nor GB18030 (first bad byte at offset {exc.start})",
            code="undecodable",
            source=source,
        ) from None


def _checked(decoded: Decoded, source: str | None) -> Decoded:
    if not decoded.text.strip():
        raise DecodeError("the input is empty", code="empty-input", source=source)
    if _looks_binary_text(decoded.text):
        raise DecodeError(
            f"the input decodes as {decoded.encoding} to binary data, not text",
            code="binary-input",
            source=source,
        )
    return decoded
