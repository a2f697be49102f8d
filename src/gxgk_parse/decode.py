"""Bytes → text. BOM first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312).

Never guesses silently: the encoding used is returned and recorded in the Report, and bytes
that fit none of them raise :class:`DecodeError` with a code, instead of turning into
replacement characters.
"""

from __future__ import annotations

import codecs

import attrs

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

    ``code`` is ``empty-input``, ``binary-input`` or ``undecodable``.
    """


@attrs.frozen
class Decoded:
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample or sum(b in _BINARY_BYTES for b in sample) > len(sample) // 100 + 2


def decode(data: bytes, *, encoding: str | None = None, source: str | None = None) -> Decoded:
    """Decode report bytes.

    Args:
        data: the raw bytes.
        encoding: force an encoding (no detection); errors still raise.
        source: a name for error messages (a path).

    Raises:
        DecodeError: empty input, binary data, or bytes that fit no supported encoding.
    """
    if encoding is not None:
        try:
            return Decoded(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(
                f"cannot decode as {encoding}: {exc}", code="undecodable", source=source
            ) from None
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
            return Decoded(text.lstrip("\ufeff"), name)
    if not data.strip():
        raise DecodeError("the input is empty", code="empty-input", source=source)
    if _looks_binary(data):
        raise DecodeError("the input is binary, not text", code="binary-input", source=source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
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
