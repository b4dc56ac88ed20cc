"""Reading the JSON that web pages actually serve in their JSON-LD blocks.

Each repair is tried only after the stricter reading failed, and each one that was needed is
reported as a warning ("JSON-LD repaired: removed trailing commas"), so a result says what
was odd about its source. The shapes come from pages seen in the wild: HTML comments or
CDATA markers around the JSON, trailing commas and semicolons, raw control characters inside
strings, and unescaped quotes inside strings (left to json_repair, the last resort).
"""

from __future__ import annotations

import json
import re
from typing import Any

from extractor.errors import MalformedInputError
from extractor.readers import check_json_nesting, first_clause

REPAIRED = "JSON-LD repaired: "

_COMMENT_OPEN = re.compile(r"\A\s*<!--")
_COMMENT_CLOSE = re.compile(r"-->\s*\Z")
_CDATA_OPEN = re.compile(r"\A\s*(?://\s*|/\*\s*)?<!\[CDATA\[(?:\s*\*/)?")
_CDATA_CLOSE = re.compile(r"(?://\s*|/\*\s*)?\]\]>(?:\s*\*/)?\s*\Z")
_TRAILING_SEMICOLONS = re.compile(r"[;\s]*;\s*\Z")


def load_lenient_json(text: str, source: str) -> tuple[Any, list[str]]:
    """Parse a JSON-LD block, repairing what the web commonly breaks.

    Returns the value and one warning per repair that was needed.

    Raises:
        UnsafeInputError: nesting deeper than any posting needs.
        MalformedInputError: text that no repair turns into JSON.
    """
    try:
        return _load_repairing(text, source)
    except ValueError as error:  # JSONDecodeError is caught inside; this is a number
        problem = first_clause(error)
        raise MalformedInputError(source, f"JSON-LD block beyond repair ({problem})") from None


def _load_repairing(text: str, source: str) -> tuple[Any, list[str]]:
    warnings: list[str] = []
    text = _unwrap(text.strip().lstrip("\ufeff"), warnings)
    check_json_nesting(text, source)
    try:
        return json.loads(text), warnings
    except json.JSONDecodeError as error:
        first_error = error
    except RecursionError:  # pragma: no cover - the nesting check comes first
        return _beyond_repair(source, "nested too deeply")

    try:
        value = json.loads(text, strict=False)
    except json.JSONDecodeError:
        pass
    else:
        return value, [*warnings, REPAIRED + "read raw control characters inside strings"]

    without_comments = _drop_js_comments(text)
    if without_comments != text:
        warnings.append(REPAIRED + "removed JavaScript comments")
        text = without_comments
        try:
            return json.loads(text, strict=False), warnings
        except json.JSONDecodeError:
            pass

    without_commas = _drop_trailing_commas(text)
    if without_commas != text:
        try:
            value = json.loads(without_commas, strict=False)
        except json.JSONDecodeError:
            pass
        else:
            return value, [*warnings, REPAIRED + "removed trailing commas"]

    values = _consecutive_values(without_commas)
    if values is not None:
        return values, [*warnings, REPAIRED + "read several JSON values written one after another"]

    value = _json_repair(without_commas)
    if value is not None:
        note = "fixed broken JSON (such as unescaped quotes inside strings) with json_repair"
        return value, [*warnings, REPAIRED + note]
    return _beyond_repair(
        source,
        f"line {first_error.lineno}, column {first_error.colno}: {first_error.msg}",
    )


def _beyond_repair(source: str, problem: str) -> tuple[Any, list[str]]:
    raise MalformedInputError(source, f"JSON-LD block beyond repair ({problem})")


def _unwrap(text: str, warnings: list[str]) -> str:
    """Drop the HTML comment, CDATA and semicolon wrappers that pages put around JSON."""
    if _COMMENT_OPEN.search(text) and _COMMENT_CLOSE.search(text):
        text = _COMMENT_CLOSE.sub("", _COMMENT_OPEN.sub("", text, count=1), count=1).strip()
        warnings.append(REPAIRED + "removed HTML comment markers around the JSON")
    if _CDATA_OPEN.search(text):
        text = _CDATA_CLOSE.sub("", _CDATA_OPEN.sub("", text, count=1), count=1).strip()
        warnings.append(REPAIRED + "removed CDATA markers around the JSON")
    if _TRAILING_SEMICOLONS.search(text):
        text = _TRAILING_SEMICOLONS.sub("", text).strip()
        warnings.append(REPAIRED + "removed trailing semicolon")
    return text


# A JSON string (to the end of the text when it is never closed) is kept as it is; what the
# repair removes can only stand outside one. One C-level substitution instead of a Python
# loop over every character (2 ms on a 20 KB block).
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)'
_JS_COMMENT = re.compile(rf"({_STRING})|//[^\n]*|/\*(?:.*?\*/|.*\Z)", re.S)
_TRAILING_COMMA = re.compile(rf"({_STRING})|,(?=[ \t\r\n]*[}}\]])", re.S)


def _drop_js_comments(text: str) -> str:
    """Remove // and /* */ comments outside strings ("https://..." inside a string stays)."""
    return _JS_COMMENT.sub(r"\1", text)


def _drop_trailing_commas(text: str) -> str:
    """Remove commas that close an object or array ("[1, 2,]"), leaving strings untouched."""
    return _TRAILING_COMMA.sub(r"\1", text)


def _consecutive_values(text: str) -> list[Any] | None:
    """Several JSON values in one block ("{...}\n{...}"), or None when that is not the shape."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    index, length = 0, len(text)
    while index < length:
        while index < length and text[index] in " \t\r\n,;":
            index += 1
        if index >= length:
            break
        try:
            value, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError:
            return None
        values.append(value)
    return values if len(values) > 1 else None


def _json_repair(text: str) -> Any:
    """json_repair's reading, or None when it finds no object or array in the text."""
    import json_repair

    try:
        value = json_repair.loads(text)
    except (ValueError, RecursionError):  # pragma: no cover - json_repair rarely raises
        return None
    if not _holds_objects(value):
        return None
    # json_repair salvages something from nearly anything; a reading that dropped much of the
    # text ("{<%= job %>}" becomes a list of one string) is a guess, not a repair.
    kept = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return value if kept >= 0.8 * len(re.sub(r"\s+", "", text)) else None


def _holds_objects(value: Any) -> bool:
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(item, dict) and item for item in value)
