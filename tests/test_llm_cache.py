"""The answer cache: the key contract and the diskcache folder."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import LLMConfigError
from extractor.llm.cache import AnswerCache, cache_key, canonical_json, default_cache_dir

BASE: dict[str, Any] = {
    "model": "gpt-4o-mini",
    "endpoint": "https://api.openai.com/v1",
    "prompt": "extract_fields.v1",
    "schema_version": "1",
    "fields": ["salary", "seniority"],
    "text": "Senior Data Engineer",
    "strategy": "hybrid",
    "max_output_tokens": 1024,
    "reasks": 2,
}


def test_the_key_is_the_sha256_of_the_canonical_parts() -> None:
    parts = {**BASE, "fields": sorted(BASE["fields"])}
    text = parts.pop("text")
    parts["text_sha256"] = hashlib.sha256(text.encode()).hexdigest()
    expected = hashlib.sha256(canonical_json(parts).encode()).hexdigest()
    assert cache_key(**BASE) == expected
    assert canonical_json({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'


@pytest.mark.parametrize(
    ("part", "other"),
    [
        ("model", "gpt-4o"),
        ("endpoint", "http://127.0.0.1:8080/v1"),
        ("prompt", "extract_fields.v2"),
        ("schema_version", "2"),
        ("fields", ["salary"]),
        ("text", "Senior Data Engineer."),
        ("strategy", "llm-only"),
        ("max_output_tokens", 256),
        ("reasks", 0),
    ],
)
def test_every_part_changes_the_key(part: str, other: Any) -> None:
    assert cache_key(**{**BASE, part: other}) != cache_key(**BASE)


def test_field_order_does_not_change_the_key() -> None:
    assert cache_key(**{**BASE, "fields": ["seniority", "salary"]}) == cache_key(**BASE)


def test_store_read_count_and_clear(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers")
    assert cache.get("k") is None
    cache.set("k", {"values": {"title": "Data Engineer"}})
    assert cache.get("k") == {"values": {"title": "Data Engineer"}}
    stats = cache.stats()
    assert (stats.directory, stats.entries) == (tmp_path / "answers", 1)
    assert stats.size_bytes > 0
    assert cache.clear() == 1 and cache.get("k") is None
    cache.close()


def test_the_default_folder_is_the_per_user_cache(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "extractor" / "llm"


def test_an_unusable_folder_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(LLMConfigError, match="cannot be used"):
        AnswerCache(blocker)
