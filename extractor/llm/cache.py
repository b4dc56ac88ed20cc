"""The LLM answer cache (diskcache), with a documented key contract.

The key is the sha256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
``{model, endpoint, prompt, schema_version, fields, text_sha256, strategy, max_output_tokens,
reasks}``: a changed prompt version, schema, field list, endpoint or text never serves a stale
answer, nor does a changed output cap or re-ask allowance (a low cap truncates an answer that
is then salvaged; fewer re-asks can keep a worse one). Values are the
model's raw answer (field -> value) and the tokens it cost; grounding is re-run on every hit.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from extractor.errors import LLMConfigError

_SUBDIR = "llm"


def default_cache_dir() -> Path:
    """``<user cache dir>/extractor/llm`` (honours XDG_CACHE_HOME on Linux)."""
    return Path(platformdirs.user_cache_dir("extractor")) / _SUBDIR


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no whitespace: equal data, equal bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_key(parts: Mapping[str, Any]) -> str:
    """The sha256 of the canonical JSON of ``parts``: how every cache key here is made."""
    return hashlib.sha256(canonical_json(parts).encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(
    *,
    model: str,
    endpoint: str,
    prompt: str,
    schema_version: str,
    fields: Sequence[str],
    text: str,
    strategy: str,
    max_output_tokens: int,
    reasks: int,
) -> str:
    """The cache key for one request (see the module docstring for the contract)."""
    parts = {
        "model": model,
        "endpoint": endpoint,
        "prompt": prompt,
        "schema_version": schema_version,
        "fields": sorted(fields),
        "text_sha256": text_hash(text),
        "strategy": strategy,
        "max_output_tokens": max_output_tokens,
        "reasks": reasks,
    }
    return content_key(parts)


@dataclass(frozen=True)
class CacheStats:
    directory: Path
    entries: int
    size_bytes: int


class DiskCache:
    """A diskcache folder, safe across threads and processes; ``label`` names it in errors."""

    label = "cache"

    def __init__(self, directory: Path) -> None:
        """Open (or create) the folder.

        Raises:
            LLMConfigError: the folder cannot be created or opened (a file is in the way,
                no permission).
        """
        import diskcache

        self.directory = directory
        try:
            self._cache = diskcache.Cache(str(directory))
        except (OSError, sqlite3.Error) as error:
            raise LLMConfigError(
                f"{self.label} folder {str(directory)!r} cannot be used ({error}); "
                "pass another --cache-dir or --no-cache"
            ) from error

    def stats(self) -> CacheStats:
        return CacheStats(self.directory, len(self._cache), int(self._cache.volume()))

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        return int(self._cache.clear())

    def close(self) -> None:
        self._cache.close()


class AnswerCache(DiskCache):
    """The model's answers (field -> value), by cache_key()."""

    label = "LLM cache"

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__(directory or default_cache_dir())

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._cache.get(key)
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._cache.set(key, value)
