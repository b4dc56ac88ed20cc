"""The LLM step: after parsers, rules and the merge, ask a model for what is still missing.

``hybrid`` (the product): only the empty fields are asked for, the cleaned text is cut to the
token budget, the known fields are given as context, and every answer is grounded in the text
before it is kept. ``llm-only`` (the naive baseline we compare against): the raw text, every
field asked, no parsers, rules or grounding. A model that keeps failing never costs the
deterministic fields: the result comes back with them and a warning.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from extractor.errors import LLMConfigError, LLMError
from extractor.injections import mask_injections
from extractor.llm.budget import TokenBudget
from extractor.llm.cache import AnswerCache, cache_key, default_cache_dir
from extractor.llm.context import model_text
from extractor.llm.errors import LLMTransientError, TokenCount, usage_of
from extractor.llm.grounding import ground_answer
from extractor.llm.pricing import estimate_cost
from extractor.llm.prompts import PromptTemplate, load_prompt
from extractor.llm.provider import ProviderKind, ProviderSpec, resolve_provider
from extractor.llm.request_model import build_request_model
from extractor.options import ExtractOptions, Strategy
from extractor.schema import (
    FIELD_DESCRIPTIONS,
    POSTING_FIELDS,
    SCHEMA_VERSION,
    Posting,
    Provenance,
    Result,
    Usage,
    field_adapter,
    is_empty,
)

PROMPT_TASK = "extract_fields"
# Long lists in the known context cost many tokens and never contradict: shown as counts.
_COUNTED_FIELDS = frozenset({"responsibilities", "requirements", "nice_to_have", "benefits"})
# The warning of a model that kept failing; batch records with it are "degraded".
LLM_FAILURE_PREFIX = "LLM "
_FAILURE = re.compile(re.escape(LLM_FAILURE_PREFIX) + r".+? failed \(.*\); kept ", re.DOTALL)


@dataclass
class _Spend:
    """What the model cost this document, successful attempts or not."""

    tokens: TokenCount
    transient_retries: int = 0
    notes: list[str] = field(default_factory=list)

    def usage(self, spec: ProviderSpec, cached: bool) -> Usage:
        cost = estimate_cost(
            spec.model,
            self.tokens.input_tokens,
            self.tokens.output_tokens,
            local=spec.kind is ProviderKind.GGUF or cached,
        )
        return Usage(
            llm_calls=self.tokens.calls,
            input_tokens=self.tokens.input_tokens,
            output_tokens=self.tokens.output_tokens,
            retries=self.transient_retries + self.tokens.reasks,
            cached=cached,
            cost_usd=cost,
        )


def llm_failure_warning(model: str, error: LLMError, kept: str) -> str:
    """The warning a result carries when the model failed and only ``kept`` survived."""
    return f"{LLM_FAILURE_PREFIX}{model} failed ({error}); kept {kept}"


def is_llm_failure(warning: str) -> bool:
    """Whether ``warning`` is the one llm_failure_warning() writes (a degraded result)."""
    return _FAILURE.match(warning) is not None


def missing_fields(posting: Posting) -> list[str]:
    """The posting's fields that hold nothing yet, in schema order."""
    return [name for name in POSTING_FIELDS if is_empty(getattr(posting, name))]


def fill_result(
    result: Result, text: str | None, document_text: str, options: ExtractOptions
) -> Result:
    """``result`` with the model's grounded answers for its empty fields (per the strategy).

    ``text`` is the posting's text (spans index it); ``document_text`` the whole input,
    which llm-only sends as it is.

    Raises:
        LLMConfigError: the provider, key, model file or prompt is wrong: every document
            would fail alike, so it is raised, not turned into a warning.
    """
    if options.strategy is Strategy.OFFLINE:
        return result
    spec = resolve_provider(options.llm, options.base_url)
    if spec is None:
        return _without_model(result, options)
    request = fill_request(result, text, document_text, options, spec)
    if request is None:
        return result
    return complete_fill(result, request, options, spec)


@dataclass(frozen=True)
class FillRequest:
    """One result's model step as worked out before any call: CPU work alone, which a
    batch's worker processes do while the calls wait in the parent (extractor.batch.staged)."""

    fields: list[str]
    # What the answers are grounded in: the posting's text (llm-only: the document's) with
    # lines that instruct a model blanked, offsets kept.
    grounding_text: str
    sent: str  # what the model reads
    known: str  # the known fields, as the prompt shows them
    key: str  # the answer cache's key
    spans: bool  # the result has a posting text, which spans index


