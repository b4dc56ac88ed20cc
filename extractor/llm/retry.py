"""Retries on transient failures (tenacity): 429 honouring Retry-After, 5xx, timeouts, lost
connections; exponential backoff with jitter otherwise, and a bounded number of attempts.

Validation failures are not retried here: instructor re-asks for those inside one attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from extractor.llm.errors import LLMRateLimitError, LLMTransientError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts in all, and the backoff between them (seconds)."""

    max_attempts: int = 4
    initial_wait: float = 0.5
    max_wait: float = 20.0
    jitter: float = 0.5


def _wait(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    backoff = wait_exponential_jitter(
        multiplier=policy.initial_wait, max=policy.max_wait, jitter=policy.jitter
    )

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, LLMRateLimitError) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), policy.max_wait)
        return float(backoff(state))

    return wait


def call_with_retries(
    call: Callable[[], T],
    policy: RetryPolicy,
    on_failure: Callable[[LLMTransientError], None] | None = None,
) -> T:
    """``call()``, retried on LLMTransientError as ``policy`` allows.

    ``on_failure`` sees every failed attempt (to count its tokens and the retry).

    Raises:
        LLMTransientError: the last attempt's error, once the attempts are spent.
    """

    def record(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        if on_failure is not None and isinstance(error, LLMTransientError):
            on_failure(error)

    retrying = Retrying(
        retry=retry_if_exception_type(LLMTransientError),
        stop=stop_after_attempt(policy.max_attempts),
        wait=_wait(policy),
        after=record,
        reraise=True,
    )
    return retrying(call)
