"""read_inputs(): folders, globs, JSON Lines and CSV, streamed; bad lines become error items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch import BatchItem, InvalidItem, count_inputs, read_inputs
from extractor.errors import InputError, MalformedInputError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_is_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "Data Engineer")
    _write(tmp_path / "a" / "z.html", "<h1>Cook</h1>")
    _write(tmp_path / "a" / "deep" / "y.md", "# Nurse")
    _write(tmp_path / ".hidden.txt", "secret")
    _write(tmp_path / ".git" / "config.txt", "secret")

    items = list(read_inputs(tmp_path))

    assert [item.id for item in items] == ["a/deep/y.md", "a/z.html", "b.txt"]
    assert items[2].data == tmp_path / "b.txt"
    assert count_inputs(tmp_path) == 3


def test_a_glob_gives_the_paths_as_matched(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "one.html", "<p>one</p>")
    _write(tmp_path / "x" / "y" / "two.html", "<p>two</p>")
    _write(tmp_path / "x" / "three.txt", "three")
    pattern = f"{tmp_path}/x/**/*.html"

    items = list(read_inputs(pattern))

    assert [item.id for item in items] == [
        f"{tmp_path}/x/one.html",
        f"{tmp_path}/x/y/two.html",
    ]
    assert count_inputs(pattern) == 2


def test_jsonl_lines_of_each_content_kind(tmp_path: Path) -> None:
    _write(tmp_path / "docs" / "p.txt", "Welder wanted")
    lines = [
        {"id": "t", "text": "Data Engineer"},
        {"id": "h", "html": "<h1>Cook</h1>"},
        {"id": "j", "json": {"@type": "JobPosting", "title": "Nurse"}},
        {"id": "s", "json": '{"title": "Pilot"}'},
        {"id": "p", "path": "docs/p.txt"},
        {"text": "no id here"},
        {"id": 7, "text": "a numeric id"},
    ]
    source = _write(tmp_path / "in.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")

    items = list(read_inputs(source))

    assert [item.id for item in items] == ["t", "h", "j", "s", "p", "line-6", "7"]
    assert items[0].data == "Data Engineer"
    assert json.loads(str(items[2].data)) == {"@type": "JobPosting", "title": "Nurse"}
    assert items[3].data == '{"title": "Pilot"}'
    assert items[4].data == tmp_path / "docs" / "p.txt"
    assert not any(isinstance(item, InvalidItem) for item in items)
    assert count_inputs(source) == 7


def test_bad_jsonl_lines_become_error_items_and_the_rest_go_on(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "in.jsonl",
        '{"id": "a", "text": "fine"}\n'
        "{not json\n"
        '{"id": "b"}\n'
        '{"id": "c", "text": "x", "html": "<p>x</p>"}\n'
        "[1, 2]\n"
        '{"id": "d", "text": 5}\n'
        '{"id": "e", "text": "also fine"}\n',
    )

    items = list(read_inputs(source))

    assert [item.id for item in items] == ["a", "line-2", "b", "c", "line-5", "d", "e"]
    bad = [item for item in items if isinstance(item, InvalidItem)]
    assert [item.id for item in bad] == ["line-2", "b", "c", "line-5", "d"]
    for item in bad:
        assert isinstance(item.error, MalformedInputError)
    assert str(bad[0].error).startswith(f"{source}:2: invalid JSON")
    assert "found: none" in str(bad[1].error)
    assert "found: text, html" in str(bad[2].error)


def test_csv_rows_with_multiline_and_huge_text(tmp_path: Path) -> None:
    huge = "Senior Baker. " * 20_000  # past csv's default 128 KiB field limit
    source = _write(
        tmp_path / "in.csv",
        'id,text,other\n1,"Data Engineer\nin Berlin, remote",x\n2,"' + huge + '",y\n,"no id",z\n',
    )

    items = list(read_inputs(source))

    assert [item.id for item in items] == ["1", "2", "row-3"]
    assert items[0].data == "Data Engineer\nin Berlin, remote"
    assert items[1].data == huge
    assert count_inputs(source) is None  # a CSV is not counted without parsing it


def test_a_csv_without_id_and_text_columns_is_an_input_error(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.csv", "name,body\n1,x\n")
    with pytest.raises(InputError, match="id and text columns"):
        read_inputs(source)


def test_one_plain_file_is_one_item(tmp_path: Path) -> None:
    source = _write(tmp_path / "posting.html", "<h1>Cook</h1>")
    assert list(read_inputs(source)) == [BatchItem(str(source), source, str(source))]


@pytest.mark.parametrize("spec", ["missing-folder", "nothing/**/*.html"])
def test_a_spec_naming_nothing_is_an_input_error(tmp_path: Path, spec: str) -> None:
    with pytest.raises(InputError) as raised:
        read_inputs(str(tmp_path / spec))
    assert str(tmp_path / spec) in str(raised.value)


def test_an_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no input"):
        read_inputs(tmp_path)


def test_reading_streams(tmp_path: Path) -> None:
    """The JSON Lines reader hands out the first item before the file is read to its end."""
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as out:
        out.write('{"id": "first", "text": "x"}\n')
        out.flush()
        items = read_inputs(source)
        assert next(items).id == "first"
        out.write('{"id": "second", "text": "y"}\n')
    assert [item.id for item in items] == ["second"]


def test_repeated_ids_are_made_unique_the_same_way_every_run(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "one"},
        {"id": "a", "text": "two"},
        {"id": "a#2", "text": "three"},
        {"id": "a", "text": "four"},
    ]
    source = _write(tmp_path / "in.jsonl", "\n".join(json.dumps(x) for x in lines))

    first = [item.id for item in read_inputs(source)]

    assert first == ["a", "a#2", "a#2#2", "a#3"]
    assert [item.id for item in read_inputs(source)] == first
    assert len(set(first)) == len(lines)


def test_a_repeated_csv_id_is_not_lost_on_resume(tmp_path: Path) -> None:
    from extractor.batch import run_batch

    source = _write(tmp_path / "in.csv", "id,text\na,Data Engineer\na,Welder\nb,Nurse\n")
    out = tmp_path / "out.jsonl"
    run_batch(read_inputs(source), out)
    first_line = out.read_text(encoding="utf-8").splitlines()[0]
    out.write_text(first_line + "\n", encoding="utf-8")  # as if killed after one line

    run_batch(read_inputs(source), out)

    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["a", "a#2", "b"]
