"""Dataset loading: pairing documents with gold, the documents-folder indirection, the hash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor.errors import DatasetError
from extractor.evals.dataset import load_dataset
from tests.conftest import shared_path


def _case(folder: Path, case_id: str, document: str, gold: dict[str, object], ext: str = "txt"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{case_id}.{ext}").write_text(document, encoding="utf-8")
    (folder / f"{case_id}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def test_cases_pair_documents_with_gold_in_id_order(tmp_path: Path) -> None:
    _case(tmp_path, "b", "Nurse", {"title": "Nurse"}, ext="html")
    _case(tmp_path, "a", "Engineer", {"title": "Engineer"}, ext="json")
    dataset = load_dataset(tmp_path)
    assert [c.case_id for c in dataset.cases] == ["a", "b"]
    assert dataset.cases[0].document.name == "a.json"
    assert dataset.cases[1].gold() == {"title": "Nurse"}
    assert dataset.name == tmp_path.name


def test_unpaired_files_are_kept_aside(tmp_path: Path) -> None:
    _case(tmp_path, "paired", "x", {})
    (tmp_path / "lonely.txt").write_text("no gold", encoding="utf-8")
    (tmp_path / "ghost.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("about this dataset", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert [c.case_id for c in dataset.cases] == ["paired"]
    assert [p.name for p in dataset.orphan_documents] == ["lonely.txt"]
    assert [p.name for p in dataset.orphan_gold] == ["ghost.gold.json"]


def test_two_documents_with_one_id_are_not_a_case(tmp_path: Path) -> None:
    _case(tmp_path, "twin", "one", {}, ext="txt")
    (tmp_path / "twin.html").write_text("<p>two</p>", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert dataset.cases == ()
    assert dataset.duplicate_ids == ("twin",)


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such dataset folder"):
        load_dataset(tmp_path / "absent")


def test_gold_that_is_not_json_raises(tmp_path: Path) -> None:
    _case(tmp_path, "a", "x", {})
    (tmp_path / "a.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"a\.gold\.json: not valid UTF-8 JSON"):
        load_dataset(tmp_path).cases[0].gold()


def test_gold_that_is_not_an_object_raises(tmp_path: Path) -> None:
    _case(tmp_path, "a", "x", {})
    (tmp_path / "a.gold.json").write_text('["title"]', encoding="utf-8")
    with pytest.raises(DatasetError, match="must be a JSON object"):
        load_dataset(tmp_path).cases[0].gold()


# --- the documents folder indirection ----------------------------------------------------


def _gold_only(folder: Path, documents: str) -> None:
    folder.mkdir(parents=True)
    (folder / "dataset.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")


def test_documents_folder_relative_to_the_dataset(tmp_path: Path) -> None:
    documents = tmp_path / "elsewhere" / "docs"
    documents.mkdir(parents=True)
    (documents / "c1.txt").write_text("Data Engineer", encoding="utf-8")
    gold = tmp_path / "evals" / "seeds"
    _gold_only(gold, "../../elsewhere/docs")
    (gold / "c1.gold.json").write_text('{"title": "Data Engineer"}', encoding="utf-8")
    dataset = load_dataset(gold)
    assert dataset.documents_dir == documents.resolve()
    assert [(c.case_id, c.document.parent) for c in dataset.cases] == [("c1", documents.resolve())]


def test_missing_documents_folder_raises_a_clear_error(tmp_path: Path) -> None:
    _gold_only(tmp_path / "seeds", "../../shared/nowhere")
    with pytest.raises(DatasetError, match=r'documents folder "\.\./\.\./shared/nowhere".*'):
        load_dataset(tmp_path / "seeds")


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("{broken", "not readable JSON"),
        ("[]", "must be a JSON object"),
        ('{"documents": 3}', "must be a folder path"),
        ('{"docs": "x"}', "unknown key"),
    ],
)
def test_malformed_manifest_raises(tmp_path: Path, manifest: str, message: str) -> None:
    (tmp_path / "dataset.json").write_text(manifest, encoding="utf-8")
    with pytest.raises(DatasetError, match=message):
        load_dataset(tmp_path)


@pytest.mark.shared
def test_the_shared_seeds_through_the_indirection(tmp_path: Path) -> None:
    seeds = shared_path("seeds")
    gold = tmp_path / "seeds"
    _gold_only(gold, os.path.relpath(seeds, gold))
    first = sorted(p for p in seeds.iterdir() if p.is_file())[0]
    (gold / f"{first.stem}.gold.json").write_text("{}", encoding="utf-8")
    dataset = load_dataset(gold)
    assert [c.document for c in dataset.cases] == [first.resolve()]
    assert len(dataset.orphan_documents) == len(list(seeds.iterdir())) - 1


# --- the hash ----------------------------------------------------------------------------


def test_hash_is_stable_and_independent_of_creation_order(tmp_path: Path) -> None:
    _case(tmp_path / "one", "a", "alpha", {"title": "A"})
    _case(tmp_path / "one", "b", "beta", {"title": "B"})
    _case(tmp_path / "two", "b", "beta", {"title": "B"})
    _case(tmp_path / "two", "a", "alpha", {"title": "A"})
    first = load_dataset(tmp_path / "one").hash
    assert first == load_dataset(tmp_path / "one").hash
    assert first == load_dataset(tmp_path / "two").hash
    assert len(first) == 64


@pytest.mark.parametrize(
    "change",
    ["document", "gold", "case id", "bytes moved between files", "orphans do not count"],
)
def test_hash_follows_the_content(tmp_path: Path, change: str) -> None:
    _case(tmp_path, "a", "alpha", {"title": "A"})
    before = load_dataset(tmp_path).hash
    if change == "document":
        (tmp_path / "a.txt").write_bytes(b"alpha ")
    elif change == "gold":
        (tmp_path / "a.gold.json").write_text('{"title": "B"}', encoding="utf-8")
    elif change == "case id":
        (tmp_path / "a.txt").rename(tmp_path / "z.txt")
        (tmp_path / "a.gold.json").rename(tmp_path / "z.gold.json")
    elif change == "bytes moved between files":
        (tmp_path / "a.txt").write_bytes(b"alpha{")
        (tmp_path / "a.gold.json").write_bytes(b'"title": "A"}')
    else:
        (tmp_path / "lonely.txt").write_text("no gold", encoding="utf-8")
    after = load_dataset(tmp_path).hash
    assert (after == before) is (change == "orphans do not count")


def test_notes_beside_the_gold_are_not_documents(tmp_path: Path) -> None:
    _case(tmp_path, "a", "x", {})
    for name in ("NOTES.md", "README.md", ".hidden.txt", "a.source.txt"):
        (tmp_path / name).write_text("about the labels", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert [c.case_id for c in dataset.cases] == ["a"]
    assert dataset.orphan_documents == ()
