"""Prompt templates: versioned YAML files in ``extractor.prompts``, validated on load.

A file is ``<task>.v<N>.yaml``. It holds its id, version, the variables it needs, and a system
and user template written with ``${name}`` placeholders. A released version is never edited
(a test hashes the files against ``MANIFEST.json``); a new version supersedes it, and the
highest version of a task is the one used.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from extractor.llm.errors import PromptError

PROMPT_PACKAGE = "extractor.prompts"
_FILE_NAME = re.compile(r"^(?P<task>[a-z][a-z0-9_]*)\.v(?P<version>[1-9][0-9]*)\.yaml$")


class PromptTemplate(BaseModel):
    """One prompt file. Unknown keys and undeclared or unused variables are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: int = Field(ge=1)
    description: str
    variables: tuple[str, ...]
    system: str
    user: str

    @model_validator(mode="after")
    def _placeholders_match_variables(self) -> PromptTemplate:
        used: set[str] = set()
        for part in (self.system, self.user):
            template = Template(part)
            if not template.is_valid():
                raise ValueError("a template has a malformed ${...} placeholder")
            used.update(template.get_identifiers())
        undeclared = sorted(used - set(self.variables))
        unused = sorted(set(self.variables) - used)
        if undeclared:
            raise ValueError(f"placeholders not declared in variables: {', '.join(undeclared)}")
        if unused:
            raise ValueError(f"variables no template uses: {', '.join(unused)}")
        return self

    @property
    def key(self) -> str:
        """``<id>.v<version>``: what provenance and the cache key record."""
        return f"{self.id}.v{self.version}"

    def render(self, **values: str) -> tuple[str, str]:
        """The system and user messages with ``values`` filled in.

        Raises:
            PromptError: a declared variable has no value, or a value names no variable.
        """
        missing = sorted(set(self.variables) - set(values))
        extra = sorted(set(values) - set(self.variables))
        if missing or extra:
            problems = [f"missing {', '.join(missing)}"] if missing else []
            problems += [f"unknown {', '.join(extra)}"] if extra else []
            raise PromptError(f"prompt {self.key}: variables {'; '.join(problems)}")
        return Template(self.system).substitute(values), Template(self.user).substitute(values)


def parse_prompt(name: str, raw: str) -> PromptTemplate:
    """A prompt from a file's name and text.

    Raises:
        PromptError: a name that is not ``<task>.v<N>.yaml``, YAML that does not parse, a
            schema violation (unknown or missing keys, placeholder mismatch), or an id and
            version that differ from the file name.
    """
    match = _FILE_NAME.match(name)
    if match is None:
        raise PromptError(f"prompt file {name!r}: the name must be <task>.v<N>.yaml")
    try:
        data: Any = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise PromptError(f"prompt file {name!r}: not valid YAML ({error})") from error
    try:
        prompt = PromptTemplate.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in error.errors()
        )
        raise PromptError(f"prompt file {name!r}: {problems}") from error
    if (prompt.id, prompt.version) != (match["task"], int(match["version"])):
        raise PromptError(
            f"prompt file {name!r}: holds {prompt.key}, which does not match its name"
        )
    return prompt


@cache
def all_prompts() -> dict[str, PromptTemplate]:
    """Every shipped prompt, keyed ``<id>.v<version>``.

    Raises:
        PromptError: a shipped prompt file is invalid.
    """
    found: dict[str, PromptTemplate] = {}
    for entry in files(PROMPT_PACKAGE).iterdir():
        if entry.name.endswith(".yaml"):
            prompt = parse_prompt(entry.name, entry.read_text(encoding="utf-8"))
            found[prompt.key] = prompt
    return found


def load_prompt(task: str, version: int | None = None) -> PromptTemplate:
    """The prompt for ``task``: the given version, or the newest one.

    Raises:
        PromptError: no such task or version is shipped, or its file is invalid.
    """
    versions = {p.version: p for p in all_prompts().values() if p.id == task}
    if not versions:
        raise PromptError(f"no prompt for task {task!r} in {PROMPT_PACKAGE}")
    chosen = max(versions) if version is None else version
    if chosen not in versions:
        raise PromptError(f"prompt {task}.v{chosen} is not shipped (have {sorted(versions)})")
    return versions[chosen]


def prompt_versions() -> dict[str, str]:
    """The version in use for each prompt task, e.g. ``{"extract_fields": "v1"}``."""
    newest: dict[str, int] = {}
    for prompt in all_prompts().values():
        newest[prompt.id] = max(newest.get(prompt.id, 0), prompt.version)
    return {task: f"v{version}" for task, version in sorted(newest.items())}
