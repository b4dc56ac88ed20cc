"""Prompt files: validated on load, versioned, and never edited once released."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from extractor.llm.errors import PromptError
from extractor.llm.prompts import load_prompt, parse_prompt, prompt_versions

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
GOOD = """
id: demo
version: 2
description: A demo.
variables: [text]
system: Read it.
user: "Text: ${text}"
"""


def test_released_prompts_are_never_edited() -> None:
    manifest = json.loads((PROMPTS / "MANIFEST.json").read_text())
    shipped = sorted(p.name for p in PROMPTS.glob("*.yaml"))
    assert shipped == sorted(manifest), "add a new prompt version to MANIFEST.json"
    for name, digest in manifest.items():
        actual = hashlib.sha256((PROMPTS / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} was edited: write a new version instead"


def test_prompt_versions_name_the_newest_of_each_task() -> None:
    newest: dict[str, int] = {}
    for path in PROMPTS.glob("*.yaml"):
        task, version = re.fullmatch(r"(\w+)\.v(\d+)\.yaml", path.name).groups()  # type: ignore[union-attr]
        newest[task] = max(newest.get(task, 0), int(version))
    assert prompt_versions() == {task: f"v{v}" for task, v in newest.items()}
    assert "extract_fields" in prompt_versions()


def test_the_shipped_prompt_renders_every_variable() -> None:
    prompt = load_prompt("extract_fields")
    system, user = prompt.render(fields="- title: x", known="{}", text="POSTING BODY")
    assert prompt.key == f"extract_fields.v{prompt.version}"
    assert "POSTING BODY" in user and "- title: x" in user and "${" not in system + user


def test_a_good_file_parses() -> None:
    prompt = parse_prompt("demo.v2.yaml", GOOD)
    assert prompt.key == "demo.v2"
    assert prompt.render(text="hello") == ("Read it.", "Text: hello")


@pytest.mark.parametrize(
    ("name", "raw", "needle"),
    [
        ("demo.yaml", GOOD, "<task>.v<N>.yaml"),
        ("demo.v3.yaml", GOOD, "does not match its name"),
        ("demo.v2.yaml", GOOD + "temperature: 1\n", "temperature"),
        ("demo.v2.yaml", GOOD.replace("variables: [text]", "variables: [text, known]"), "known"),
        ("demo.v2.yaml", GOOD.replace("Read it.", "Read ${page}."), "page"),
        ("demo.v2.yaml", GOOD.replace("description: A demo.\n", ""), "description"),
        ("demo.v2.yaml", "id: [unclosed", "not valid YAML"),
    ],
)
def test_bad_files_are_refused_with_the_reason(name: str, raw: str, needle: str) -> None:
    with pytest.raises(PromptError, match=re.escape(needle)):
        parse_prompt(name, raw)


def test_rendering_names_missing_and_unknown_variables() -> None:
    prompt = parse_prompt("demo.v2.yaml", GOOD)
    with pytest.raises(PromptError, match="missing text"):
        prompt.render()
    with pytest.raises(PromptError, match="unknown other"):
        prompt.render(text="x", other="y")


def test_unknown_tasks_and_versions_are_refused() -> None:
    with pytest.raises(PromptError, match="no prompt for task"):
        load_prompt("summarise")
    with pytest.raises(PromptError, match="not shipped"):
        load_prompt("extract_fields", version=999)
