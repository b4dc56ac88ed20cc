"""Dates into YYYY-MM-DD: ISO strings, epoch seconds or milliseconds (UTC)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH_DATE = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})")
_BASIC_DATE = re.compile(r"\s*(19|20)\d{6}\s*")  # compiled once: re.fullmatch looks it up per call
_DOT_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
# Epoch values before 2000-01-01 or after 2100 are more likely ids than dates.
_MIN_EPOCH_S, _MAX_EPOCH_S = 946_684_800, 4_102_444_800


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """A date as YYYY-MM-DD, or None when the value is not a recognisable absolute date.

    Numbers (or digit strings) are epoch timestamps: milliseconds when they are too large to
    be seconds. ISO strings keep their own calendar date: "2021-08-02T21:50:40Z" is
    2021-08-02, whatever the offset, because that is the date the source wrote.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _BASIC_DATE.fullmatch(value):
        # "20240115": ISO 8601's basic form, not an epoch (which would fall in 1970).
        digits = value.strip()
        return _safe_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any float is no timestamp
            return None
        seconds = number / 1000 if number > _MAX_EPOCH_S else number
        if not _MIN_EPOCH_S <= seconds <= _MAX_EPOCH_S:
            return None
        return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
    if not isinstance(value, str):
        return None
    for pattern in (_ISO_DATE, _SLASH_DATE):
        match = pattern.match(value)
        if match:
            return _safe_date(*(int(g) for g in match.groups()))
    match = _DOT_DATE.match(value)
    if match:  # 31.12.2024, the European order
        day, month, year = (int(g) for g in match.groups())
        return _safe_date(year, month, day)
    return _parse_rfc2822(value)


def _parse_rfc2822(value: str) -> str | None:
    """RSS dates: "Mon, 16 Sep 2024 10:00:00 +0000"."""
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None
