"""The async API: many documents at once, with a bounded number of requests in flight.

Each document runs the ordinary pipeline in a worker thread (parsers and rules are CPU work,
and the model client is synchronous); a semaphore of ``options.max_concurrency`` bounds how
many run, and so how many model requests are in flight, at any moment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence

from extractor.document import RawInput
from extractor.options import ExtractOptions
from extractor.pipeline import extract_all
from extractor.schema import Result


async def extract_all_async(
    data: RawInput, *, name: str | None = None, options: ExtractOptions | None = None
) -> list[Result]:
    """``extract_all()`` without blocking the event loop.

    Raises:
        InputError: as for extract_all().
        LLMConfigError: the model, its key or its file is wrong.
    """
    return await asyncio.to_thread(extract_all, data, name=name, options=options)


async def extract_many_async(
    inputs: Iterable[RawInput],
    *,
    options: ExtractOptions | None = None,
    return_exceptions: bool = False,
) -> list[list[Result] | BaseException]:
    """Every input's results, in input order, with at most ``options.max_concurrency``
    documents (and so model requests) in flight.

    With ``return_exceptions``, a failed input gives its exception in its place instead of
    stopping the batch.

    Raises:
        ExtractorError: the first input that failed, unless ``return_exceptions``.
    """
    options = options or ExtractOptions()
    limit = asyncio.Semaphore(options.max_concurrency)

    async def one(item: RawInput) -> list[Result]:
        async with limit:
            return await extract_all_async(item, options=options)

    items: Sequence[RawInput] = list(inputs)
    tasks = [asyncio.ensure_future(one(item)) for item in items]
    try:
        done = await asyncio.gather(*tasks, return_exceptions=return_exceptions)
    finally:
        for task in tasks:
            task.cancel()
    return list(done)
