"""Turning raw input (a path, bytes or text) into a decoded Document, refusing what is unusable."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

RawInput = str | bytes | os.PathLike[str]

# Bytes that never occur in text: C0 controls other than tab, newline, form feed and return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_SURROGATE = re.compile("[\ud800-\udfff]")
# Feeds and pages that are not UTF-8 usually say what they are (Japanese feeds in Shift_JIS).
_XML_ENCODING = re.compile(rb"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Document:
    """A decoded input: its name for messages, its text, and what decoding had to assume."""

    name: str
    text: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default=())


def load_document(
    data: RawInput, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read and decode one input.

    ``str`` is taken as the document's text, ``bytes`` as its raw content, and a
    ``PathLike`` as a file to read. ``name`` labels the input in errors and results.

    Raises:
        InputTooLargeError: the input is larger than ``max_bytes``.
        EmptyInputError: the input holds nothing but whitespace.
        BinaryInputError: the input is binary data, not text.
        EncodingError: the bytes decode in no recognisable encoding.
        InputError: a path that cannot be read (missing, a directory, no permission).
    """
    if isinstance(data, os.PathLike):
        label = name or str(Path(data))
        data = _read_bounded(Path(data), label, max_bytes)
    else:
        label = name or "<input>"
    if isinstance(data, str):
        # More characters than the limit is more bytes too; a string that could exceed it
        # (up to 4 bytes a character) is measured.
        if len(data) > max_bytes or (
            len(data) * 4 > max_bytes and len(data.encode("utf-8", "surrogatepass")) > max_bytes
        ):
            raise InputTooLargeError(label, f"over the {max_bytes:,}-byte limit")
        text, warnings = _without_surrogates(data.lstrip("\ufeff"))
        return _checked(Document(name=label, text=text, warnings=warnings))
    if len(data) > max_bytes:
        raise InputTooLargeError(label, f"{len(data):,} bytes is over the {max_bytes:,}-byte limit")
    text, encoding, warnings = _decode(data, label)
    return _checked(Document(name=label, text=text, encoding=encoding, warnings=warnings))


def _without_surrogates(text: str) -> tuple[str, tuple[str, ...]]:
    """Text with lone UTF-16 surrogates (which no encoder accepts) as U+FFFD, one for one."""
    if text.isascii():  # a flag the string carries: no surrogate, no scan
        return text, ()
    count = len(_SURROGATE.findall(text))
    if not count:
        return text, ()
    return _SURROGATE.sub("\ufffd", text), (f"{count} lone surrogate(s) replaced by U+FFFD",)


def _read_bounded(path: Path, label: str, max_bytes: int) -> bytes:
    """A file's bytes, never reading more than one byte past the limit.

    The size on disk is checked first, and the read itself is bounded too, because devices,
    pipes and files that grow while being read report a size that cannot be trusted.

    Raises:
        InputTooLargeError: the file is larger than ``max_bytes``.
        InputError: the path cannot be read (missing, a directory, no permission).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(label, f"{size:,} bytes is over the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(label, f"cannot be read: {error.strerror or error}") from error
    if len(data) > max_bytes:
        raise InputTooLargeError(label, f"more than the {max_bytes:,}-byte limit")
    return data


def _checked(document: Document) -> Document:
    text = document.text
    # isspace() and find() with bounds stop early and copy nothing, unlike strip() and a slice.
    if not text or text.isspace():
        raise EmptyInputError(document.name, "the input is empty")
    if text.find("\x00", 0, 65536) >= 0:
        raise BinaryInputError(document.name, "the input is binary data (it holds NUL bytes)")
    return document


def _decode(data: bytes, label: str) -> tuple[str, str, tuple[str, ...]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, ()
            except UnicodeDecodeError as error:
                raise EncodingError(
                    label, f"invalid {encoding} after its byte-order mark"
                ) from error
    head = data[:65536]
    if b"\x00" in head or _control_share(head) > 0.05:
        raise BinaryInputError(label, "the input is binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(head)
    if declared:
        try:
            return data.decode(declared), declared, ()
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong; guess as for any other bytes
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        return text, "utf-8", (f"decoded as utf-8 with {bad} invalid byte(s) replaced",)
    guessed = _guess_encoding(data)
    if guessed is None:
        raise EncodingError(label, "the bytes are not UTF-8 and match no known encoding")
    note = f"decoded as {guessed}: the input is not valid UTF-8"
    return data.decode(guessed, errors="replace"), guessed, (note,)


def _declared_encoding(head: bytes) -> str | None:
    """The encoding an XML declaration or an HTML meta tag names, if Python knows it."""
    match = _XML_ENCODING.search(head[:1024]) or _META_CHARSET.search(head[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few stray bytes (a pasted cp1252 quote), or None.

    Reading such a document as cp1252 would garble every one of its valid multi-byte
    characters to fix a handful of bad bytes, so UTF-8 wins when its valid non-ASCII
    characters clearly outnumber the bytes that had to be replaced.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    valid = sum(1 for char in text if ord(char) > 127) - replaced
    if valid >= max(2, 2 * replaced):
        return text, replaced
    return None


# What text decoded as cp1252 plausibly holds beyond ASCII: Western European letters and
# typographic punctuation. Other characters ("³", "¹", "¿" inside words, "Ÿ") are the marks of
# Central European or Turkish bytes read with the wrong code page.
_WESTERN_PLAUSIBLE = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿ€‚„…†‡‰‘’“”•–—˜™ \xa0«»°£¥§©®±·¼½¾¡¿×"
)
# Guesses that a cp1252 reading cannot be mistaken for (Cyrillic, Greek, CJK). Other guesses
# (cp1250, cp775, ...) are often wrong on short texts, so a clean cp1252 reading beats them.
_TRUSTED_GUESSES = frozenset(
    {
        "shift_jis",
        "cp932",
        "euc_jp",
        "gb2312",
        "gb18030",
        "big5",
        "euc_kr",
        "cp949",
        "koi8_r",
        "cp1251",
        "iso8859_5",
        "cp1253",
        "iso8859_7",
    }
)


def _guess_encoding(data: bytes) -> str | None:
    """The encoding of bytes that are not UTF-8, or None when nothing fits.

    Most mis-encoded postings are cp1252 (Windows, Western Europe), so a cp1252 reading whose
    non-ASCII characters all look Western wins over charset_normalizer's Latin guesses, which
    on a short text often say cp1250 and turn "à" into "ŕ".
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    guess: str | None = best.encoding if best else None
    if guess in _TRUSTED_GUESSES:
        return guess
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        # Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in cp1252 but valid in latin-1.
        return "latin-1" if guess is None or guess.startswith(("latin", "iso8859")) else guess
    if guess is None or _looks_western(western):
        return "cp1252"
    return guess


def _looks_western(text: str) -> bool:
    """True when nearly every non-ASCII character is one that Western text uses."""
    foreign = [char for char in text if ord(char) > 127]
    if not foreign:
        return True
    odd = sum(char not in _WESTERN_PLAUSIBLE for char in foreign)
    return odd <= len(foreign) // 20


def _control_share(head: bytes) -> float:
    if not head:
        return 0.0
    # One pass that deletes them, rather than one count() pass per control byte (28).
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head)
