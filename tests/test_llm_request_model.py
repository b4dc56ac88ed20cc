"""The request model: only the missing fields, described as in SPEC; salvage of bad answers."""

from __future__ import annotations

import json

import pytest

from extractor.llm.request_model import answer_values, build_request_model, salvage_values
from extractor.schema import FIELD_DESCRIPTIONS


def test_only_the_fields_asked_with_their_spec_descriptions() -> None:
    model = build_request_model(["seniority", "salary", "skills"])
    schema = model.model_json_schema()
    assert list(schema["properties"]) == ["seniority", "salary", "skills"]
    for name in ("seniority", "salary", "skills"):
        assert schema["properties"][name]["description"] == FIELD_DESCRIPTIONS[name]
    assert "Salary" in schema["$defs"]


def test_the_schema_is_compact_but_keeps_a_field_named_title() -> None:
    schema = build_request_model(["title", "department"]).model_json_schema()
    text = json.dumps(schema)
    assert '"title": "Department"' not in text and '"default": null' not in text
    assert "title" in schema["properties"]


def test_values_are_typed_and_checked_and_extra_keys_ignored() -> None:
    model = build_request_model(["seniority", "experience_years"])
    answer = model.model_validate({"seniority": "senior", "experience_years": {"min": 5}, "x": 1})
    assert answer_values(answer) == {
        "seniority": "senior",
        "experience_years": {"min": 5, "max": None},
    }
    with pytest.raises(ValueError, match="seniority"):
        model.model_validate({"seniority": "boss"})


@pytest.mark.parametrize(("fields", "needle"), [([], "at least one"), (["pay"], "pay")])
def test_bad_field_lists_are_refused(fields: list[str], needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        build_request_model(fields)


def test_salvage_keeps_the_valid_fields_of_an_invalid_answer() -> None:
    model = build_request_model(["department", "seniority", "skills", "locations"])
    raw = json.dumps(
        {
            "department": "Platform",
            "seniority": "boss",
            "skills": ["Python", 7, "SQL"],
            "locations": [{"city": "Lisbon", "country": "Portugal"}, {"city": "Porto"}],
        }
    )
    assert salvage_values(raw, model) == {
        "department": "Platform",
        "skills": ["Python", "SQL"],
        "locations": [{"city": "Porto", "region": None, "country": None}],
    }


def test_salvage_reads_truncated_json_and_refuses_prose() -> None:
    model = build_request_model(["department", "seniority"])
    assert salvage_values('{"department": "Platform", "seniority": "sen', model) == {
        "department": "Platform"
    }
    assert salvage_values("I cannot help with that.", model) == {}


def test_the_schema_is_built_once_and_each_caller_gets_its_own_copy() -> None:
    model = build_request_model(["department", "salary"])
    first = model.model_json_schema()
    first["properties"].clear()  # a caller that changes its copy

    second = model.model_json_schema()

    assert set(second["properties"]) == {"department", "salary"}
    assert second == build_request_model(["department", "salary"]).model_json_schema()
