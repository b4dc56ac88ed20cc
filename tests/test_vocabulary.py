"""The skill vocabulary: its data file's rules, canonicalization, and the text matcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.vocabulary import (
    VocabularyError,
    _at_boundary,
    canonical_skill,
    find_skill_forms,
    load_vocabulary,
)


def _names(text: str) -> list[str]:
    return [match.skill.name for match in find_skill_forms(text)]


def test_vocabulary_has_at_least_600_skills() -> None:
    assert len(load_vocabulary()) >= 600


def test_no_form_names_two_skills_and_no_canonical_repeats() -> None:
    vocabulary = load_vocabulary()
    owners: dict[str, str] = {}
    for skill in vocabulary.skills:
        for form in skill.forms:
            key = form.casefold()
            assert owners.setdefault(key, skill.name) == skill.name, form
    names = [skill.name for skill in vocabulary.skills]
    assert len(names) == len(set(names))


def test_every_flagged_form_is_one_of_the_skills_forms() -> None:
    for skill in load_vocabulary().skills:
        assert skill.case_sensitive <= set(skill.forms)
        assert skill.not_in_text <= set(skill.forms)


def test_shipped_vocabulary_is_built_once() -> None:
    assert load_vocabulary() is load_vocabulary()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Python", "Python"),
        ("python", "Python"),
        ("PYTHON", "Python"),
        ("Spark", "Apache Spark"),
        ("apache spark", "Apache Spark"),
        ("PySpark", "PySpark"),
        ("sql", "SQL"),
        ("k8s", "Kubernetes"),
        ("pytorch", "PyTorch"),
        ("a/b testing", "A/B testing"),
        ("Golang", "Go"),
        ("ReactJS", "React"),
        ("  node.js ", "Node.js"),
        ("c#", "C#"),
        ("postgres", "PostgreSQL"),
        # Forms too ambiguous to read in text still canonicalize a label.
        ("make", "Make"),
    ],
)
def test_canonical_skill_is_case_insensitive_over_all_forms(name: str, canonical: str) -> None:
    assert canonical_skill(name) == canonical


@pytest.mark.parametrize("name", ["teamwork", "communication", "", "Pythonista", "Sparkle"])
def test_canonical_skill_is_none_outside_the_vocabulary(name: str) -> None:
    assert canonical_skill(name) is None


def test_matcher_tells_symbols_apart() -> None:
    text = "Stack: C, C++, C#, .NET 8, ASP.NET Core and F#."
    assert _names(text) == ["C", "C++", "C#", ".NET", "ASP.NET", "F#"]


def test_matcher_keeps_java_and_javascript_apart() -> None:
    assert _names("JavaScript and Java") == ["JavaScript", "Java"]
    assert _names("JavaScripting") == []


def test_matcher_keeps_spark_and_pyspark_apart() -> None:
    assert _names("PySpark, Spark SQL, apache spark") == ["PySpark", "Apache Spark", "Apache Spark"]


def test_matcher_reads_node_js_and_dotted_names_as_one_token() -> None:
    assert _names("Node.js, Vue.js and Next.js") == ["Node.js", "Vue.js", "Next.js"]
    # The lost space of a scraped page does not glue a skill to the next sentence.
    assert _names("Strong Python.Experience with SQL") == ["Python", "SQL"]


def test_case_sensitive_forms_need_their_case() -> None:
    assert _names("You will react quickly and excel at it.") == []
    assert _names("React and Excel") == ["React", "Microsoft Excel"]


def test_forms_not_read_in_text_are_skipped() -> None:
    assert _names("make sure the chef can segment the market") == []


def test_hashtags_are_not_evidence() -> None:
    assert _names("#python #kubernetes") == []


def test_matcher_offsets_survive_characters_whose_lowercase_grows() -> None:
    text = "İstanbul team uses Python"
    [match] = find_skill_forms(text)
    assert text[match.start : match.end] == "Python"


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "skills.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_vocabulary_reads_a_custom_file(tmp_path: Path) -> None:
    path = _write(tmp_path, {"skills": [{"name": "Foo", "aliases": ["foolang"]}]})
    vocabulary = load_vocabulary(path)
    assert vocabulary.canonical("FOOLANG") == "Foo"
    assert [m.skill.name for m in vocabulary.find_forms("we use foolang")] == ["Foo"]


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"skills": [{"aliases": ["x"]}]},
        {"skills": [{"name": "A", "aliases": "x"}]},
        {"skills": [{"name": "A", "aliases": ["x"]}, {"name": "B", "aliases": ["X"]}]},
        {"skills": [{"name": "A", "case_sensitive": ["B"]}]},
    ],
)
def test_load_vocabulary_raises_on_a_broken_file(tmp_path: Path, data: object) -> None:
    with pytest.raises(VocabularyError, match=r"skills\.json"):
        load_vocabulary(_write(tmp_path, data))


def test_load_vocabulary_raises_on_unreadable_or_invalid_json(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabulary(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(VocabularyError, match="not valid JSON"):
        load_vocabulary(bad)


def test_each_skill_line_is_one_skill() -> None:
    # Names are never two entries run together ("Expo GoFigma"): a form that ends in
    # another skill's name after a lowercase letter must be a real name ("PostgreSQL").
    vocabulary = load_vocabulary()
    names = {skill.name for skill in vocabulary.skills}
    real_names = {"ObjC", "PL/pgSQL", "TailwindCSS", "RxJava", "RxSwift", "RoR", "CakePHP"}
    real_names |= {"PostgreSQL", "MySQL", "Aurora PostgreSQL", "Aurora MySQL", "NoSQL", "IaC"}
    real_names |= {"SentenceTransformers", "ArcGIS", "PostGIS"}
    for skill in vocabulary.skills:
        for form in skill.forms:
            assert form == form.strip()
            assert "|" not in form
            assert "  " not in form
            glued = [
                form[i:]
                for i in range(1, len(form))
                if form[i - 1].islower()
                and form[i].isupper()
                and form[i:] in names
                and form[i:] != skill.name
            ]
            assert not glued or form in real_names, form


@pytest.mark.parametrize("name", ["Figma", "Vitest", "XCTest", "OpenStreetMap", "Karma runner"])
def test_tools_have_their_own_entries(name: str) -> None:
    assert canonical_skill(name) == name.replace(" runner", "")


def test_currency_codes_and_units_are_not_skills() -> None:
    assert _names("Salary: 120,000 CAD per year; 500 ml; CDC guidance; TTS office") == []


def test_typographic_hyphens_match_the_ascii_form() -> None:
    assert _names("Solvers such as OR\u2011Tools and scikit\u2010learn") == [
        "OR-Tools",
        "scikit-learn",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lancer des tests A/B", "A/B testing"),
        ("Experimentation und A/B-Tests", "A/B testing"),
        ("experimentos A/B", "A/B testing"),
        ("Écrire des tests unitaires", "Unit testing"),
        ("Maîtrise des méthodes agiles", "Agile"),
        ("Linux embarqué", "Embedded Linux"),
        ("séries temporelles", "Time series analysis"),
    ],
)
def test_aliases_in_other_languages(text: str, name: str) -> None:
    assert name in _names(text)


def test_one_letter_forms_count_only_as_whole_words(tmp_path: Path) -> None:
    path = _write(tmp_path, {"skills": [{"name": "R"}, {"name": "C"}, {"name": "C++"}]})
    vocabulary = load_vocabulary(path)
    text = "R, C, C++ (r) rc r_x _c #r Rust\nc"
    found = [(m.start, m.form) for m in vocabulary.find_forms(text)]
    assert found == [(0, "R"), (3, "C"), (6, "C++"), (11, "r"), (32, "c")]


def test_one_letter_forms_match_where_a_boundary_check_would(tmp_path: Path) -> None:
    # The one-letter regex must find exactly the standalone letters a character-by-character
    # check finds, whatever stands beside them.
    path = _write(tmp_path, {"skills": [{"name": "R"}, {"name": "C"}]})
    vocabulary = load_vocabulary(path)
    alphabet = "rc _.-+#@/(é1\n"
    for left in alphabet:
        for right in alphabet:
            text = f"{left}r{right}c"
            expected = [
                i
                for i, char in enumerate(text)
                if char in "rc" and _at_boundary(text, text.lower(), i, i + 1)
            ]
            assert [m.start for m in vocabulary.find_forms(text)] == expected, text
