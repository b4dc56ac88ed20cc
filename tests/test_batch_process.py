"""process_item(): one item into one record, ok or error, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

from extractor import ExtractOptions
from extractor.batch import BatchItem, process_item
from extractor.batch.items import InvalidItem
from extractor.errors import MalformedInputError
from tests.support.postings import POSTING

JOB = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Data Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Acme"},
}


def test_an_extracted_document_is_an_ok_record() -> None:
    record = process_item(BatchItem(id="one", data=POSTING, name="one.txt"))

    assert record.status == "ok"
    assert record.error is None
    assert record.source == "one.txt"
    assert [r.posting.title for r in record.results] == ["Data Engineer"]


def test_a_board_listing_gives_several_results_in_one_record() -> None:
    listing = json.dumps([JOB, {**JOB, "title": "ML Engineer"}])

    record = process_item(BatchItem(id="board", data=listing))

    assert record.status == "ok"
    assert [r.posting.title for r in record.results] == ["Data Engineer", "ML Engineer"]


def test_a_bad_input_is_an_error_record_naming_it() -> None:
    record = process_item(BatchItem(id="blank", data="   \n", name="blank.txt"))

    assert record.status == "error"
    assert record.results == []
    assert record.error is not None
    assert record.error.type == "EmptyInputError"
    assert record.error.message.startswith("blank.txt:")


def test_an_unreadable_line_is_an_error_record_naming_the_line() -> None:
    item = InvalidItem(
        id="line-3", data="{oops", error=MalformedInputError("in.jsonl:3", "invalid JSON")
    )

    record = process_item(item)

    assert record.status == "error"
    assert record.error is not None
    assert record.error.type == "MalformedInputError"
    assert record.error.message == "in.jsonl:3: invalid JSON"


def test_a_wrong_model_configuration_is_this_items_error_record() -> None:
    options = ExtractOptions(llm="openai:gpt-4o-mini")  # no OPENAI_API_KEY in tests

    record = process_item(BatchItem(id="x", data=POSTING), options)

    assert record.status == "error"
    assert record.error is not None
    assert record.error.type == "LLMConfigError"
    assert "OPENAI_API_KEY" in record.error.message


def test_a_path_item_is_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")

    record = process_item(BatchItem(id="p", data=path))

    assert record.source == str(path)
    assert record.results[0].source == str(path)
