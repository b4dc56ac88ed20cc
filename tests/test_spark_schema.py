"""The Spark schema is derived from the pydantic models: every field, with the right type."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from pydantic import BaseModel

from tests.support.spark import require_pyspark

require_pyspark()

from pyspark.sql.types import (  # noqa: E402
    ArrayType,
    BooleanType,
    DataType,
    DoubleType,
    LongType,
    MapType,
    StringType,
    StructType,
)

from extractor.schema import Posting, Result  # noqa: E402
from extractor.spark.schema import (  # noqa: E402
    model_struct,
    posting_struct,
    result_struct,
    spark_type,
)

LOCATION = StructType.fromJson(
    {
        "type": "struct",
        "fields": [
            {"name": name, "type": "string", "nullable": True, "metadata": {}}
            for name in ("city", "region", "country")
        ],
    }
)
SALARY = "struct<min:double,max:double,currency:string,period:string>"
# What each posting field must become; a field added to Posting without a line here fails.
EXPECTED_POSTING: dict[str, tuple[str, bool]] = {
    "title": ("string", True),
    "company": ("string", True),
    "department": ("string", True),
    "locations": (f"array<{LOCATION.simpleString()}>", False),
    "workplace_type": ("string", True),
    "remote_eligibility": ("array<string>", False),
    "employment_type": ("array<string>", False),
    "seniority": ("string", True),
    "salary": (SALARY, True),
    "salary_estimate": (SALARY, True),
    "experience_years": ("struct<min:bigint,max:bigint>", True),
    "education": ("string", True),
    "skills": ("array<string>", False),
    "date_posted": ("string", True),
    "valid_through": ("string", True),
    "url": ("string", True),
    "apply_url": ("string", True),
    "status": ("string", True),
    "visa_sponsorship": ("boolean", True),
    "responsibilities": ("array<string>", False),
    "requirements": ("array<string>", False),
    "nice_to_have": ("array<string>", False),
    "benefits": ("array<string>", False),
}


def test_every_posting_field_appears_in_order_with_its_type() -> None:
    struct = posting_struct()

    assert struct.fieldNames() == list(Posting.model_fields)
    got = {f.name: (f.dataType.simpleString(), f.nullable) for f in struct.fields}
    assert got == EXPECTED_POSTING


def test_the_result_struct_has_every_result_field_and_all_are_nullable() -> None:
    struct = result_struct()

    assert struct.fieldNames() == list(Result.model_fields)
    assert all(field.nullable for field in struct.fields)  # an error row has no result
    assert struct["posting"].dataType == posting_struct()
    assert struct["provenance"].dataType.simpleString() == (
        "map<string,struct<source:string,span:array<bigint>,prompt:string>>"
    )
    assert struct["usage"].dataType.simpleString() == (
        "struct<llm_calls:bigint,input_tokens:bigint,output_tokens:bigint,retries:bigint,"
        "cached:boolean,cost_usd:double>"
    )
    assert struct["warnings"].dataType == ArrayType(StringType(), containsNull=False)


class _Nested(BaseModel):
    flag: bool
    count: int = 0


class _Model(BaseModel):
    name: str
    kind: Literal["a", "b"] | None = None
    ratio: float | None = None
    tags: list[str] = []
    pair: tuple[int, int] | None = None
    scores: dict[str, float] = {}
    nested: _Nested | None = None
    many: list[_Nested] = []


def test_a_new_model_field_is_mapped_without_editing_the_walk() -> None:
    struct = model_struct(_Model)
    nested = StructType().add("flag", BooleanType(), False).add("count", LongType(), False)

    assert [(f.name, f.dataType, f.nullable) for f in struct.fields] == [
        ("name", StringType(), False),
        ("kind", StringType(), True),
        ("ratio", DoubleType(), True),
        ("tags", ArrayType(StringType(), False), False),
        ("pair", ArrayType(LongType(), False), True),
        ("scores", MapType(StringType(), DoubleType(), False), False),
        ("nested", nested, True),
        ("many", ArrayType(nested, False), False),
    ]


@pytest.mark.parametrize(
    "annotation",
    [int | str, Literal["a", 1], tuple[int, str], bytes, Any],
    ids=["union", "mixed-literal", "mixed-tuple", "bytes", "any"],
)
def test_a_type_without_a_spark_counterpart_is_a_type_error(annotation: Any) -> None:
    with pytest.raises(TypeError, match="no Spark type"):
        spark_type(annotation)


def test_scalars_map_to_their_spark_types() -> None:
    cases: list[tuple[Any, DataType]] = [
        (str, StringType()),
        (int, LongType()),
        (float, DoubleType()),
        (bool, BooleanType()),
    ]
    for annotation, expected in cases:
        assert spark_type(annotation) == (expected, False)
