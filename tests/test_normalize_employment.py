"""normalize_employment_type: schema.org values, words in several languages, lists."""

from __future__ import annotations

import pytest

from extractor.normalize.employment import normalize_employment_type


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FULL_TIME", ["FULL_TIME"]),
        ("Full-time", ["FULL_TIME"]),
        ("full time", ["FULL_TIME"]),
        ("Vollzeit", ["FULL_TIME"]),
        ("Teilzeit", ["PART_TIME"]),
        ("CDI", ["FULL_TIME"]),
        ("全职", ["FULL_TIME"]),
        ("正社員", ["FULL_TIME"]),
        ("Contract", ["CONTRACTOR"]),
        ("Internship", ["INTERN"]),
        ("Per Diem", ["PER_DIEM"]),
        ("Full-time, Permanent", ["FULL_TIME"]),
        ("Full-time or Part-time", ["FULL_TIME", "PART_TIME"]),
        (["FULL_TIME", "PART_TIME", "FULL_TIME"], ["FULL_TIME", "PART_TIME"]),
        ("Temps partiel / CDD", ["PART_TIME", "TEMPORARY"]),
    ],
)
def test_employment_types(value: object, expected: list[str]) -> None:
    assert normalize_employment_type(value) == expected


@pytest.mark.parametrize("value", [None, "", "whenever", 5, [None, 3]])
def test_unknown_gives_empty(value: object) -> None:
    assert normalize_employment_type(value) == []
