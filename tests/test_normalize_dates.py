"""normalize_date: ISO strings, epochs in s and ms (UTC), European and RSS dates, junk."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from extractor.normalize.dates import normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-08-02T21:50:40.000Z", "2021-08-02"),
        # An ISO timestamp keeps the calendar date the source wrote, whatever its offset.
        ("2027-03-31T23:59:59+09:00", "2027-03-31"),
        ("2026-12-31T23:59", "2026-12-31"),
        ("2021-8-2", "2021-08-02"),
        (" 2024-01-15 ", "2024-01-15"),
        ("2024/03/05", "2024-03-05"),
        ("31.12.2024", "2024-12-31"),
        ("20240115", "2024-01-15"),
        ("Mon, 16 Sep 2024 10:00:00 +0000", "2024-09-16"),
        # Epoch seconds and milliseconds, converted in UTC: 23:30 UTC stays that day.
        (1627940440, "2021-08-02"),
        (1627940440000, "2021-08-02"),
        ("1627940440000", "2021-08-02"),
        (1704151800, "2024-01-01"),  # 2024-01-01T23:30:00Z
        (1.6e12, "2020-09-13"),
        (datetime(2024, 5, 6, 7, 8), "2024-05-06"),
        (date(2024, 5, 6), "2024-05-06"),
    ],
)
def test_dates(value: object, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        *(None, True, 0, 12345, "2 weeks ago", "junk", "", "2021-02-30", "2024-13-01"),
        *("20241332", []),
        # Found by fuzzing: an integer beyond any float raised OverflowError; NaN, infinity.
        *(10**400, "9" * 400, float("nan"), float("inf")),
    ],
)
def test_junk_gives_none(value: object) -> None:
    assert normalize_date(value) is None
