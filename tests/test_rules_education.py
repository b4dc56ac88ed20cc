"""The education rule: the lowest completed degree asked for, in four languages."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.candidates import Tier
from extractor.rules import RuleContext
from extractor.rules.education import (
    _FOLDED,
    _MENTION,
    RULE,
    _anchors,
    _readers,
    _starts,
    _word_automaton,
)
from extractor.rules.prefilter import lowered_posting
from tests.conftest import shared_path


def _education(text: str) -> str | None:
    candidates = RULE(RuleContext(text=text, format="text"))
    return candidates[0].value if candidates else None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("BS/MS in Computer Science or equivalent", "bachelor"),
        ("Bachelor's or Master's degree required", "bachelor"),
        ("ADN required; BSN preferred", "associate"),
        ("PhD in Machine Learning required", "doctorate"),
        ("PhD preferred. Bachelor's degree required.", "bachelor"),
        ("High school diploma or GED required", "high_school"),
        (
            "A high school diploma or equivalent is the minimum education requirement.",
            "high_school",
        ),
        ("Master’s degree in Statistics required", "master"),
        ("Four-year degree or equivalent experience in property management", "bachelor"),
        ("No degree required - we care about what you can do.", "none"),
        ("Requirements\n- MBA\n- 5 years in consulting\n", "master"),
        ("B.E./B.Tech in Computer Science or a related discipline", "bachelor"),
        ("Requirements\n- GPhC-registered pharmacist with an MPharm or equivalent\n", "master"),
        # German
        ("Abgeschlossenes Studium (Master) in Informatik", "master"),
        ("Abgeschlossenes Studium der Informatik oder vergleichbare Qualifikation", "bachelor"),
        ("Abgeschlossenes Masterstudium in Physik erforderlich", "master"),
        ("Promoviert in Chemie, erforderlich", "doctorate"),
        ("Abitur erforderlich", "high_school"),
        # Spanish
        ("Licenciatura en Informática o similar", "bachelor"),
        ("Grado en Ingeniería Informática o Máster", "bachelor"),
        ("Doctorado en Matemáticas requerido", "doctorate"),
        ("Bachillerato completo", "high_school"),
        # French (a "baccalauréat en" a field is a Québec bachelor's degree)
        ("Bac+5 en informatique (école d'ingénieur ou master)", "master"),
        ("Baccalauréat en finance, en comptabilité ou dans un domaine connexe.", "bachelor"),
        ("Baccalauréat requis", "high_school"),
        ("Titulaire d'un Bac+3 minimum", "bachelor"),
        ("Titulaire d'un BTS ou DUT", "associate"),
        ("Doctorat en physique exigé", "doctorate"),
    ],
)
def test_lowest_degree_asked_for(text: str, level: str) -> None:
    assert _education(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "PhD is a plus",
        "Requirements\n- Python\n\nNice to have\n- Master's degree in CS\n",
        "Currently pursuing a Bachelor's degree in Computer Science",
        "Werkstudent (m/w/d): du bist eingeschriebener Student der Informatik",
        "Estudiante de último año de Ingeniería",
        "Étudiant en master informatique, en alternance",
        "Proficient in MS Office and Excel",
        "Our founders hold PhDs from MIT",
        "Abgeschlossene Ausbildung als Fachinformatiker",
        "Abgeschlossenes Studium im Maschinenbau oder eine technische Ausbildung mit Weiterbildung",
        "About you\n- Time-served electrician with an NVQ Level 3\n- 18th Edition (BS 7671)\n",
        "Work of an exceptional degree of difficulty",
        "Geduld und Teamgeist",
        "Ein Master-Abschluss ist wünschenswert.",
        "Se valorará máster en Big Data.",
        "Un master serait un plus.",
    ],
)
def test_nothing_asked_for(text: str) -> None:
    assert _education(text) is None


def test_candidate_span_and_tier() -> None:
    text = "You have a Bachelor's degree in Economics."
    [candidate] = RULE(RuleContext(text=text, format="text"))
    assert candidate.tier is Tier.RULE
    assert candidate.source == "rule:education"
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "Bachelor's degree"


def test_degree_in_the_requirements_section_counts_without_a_cue() -> None:
    assert _education("Qualifications\n- PhD\n- Publications at NeurIPS\n") == "doctorate"
    assert _education("About us\nPhD founders.\n") is None


def test_realworld_schemaorg_educational_requirements() -> None:
    path = shared_path("realworld", "html", "schemaorg-eg0028-plain.html")
    from extractor.normalize.html import html_to_text

    assert _education(html_to_text(path.read_text(encoding="utf-8"))) == "bachelor"


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


@pytest.mark.parametrize(
    ("unit", "level"),
    [
        ("Bachelor required ", "bachelor"),
        ("BSc required ", "bachelor"),
        ("BS/MS required ", "bachelor"),
        ("PhD required, ", "doctorate"),
    ],
)
def test_a_text_of_nothing_but_degrees_stays_fast(unit: str, level: str) -> None:
    # Found by fuzzing: with no clause break every mention's clause was the whole text, and
    # each abbreviation was checked against every mention found: 100,000 characters of
    # "BS/MS " took 58 s. The rules read up to 100,000 characters (rules_max_chars).
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    started = time.perf_counter()
    (candidate,) = RULE(RuleContext(text=text, format="text"))
    assert time.perf_counter() - started < 2.0
    assert candidate.value == level


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["2-year degree", "4 year college degree", "2024", "24/7", "$42,000",
                         "two-year degree", "2studium (Master)", "Studium (Diplom)", "BS", "2",
                         "4", "-", " ", "(", "Bac+2", "bachelor", "ſ", "Informatik", "\n"]),
        max_size=10,
    ).map("".join)
)  # fmt: skip
def test_precise_digit_anchors_drop_only_starts_where_no_mention_matches(text: str) -> None:
    lowered = lowered_posting(text)
    every = set(_starts(_anchors()[0], lowered))
    chosen = set(_starts(_word_automaton(text, lowered), lowered))
    assert chosen <= every
    assert all(_MENTION.match(text, start) is None for start in every - chosen)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Bachelor's", "MASTER of Science", "PhD", "Ph.D.", "High School", "GED",
                         "Studium (Diplom)", "Abgeschlossenes", "Licence en", "BAC+5", "Required",
                         "PREFERRED", "a plus", "currently Pursuing", "or Apprenticeship", "No",
                         "degree", "in Computer Science", " ", ", ", ". ", "\n", "Máster"]),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_folded_patterns_find_what_the_ignorecase_ones_find(text: str) -> None:
    subject, patterns = _readers(text)
    assert patterns is _FOLDED
    for pattern, folded in patterns.items():
        expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in folded.finditer(subject)] == expected


def test_readers_keep_the_text_where_it_does_not_fold() -> None:
    subject, patterns = _readers("Maſter's degree")
    assert subject == "Maſter's degree"
    assert all(folded is pattern for pattern, folded in patterns.items())
