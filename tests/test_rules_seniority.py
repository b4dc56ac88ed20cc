"""The seniority rule: levels from the title, then from explicit statements in the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.candidates import Tier
from extractor.rules import RuleContext
from extractor.rules.prefilter import fold_case
from extractor.rules.seniority import (
    _LEVEL_FIELD,
    _LEVEL_PATTERNS,
    _LEVEL_PATTERNS_FOLDED,
    _LOOKING_FOR,
    _STATEMENTS_FOLDED,
    RULE,
    level_of,
)
from tests.conftest import shared_path


def _seniority(text: str, title: str | None = None) -> str | None:
    known = {"title": title} if title else {}
    candidates = RULE(RuleContext(text=text, format="text", known=known))
    return candidates[0].value if candidates else None


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Senior Machine Learning Engineer", "senior"),
        ("Sr. Data Engineer", "senior"),
        ("Android Engineer III", "senior"),
        ("Software Engineer II", "mid"),
        ("Intermediate Developer", "mid"),
        ("Client Support Analyst I", "entry"),
        ("Junior back-end developer", "entry"),
        ("Graduate Software Engineer", "entry"),
        ("Associate Consultant", "entry"),
        ("Software Engineering Intern", "intern"),
        ("Staff Software Engineer", "lead"),
        ("Principal Engineer", "lead"),
        ("Tech Lead, Payments", "lead"),
        ("Engineering Manager", "manager"),
        ("Senior Engineering Manager", "manager"),
        ("Software Development Team Leader", "manager"),
        ("Head of Data", "director"),
        ("Associate Director of Engineering", "director"),
        ("VP Engineering", "executive"),
        ("Founding Engineer/CTO", "executive"),
        ("Chief Technology Officer", "executive"),
        # German, Spanish, French
        ("Senior Softwareentwickler (m/w/d)", "senior"),
        ("Berufseinsteiger Buchhaltung (m/w/d)", "entry"),
        ("Werkstudent Data Science (m/w/d)", "intern"),
        ("Teamleiter Logistik (m/w/d)", "manager"),
        ("Lagerleiter (m/w/d)", "manager"),
        ("Associate Product Manager", "entry"),
        ("Abteilungsleiter Einkauf", "director"),
        ("Desarrollador Júnior", "entry"),
        ("Desarrollador Semi Senior", "mid"),
        ("Directora de Ingeniería", "director"),
        ("Ingénieur logiciel confirmé (H/F)", "senior"),
        ("Développeur débutant (H/F)", "entry"),
        ("Stagiaire développeur web", "intern"),
    ],
)
def test_title_levels(title: str, level: str) -> None:
    found = level_of(title)
    assert found is not None
    assert found.level == level


@pytest.mark.parametrize(
    "title",
    [
        "Product Manager",
        "Warehouse Associate",
        "Projektleiter Bau (m/w/d)",
        "Project Manager (m/w/d)",
        "Account Executive - Italy",
        "Staff Accountant",
        "Member of Technical Staff",
        "Lead Generation Specialist",
        "Software Engineer",
        "Mid-Senior level Data Analyst",
        "Softwareentwickler (m/w/d)",
        "Desarrollador backend",
        "Développeur Fullstack C# Angular (H/F)",
    ],
)
def test_titles_without_a_level(title: str) -> None:
    assert level_of(title) is None


def test_alternative_levels_take_the_lower_one() -> None:
    assert level_of("Senior / Staff Fullstack Engineer").level == "senior"  # type: ignore[union-attr]
    assert level_of("Junior or Mid-level Analyst").level == "entry"  # type: ignore[union-attr]
    assert level_of("Développeur de logiciel senior / principal(e)").level == "senior"  # type: ignore[union-attr]


def test_combined_levels_take_the_higher_one() -> None:
    assert level_of("Senior Lead Engineer").level == "lead"  # type: ignore[union-attr]
    assert level_of("Senior Director, Product").level == "director"  # type: ignore[union-attr]


def test_known_title_wins_and_span_points_at_the_level_word() -> None:
    text = "Senior Data Engineer\n\nWe are looking for a junior analyst too."
    [candidate] = RULE(
        RuleContext(text=text, format="text", known={"title": "Senior Data Engineer"})
    )
    assert candidate.value == "senior"
    assert candidate.tier is Tier.RULE
    assert candidate.source == "rule:seniority"
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "Senior"


def test_first_line_is_the_title_when_no_source_gave_one() -> None:
    assert _seniority("Principal Engineer\n\nJoin us.") == "lead"


def test_a_first_line_that_is_a_sentence_is_not_read_as_the_title() -> None:
    assert _seniority("We need an intern to support our Senior Director of Sales.") is None


def test_text_statements_when_the_title_has_none() -> None:
    assert _seniority("Data Engineer\n\nSeniority level: Entry level\n") == "entry"
    assert _seniority("Backend Engineer\n\nWe are looking for a Senior developer.") == "senior"
    assert _seniority("Entwickler\n\nWir suchen einen Junior Entwickler für unser Team.") == "entry"
    assert _seniority("Desarrollador\n\nBuscamos un Senior Backend para el equipo.") == "senior"
    assert _seniority("Développeur\n\nNous recherchons un Senior pour notre équipe.") == "senior"


@pytest.mark.parametrize(
    "text",
    [
        "Data Engineer\n\nYou will work with senior leadership and lead projects.",
        "Backend Engineer\n\nWe are looking for a team player with lead experience.",
        "Entwickler (m/w/d)\n\nDu arbeitest mit dem Senior Management zusammen.",
        "Desarrollador\n\nTrabajarás con el equipo directivo.",
        "Développeur\n\nVous travaillerez avec des développeurs seniors.",
    ],
)
def test_no_level_stated(text: str) -> None:
    assert _seniority(text) is None


def test_seed_titles() -> None:
    text = shared_path("seeds", "001_f46ec96b35eea6bc.txt").read_text(encoding="utf-8")
    assert _seniority(text) == "senior"
    linear = "Senior / Staff Fullstack Engineer"
    assert _seniority(f"{linear}\n\nBody", title=linear) == "senior"


_HEADINGS_AND_NOISE = st.sampled_from(
    ["\n", "## ", "- ", "* ", "Requirements:", "Benefits", "Similar jobs", "**", ":", "•", "🔹",
     "5+ years", "2021", "C++", "Go", "R", "PhD", "Senior", "&amp;", "\u0130", " "]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_HEADINGS_AND_NOISE, st.text(max_size=20)), max_size=40))
def test_RULE_never_raises_and_spans_stay_in_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    for candidate in RULE(RuleContext(text=text, format="text")):
        assert candidate.span is None or 0 <= candidate.span[0] <= candidate.span[1] <= len(text)


def test_title_lines_at_the_top_of_a_page_without_a_source_title() -> None:
    assert _seniority("← All open roles\n\n# Support Engineer II\n\nBody text.") == "mid"
    closed = "Diese Stelle ist bereits besetzt.\n\nLagerleiter (m/w/d)\nRheinkai Logistik\n"
    assert _seniority(closed) == "manager"
    crumbs = "Jobs > Data > Manchester\n\nData Analyst II job at Harbourline in Manchester\n"
    assert _seniority(crumbs) == "mid"
    # A "Label: value" line at the top is not the title.
    assert _seniority("Reports to: Senior Director\n\nOffice Coordinator\n") is None


def test_as_a_level_role_in_the_text() -> None:
    text = "Platform team\n\nAs a Senior Platform Engineer, you will own our ingestion."
    assert _seniority(text) == "senior"
    assert _seniority("Contable\n\nBuscamos un/a Contable Senior para Finanzas.") == "senior"


_WORDS = st.sampled_from(
    [
        "Senior", "SR.", "Jr", "II", "iii", "I", "Lead", "Staff", "Engineer", "Manager",
        "Head of", "VP", "Director", "Intern", "Werkstudentin", "Leiter", "Teamleitung",
        "Associate", "Mid-Level", "DIRECTEUR", "Expérimentée", "Level:", "Seniority level: ",
        "\n", "looking for a", "As A", "suchen einen", "buscamos un/a", ",", "/", " ", "-",
        "Lead Generation", "Chief Data Officer",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_folded_patterns_find_what_the_ignorecase_ones_find(text: str) -> None:
    folded = fold_case(text)
    assert folded is not None
    pairs = [
        *zip((p for _, p in _LEVEL_PATTERNS), (p for _, p in _LEVEL_PATTERNS_FOLDED), strict=True),
        *zip((_LEVEL_FIELD, _LOOKING_FOR), _STATEMENTS_FOLDED, strict=True),
    ]
    for pattern, folded_pattern in pairs:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in folded_pattern.finditer(folded)] == expected
