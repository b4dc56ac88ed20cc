"""The workplace rule: workplace_type from phrases about where work happens, and eligibility."""

from __future__ import annotations

import re
import time

import pytest

from extractor.rules import RuleContext
from extractor.rules.workplace import (
    _DAYS_AT_HOME,
    _DAYS_IN_OFFICE,
    _PLACE_ONLY,
    RULE,
    _days_starts,
    _place_only_starts,
)
from tests.conftest import shared_path


def _read(text: str, known: dict[str, object] | None = None) -> dict[str, object]:
    candidates = RULE(RuleContext(text=text, format="text", known=known or {}))
    assert all(c.source == "rule:workplace" for c in candidates)
    return {c.field: c.value for c in candidates}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This is a fully remote role.", "remote"),
        ("Work from anywhere!", "remote"),
        ("Location: Remote", "remote"),
        ("Hybrid, 3 days in office per week.", "hybrid"),
        ("This role is hybrid, based in our Leeds office. We consider remote too.", "hybrid"),
        ("This role is on-site in Berlin.", "onsite"),
        ("Wir arbeiten hybrid: zwei Tage im Büro pro Woche.", "hybrid"),
        ("100% Homeoffice, deutschlandweit.", "remote"),
        ("Arbeit vor Ort in unserem Werk in München.", "onsite"),
        ("Teletrabajo desde cualquier lugar de España.", "remote"),
        ("Modalidad: presencial en Madrid.", "onsite"),
        ("Modalidad híbrida con dos días en la oficina.", "hybrid"),
        ("Télétravail partiel possible (2 jours par semaine).", "hybrid"),
        ("Poste en 100% télétravail.", "remote"),
        ("Travail en présentiel à Lyon.", "onsite"),
        ("Hybrid working - Our roles are not fully remote.", "hybrid"),
        ("Remote-first, Berlin office minimum once a week", "hybrid"),
        ("We are a remote-first company.", "remote"),
        ("Job Schedule:\nFull time\n\nRemote:\nNo\n", "onsite"),
    ],
)
def test_workplace_type_in_four_languages(text: str, kind: str) -> None:
    assert _read(text).get("workplace_type") == kind


@pytest.mark.parametrize(
    "text",
    [
        "You will build native, web, and hybrid apps for iOS and Android.",
        "Experience with hybrid cloud and remote access tooling.",
        "Annual in-person team retreat in Lisbon.",
        "Communicate clearly with a remote team and close work orders on time.",
        "Our on-site gym is open all day.",
        "Wir bieten ein modernes Büro in Hamburg.",
        "Ofrecemos seguro médico y formación.",
        "Nous offrons des tickets restaurant.",
    ],
)
def test_look_alikes_give_no_workplace(text: str) -> None:
    assert _read(text) == {}


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Fully remote, within the Americas region.", ["Americas"]),
        ("Remote, US only.", ["US"]),
        ("Remote (EU)", ["EU"]),
        ("Remote (UK, Ireland)", ["GB", "IE"]),
        ("Fully remote: anywhere in Europe.", ["Europe"]),
        ("Remote role, must be located in the United States.", ["US"]),
        ("Remote within the US and Canada.", ["US", "CA"]),
        ("Work from anywhere!", ["Worldwide"]),
        ("Remote aus Deutschland möglich, 100% Homeoffice.", ["DE"]),
        ("Trabajo en remoto desde España.", ["ES"]),
        ("100% télétravail depuis la France.", ["FR"]),
        ("Remote (LATAM)", ["Latin America"]),
        ("Remote-Arbeit aus ganz Deutschland möglich.", ["DE"]),
        ("Puesto 100% remoto para residentes en España.", ["ES"]),
        ("Full remote possible depuis toute la France.", ["FR"]),
        (
            "We are remote-first. This role is open to candidates based in the US and Europe. "
            "You can work from anywhere within those regions.",
            ["US", "Europe"],
        ),
    ],
)
def test_remote_eligibility(text: str, regions: list[str]) -> None:
    assert _read(text).get("remote_eligibility") == regions


def test_no_eligibility_without_remote_or_hybrid_work() -> None:
    assert "remote_eligibility" not in _read("Anywhere in Europe you will find our customers.")
    assert "remote_eligibility" not in _read("This role is on-site. US only.")


def test_two_letter_words_are_not_country_codes() -> None:
    text = "We are 100% remote, as in most cases you only need a laptop."
    assert "remote_eligibility" not in _read(text)


def test_structured_workplace_lets_eligibility_be_read() -> None:
    assert _read("Candidates must be located in Canada.", known={"workplace_type": "remote"}) == {
        "remote_eligibility": ["CA"]
    }


def test_seed_001_americas_remote() -> None:
    (path,) = shared_path("seeds").glob("001_*.txt")
    assert _read(path.read_text(encoding="utf-8")) == {
        "workplace_type": "remote",
        "remote_eligibility": ["Americas"],
    }


def test_docplanner_remote_within_poland() -> None:
    path = shared_path("realworld", "markdown", "remotewlb-docplanner-net-backend-poland.md")
    assert _read(path.read_text(encoding="utf-8")) == {
        "workplace_type": "remote",
        "remote_eligibility": ["PL"],
    }


def test_renaissance_is_hybrid() -> None:
    path = shared_path("realworld", "markdown", "remotewlb-renaissance-team-leader-uk.md")
    assert _read(path.read_text(encoding="utf-8")).get("workplace_type") == "hybrid"


def test_aws_hybrid_apps_are_not_a_workplace() -> None:
    path = shared_path("realworld", "plaintext", "aws-amplify-flutter-senior-dev-jd.txt")
    assert _read(path.read_text(encoding="utf-8")) == {}


@pytest.mark.parametrize("text", [" " * 50_000, "\n" * 50_000, " \n" * 25_000, "- " * 25_000])
def test_long_runs_of_blanks_stay_fast(text: str) -> None:
    # Unbounded whitespace before a pattern once made this rule quadratic (minutes, not ms).
    started = time.perf_counter()
    RULE(RuleContext(text=text, format="text"))
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "US only. EU  only, U.S. only\nNew York City Area only; commonly Only\tONLY only only",
        "Remote (Canada only) - anyone-only x.y.z only\u2028only",
        "only",
        "",
    ],
)
def test_place_only_starts_hold_every_place_a_match_starts(text: str) -> None:
    pattern = re.compile(_PLACE_ONLY, re.IGNORECASE | re.MULTILINE)
    starts = _place_only_starts(text)
    assert list(starts) == sorted(set(starts))
    assert {p for p in range(len(text) + 1) if pattern.match(text, p)} <= set(starts)


@pytest.mark.parametrize(
    "text",
    [
        "2 days in the office, zwei  Tage im Büro; QUATRE\njours de télétravail. today 3 days",
        "cuatro días en la oficina, un jour au bureau, 1\u2028DAYS at site, trois jours",
        "day",
        "",
    ],
)
def test_days_starts_hold_every_place_a_days_branch_starts(text: str) -> None:
    starts = _days_starts(text)
    assert list(starts) == sorted(set(starts))
    for source in (_DAYS_IN_OFFICE, _DAYS_AT_HOME):
        pattern = re.compile(source, re.IGNORECASE | re.MULTILINE)
        assert {p for p in range(len(text) + 1) if pattern.match(text, p)} <= set(starts)
