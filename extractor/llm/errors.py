"""The LLM step's own errors, all under extractor's LLMError.

LLMError (extractor.errors)
├── LLMConfigError (extractor.errors)   provider string, key, model file or prompt is wrong
│   └── PromptError                     a prompt file that is missing or breaks its schema
├── LLMResponseError (extractor.errors) the model kept answering badly after the re-asks
│   └── LLMBadAnswerError               ... with the tokens those answers spent
│       └── LLMBudgetError              the document's token budget would be exceeded
└── LLMTransientError                   worth retrying: the next attempt may work
    ├── LLMRateLimitError               HTTP 429; ``retry_after`` holds the server's wait
    ├── LLMServerError                  HTTP 5xx
    ├── LLMTimeoutError                 no answer within the timeout
    └── LLMConnectionError              the endpoint could not be reached

Each error carries the tokens the failed attempts spent (``usage``) so they are counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.errors import LLMConfigError, LLMError, LLMResponseError


@dataclass
class TokenCount:
    """Tokens and calls spent, successful or not."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    reasks: int = 0

    def add(self, other: TokenCount) -> None:
        self.calls += other.calls
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.reasks += other.reasks


class _Counted:
    """Mixin: the tokens that the failed call had already spent."""

    usage: TokenCount

    def _set_usage(self, usage: TokenCount | None) -> None:
        self.usage = usage or TokenCount()


class PromptError(LLMConfigError, _Counted):
    """A prompt file that is missing, unreadable, or breaks the prompt schema."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self._set_usage(None)


class LLMBadAnswerError(LLMResponseError, _Counted):
    """The model's answers stayed invalid (bad JSON, wrong schema) after the re-asks allowed."""

    def __init__(self, message: str, usage: TokenCount | None = None) -> None:
        super().__init__(message)
        self._set_usage(usage)


class LLMBudgetError(LLMBadAnswerError):
    """Another attempt would take the document past its token budget."""


class LLMTransientError(LLMError, _Counted):
    """A failure that a later attempt may not meet: rate limits, 5xx, timeouts, connections."""

    def __init__(self, message: str, usage: TokenCount | None = None) -> None:
        super().__init__(message)
        self._set_usage(usage)


class LLMRateLimitError(LLMTransientError):
    """HTTP 429. ``retry_after`` is the server's Retry-After in seconds, when it sent one."""

    def __init__(
        self, message: str, retry_after: float | None = None, usage: TokenCount | None = None
    ) -> None:
        super().__init__(message, usage)
        self.retry_after = retry_after


class LLMServerError(LLMTransientError):
    """HTTP 5xx from the endpoint."""


class LLMTimeoutError(LLMTransientError):
    """The endpoint did not answer within the timeout."""


class LLMConnectionError(LLMTransientError):
    """The endpoint could not be reached."""


def usage_of(error: BaseException) -> TokenCount:
    """The tokens a failed call spent (zero when the error does not say)."""
    usage = getattr(error, "usage", None)
    return usage if isinstance(usage, TokenCount) else TokenCount()
