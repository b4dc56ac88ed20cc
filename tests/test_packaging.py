"""The package's public surface and its wheel contents."""

from __future__ import annotations

import tomllib
from pathlib import Path

import extractor

REPO = Path(__file__).resolve().parent.parent


def test_all_is_sorted_and_names_only_real_attributes() -> None:
    assert list(extractor.__all__) == sorted(extractor.__all__, key=lambda n: (n != n.upper(), n))
    for name in extractor.__all__:
        assert hasattr(extractor, name), name


def test_every_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(REPO).parts)
        for path in (REPO / "extractor").rglob("__init__.py")
    }
    assert found | {"extractor.prompts"} == listed


def test_version_matches_the_project_metadata() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert extractor.__version__ == config["project"]["version"]