def fill_request(
    result: Result,
    text: str | None,
    document_text: str,
    options: ExtractOptions,
    spec: ProviderSpec,
) -> FillRequest | None:
    """What the model is to be asked for ``result`` (a model strategy), or None when no
    field is missing.

    Raises:
        LLMConfigError: the prompt is not shipped or invalid.
    """
    llm_only = options.strategy is Strategy.LLM_ONLY
    fields = list(POSTING_FIELDS) if llm_only else missing_fields(result.posting)
    if not fields:
        return None
    source_text = document_text if llm_only else (text or document_text)
    sent = (
        _naive_text(source_text, options.token_budget)
        if llm_only
        else model_text(source_text, options.token_budget)
    )
    prompt = load_prompt(PROMPT_TASK)
    known = _known(result.posting, llm_only)  # in the cache key and in the prompt
    key = cache_key(
        model=spec.model,
        endpoint=spec.endpoint,
        prompt=prompt.key,
        schema_version=SCHEMA_VERSION,
        fields=fields,
        text=sent + "\n" + known,
        strategy=options.strategy.value,
        max_output_tokens=options.max_output_tokens,
        reasks=options.reasks,
    )
    # llm-only trusts the answers as they come (the baseline): nothing is grounded.
    grounding_text = source_text if llm_only else mask_injections(source_text)
    return FillRequest(fields, grounding_text, sent, known, key, text is not None)


def complete_fill(
    result: Result, request: FillRequest, options: ExtractOptions, spec: ProviderSpec
) -> Result:
    """``result`` with the answers to ``request`` (from fill_request() with the same
    options and spec): from the answer cache, or asked and grounded.

    Raises:
        LLMConfigError: as for fill_result().
    """
    llm_only = options.strategy is Strategy.LLM_ONLY
    prompt = load_prompt(PROMPT_TASK)
    cache = _cache(options) if options.cache else None
    spend = _Spend(TokenCount())
    warnings: list[str] = []
    stored = cache.get(request.key) if cache else None
    values: dict[str, Any] | None
    if stored is not None:
        values = dict(stored.get("values", {}))
    else:
        try:
            values = _ask(spec, prompt, request.fields, request.sent, request.known, options, spend)
        except LLMConfigError:
            raise
        except LLMError as error:
            values = None
            kept = "no fields" if llm_only else "the parsers' and rules' fields"
            warnings.append(llm_failure_warning(spec.model, error, kept))
        warnings.extend(spend.notes)
        if values is not None and cache is not None:
            cache.set(request.key, {"values": values})
    updated = _apply(
        result,
        values or {},
        request.grounding_text,
        spec,
        prompt,
        llm_only,
        warnings,
        request.spans,
    )
    return updated.model_copy(
        update={
            "warnings": list(dict.fromkeys([*updated.warnings, *warnings])),
            "usage": spend.usage(spec, cached=stored is not None),
        }
    )


def _without_model(result: Result, options: ExtractOptions) -> Result:
    # Only a caller who asked for a model strategy gets the note; the default stays quiet.
    if "strategy" not in options.model_fields_set:
        return result
    empty = missing_fields(result.posting)
    if not empty:
        return result
    note = (
        f"no LLM configured (--llm or EXTRACTOR_LLM): the {options.strategy.value} strategy ran "
        f"offline; {len(empty)} fields stayed empty: {', '.join(empty)}"
    )
    return result.model_copy(update={"warnings": [*result.warnings, note]})


def _naive_text(text: str, token_budget: int) -> str:
    return text[: token_budget * 4]


def _known(posting: Posting, llm_only: bool) -> str:
    if llm_only:
        return "(nothing)"
    known: dict[str, Any] = {}
    for name, value in posting.model_dump(mode="json").items():
        if is_empty(value):
            continue
        known[name] = (
            f"({len(value)} items already extracted)" if name in _COUNTED_FIELDS else value
        )
    return json.dumps(known, ensure_ascii=False) if known else "(nothing)"


