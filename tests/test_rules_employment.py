"""The employment rule: every stated type, in schema.org's values, and nothing from look-alikes."""

from __future__ import annotations

import time

import pytest

from extractor.rules import RuleContext
from extractor.rules.employment import RULE
from tests.conftest import shared_path


def _types(text: str) -> list[str]:
    candidates = RULE(RuleContext(text=text, format="text"))
    assert len(candidates) <= 1
    assert all(c.field == "employment_type" and c.source == "rule:employment" for c in candidates)
    return candidates[0].value if candidates else []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is a full-time position based in Austin.", ["FULL_TIME"]),
        ("Please note that you will be working as contractor.", ["CONTRACTOR"]),
        ("Part-time (20 hours a week) or full time.", ["PART_TIME", "FULL_TIME"]),
        ("12-month fixed-term contract.", ["TEMPORARY"]),
        ("Summer internship for students.", ["INTERN"]),
        ("Per diem shifts available on weekends.", ["PER_DIEM"]),
        ("This is a volunteer role with our charity.", ["VOLUNTEER"]),
        ("Vollzeit und Teilzeit möglich", ["FULL_TIME", "PART_TIME"]),
        ("Befristet auf 12 Monate, Praktikum im Marketing.", ["TEMPORARY", "INTERN"]),
        ("Freiberufliche Mitarbeit auf Projektbasis.", ["CONTRACTOR"]),
        ("Contrato indefinido a jornada completa.", ["FULL_TIME"]),
        ("Buscamos becario para prácticas de verano.", ["INTERN"]),
        ("Trabajo a media jornada.", ["PART_TIME"]),
        ("CDI : 45-60K€\nFreelance : 320-450€/j", ["FULL_TIME", "CONTRACTOR"]),
        ("Poste en CDD de 6 mois, temps partiel.", ["TEMPORARY", "PART_TIME"]),
        ("Stage de fin d'études à Lyon.", ["INTERN"]),
        ("For B2B contract: between 14.500 and 19.500 PLN net", ["CONTRACTOR"]),
        ("常勤・契約社員／パート", ["FULL_TIME", "CONTRACTOR", "PART_TIME"]),
        ("Job Type: Full-time, Contract", ["CONTRACTOR", "FULL_TIME"]),
        ("Acme | Voice AI Engineer | REMOTE | Contract / Part-time", ["CONTRACTOR", "PART_TIME"]),
        ("Developer | REMOTE | Part-or-full-time | $0 + equity", ["PART_TIME", "FULL_TIME"]),
    ],
)
def test_stated_types_in_order(text: str, expected: list[str]) -> None:
    assert _types(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We are an early-stage startup writing smart contracts.",
        "We have 40 full-time employees across three offices.",
        "You will manage temporary access to production systems.",
        "Daten intern und extern aufbereiten.",  # German "intern" means internal
        "Nous sommes à un stade avancé; the next stage is growth.",
        "Lavoro in un team internazionale.",
        "Trabajarás con nuestros socios y partners.",
        "Our partner network (パートナー) spans Japan.",
        "This is not a full-time role.",
        "Le candidat idéal a le sens du contact.",  # "cdi"/"cdd" only as acronyms
        "We reimburse per diem travel expenses.",
        "Clinical documentation improvement (CDI) processes",
        "Number of hours per week you worked (if part time)",
        "2+ years in B2B SaaS customer support",
        "Paid trial month. Potential conversion to full-time role.",
    ],
)
def test_look_alikes_give_nothing(text: str) -> None:
    assert _types(text) == []


def test_span_points_at_the_first_type() -> None:
    text = "Great team.\nEmployment: Vollzeit, unbefristet."
    (candidate,) = RULE(RuleContext(text=text, format="text"))
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "Vollzeit"


def test_seed_000_contractor() -> None:
    (path,) = shared_path("seeds").glob("000_*.txt")
    assert _types(path.read_text(encoding="utf-8")) == ["CONTRACTOR"]


def test_seed_002_states_no_type() -> None:
    (path,) = shared_path("seeds").glob("002_*.txt")
    assert _types(path.read_text(encoding="utf-8")) == []


def test_citech_cdi_and_freelance() -> None:
    path = shared_path("realworld", "markdown", "remotewlb-citech-developpeur-fullstack-fr.md")
    assert _types(path.read_text(encoding="utf-8")) == ["FULL_TIME", "CONTRACTOR"]


@pytest.mark.parametrize("text", [" " * 50_000, "\n" * 50_000, " \n" * 25_000, "- " * 25_000])
def test_long_runs_of_blanks_stay_fast(text: str) -> None:
    # Unbounded whitespace before a pattern once made this rule quadratic (minutes, not ms).
    started = time.perf_counter()
    RULE(RuleContext(text=text, format="text"))
    assert time.perf_counter() - started < 2.0
