"""The whole-result cache for reruns of model batches: a hit costs no parse, rule or call.

Used only when a model is configured (a rerun of an offline batch is cheap, and code changes
must show). It lives beside the LLM answer cache: ``<user cache dir>/extractor/results``, or
``<cache_dir>/results`` when options.cache_dir is given.

The key is the sha256 of the canonical JSON of ``{input_sha256, name, run}``, where ``run``
is the canonical JSON of ``{options, version, schema_version, prompt, model, endpoint}`` and
``options`` are those that change results (everything but concurrency and the cache
settings): a new release, prompt version, schema, model or endpoint never serves a stale
record. Records are stored as their JSON text.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import platformdirs

from extractor.llm.cache import DiskCache, canonical_json, content_key
from extractor.llm.provider import ProviderSpec
from extractor.options import ExtractOptions

SUBDIR = "results"
# Settings that change how a batch runs, never what it extracts.
_RUN_ONLY_OPTIONS = frozenset({"max_concurrency", "cache", "cache_dir"})


def result_cache_dir(cache_dir: Path | None = None) -> Path:
    """Where the result cache lives for a given options.cache_dir (None: the user folder)."""
    if cache_dir is not None:
        return Path(cache_dir) / SUBDIR
    return Path(platformdirs.user_cache_dir("extractor")) / SUBDIR


def run_key(options: ExtractOptions, spec: ProviderSpec, prompt: str) -> str:
    """The part of the key a whole batch shares: canonical JSON of the options that change
    results, the release, schema version, prompt, model and endpoint (computed once)."""
    from extractor import __version__
    from extractor.schema import SCHEMA_VERSION

    return canonical_json(
        {
            "options": options.model_dump(mode="json", exclude=set(_RUN_ONLY_OPTIONS)),
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "prompt": prompt,
            "model": spec.model,
            "endpoint": spec.endpoint,
        }
    )


def result_key(content: bytes, name: str | None, run: str) -> str:
    """The cache key of one input's record: sha256 of the canonical JSON of the input's
    sha256, its name and ``run`` (from run_key())."""
    return content_key(
        {"input_sha256": hashlib.sha256(content).hexdigest(), "name": name, "run": run}
    )


class ResultCache(DiskCache):
    """Batch records (as JSON text), by result_key()."""

    label = "result cache"

    def get(self, key: str) -> str | None:
        """The stored record's JSON text, or None."""
        value = self._cache.get(key)
        return value if isinstance(value, str) else None

    def set(self, key: str, record_json: str) -> None:
        self._cache.set(key, record_json)


_OPEN: dict[Path, ResultCache] = {}
_OPEN_LOCK = threading.Lock()


def shared_result_cache(cache_dir: Path | None) -> ResultCache:
    """One open ResultCache per folder, shared by every thread of the process."""
    directory = result_cache_dir(cache_dir)
    with _OPEN_LOCK:
        if directory not in _OPEN:
            _OPEN[directory] = ResultCache(directory)
        return _OPEN[directory]
