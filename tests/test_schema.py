"""The posting model's per-field validators (extractor.schema.field_adapter)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor.schema import Posting, field_adapter


def test_a_field_validator_gives_the_verdict_and_message_of_the_posting_model() -> None:
    for name, value in [("date_posted", "2024-1-1"), ("workplace_type", "REMOTE"), ("title", 3)]:
        with pytest.raises(ValidationError) as whole:
            Posting.model_validate({name: value})
        with pytest.raises(ValidationError) as alone:
            field_adapter(name).validate_python(value)
        assert alone.value.errors()[0]["msg"] == whole.value.errors()[0]["msg"]
    assert field_adapter("date_posted").validate_python("2024-01-01") == "2024-01-01"
    assert field_adapter("date_posted") is field_adapter("date_posted")
