"""The section rule: headings in four languages, items, and the blocks it must not read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.candidates import Tier
from extractor.normalize.html import html_to_text
from extractor.rules import RuleContext
from extractor.rules.prefilter import alternates_at_top
from extractor.rules.sections import (
    _GLUE,
    _GLUE_HINT,
    _HEADING_KINDS,
    _OPTIONAL_END,
    _OPTIONAL_PHRASE_MAX,
    _OPTIONAL_START,
    _STATEMENT_LINE,
    RULE,
    Item,
    _first_sentence,
    _is_optional,
    _split_lines,
    _statement_spans,
    _strip_symbols,
    _word_end,
    clean_item,
    heading_kind,
    normalize_heading,
    read_sections,
)
from tests.conftest import shared_path


def _fields(text: str) -> dict[str, list[str]]:
    return {c.field: c.value for c in RULE(RuleContext(text=text, format="text"))}


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What you'll do", "responsibilities"),
        ("What You’ll Do:", "responsibilities"),
        ("Responsibilities", "responsibilities"),
        ("Your role", "responsibilities"),
        ("Ihre Aufgaben", "responsibilities"),
        ("Deine Aufgaben", "responsibilities"),
        ("Tus funciones", "responsibilities"),
        ("Responsabilidades", "responsibilities"),
        ("Vos missions", "responsibilities"),
        ("About you", "requirements"),
        ("Who you are", "requirements"),
        ("What we're looking for", "requirements"),
        ("Requirements", "requirements"),
        ("Qualifications", "requirements"),
        ("Dein Profil", "requirements"),
        ("Ihr Profil", "requirements"),
        ("Tu perfil", "requirements"),
        ("Requisitos", "requirements"),
        ("Votre profil", "requirements"),
        ("Profil recherché", "requirements"),
        ("This job is for you if you:", "requirements"),
        ("Nice to have", "nice_to_have"),
        ("Nice-to-Have", "nice_to_have"),
        ("Bonus points", "nice_to_have"),
        ("Preferred qualifications", "nice_to_have"),
        ("Wünschenswert", "nice_to_have"),
        ("Se valorará", "nice_to_have"),
        ("Atouts", "nice_to_have"),
        ("Benefits", "benefits"),
        ("Perks", "benefits"),
        ("What we offer", "benefits"),
        ("Wir bieten", "benefits"),
        ("Was wir bieten", "benefits"),
        ("Ofrecemos", "benefits"),
        ("Beneficios", "benefits"),
        ("Avantages", "benefits"),
        ("Ce que nous offrons", "benefits"),
        ("What the job involves:", "responsibilities"),
        ("Key objectives", "responsibilities"),
        ("ESSENTIAL FUNCTIONS", "responsibilities"),
        ("La mission", "responsibilities"),
        ("¿Qué harás?", "responsibilities"),
        ("What we need from you:", "requirements"),
        ("Ce que nous attendons", "requirements"),
        ("¿Qué buscamos?", "requirements"),
        ("Good to have", "nice_to_have"),
        ("Ein Plus", "nice_to_have"),
        ("Schön wäre", "nice_to_have"),
        ("Valoraremos", "nice_to_have"),
        ("Les petits plus", "nice_to_have"),
        ("What you get:", "benefits"),
        ("Was wir dir bieten", "benefits"),
        ("Was unser Kunde bietet", "benefits"),
        ("Prestaciones", "benefits"),
        ("Rémunération et avantages", "weak_benefits"),
        ("PAY AND BENEFITS", "weak_benefits"),
        ("Ces offres pourraient aussi vous intéresser", "similar"),
        ("Similar jobs", "similar"),
        ("More similar jobs", "similar"),
        ("Other open positions", "similar"),
        ("Ähnliche Jobs", "similar"),
        ("Empleos similares", "similar"),
        ("Offres similaires", "similar"),
        ("Equal Opportunity Employer", "statement"),
        ("About us", "other"),
        ("Über uns", "other"),
        ("Sobre nosotros", "other"),
        ("Qui sommes-nous ?", "other"),
    ],
)
def test_heading_kinds_in_four_languages(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    "heading",
    [
        "Location",
        "Team",
        "Hello world",
        "",
        "This job is not for you if you:",
        "Browse similar jobs",
    ],
)
def test_headings_that_name_no_section(heading: str) -> None:
    assert heading_kind(heading) is None


def test_markdown_sections_split_into_bullets_with_emphasis_removed() -> None:
    text = (
        "# Backend Engineer\n\nWe build things.\n\n"
        "## What you'll do\n- Build **APIs** in Python\n- Own _deploys_\n\n"
        "## Requirements\n* 5+ years of Go\n* Kubernetes &amp; Docker\n\n"
        "## Nice to have\n1. Rust\n2) Kafka\n\n"
        "## Benefits\n• Health insurance\n• 30 days leave\n"
    )
    assert _fields(text) == {
        "responsibilities": ["Build APIs in Python", "Own deploys"],
        "requirements": ["5+ years of Go", "Kubernetes & Docker"],
        "nice_to_have": ["Rust", "Kafka"],
        "benefits": ["Health insurance", "30 days leave"],
    }


def test_candidates_are_rule_tier_with_the_sections_span() -> None:
    text = "Intro.\n\nResponsibilities:\n- Write code\n- Review code\n\nAbout us\nWe are nice."
    [candidate] = RULE(RuleContext(text=text, format="text"))
    assert candidate.tier is Tier.RULE
    assert candidate.source == "rule:sections"
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "- Write code\n- Review code"


def test_german_posting() -> None:
    text = (
        "Softwareentwickler (m/w/d)\n\nIhre Aufgaben:\n- Entwicklung neuer Applikationen\n"
        "- Wartung bestehender Systeme\n\nIhr Profil:\n- Abgeschlossenes Studium der Informatik\n"
        "- Erfahrung mit C#\n\nWir bieten:\n- 30 Tage Urlaub\n- Home-Office\n"
    )
    fields = _fields(text)
    assert fields["responsibilities"] == [
        "Entwicklung neuer Applikationen",
        "Wartung bestehender Systeme",
    ]
    assert fields["requirements"] == ["Abgeschlossenes Studium der Informatik", "Erfahrung mit C#"]
    assert fields["benefits"] == ["30 Tage Urlaub", "Home-Office"]


def test_spanish_posting() -> None:
    text = (
        "**Tus funciones**\n- Diseñar servicios\n- Mantener la plataforma\n\n"
        "**Requisitos**\n- 3 años de experiencia con Java\n\n"
        "**Beneficios**\n- Seguro médico\n- Horario flexible\n"
    )
    fields = _fields(text)
    assert fields["responsibilities"] == ["Diseñar servicios", "Mantener la plataforma"]
    assert fields["requirements"] == ["3 años de experiencia con Java"]
    assert fields["benefits"] == ["Seguro médico", "Horario flexible"]


def test_french_posting_with_paragraph_sentences() -> None:
    text = (
        "Vos missions\nVous concevez des services. Vous les mettez en production.\n\n"
        "Profil recherché\n- Bac+5 en informatique\n- Maîtrise de Python\n\n"
        "Avantages\n- Tickets restaurant\n"
    )
    fields = _fields(text)
    assert fields["responsibilities"] == [
        "Vous concevez des services.",
        "Vous les mettez en production.",
    ]
    assert fields["requirements"] == ["Bac+5 en informatique", "Maîtrise de Python"]
    assert fields["benefits"] == ["Tickets restaurant"]


def test_html_converted_sections() -> None:
    html = (
        "<h2>Who you are</h2><ul><li>You know <b>SQL</b></li><li>You ship</li></ul>"
        "<h2>Perks</h2><ul><li>Free lunch &amp; snacks</li></ul>"
    )
    fields = _fields(html_to_text(html))
    assert fields == {
        "requirements": ["You know SQL", "You ship"],
        "benefits": ["Free lunch & snacks"],
    }


def test_pdf_wrapped_bullet_lines_are_joined() -> None:
    text = "Requirements\n- Experience building distributed\n  systems at scale\n- Python\n"
    assert _fields(text)["requirements"] == [
        "Experience building distributed systems at scale",
        "Python",
    ]


def test_intro_line_before_bullets_is_not_an_item_and_does_not_end_the_section() -> None:
    text = "Responsibilities\nThe team builds tools.\n\nYou will:\n- Ship features\n- Mentor\n"
    assert _fields(text)["responsibilities"] == ["Ship features", "Mentor"]


def test_only_items_under_a_benefits_heading_are_benefits() -> None:
    text = "We offer great pay and health insurance to everyone.\n\nRequirements\n- Python\n"
    assert "benefits" not in _fields(text)


def test_similar_jobs_block_is_never_a_section_and_is_excluded() -> None:
    text = (
        "Requirements\n- Python\n\nSimilar jobs\n- Senior Java Developer\n"
        "Requirements\n- 10 years of COBOL\n"
    )
    found = read_sections(text)
    assert found.items("requirements")[0].text == "Python"
    assert [i.text for i in found.items("requirements")] == ["Python"]
    assert found.is_excluded(text.index("COBOL"))
    assert not found.is_excluded(text.index("Python"))


def test_eeo_statement_after_bullets_is_not_an_item() -> None:
    text = (
        "Benefits\n- Pension\n- Gym\n"
        "Acme is an equal opportunity employer and does not discriminate.\n"
    )
    assert _fields(text)["benefits"] == ["Pension", "Gym"]


def test_about_us_is_not_a_section() -> None:
    text = "About us\n- We are 50 people\n- We love Python\n"
    assert _fields(text) == {}


def test_text_without_headings_gives_nothing() -> None:
    assert _fields("We are hiring an engineer. You will write code. You need Python.") == {}


def test_ideally_is_nice_to_have_unless_an_explicit_nice_heading_exists() -> None:
    alone = "Requirements\n- Python\n\nIdeally, you have:\n- Go\n"
    assert _fields(alone)["nice_to_have"] == ["Go"]
    both = "Ideally, you have:\n- Python\n\nNice to have:\n- Go\n"
    assert _fields(both) == {"requirements": ["Python"], "nice_to_have": ["Go"]}


def test_glued_scraped_text_is_split_at_its_joins() -> None:
    requirements = [
        "Deep experience with Python and common libraries",
        "Strong understanding of supervised learning",
        "Strong SQL and performance instincts",
        "Familiarity with orchestration tools",
        "Knowledge of statistics and experimental design",
    ]
    nice = ["Experience building models for ads", "Experience with entity resolution"]
    text = (
        "We are hiring someone great.Ideally, you have:"
        + "".join(requirements)
        + "Nice-to-Have:"
        + "".join(nice)
    )
    fields = _fields(text)
    assert fields["requirements"] == requirements
    assert fields["nice_to_have"] == nice


def test_clean_item_removes_markdown_and_decodes_entities() -> None:
    assert clean_item("**Bold** and _italic_ [link](http://x.y) &amp; \\- `code`") == (
        "Bold and italic link & - code"
    )


def test_seed_spotify_sections() -> None:
    text = shared_path("seeds", "001_f46ec96b35eea6bc.txt").read_text(encoding="utf-8")
    fields = _fields(text)
    assert fields["responsibilities"][0].startswith("Architect, design, develop, deploy")
    assert len(fields["responsibilities"]) == 7
    assert fields["requirements"][-1] == (
        "You have experience and passion for fostering collaborative teams."
    )
    # "Where you'll be" and the equal-opportunity text are no section.
    assert all("equal opportunity" not in item for items in fields.values() for item in items)
    assert "benefits" not in fields


def test_realworld_german_markdown_sections() -> None:
    path = shared_path("realworld", "markdown", "remotewlb-atp-softwareentwickler-wien-de.md")
    fields = _fields(path.read_text(encoding="utf-8"))
    assert fields["responsibilities"][0] == "Entwicklung neuer Applikationen"
    assert "Erfahrung mit agilen Entwicklungsprozessen und Git" in fields["requirements"]
    # "Additional Information" names no section, so its perks are not guessed as benefits.
    assert "benefits" not in fields


def test_realworld_french_markdown_with_emoji_bullets() -> None:
    path = shared_path("realworld", "markdown", "remotewlb-citech-developpeur-fullstack-fr.md")
    fields = _fields(path.read_text(encoding="utf-8"))
    assert "Vous maîtrisez les langages C#, .Net, Angular." in fields["requirements"]
    assert fields["benefits"][-1] == "Prime d’intéressement"
    assert (
        fields["responsibilities"][0]
        == "Maitriser les principes de base du parc applicatifs du service"
    )


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
    "text",
    [
        "Über uns\n- 50 Mitarbeitende\n\nÄhnliche Jobs\nIhre Aufgaben\n- Buchhaltung\n",
        "Sobre nosotros\n- Somos 50 personas\n\nEmpleos similares\nRequisitos\n- Java\n",
        "Qui sommes-nous ?\n- Une PME lyonnaise\n\nOffres similaires\nVotre profil\n- Python\n",
        "About us\n- Founded in 2021\n\nOther jobs\nRequirements\n- COBOL\n",
    ],
)
def test_about_us_and_similar_jobs_give_no_section_in_four_languages(text: str) -> None:
    assert _fields(text) == {}


def test_topic_sub_headings_keep_the_section_and_are_not_items() -> None:
    text = (
        "## Benefits\n**Health comes first**\n- Private healthcare\n"
        "**Keep growing**\n- Training budget\n\n## About us\n- We are nice\n"
    )
    assert _fields(text) == {"benefits": ["Private healthcare", "Training budget"]}


def test_a_sub_heading_that_speaks_to_the_reader_ends_the_section() -> None:
    text = (
        "What you'll do:\nBuild models.\nAd Network Optimization:\nTune bids.\n"
        "Platform Engineering\nShip pipelines.\nWhy this role might be for you:\nYou like speed.\n"
    )
    assert _fields(text) == {"responsibilities": ["Build models.", "Tune bids.", "Ship pipelines."]}


def test_a_link_to_similar_jobs_near_the_top_does_not_hide_the_posting() -> None:
    text = (
        "Lead Designer\n\nThis job is no longer open\nBrowse similar jobs\n\n"
        "You have\n- 7+ years of design experience\n- Figma\n"
    )
    assert _fields(text)["requirements"] == ["7+ years of design experience", "Figma"]


def test_a_similar_jobs_sidebar_at_the_top_is_skipped_up_to_the_next_heading() -> None:
    body = "Requirements\n- Python\n- SQL\n" + "Some words about the team. " * 20
    text = "Similar jobs\n- Java Developer at X\n\n" + body
    found = read_sections(text)
    assert [i.text for i in found.items("requirements")] == ["Python", "SQL"]
    assert found.is_excluded(text.index("Java"))
    assert not found.is_excluded(text.index("Python"))


def test_currency_signs_stay_in_items() -> None:
    text = "What we offer\n- $800 yearly wellness account\n- €50 monthly stipend\n"
    assert _fields(text)["benefits"] == ["$800 yearly wellness account", "€50 monthly stipend"]


def test_job_facts_are_not_list_items() -> None:
    text = (
        "La mission\n- Démarrage : 12 janvier 2027\n- Durée : 12 mois\n"
        "- Concevoir l'infrastructure Azure\n"
    )
    assert _fields(text)["responsibilities"] == ["Concevoir l'infrastructure Azure"]


def test_a_list_without_markers_ends_at_a_blank_line() -> None:
    text = (
        "What we offer:\n27 days of annual leave\nPension with 6% contribution\n"
        "Cycle to work scheme\n\nJob type: Full-time, permanent\nClosing date: 15 December\n"
    )
    assert _fields(text)["benefits"] == [
        "27 days of annual leave",
        "Pension with 6% contribution",
        "Cycle to work scheme",
    ]


def test_pay_and_benefits_heading_keeps_only_its_bullets() -> None:
    text = (
        "PAY AND BENEFITS\n\nThe base salary range is $168,000 - $198,000.\n\n"
        "- 401(k) with a 5% match\n- 25 days of paid time off\n"
    )
    assert _fields(text)["benefits"] == ["401(k) with a 5% match", "25 days of paid time off"]


def test_optional_requirements_move_to_nice_to_have() -> None:
    text = (
        "Requirements\n- 5+ years of Java\n"
        "- Familiarity with reinforcement learning is a big plus.\n"
        "- Fluent English; Spanish is a plus\n- Erfahrung mit Daten, idealerweise im Bankenumfeld\n"
    )
    fields = _fields(text)
    assert fields["requirements"] == [
        "5+ years of Java",
        "Fluent English; Spanish is a plus",
        "Erfahrung mit Daten, idealerweise im Bankenumfeld",
    ]
    assert fields["nice_to_have"] == ["Familiarity with reinforcement learning is a big plus."]


def test_about_the_role_sentences_stand_in_only_without_a_duties_list() -> None:
    alone = "About the role\nYou build pricing models. You ship them to production.\n"
    assert _fields(alone)["responsibilities"] == [
        "You build pricing models.",
        "You ship them to production.",
    ]
    both = alone + "\nResponsibilities\n- Own the pricing service\n"
    assert _fields(both)["responsibilities"] == ["Own the pricing service"]


def test_seed_beehiiv_benefits_from_glued_text() -> None:
    text = shared_path("seeds", "002_1c100b3ab37c2656.txt").read_text(encoding="utf-8")
    benefits = _fields(text)["benefits"]
    assert benefits[:4] == [
        "Competitive salary",
        "Stock Options",
        "Health, Dental, and Vision Insurance",
        "401(k) employer match",
    ]
    assert "Annual in-person team retreat" in benefits
    # CamelCase tool names in glued text are not cut ("ClickHouse", "SentenceTransformers").
    requirements = " ".join(_fields(text)["requirements"])
    assert "ClickHouse" in requirements
    assert "SentenceTransformers" in requirements


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="EQUALqualopRtyivcPDsnhzſıİé \n", max_size=80))
def test_statement_spans_overlap_every_line_that_states(noise: str) -> None:
    text = noise + "\nWe are an Equal Opportunity employer. Privacy POLICY\nÉgalité des chances\n"
    starts, ends = _statement_spans(text)
    position = 0
    for line in text.split("\n"):
        if _STATEMENT_LINE.search(line):
            end = position + len(line)
            assert any(s < end and position < e for s, e in zip(starts, ends, strict=True))
        position += len(line) + 1


def test_strip_symbols_fast_path_keeps_edge_symbols() -> None:
    assert _strip_symbols("Perks") == "Perks"
    assert _strip_symbols("^Perks`") == "Perks"
    assert _strip_symbols("🔹 Perks ✨") == "Perks"
    assert _strip_symbols("$800 wellness account") == "$800 wellness account"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcXYZ09.!?):- ", max_size=60))
def test_glue_hint_counts_at_least_every_join(line: str) -> None:
    assert len(_GLUE_HINT.findall(line)) >= len(_GLUE.findall(line))


def test_word_end_skips_trailing_non_word_characters() -> None:
    assert _word_end("a plus.") == 6
    assert _word_end("is a plus!) ") == 9
    assert _word_end("snake_") == 6
    assert _word_end("...") == 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["is", "a", "big", "plus", "Bonus", "preferred", "nice to have", "this",
                         "wäre", "ein", "Plus", "sera", "un atout", ".", "!", ")", "_", "x" * 30,
                         "PLUſ", "PREFERRED.", "Ideally", ";", "Wünschenswert", "se valorará"]),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_optional_end_in_the_tail_is_the_whole_search(text: str) -> None:
    tail = _OPTIONAL_END.search(text, max(0, _word_end(text) - _OPTIONAL_PHRASE_MAX))
    assert bool(tail) == bool(_OPTIONAL_END.search(text))
    # _is_optional's shortcuts (the last word, the tail) give the plain reading.
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    plain = bool(_OPTIONAL_START.match(text)) or (
        ";" not in first and bool(_OPTIONAL_END.search(first))
    )
    assert _is_optional(Item(text, 0, len(text))) == plain


def test_split_lines_keeps_offsets_of_short_and_glued_lines() -> None:
    glued = "Build pipelinesDeploy modelsOwn the roadmapShip it" + " and more" * 40
    text = "  Perks:\n\n- Stock  \n" + glued + "\n"
    lines = _split_lines(text)
    assert [line.text for line in lines[:2]] == ["Perks:", "- Stock"]
    assert lines[1].blank_before and not lines[0].blank_before
    assert len(lines) > 3  # the long line was split at its joins
    assert all(text[line.start : line.end] == line.text for line in lines)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .!?\n\t\u00a0", max_size=30))
def test_first_sentence_is_the_first_piece_of_a_split_after_its_mark(text: str) -> None:
    assert _first_sentence(text) == re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]


def test_alternates_at_top_agrees_with_the_regex_parser() -> None:
    from re import _constants, _parser  # type: ignore[attr-defined]

    regexes = [r for _, group in _HEADING_KINDS for r in group]
    regexes += [r"^a|b", r"^(a|b)", r"[|]x", r"\|y", r"^[(]a|b", r"(a)|(b)"]
    for regex in regexes:
        parsed = _parser.parse(regex)
        top = len(parsed) == 1 and parsed[0][0] is _constants.BRANCH
        assert alternates_at_top(regex) == top, regex


_HEADING_WORDS = st.sampled_from(
    [
        "What", "you'll", "do", "Requirements", "about", "you", "Nice", "to", "have", "Benefits",
        "Similar", "jobs", "Equal", "opportunity", "Ideally", "apply", "now", "tâches",
        "missions", "suivantes", ",", ":", "You will", "the", "role", "Dein", "Profil", "**",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_HEADING_WORDS, max_size=6).map(" ".join))
def test_heading_kind_is_the_first_kind_whose_regexes_are_found(text: str) -> None:
    normalized = normalize_heading(text)
    expected = None
    if normalized:
        for kind, regexes in _HEADING_KINDS:
            if re.search("|".join(f"(?:{r})" for r in regexes), normalized):
                expected = kind
                break
    assert heading_kind.__wrapped__(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab :;.!?¿¡-–—\t\u00a0\u2028", max_size=12))
def test_normalize_heading_strips_the_trailing_punctuation_run(text: str) -> None:
    joined = " ".join(text.split())
    assert joined.rstrip(" :;.!?¿¡-–—") == re.sub(r"[\s:;.!?¿¡\-–—]+$", "", joined)