def _ask(
    spec: ProviderSpec,
    prompt: PromptTemplate,
    fields: Sequence[str],
    text: str,
    known: str,
    options: ExtractOptions,
    spend: _Spend,
) -> dict[str, Any]:
    # tenacity comes with the [llm] extra: imported only once a model is configured.
    from extractor.llm.retry import RetryPolicy, call_with_retries

    client = _client(spec, options)
    described = "\n".join(f"- {name}: {FIELD_DESCRIPTIONS[name]}" for name in fields)
    system, user = prompt.render(fields=described, known=known, text=text)
    response_model = build_request_model(fields)
    budget = TokenBudget(options.document_token_budget)
    policy = RetryPolicy(max_attempts=options.max_retries + 1)

    def failed(error: LLMTransientError) -> None:
        spend.tokens.add(usage_of(error))
        spend.transient_retries += 1

    try:
        completion = call_with_retries(
            lambda: client.complete(system, user, response_model, budget), policy, failed
        )
    except LLMTransientError:
        spend.transient_retries -= 1  # the last failure was not followed by a retry
        raise
    except LLMError as error:
        spend.tokens.add(usage_of(error))
        if usage_of(error).calls == 0 and spend.transient_retries:
            spend.transient_retries -= 1  # the budget refused the retry before it made a call
        raise
    spend.tokens.add(completion.usage)
    if completion.note:
        spend.notes.append(completion.note)
    values: dict[str, Any] = completion.values
    return values


def _apply(
    result: Result,
    values: dict[str, Any],
    grounding_text: str,
    spec: ProviderSpec,
    prompt: PromptTemplate,
    llm_only: bool,
    warnings: list[str],
    spans: bool,
) -> Result:
    accepted: dict[str, tuple[Any, tuple[int, int] | None]] = {}
    if llm_only:  # the baseline: trusted as it comes, to measure what grounding saves
        accepted = {name: (value, None) for name, value in values.items()}
        posting_values: dict[str, Any] = {}
    else:
        known = result.posting.model_dump(mode="json")
        outcome = ground_answer(
            {k: v for k, v in values.items() if is_empty(getattr(result.posting, k, None))},
            grounding_text,
            {k: v for k, v in known.items() if not is_empty(v)},
        )
        warnings.extend(outcome.warnings)
        # Spans index the posting's text; one without text was grounded in the document.
        accepted = {
            name: (g.value, g.span if spans else None) for name, g in outcome.accepted.items()
        }
        posting_values = result.posting.model_dump()
    provenance = {} if llm_only else dict(result.provenance)
    for name, (value, span) in accepted.items():
        if name not in POSTING_FIELDS or is_empty(value):
            continue
        try:
            field_adapter(name).validate_python(value)
        except ValidationError as error:
            problem = error.errors()[0].get("msg", "invalid")
            warnings.append(f"{name}: dropped {value!r:.80} from {spec.source} ({problem})")
            continue
        posting_values[name] = value
        provenance[name] = Provenance(source=spec.source, span=span, prompt=prompt.key)
    posting = Posting.model_validate(posting_values)
    return result.model_copy(update={"posting": posting, "provenance": provenance})


_CLIENTS: dict[tuple[Any, ...], Any] = {}
_CACHES: dict[str, AnswerCache] = {}
_SHARED_LOCK = threading.Lock()


def prepare(spec: ProviderSpec, options: ExtractOptions) -> None:
    """Build the shared model client (and open the answer cache) now, so that the first
    document does not pay for it: a batch with worker processes calls this as it starts."""
    _client(spec, options)
    if options.cache:
        _cache(options)


def _client(spec: ProviderSpec, options: ExtractOptions) -> Any:
    from extractor.llm.client import ClientSettings, ModelClient

    settings = ClientSettings(
        timeout=options.timeout,
        max_output_tokens=options.max_output_tokens,
        reasks=options.reasks,
        # The prompt's own words and the schema need room beside the posting and the answer.
        gguf_context=options.token_budget + options.max_output_tokens + 1536,
    )
    key = (spec, settings)
    with _SHARED_LOCK:
        if key not in _CLIENTS:
            _CLIENTS[key] = ModelClient(spec, settings)
        return _CLIENTS[key]


def _cache(options: ExtractOptions) -> AnswerCache:
    directory = options.cache_dir or default_cache_dir()
    with _SHARED_LOCK:
        if str(directory) not in _CACHES:
            _CACHES[str(directory)] = AnswerCache(directory)
        return _CACHES[str(directory)]
