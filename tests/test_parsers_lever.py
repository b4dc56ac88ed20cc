"""Lever Postings API v0: the realworld responses, own fixtures, and malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.detect import Detection, Format
from extractor.document import Document
from extractor.errors import MalformedInputError
from extractor.parsers import lever
from tests.conftest import shared_path
from tests.test_parsers_ats_common import check_fixture, fixture_cases, parse_path, plain


@pytest.mark.shared
def test_matchgroup_postings() -> None:
    path = shared_path("realworld", "lever-json", "matchgroup-postings-2jobs.json")
    fmt, (hinge, azar) = parse_path(path)
    assert fmt == "lever"
    assert hinge.value("title") == "Android Engineer III"
    assert azar.value("title") == "Android Software Engineer (Azar)"
    # Lever names no company; department is the team, the most specific unit.
    assert hinge.value("company") is None and azar.value("company") is None
    assert hinge.value("department") == azar.value("department") == "Engineering"
    assert plain(hinge.value("locations")) == [
        {"city": "New York", "region": "New York", "country": "US"}
    ]
    assert plain(azar.value("locations")) == [{"city": "Seoul", "region": None, "country": "KR"}]
    assert hinge.value("workplace_type") == azar.value("workplace_type") == "hybrid"
    assert hinge.value("employment_type") == azar.value("employment_type") == ["FULL_TIME"]
    assert plain(hinge.value("salary")) == {
        "min": 150000.0,
        "max": 180000.0,
        "currency": "USD",
        "period": "YEAR",
    }
    assert azar.value("salary") is None
    assert hinge.value("date_posted") == "2026-05-19"  # createdAt 1779223091267 ms, UTC
    assert azar.value("date_posted") == "2026-01-05"
    assert hinge.value("url") == (
        "https://jobs.lever.co/matchgroup/3414ba28-35f7-45d3-8e13-35c883959635"
    )
    assert hinge.value("apply_url") == (
        "https://jobs.lever.co/matchgroup/3414ba28-35f7-45d3-8e13-35c883959635/apply"
    )
    assert hinge.value("responsibilities")[0].startswith("Cross-Disciplinary Collaboration:")
    assert hinge.value("requirements")[0].startswith("Professional Android Development Experience:")
    assert (
        azar.value("requirements")[0]
        == "Android 개발 경력 9년 이상, 상용 서비스 및 대규모 사용자 환경 경험 보유"
    )
    assert azar.value("nice_to_have")[0] == "멀티 모듈 설계 경험 및 아키텍처 개선 경험"
    # "Hiring Process" names no posting field: its items stay in the text only.
    assert all("고용 형태" not in item for item in azar.value("requirements"))
    assert "## Hiring Process\n- 고용 형태: 정규직" in azar.text


@pytest.mark.shared
def test_palantir_postings() -> None:
    path = shared_path("realworld", "lever-json", "palantir-postings-2jobs.json")
    _, (london, palo_alto) = parse_path(path)
    assert london.value("title") == "Administrative Business Partner"
    assert palo_alto.value("title") == "Administrative Business Partner - Security"
    assert london.value("department") == palo_alto.value("department") == "Administrative"
    assert plain(london.value("locations")) == [{"city": "London", "region": None, "country": "GB"}]
    assert plain(palo_alto.value("locations")) == [
        {"city": "Palo Alto", "region": "California", "country": "US"}
    ]
    assert london.value("workplace_type") == "hybrid"
    assert london.value("date_posted") == "2024-03-25"
    assert palo_alto.value("date_posted") == "2026-05-12"
    # The Palo Alto pay is prose in "additional": the text carries it, the parser does not.
    assert palo_alto.value("salary") is None
    assert "$60,000 - $97,000/year" in palo_alto.text
    # "What We Require" is requirements; "What We Value" and a heading that repeats the
    # title say nothing that clear.
    assert london.value("requirements")[0].startswith("At least three years of previous")
    assert london.value("responsibilities") is None
    assert palo_alto.value("responsibilities")[0].startswith(
        "Provide administrative and operational support"
    )


@pytest.mark.parametrize("case", fixture_cases("lever"), ids=lambda p: p.stem)
def test_fixtures(case: Path) -> None:
    check_fixture(case)


def test_text_holds_description_lists_and_additional_in_order() -> None:
    _, (posting,) = parse_path(Path(__file__).parent / "fixtures/lever/single-posting.json")
    text = posting.text
    assert text.startswith("Staff Backend Engineer\n\nAbout us")
    assert text.index("## What You'll Do\n- Design ledgers") < text.index("Equal opportunity")
    assert "## Our Stack\n- Kotlin" in text


def test_opening_and_body_stand_in_for_a_missing_description() -> None:
    document = Document(name="lever.json", text="{}")
    job = {
        "text": "Nurse",
        "openingPlain": "We care.",
        "descriptionBody": "<div><b>The Role</b></div><div>Night shifts.</div>",
    }
    (posting,) = lever.parse(document, Detection(Format.LEVER, job))
    assert posting.text.startswith("Nurse\n\nWe care.\n\nThe Role")
    assert posting.text.endswith("Night shifts.")


def test_a_list_of_non_objects_raises_malformed_input() -> None:
    document = Document(name="lever.json", text="[]")
    with pytest.raises(MalformedInputError, match="no usable job"):
        lever.parse(document, Detection(Format.LEVER, ["a", 1, None]))
