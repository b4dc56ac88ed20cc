"""Shared fixtures: the ../shared corpus (skipped when absent, required in CI) and isolation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent

# Hypothesis: "ci" (the default) is small and derandomized, so a CI run is reproducible; by
# hand, HYPOTHESIS_PROFILE=long runs far more examples with fresh randomness. Both keep the
# fuzz tests' limit of one second per example.
_FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", max_examples=100, deadline=1000, derandomize=True, suppress_health_check=_FUZZ_HEALTH
)
settings.register_profile(
    "long", max_examples=3000, deadline=1000, suppress_health_check=_FUZZ_HEALTH
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SHARED = REPO.parent / "shared"
# .ci/run sets this so that a missing ../shared fails the run instead of skipping tests.
REQUIRE_SHARED = os.environ.get("EXTRACTOR_REQUIRE_SHARED") == "1"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test (or fails it in CI) when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: the shared corpus is not beside this clone"
        if REQUIRE_SHARED:
            pytest.fail(message + " (EXTRACTOR_REQUIRE_SHARED=1)")
        pytest.skip(message)
    return path


def realworld_documents() -> list[Path]:
    """Every document in ../shared/realworld (sidecars and the index left out)."""
    root = SHARED / "realworld"
    if not root.exists():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(".source.txt") and p.name != "INDEX.md"
    )


def seed_documents() -> list[Path]:
    root = SHARED / "seeds"
    return sorted(root.iterdir()) if root.exists() else []


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every per-user folder (the LLM cache among them) at a temp dir, never at $HOME."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    for name in ("EXTRACTOR_LLM", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
