"""Eval datasets (SPEC section 3): finding the cases in a folder, reading gold, hashing it all.

A dataset is a folder of ``<id>.<ext>`` documents, each with ``<id>.gold.json`` beside it.
An optional ``dataset.json`` may point the gold at a separate folder of documents::

    {"documents": "../../../../shared/seeds"}

The path is relative to the dataset folder. Documents without gold and gold without a
document are kept aside (``orphan_documents``, ``orphan_gold``) for ``--check`` to report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from extractor.errors import DatasetError

GOLD_SUFFIX = ".gold.json"
MANIFEST_NAME = "dataset.json"
# Files that may sit among the documents without being documents.
_NOT_DOCUMENTS = frozenset(
    {MANIFEST_NAME, "README.md", "NOTES.md", "INDEX.md", "CHANGELOG.md", "LICENSE", ".gitkeep"}
)
_SIDECAR_SUFFIXES = (GOLD_SUFFIX, ".source.txt")


@dataclass(frozen=True)
class Case:
    """One labelled document: its input file and its gold file."""

    case_id: str
    document: Path
    gold_path: Path

    @cached_property
    def gold_bytes(self) -> bytes:
        return _read_bytes(self.gold_path)

    def gold(self) -> dict[str, Any]:
        """The gold labels as a JSON object.

        Raises:
            DatasetError: the gold file is not UTF-8 JSON, or its top level is not an object.
        """
        try:
            data = json.loads(self.gold_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DatasetError(f"{self.gold_path}: not valid UTF-8 JSON ({error})") from None
        if not isinstance(data, dict):
            raise DatasetError(f"{self.gold_path}: gold must be a JSON object of posting fields")
        return data


@dataclass(frozen=True)
class Dataset:
    """The cases of one dataset folder, and the files that do not pair up."""

    root: Path
    documents_dir: Path
    cases: tuple[Case, ...]
    orphan_documents: tuple[Path, ...] = field(default=())
    orphan_gold: tuple[Path, ...] = field(default=())
    duplicate_ids: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.root.name

    @cached_property
    def hash(self) -> str:
        """sha256 over the sorted case ids with each case's document and gold bytes.

        Each piece is length-prefixed, so moving bytes from one file to the next changes it.
        """
        digest = hashlib.sha256()
        for case in sorted(self.cases, key=lambda c: c.case_id):
            for piece in (
                case.case_id.encode("utf-8"),
                _read_bytes(case.document),
                case.gold_bytes,
            ):
                digest.update(len(piece).to_bytes(8, "big"))
                digest.update(piece)
        return digest.hexdigest()


def load_dataset(path: str | Path) -> Dataset:
    """The dataset in folder ``path``: its cases in id order.

    Raises:
        DatasetError: the folder does not exist, its dataset.json is malformed, or the
            documents folder that dataset.json names does not exist.
    """
    root = Path(path)
    if not root.is_dir():
        raise DatasetError(f"{root}: no such dataset folder")
    documents_dir = _documents_dir(root)

    gold_by_id = {p.name[: -len(GOLD_SUFFIX)]: p for p in root.iterdir() if _is_gold(p)}
    documents_by_id: dict[str, list[Path]] = {}
    for candidate in sorted(documents_dir.iterdir()):
        if _is_document(candidate):
            documents_by_id.setdefault(_case_id(candidate), []).append(candidate)

    cases: list[Case] = []
    orphan_documents: list[Path] = []
    duplicates = sorted(case_id for case_id, found in documents_by_id.items() if len(found) > 1)
    for case_id, found in sorted(documents_by_id.items()):
        gold = gold_by_id.get(case_id)
        if gold is None:
            orphan_documents.extend(found)
        elif len(found) == 1:
            cases.append(Case(case_id, found[0], gold))
    orphan_gold = sorted(p for case_id, p in gold_by_id.items() if case_id not in documents_by_id)
    return Dataset(
        root=root,
        documents_dir=documents_dir,
        cases=tuple(cases),
        orphan_documents=tuple(orphan_documents),
        orphan_gold=tuple(orphan_gold),
        duplicate_ids=tuple(duplicates),
    )


def _documents_dir(root: Path) -> Path:
    manifest = root / MANIFEST_NAME
    if not manifest.is_file():
        return root
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError(f"{manifest}: not readable JSON ({error})") from None
    if not isinstance(data, dict):
        raise DatasetError(f"{manifest}: must be a JSON object")
    unknown = sorted(set(data) - {"documents", "description"})
    if unknown:
        raise DatasetError(f"{manifest}: unknown key(s) {', '.join(unknown)}")
    documents = data.get("documents")
    if documents is None:
        return root
    if not isinstance(documents, str) or not documents.strip():
        raise DatasetError(f'{manifest}: "documents" must be a folder path (a string)')
    folder = (root / documents).resolve()
    if not folder.is_dir():
        raise DatasetError(
            f'{manifest}: the documents folder "{documents}" ({folder}) does not exist; '
            "the dataset's documents live outside the project and must be beside it"
        )
    return folder


def _is_gold(path: Path) -> bool:
    return path.is_file() and path.name.endswith(GOLD_SUFFIX)


def _is_document(path: Path) -> bool:
    name = path.name
    return (
        path.is_file()
        and not name.startswith(".")
        and name not in _NOT_DOCUMENTS
        and not name.endswith(_SIDECAR_SUFFIXES)
    )


def _case_id(document: Path) -> str:
    # "<id>.<ext>": the id is everything before the last dot; a name with no dot is its own id.
    return document.stem if document.suffix else document.name


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DatasetError(f"{path}: cannot be read ({error.strerror})") from None
