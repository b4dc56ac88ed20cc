"""Spark types derived from the pydantic models, so a new field in schema.py needs no edit here.

The walk reads each model's ``model_fields`` annotations: ``X | None`` is a nullable X,
``Literal`` and ``StrEnum`` values are strings, ``list``/``tuple`` are arrays, ``dict`` is a
map, and a nested model is a struct. A type this walk does not know is a TypeError at import
time, so an unmappable field fails the tests instead of silently vanishing.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DoubleType,
    LongType,
    MapType,
    StringType,
    StructField,
    StructType,
)

from extractor.schema import Posting, Result

_SCALARS: dict[type, DataType] = {
    str: StringType(),
    bool: BooleanType(),
    int: LongType(),
    float: DoubleType(),
}


def model_struct(model: type[BaseModel]) -> StructType:
    """A StructType with one field per model field, in declaration order."""
    fields = []
    for name, info in model.model_fields.items():
        data_type, nullable = spark_type(info.annotation)
        fields.append(StructField(name, data_type, nullable=nullable))
    return StructType(fields)


def spark_type(annotation: Any) -> tuple[DataType, bool]:
    """The Spark type for one annotation, and whether it may be null.

    Raises:
        TypeError: the annotation has no Spark counterpart here.
    """
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        if len(present) != 1:
            raise TypeError(f"no Spark type for a union of several types: {annotation!r}")
        return spark_type(present[0])[0], True
    if origin is Literal:
        kinds = {type(arg) for arg in args}
        if len(kinds) != 1 or next(iter(kinds)) not in _SCALARS:
            raise TypeError(f"no Spark type for this Literal: {annotation!r}")
        return _SCALARS[kinds.pop()], False
    if origin in (list, tuple):
        items = {arg for arg in args if arg is not Ellipsis}
        if len(items) != 1:
            raise TypeError(f"no Spark type for a sequence of mixed items: {annotation!r}")
        item_type, item_nullable = spark_type(items.pop())
        return ArrayType(item_type, containsNull=item_nullable), False
    if origin is dict:
        key_type, _ = spark_type(args[0])
        value_type, value_nullable = spark_type(args[1])
        return MapType(key_type, value_type, valueContainsNull=value_nullable), False
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return model_struct(annotation), False
        if issubclass(annotation, enum.Enum):
            return StringType(), False
        if annotation in _SCALARS:
            return _SCALARS[annotation], False
    raise TypeError(f"no Spark type for {annotation!r}")


def posting_struct() -> StructType:
    """The posting (SPEC section 1) as a Spark struct."""
    return model_struct(Posting)


def result_struct() -> StructType:
    """The result envelope (SPEC section 2) as a Spark struct, every top-level field nullable.

    Top-level fields are nullable because an error row has no result to fill them with.
    """
    return StructType(
        [
            StructField(field.name, field.dataType, nullable=True)
            for field in model_struct(Result).fields
        ]
    )
