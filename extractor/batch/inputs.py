"""Reading a batch's inputs, streamed: a folder, a glob, a JSON Lines file or a CSV.

Nothing is read into memory as a whole: a folder or glob yields paths (read when processed),
JSON Lines and CSV are read a line (a row) at a time. A bad line becomes an InvalidItem, which
turns into an error record naming ``<file>:<line>``, so one bad line never stops the batch.
"""

from __future__ import annotations

import csv
import dataclasses
import glob
import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.batch.items import BatchItem, InvalidItem
from extractor.errors import InputError, MalformedInputError

CONTENT_KEYS = ("text", "html", "json", "path")
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
# A posting's text can be far longer than csv's default 128 KiB field limit; documents are
# bounded later by options.max_bytes, so the reader itself must not refuse them.
CSV_FIELD_LIMIT = 2**31 - 1
_GLOB_CHARS = frozenset("*?[")


def read_inputs(spec: str | os.PathLike[str]) -> Iterator[BatchItem]:
    """The items named by ``spec``: a folder (recursive, sorted, hidden files skipped; id =
    the path relative to the folder), a glob pattern (id = the path as matched), a JSON Lines
    file of ``{id, text|html|json|path}``, a CSV with ``id`` and ``text`` columns, or one file.

    Ids key the resume, so they are made unique: a repeated id becomes ``<id>#2``, ``<id>#3``
    and so on, the same on every run over the same input.

    Raises:
        InputError: ``spec`` does not exist, matches no file, is an empty folder, or is a CSV
            without ``id`` and ``text`` columns (raised here, before any item is yielded).
    """
    items = _unique_ids(_items(spec))
    first = next(items, None)
    if first is None:
        raise InputError(str(spec), "holds no input")
    return itertools.chain((first,), items)


def count_inputs(spec: str | os.PathLike[str]) -> int | None:
    """How many items ``spec`` holds, counted cheaply (no document is read), or None when
    that would cost a full parse (a CSV whose fields may span lines)."""
    path = Path(spec)
    if path.is_dir():
        return sum(1 for _ in _folder_files(path))
    if path.is_file():
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as lines:
                return sum(1 for line in lines if line.strip())
        if path.suffix.lower() in CSV_SUFFIXES:
            return None
        return 1
    if _is_glob(str(spec)):
        return sum(1 for _ in _glob_files(str(spec)))
    return None


def _unique_ids(items: Iterator[BatchItem]) -> Iterator[BatchItem]:
    # A JSONL or CSV may repeat an id; without this, a resumed run would take the second
    # input for done and never process it.
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            number = 2
            while f"{item.id}#{number}" in seen:
                number += 1
            item = dataclasses.replace(item, id=f"{item.id}#{number}")
        seen.add(item.id)
        yield item


def _items(spec: str | os.PathLike[str]) -> Iterator[BatchItem]:
    path = Path(spec)
    if path.is_dir():
        return _folder(path)
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            return _jsonl(path)
        if suffix in CSV_SUFFIXES:
            return _csv(path)
        return iter((BatchItem(id=str(spec), data=path, name=str(spec)),))
    if _is_glob(str(spec)):
        return (BatchItem(id=p, data=Path(p), name=p) for p in _glob_files(str(spec)))
    raise InputError(str(spec), "no such file, folder or glob match")


def _is_glob(spec: str) -> bool:
    return any(char in _GLOB_CHARS for char in spec)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _folder_files(root: Path) -> Iterator[Path]:
    """Files under ``root`` in path order (a folder's entries sorted, each folder walked
    where it sorts), hidden files and folders skipped. Only one folder's names are held
    at a time per level."""
    with os.scandir(root) as listing:
        entries = sorted((e for e in listing if not _hidden(e.name)), key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir():
            yield from _folder_files(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def _folder(root: Path) -> Iterator[BatchItem]:
    for path in _folder_files(root):
        relative = path.relative_to(root).as_posix()
        yield BatchItem(id=relative, data=path, name=str(path))


def _glob_files(pattern: str) -> Iterator[str]:
    # Sorting holds only the matched names (never contents), for a stable order.
    for match in sorted(glob.iglob(pattern, recursive=True)):
        if os.path.isfile(match) and not _hidden(os.path.basename(match)):
            yield match


def _jsonl(path: Path) -> Iterator[BatchItem]:
    with path.open("r", encoding="utf-8", errors="replace", newline="\n") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _jsonl_item(path, number, line)


def _jsonl_item(path: Path, number: int, line: str) -> BatchItem:
    where = f"{path}:{number}"
    fallback = f"line-{number}"
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as error:
        return _invalid(fallback, line, where, f"invalid JSON ({error.msg})")
    if not isinstance(entry, dict):
        return _invalid(fallback, line, where, "not a JSON object")
    item_id = _id_of(entry.get("id"), fallback)
    keys = [key for key in CONTENT_KEYS if key in entry]
    if len(keys) != 1:
        found = ", ".join(keys) if keys else "none"
        problem = f"needs exactly one of {', '.join(CONTENT_KEYS)} (found: {found})"
        return _invalid(item_id, line, where, problem)
    key, value = keys[0], entry[keys[0]]
    if key == "json":
        value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str):
        return _invalid(item_id, line, where, f"{key!r} must be a string")
    if key == "path":
        target = path.parent / value
        return BatchItem(id=item_id, data=target, name=str(target))
    return BatchItem(id=item_id, data=value, name=where)


def _id_of(value: Any, fallback: str) -> str:
    if value is None or isinstance(value, dict | list) or str(value) == "":
        return fallback
    return str(value)


def _invalid(item_id: str, line: str, where: str, problem: str) -> InvalidItem:
    return InvalidItem(id=item_id, data=line, name=where, error=MalformedInputError(where, problem))


def _csv(path: Path) -> Iterator[BatchItem]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    handle = path.open("r", encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.DictReader(handle)
    columns = reader.fieldnames or []
    if "id" not in columns or "text" not in columns:
        handle.close()
        raise InputError(str(path), f"a CSV needs id and text columns (found: {columns})")
    return _csv_rows(path, handle, reader)


def _csv_rows(path: Path, handle: Any, reader: csv.DictReader[str]) -> Iterator[BatchItem]:
    with handle:
        number = 0
        while True:
            number += 1
            where = f"{path}:{reader.line_num + 1}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield _invalid(f"row-{number}", "", where, f"unreadable CSV row ({error})")
                continue
            item_id = _id_of(row.get("id"), f"row-{number}")
            text = row.get("text")
            if text is None:
                yield _invalid(item_id, "", where, "the row has no text column value")
                continue
            yield BatchItem(id=item_id, data=text, name=where)
