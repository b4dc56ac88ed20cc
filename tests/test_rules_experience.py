"""The experience rule: years asked for, in four languages, and years that are not asked for."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.candidates import Tier
from extractor.rules import RuleContext
from extractor.rules.experience import (
    _BEFORE_PATTERNS,
    _BEFORE_PATTERNS_FOLDED,
    _STATEMENT,
    _STATEMENT_FOLDED,
    RULE,
    _before,
)
from extractor.rules.prefilter import fold_case
from tests.conftest import shared_path


def _years(text: str) -> tuple[int | None, int | None] | None:
    candidates = RULE(RuleContext(text=text, format="text"))
    if not candidates:
        return None
    value = candidates[0].value
    return (value.min, value.max)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5+ years of experience with Python", (5, None)),
        ("3-5 years of experience in data engineering", (3, 5)),
        ("2–4 years experience in data", (2, 4)),
        ("3 to 5 years of professional experience", (3, 5)),
        ("At least 4 years of experience building APIs", (4, None)),
        ("A minimum of 2 years of experience", (2, None)),
        ("Experience: 3+ years", (3, None)),
        ("Three years of experience in retail", (3, None)),
        ("Minumum 3 years experience as a software engineer", (3, None)),
        ("Requirements\n- 5 years in backend development\n", (5, None)),
        ("Requirements\n- At least two years in a client-facing role\n", (2, None)),
        ("3+ years in a DevOps, SRE or platform engineering role", (3, None)),
        # German
        ("Mindestens 3 Jahre Berufserfahrung in der Softwareentwicklung", (3, None)),
        ("3+ Jahre Berufserfahrung mit Java", (3, None)),
        ("3 bis 5 Jahre Erfahrung im Vertrieb", (3, 5)),
        # Spanish
        ("Al menos 2 años de experiencia con Python", (2, None)),
        ("Entre 2 y 4 años de experiencia", (2, 4)),
        ("Mínimo 3 años de experiencia", (3, None)),
        ("Al menos 1 año de experiencia en análisis de datos", (1, None)),
        ("Experiencia mínima de 1 año en reparto de última milla.", (1, None)),
        # French
        ("3 ans d'expérience minimum", (3, None)),
        ("Expérience : 5 ans et plus", (5, None)),
        ("3 à 5 ans d'expérience en développement", (3, 5)),
        ("5 ans d’expérience en relation client, dont au moins 2 ans en management", (5, None)),
        ("Une première expérience d’au moins 1 an en relation client.", (1, None)),
    ],
)
def test_statements_in_four_languages(text: str, expected: tuple[int, int | None]) -> None:
    assert _years(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Founded in 2021, we build tools.",
        "Since 2021 we have grown fast. Experience with Python.",
        "We have been in business for 10 years.",
        "Our company is 10 years old.",
        "Must be 18 years of age or older.",
        "Over the past 3 years we tripled our revenue.",
        "Namecoach has spent 10 years building the largest database.",
        "Requirements\n- Serve a one year trial period, if required\n",
        "Paid month off after 4 years of service.",
        "5 years",
        "99 years of experience",
        "Das Unternehmen ist seit 20 Jahren am Markt.",
        "Mehrjährige Berufserfahrung",
        "Fundada hace 15 años, somos líderes.",
        "Depuis 10 ans, nous accompagnons nos clients.",
        "Bac+5 en informatique",
        "Requisitos:\n- Carné de conducir B con al menos 2 años de antigüedad.\n",
        "Il y a un an, nous avons lancé notre produit.",
    ],
)
def test_years_that_are_not_asked_for(text: str) -> None:
    assert _years(text) is None


def test_lost_dash_is_read_only_with_evidence() -> None:
    assert _years("Requirements:\n- 47 years building ML systems in production\n") == (4, 7)
    assert _years("35 years of experience") == (3, 5)
    # Not ascending, or not after an experience phrase: nothing.
    assert _years("74 years building ML systems") is None
    assert _years("Requirements:\n- 47 years\n") is None
    # A plausible literal is taken as written.
    assert _years("12 years of experience") == (12, None)


def test_requirements_statement_wins_over_earlier_text() -> None:
    text = (
        "Our engineers have 10+ years of experience on average.\n\n"
        "Requirements\n- 3+ years of experience with Go\n"
    )
    assert _years(text) == (3, None)


def test_nice_to_have_years_are_not_the_requirement() -> None:
    text = "Requirements\n- Python\n\nNice to have\n- 7+ years of experience\n"
    assert _years(text) is None


def test_first_statement_wins_over_narrower_later_ones() -> None:
    text = "Requirements\n- 5+ years of experience\n- 2+ years of experience with Rust\n"
    assert _years(text) == (5, None)


def test_candidate_span_and_tier() -> None:
    text = "You have 4+ years of experience."
    [candidate] = RULE(RuleContext(text=text, format="text"))
    assert candidate.tier is Tier.RULE
    assert candidate.source == "rule:experience"
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "4+ years"


def test_seed_beehiiv_lost_dash() -> None:
    text = shared_path("seeds", "002_1c100b3ab37c2656.txt").read_text(encoding="utf-8")
    assert _years(text) == (4, 7)


def test_realworld_schemaorg_example() -> None:
    path = shared_path("realworld", "html", "schemaorg-eg0028-plain.html")
    from extractor.normalize.html import html_to_text

    assert _years(html_to_text(path.read_text(encoding="utf-8"))) == (3, None)


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


_PIECES = st.sampled_from(
    [
        "5+", "Three", "ZWEI", "3-5", "10", " ", "-", " to ", " bis ", "YEARS", "Jahre", "años",
        "Ans", " an ", "Années", "of Experience", "at least", "Mindestens", "Founded", "SINCE",
        "über", "Más de", "experience:", "d'expérience", "\n", ".",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_folded_patterns_find_what_the_ignorecase_ones_find(text: str) -> None:
    folded = fold_case(text)
    assert folded is not None
    expected = [(m.span(), m.group("min", "plus", "max")) for m in _STATEMENT.finditer(text)]
    found = [(m.span(), m.group("min", "plus", "max")) for m in _STATEMENT_FOLDED.finditer(folded)]
    assert [span for span, _ in found] == [span for span, _ in expected]
    assert [[g and g.lower() for g in groups] for _, groups in expected] == [
        list(groups) for _, groups in found
    ]
    for pattern, folded_pattern in zip(_BEFORE_PATTERNS, _BEFORE_PATTERNS_FOLDED, strict=True):
        assert bool(pattern.search(text)) == bool(folded_pattern.search(folded))


def test_before_reads_the_folded_window_where_it_can() -> None:
    text = "We want AT LEAST 5 years"
    window, patterns = _before(text, text.index("5"))
    assert window == "we want at least "
    assert patterns is _BEFORE_PATTERNS_FOLDED
    window, patterns = _before("ſince 5 years", 6)
    assert window == "ſince "
    assert patterns is _BEFORE_PATTERNS
