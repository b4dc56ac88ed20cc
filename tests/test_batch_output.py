"""The output file and resume: whole lines, a torn tail cut away, done ids skipped, every
input exactly once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.batch import BatchItem, BatchRecord, RecordWriter, done_ids, run_batch
from extractor.batch.output import cut_torn_tail
from extractor.errors import InputError, LLMConfigError
from extractor.options import ExtractOptions

POSTING = "Data Engineer\n\nAcme is hiring a Data Engineer in Berlin. Full-time.\n"


def _items(count: int) -> list[BatchItem]:
    return [BatchItem(id=f"id-{i}", data=f"{POSTING}Ref {i}") for i in range(count)]


def _record(item_id: str) -> BatchRecord:
    return BatchRecord(id=item_id, status="ok", source=None, results=[], error=None)


def _lines(out: Path) -> list[dict[str, object]]:
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_each_record_is_one_whole_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with RecordWriter(out) as writer:
        writer.write(_record("a"))
        # Written through to the file before close: a crash now loses nothing.
        assert out.read_bytes().endswith(b"\n")
        writer.write(_record("b"))

    assert [line["id"] for line in _lines(out)] == ["a", "b"]


def test_a_torn_last_line_is_not_done_and_is_cut_before_appending(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    whole = _record("a").model_dump_json() + "\n"
    out.write_text(whole + '{"id": "b", "status": "o', encoding="utf-8")

    assert done_ids(out) == {"a"}
    with RecordWriter(out) as writer:
        writer.write(_record("b"))

    assert [line["id"] for line in _lines(out)] == ["a", "b"]


def test_cut_torn_tail_finds_the_last_newline_far_back(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n' + b"x" * 200_000)
    assert cut_torn_tail(out) == 200_000
    assert out.read_bytes() == b'{"id": "a"}\n'
    assert cut_torn_tail(out) == 0
    assert cut_torn_tail(tmp_path / "absent.jsonl") == 0


def test_a_file_without_any_newline_is_all_torn(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "sta')
    assert done_ids(out) == set()
    cut_torn_tail(out)
    assert out.read_bytes() == b""


def test_a_rerun_skips_done_ids_and_every_input_appears_once(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    items = _items(6)
    first = run_batch(items[:4], out)
    # A killed run: half a line at the end.
    with out.open("ab") as handle:
        handle.write(b'{"id": "id-4", "status": "ok", "res')

    seen: list[str] = []
    second = run_batch(items, out, on_record=lambda record: seen.append(record.id))

    assert first.records == 4
    assert second.skipped == 4
    assert sorted(seen) == ["id-4", "id-5"]
    ids = [line["id"] for line in _lines(out)]
    assert sorted(ids) == sorted(item.id for item in items)
    assert second.by_status["ok"] == 2
    assert second.postings == 2
    assert second.by_format["text"] == 2
    assert second.wall_seconds > 0


def test_no_resume_starts_over(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(_items(3), out)
    summary = run_batch(_items(2), out, resume=False)
    assert summary.skipped == 0
    assert [line["id"] for line in _lines(out)] == ["id-0", "id-1"]


def test_error_records_are_written_and_counted(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch([*_items(1), BatchItem(id="empty", data=" ")], out, fsync=True)

    assert summary.errors == 1
    (error_line,) = [line for line in _lines(out) if line["status"] == "error"]
    assert error_line["results"] == []
    assert error_line["error"] == {
        "type": "EmptyInputError",
        "message": "empty: the input is empty",
    }


def test_an_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=str(tmp_path)):
        run_batch(_items(1), tmp_path)  # a folder


def test_a_wrong_model_configuration_fails_before_out_is_touched(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(_items(2), out)
    before = out.read_bytes()
    options = ExtractOptions(llm="openai:gpt-4o-mini")  # no OPENAI_API_KEY in tests

    with pytest.raises(LLMConfigError, match="OPENAI_API_KEY"):
        run_batch(_items(2), out, options, resume=False)

    assert out.read_bytes() == before
