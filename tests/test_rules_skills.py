"""The skills rule: canonical names from the vocabulary, and what is not evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.candidates import Tier
from extractor.rules import RuleContext
from extractor.rules.skills import RULE
from tests.conftest import shared_path


def _skills(text: str, **known: object) -> list[str]:
    candidates = RULE(RuleContext(text=text, format="text", known=dict(known)))
    assert len(candidates) <= 1
    return candidates[0].value if candidates else []


def test_canonical_names_deduplicated_in_order_of_first_appearance() -> None:
    text = "We use Spark, PostgreSQL and k8s. Apache Spark and Postgres daily; PyTorch too."
    assert _skills(text) == ["Apache Spark", "PostgreSQL", "Kubernetes", "PyTorch"]


def test_candidate_is_rule_tier_with_the_first_matchs_span() -> None:
    text = "You know Python and SQL."
    [candidate] = RULE(RuleContext(text=text, format="text"))
    assert candidate.tier is Tier.RULE
    assert candidate.source == "rule:skills"
    assert candidate.span is not None
    assert text[candidate.span[0] : candidate.span[1]] == "Python"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Experience with C++ and C#", ["C++", "C#"]),
        ("Strong .NET Core and ASP.NET skills", [".NET", "ASP.NET"]),
        ("Backend in Node.js, frontend in Vue.js", ["Node.js", "Vue.js"]),
        ("Java and JavaScript are different", ["Java", "JavaScript"]),
        ("Spark and PySpark pipelines", ["Apache Spark", "PySpark"]),
        ("Advanced Excel and SAS", ["Microsoft Excel", "SAS"]),
    ],
)
def test_symbols_and_near_names(text: str, expected: list[str]) -> None:
    assert _skills(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Languages: Python, Go, Rust",
        "You write services in Go and ship them with Docker.",
        "Golang experience",
        "Go developer wanted",
        "Backend code in Java or Go.",
    ],
)
def test_go_the_language(text: str) -> None:
    assert "Go" in _skills(text)


@pytest.mark.parametrize(
    "text",
    [
        "You will go above and beyond.",
        "Ready to Go? Apply today.",
        "Go to our careers page and apply in Go mode",
        "We are always on the go, with Kubernetes.",
    ],
)
def test_go_the_verb_is_not_a_skill(text: str) -> None:
    assert "Go" not in _skills(text)


@pytest.mark.parametrize(
    "text",
    [
        "Python or R for statistics",
        "R programming and SQL",
        "Statistical analysis in R, using code you write.",
        "Languages: SQL, R, Python",
    ],
)
def test_r_the_language(text: str) -> None:
    assert "R" in _skills(text)


@pytest.mark.parametrize(
    "text",
    [
        "R&D team in Building R",
        "Plan B or plan R?",
        "Series C funded, C-level contacts",
        "Grade R salary band",
    ],
)
def test_letters_are_not_languages(text: str) -> None:
    assert _skills(text) == []


def test_c_the_language_in_a_list() -> None:
    assert _skills("Embedded C, C and C++ firmware") == ["C", "C++"]
    assert _skills("Firmware in C, Rust.") == ["C", "Rust"]


def test_common_words_are_not_skills() -> None:
    text = "You react quickly, excel at writing, make decisions and go the extra mile."
    assert _skills(text) == []


def test_similar_jobs_block_is_not_read() -> None:
    text = "## Requirements\n- Python\n\n## Similar jobs\n- Senior Scala Engineer (Kafka)\n"
    assert _skills(text) == ["Python"]


def test_hashtags_and_tag_lines_are_not_evidence() -> None:
    text = "We are hiring! #python #react\nTags: Kubernetes, Terraform\n"
    assert _skills(text) == []


def test_links_and_email_addresses_are_not_evidence() -> None:
    text = "Apply at https://github.com/acme/python-jobs or python@acme.io"
    assert _skills(text) == []


def test_employer_name_is_not_a_skill() -> None:
    text = "GitLab is hiring. You know Git and Ruby on Rails."
    assert _skills(text, company="GitLab") == ["Git", "Ruby on Rails"]
    assert _skills(text)[0] == "GitLab"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erfahrung mit Java, Spring Boot und PostgreSQL", ["Java", "Spring Boot", "PostgreSQL"]),
        ("Experiencia con Python, Django y AWS", ["Python", "Django", "Amazon Web Services"]),
        ("Vous maîtrisez React, TypeScript et GraphQL", ["React", "TypeScript", "GraphQL"]),
        ("Kenntnisse in Go und Kubernetes sind ein Plus", ["Go", "Kubernetes"]),
    ],
)
def test_other_languages(text: str, expected: list[str]) -> None:
    assert _skills(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Du bist teamfähig und kommunikativ.", "Tienes buena comunicación.", "Vous êtes curieux."],
)
def test_soft_skills_give_nothing(text: str) -> None:
    assert _skills(text) == []


def test_seed_beehiiv_skills() -> None:
    text = shared_path("seeds", "002_1c100b3ab37c2656.txt").read_text(encoding="utf-8")
    skills = _skills(text)
    for name in ("Python", "pandas", "NumPy", "PyTorch", "XGBoost", "scikit-learn", "SQL"):
        assert name in skills
    for name in ("ClickHouse", "Apache Airflow", "Neo4j", "Docker", "Kubernetes"):
        assert name in skills
    # "high-dimensional modeling" is no data-warehouse method; "DOE" is not an experiment.
    assert "Dimensional modeling" not in skills


def test_realworld_bjss_list_of_languages_reads_go() -> None:
    path = shared_path(
        "realworld", "microdata", "reed-co-uk-bjss-software-engineer-leeds-fragment.html"
    )
    from extractor.normalize.html import html_to_text

    skills = _skills(html_to_text(path.read_text(encoding="utf-8")))
    assert [s for s in skills if s in {"Java", "Scala", "JavaScript", "Python", "C#", "Go"}] == [
        "Java",
        "Scala",
        "JavaScript",
        "Python",
        "C#",
        "Go",
    ]


def test_one_vocabulary_and_one_automaton_serve_every_call() -> None:
    # The speed itself is measured by bench/bench_offline.py, not timed here; this pins the
    # structural regression that would cost most (building the matcher per call).
    from extractor.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    automaton = vocabulary._automaton
    text = shared_path("seeds", "002_1c100b3ab37c2656.txt").read_text(encoding="utf-8")
    for index in range(3):
        assert _skills(text + " " * index)
    assert load_vocabulary() is vocabulary
    assert vocabulary._automaton is automaton


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
        "Backend Developer (Go)\n\nBuild services.",
        "Bonus points:\n* Some Go\n* Kafka\n",
        "Connaissance de Python ou de Go.",
    ],
)
def test_go_alone_in_a_list_item_brackets_or_a_french_list(text: str) -> None:
    assert "Go" in _skills(text)


def test_epic_needs_a_health_record_context() -> None:
    assert "Epic Systems" in _skills("Document assessments and care plans in Epic.")
    assert _skills("An Epic journey awaits the team.") == []


def test_acronym_glued_to_a_product_name_is_not_a_skill() -> None:
    assert _skills("Contributions to TensorRT-LLM or vLLM") == ["TensorRT", "vLLM"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Tags", "tags", "KEYWORDS", "Mots-clés", " ", "\t", "\n", ":", "x", "\r"]),
        max_size=30,
    )
)
def test_tag_lines_are_the_tag_line_patterns_matches(parts: list[str]) -> None:
    from extractor.rules import skills

    text = "".join(parts)
    assert skills._tag_lines(text) == [m.span() for m in skills._TAG_LINE.finditer(text)]


def test_a_text_without_link_marks_holds_no_link() -> None:
    from extractor.rules import skills

    assert not skills._may_hold_links("Python, SQL and Go; see our site")
    for text in ("https://x.io", "www.x.io", "a@b.io", "[site](x.io)"):
        assert skills._may_hold_links(text)


@pytest.mark.parametrize(
    ("company", "word"),
    [
        ("GitLab Inc.", "gitlab"),
        ("  Apache  Software", "apache"),
        ("", None),
        ("  ", None),
        (3, None),
    ],
)
def test_employer_word_is_the_names_first_word_case_folded(
    company: object, word: str | None
) -> None:
    from extractor.rules import skills

    assert skills._employer_word(company) == word
