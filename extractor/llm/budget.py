"""A per-document token budget, charged before every call (first tries, re-asks, retries).

Re-asks append the model's bad answer and the validation error to the conversation, so each
attempt is larger than the last; the budget stops that growth, and a run of transient retries,
from spending without bound. Estimates use the same characters/4 rule as the context cut.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from extractor.llm.context import approx_tokens
from extractor.llm.errors import LLMBudgetError


def message_tokens(messages: Iterable[Mapping[str, Any]]) -> int:
    """Approximate tokens of a chat request's messages (content and tool-call arguments)."""
    total = 0
    for message in messages:
        total += 4 + approx_tokens(str(message.get("content") or ""))
        for call in message.get("tool_calls") or ():
            function = call.get("function", {}) if isinstance(call, Mapping) else {}
            total += approx_tokens(str(function.get("arguments", "")))
    return total


class TokenBudget:
    """Tokens one document may still spend; ``charge`` refuses a call that would overspend."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0
        self._lock = threading.Lock()

    def charge(self, tokens: int) -> None:
        """Reserve ``tokens`` for the next call.

        Raises:
            LLMBudgetError: the call would take the document past its budget.
        """
        with self._lock:
            if self.spent + tokens > self.limit:
                raise LLMBudgetError(
                    f"token budget: a call of about {tokens} tokens would pass the document's "
                    f"budget of {self.limit} ({self.spent} already spent)"
                )
            self.spent += tokens
