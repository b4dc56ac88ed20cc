"""Our structured-data parse vs extruct, on the same JSON-LD and microdata pages, in one run.

Run by hand:  .venv/bin/python bench/bench_extruct.py [--seconds 10]
CI runs it smoke-sized (--seconds 1). Needs the [bench] extra (extruct).

The pages are the core dataset's HTML files (and ../shared/realworld's, when present) that our
detection calls JSON-LD or microdata. Three sides run over the same pages, round after round:

- extruct: ``extruct.extract(html, syntaxes=["json-ld"])`` or ``["microdata"]``;
- ours, parse: ``detect`` + ``parse_document`` (like with like: structured data to records);
- ours, full: ``extract_document`` offline (parse + rules + merge: what a user gets).

Each round varies every page's title by a counter (bench/corpus.py), so no per-text cache in
either library serves a round from the one before. Rates are pages per CPU second.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench.* from a checkout

import extruct

from bench.corpus import CORE, REPO, Source, load_sources, sources_from_paths, vary
from extractor.detect import Format, detect
from extractor.document import Document, load_document
from extractor.options import ExtractOptions, Strategy
from extractor.parsers import parse_document
from extractor.pipeline import extract_document

REALWORLD = REPO.parent / "shared" / "realworld"
SYNTAXES = {Format.JSONLD: "json-ld", Format.MICRODATA: "microdata"}
OFFLINE = ExtractOptions(strategy=Strategy.OFFLINE)


@dataclass(frozen=True)
class Page:
    """One benchmark page: where it comes from and the syntax extruct is asked for."""

    source: Source
    syntax: str


def structured_pages() -> list[Page]:
    """The HTML pages our detection reads as JSON-LD or microdata."""
    sources = [s for s in load_sources([CORE]) if s.suffix == ".html"]
    if REALWORLD.is_dir():
        sources += sources_from_paths(sorted(REALWORLD.rglob("*.html")))
    pages: list[Page] = []
    for source in sources:
        fmt = detect(load_document(source.text, name=source.case_id)).format
        if fmt in SYNTAXES:
            pages.append(Page(source, SYNTAXES[fmt]))
    return pages


def _extruct_finds(html: str, syntax: str) -> bool:
    found = extruct.extract(html, syntaxes=[syntax], errors="ignore").get(syntax)
    return "JobPosting" in repr(found)


def _timed(run: Callable[[], Any]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to run (wall)")
    args = parser.parse_args()
    pages = structured_pages()
    if not pages:
        print("no JSON-LD or microdata pages found", file=sys.stderr)
        return 1

    def variants(counter: int) -> list[tuple[Page, str, Document]]:
        texts = [vary(page.source, counter) for page in pages]
        return [
            (page, text, load_document(text, name=page.source.case_id))
            for page, text in zip(pages, texts, strict=True)
        ]

    sides = ("extruct", "ours: detect + parse", "ours: full extract (offline)")
    runners: dict[str, Callable[[Page, str, Document], object]] = {
        sides[0]: lambda page, text, doc: extruct.extract(
            text, syntaxes=[page.syntax], errors="ignore"
        ),
        sides[1]: lambda page, text, doc: parse_document(doc, detect(doc)),
        sides[2]: lambda page, text, doc: extract_document(doc, OFFLINE),
    }
    # What each side finds, checked once (untimed): a fast parse that finds nothing is no win.
    warm = variants(0)
    missed = [
        page.source.case_id for page, text, _ in warm if not _extruct_finds(text, page.syntax)
    ]
    ours_found = sum(bool(parse_document(doc, detect(doc))) for _, _, doc in warm)
    for page, text, doc in warm:  # warm imports, the vocabulary automaton, locale tables
        for run in runners.values():
            run(page, text, doc)

    cpu = {(side, syntax): 0.0 for side in sides for syntax in SYNTAXES.values()}
    rounds = 0
    started = time.perf_counter()
    while rounds == 0 or time.perf_counter() - started < args.seconds:
        rounds += 1
        batch = variants(rounds)
        for side, run in runners.items():
            for page, text, doc in batch:
                cpu[side, page.syntax] += _timed(lambda: run(page, text, doc))  # noqa: B023
    wall = time.perf_counter() - started

    counts = {syntax: sum(p.syntax == syntax for p in pages) for syntax in SYNTAXES.values()}
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, extruct {_version('extruct')}"
    )
    print(
        f"pages: {len(pages)} ({', '.join(f'{n} {s}' for s, n in counts.items())}), "
        f"rounds: {rounds}, wall: {wall:.1f} s"
    )
    print(
        f"JobPosting found on: ours {ours_found}/{len(pages)}, "
        f"extruct {len(pages) - len(missed)}/{len(pages)}"
        + (f" (missed: {', '.join(missed)})" if missed else "")
    )
    rates: dict[str, float] = {}
    for side in sides:
        seconds = sum(cpu[side, syntax] for syntax in SYNTAXES.values())
        rates[side] = rounds * len(pages) / seconds
        split = ", ".join(
            f"{syntax} {rounds * counts[syntax] / cpu[side, syntax]:,.0f}"
            for syntax in SYNTAXES.values()
            if counts[syntax]
        )
        print(f"{side:<30} {rates[side]:>8,.0f} pages/s per core ({split})")
    for side in sides[1:]:
        print(f"ratio {side} / extruct: {rates[side] / rates[sides[0]]:.2f}x")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    sys.exit(main())
