"""Benchmark inputs: N postings generated from the gold datasets' documents.

The sources are the core dataset's documents and, when ../shared is beside the clone, the
seeds (through evals/datasets/seeds/dataset.json). Item ``i`` is source ``i % len(sources)``
with a counter put in the posting's title (the gold title, wherever the raw bytes hold it)
or, failing that, an inserted line, so no two items are byte-identical and no cache keyed on
content can serve one item's answer to another. The same N always gives the same items.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import DatasetError, ExtractorError
from extractor.evals.dataset import load_dataset
from extractor.pipeline import extract_all

if TYPE_CHECKING:
    from extractor.batch import BatchItem

REPO = Path(__file__).resolve().parent.parent
CORE = REPO / "evals" / "datasets" / "core"
SEEDS = REPO / "evals" / "datasets" / "seeds"
DEFAULT_COUNT = 10_000
_MARKUP_SUFFIXES = frozenset({".xml", ".rss", ".atom"})


@dataclass(frozen=True)
class Source:
    """One gold document: its id, file suffix, text and the gold title (if labelled)."""

    case_id: str
    suffix: str
    text: str
    title: str | None


def default_datasets() -> list[Path]:
    """The core dataset, and the seeds when their documents (in ../shared) are present."""
    datasets = [CORE]
    try:
        if load_dataset(SEEDS).cases:
            datasets.append(SEEDS)
    except DatasetError:  # ../shared is absent: the seeds' documents folder does not exist
        pass
    return datasets


def load_sources(datasets: Sequence[Path] | None = None) -> list[Source]:
    """Every case document of ``datasets`` (default: default_datasets()), byte-distinct.

    Raises:
        DatasetError: a dataset folder is unusable (see load_dataset).
    """
    sources: list[Source] = []
    seen: set[str] = set()
    for dataset in datasets or default_datasets():
        for case in load_dataset(dataset).cases:
            raw = case.document.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            if digest in seen:  # the same bytes twice would make two identical items
                continue
            seen.add(digest)
            title = case.gold().get("title")
            sources.append(
                Source(
                    case_id=case.case_id,
                    suffix=case.document.suffix,
                    text=raw.decode("utf-8"),
                    title=title if isinstance(title, str) and title else None,
                )
            )
    return sources


def sources_from_paths(paths: Sequence[Path]) -> list[Source]:
    """Sources for documents without gold: the title is the one our offline extraction finds.

    Raises:
        OSError: a path cannot be read.
    """
    sources: list[Source] = []
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        try:
            results = extract_all(text, name=path.name)
        except ExtractorError:  # vary() falls back to an inserted line
            results = []
        title = results[0].posting.title if results else None
        sources.append(Source(path.stem, path.suffix, text, title or None))
    return sources


def vary(source: Source, counter: int) -> str:
    """``source``'s text made distinct by ``counter``: in the title, else an inserted line."""
    mark = f"(req {counter:05d})"
    if source.title:
        # The title as it is written raw, HTML-escaped or JSON-escaped, whichever the text holds.
        for written in dict.fromkeys(
            (source.title, html.escape(source.title, quote=False), json.dumps(source.title)[1:-1])
        ):
            if written in source.text:
                return source.text.replace(written, f"{written} {mark}")
    if source.suffix in (".html", ".htm"):
        # Visible text beside the heading, so the posting's text (and an LLM request made from
        # it) differs too: a page's footer, or a comment, is left out of the posting.
        lowered = source.text.lower()
        heading = lowered.find("</h1>")
        at = heading + len("</h1>") if heading >= 0 else lowered.rfind("</body>")
        at = at if at >= 0 else len(source.text)
        return f"{source.text[:at]}\n<p>Reference: {mark}</p>\n{source.text[at:]}"
    if source.suffix in _MARKUP_SUFFIXES:  # feeds: a comment keeps the XML valid
        return f"{source.text.rstrip()}\n<!-- {mark} -->\n"
    if source.suffix == ".json":
        data = json.loads(source.text)
        if isinstance(data, dict):
            return json.dumps({**data, "bench_variant": mark}, ensure_ascii=False)
        return json.dumps({"bench_variant": mark, "items": data}, ensure_ascii=False)
    return f"{source.text.rstrip()}\nReference: {mark}\n"


def generate(
    count: int = DEFAULT_COUNT, sources: Sequence[Source] | None = None
) -> list[BatchItem]:
    """``count`` items with ids ``<case_id>#<counter>``, cycling through ``sources``.

    Raises:
        DatasetError: no sources (or a dataset folder is unusable).
        ValueError: ``count`` is below 1.
    """
    return list(iter_items(count, sources))


def iter_items(
    count: int = DEFAULT_COUNT, sources: Sequence[Source] | None = None
) -> Iterator[BatchItem]:
    """generate() one item at a time, so a benchmark's memory holds no more than it runs.

    Raises:
        DatasetError: no sources (or a dataset folder is unusable); raised on first use.
        ValueError: ``count`` is below 1; raised on first use.
    """
    from extractor.batch import BatchItem  # only the items need the batch API

    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    pool = list(sources) if sources is not None else load_sources()
    if not pool:
        raise DatasetError("no benchmark sources: the datasets hold no cases")
    for counter in range(count):
        source = pool[counter % len(pool)]
        yield BatchItem(
            id=f"{source.case_id}#{counter:05d}",
            data=vary(source, counter).encode("utf-8"),
            name=f"{source.case_id}-{counter:05d}{source.suffix}",
        )
