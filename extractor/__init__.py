"""extractor: job postings in any shape into clean structured records.

>>> from extractor import extract
>>> result = extract('{"@type": "JobPosting", "title": "Data Engineer"}')
>>> result.posting.title
'Data Engineer'
"""

from extractor.batch import aiter_batch, iter_batch, run_batch
from extractor.detect import Format
from extractor.errors import (
    BinaryInputError,
    DatasetError,
    EmptyInputError,
    EncodingError,
    ExtractorError,
    InputError,
    InputTooLargeError,
    LLMConfigError,
    LLMError,
    LLMResponseError,
    MalformedInputError,
    MultiplePostingsError,
    UnsafeInputError,
    UnsupportedFormatError,
)
from extractor.llm.aio import extract_all_async, extract_many_async
from extractor.options import ExtractOptions
from extractor.pipeline import extract, extract_all
from extractor.schema import (
    SCHEMA_VERSION,
    ExperienceYears,
    Location,
    Posting,
    Provenance,
    Result,
    Salary,
    Usage,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BinaryInputError",
    "DatasetError",
    "EmptyInputError",
    "EncodingError",
    "ExperienceYears",
    "ExtractOptions",
    "ExtractorError",
    "Format",
    "InputError",
    "InputTooLargeError",
    "LLMConfigError",
    "LLMError",
    "LLMResponseError",
    "Location",
    "MalformedInputError",
    "MultiplePostingsError",
    "Posting",
    "Provenance",
    "Result",
    "Salary",
    "UnsafeInputError",
    "UnsupportedFormatError",
    "Usage",
    "__version__",
    "aiter_batch",
    "extract",
    "extract_all",
    "extract_all_async",
    "extract_many_async",
    "iter_batch",
    "run_batch",
]
