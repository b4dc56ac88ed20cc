"""Every error extractor raises on purpose. One root, so callers can catch them all.

ExtractorError                  anything extractor raises on purpose
├── InputError                  the input itself is unusable; names the input and the problem
│   ├── EmptyInputError         nothing but whitespace
│   ├── BinaryInputError        bytes that are not text (NULs, control bytes)
│   ├── InputTooLargeError      over the configured size limit
│   ├── EncodingError           bytes that decode in no known encoding
│   └── MalformedInputError     JSON, YAML or XML that cannot be read, even leniently
│       └── UnsafeInputError    built to exhaust the reader: entity or alias bombs, deep nesting
├── UnsupportedFormatError      a format name nobody registered
├── MultiplePostingsError       extract() was given a document that holds several postings
├── DatasetError                an eval dataset or gold file that breaks SPEC section 3
└── LLMError                    the model could not be used
    ├── LLMConfigError          a provider string, key or model file that is wrong or missing
    └── LLMResponseError        the model kept answering badly after the retries allowed
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "DatasetError",
    "EmptyInputError",
    "EncodingError",
    "ExtractorError",
    "InputError",
    "InputTooLargeError",
    "LLMConfigError",
    "LLMError",
    "LLMResponseError",
    "MalformedInputError",
    "MultiplePostingsError",
    "UnsafeInputError",
    "UnsupportedFormatError",
]


class ExtractorError(Exception):
    """Root of every error extractor raises on purpose."""


class InputError(ExtractorError):
    """The input is unusable. ``source`` names it, ``problem`` says what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class EmptyInputError(InputError):
    """The input holds nothing but whitespace."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class EncodingError(InputError):
    """The input's bytes decode in no encoding we can recognise."""


class MalformedInputError(InputError):
    """JSON, YAML or XML that cannot be read, even leniently."""


class UnsafeInputError(MalformedInputError):
    """Input built to exhaust the reader: entity expansion, YAML aliases, deep nesting."""


class UnsupportedFormatError(ExtractorError):
    """A format name that no parser is registered for."""


class MultiplePostingsError(ExtractorError):
    """``extract()`` got a document holding several postings; use ``extract_all()``."""


class DatasetError(ExtractorError):
    """An eval dataset or gold file that breaks SPEC section 3."""


class LLMError(ExtractorError):
    """The model could not be used."""


class LLMConfigError(LLMError):
    """A provider string, API key or model file that is wrong or missing."""


class LLMResponseError(LLMError):
    """The model kept answering badly after the retries allowed."""
