"""Imported for its effect by the batch's fork server (Linux) before it forks any worker.

What is imported and built here is in every worker from its first instruction, shared
copy-on-write, instead of being imported and built again by each spawned worker (about
1.6 s of CPU each with a model): the parsers, the rules' lazy tables (patterns, automata,
vocabulary) and, when the ``llm`` extra is installed, the model client's libraries.
Nothing here opens a socket, a file for writing or a thread, so forking after it is safe.
"""

from __future__ import annotations

import contextlib

from extractor.batch.workers import warm_up

warm_up()
with contextlib.suppress(ImportError):  # the offline install: workers never need them
    # openai.resources is what the first ``OpenAI(...).chat`` imports: every API resource's
    # models, about 2 s of CPU, which each worker paid on its first request.
    import openai.resources  # noqa: F401

    from extractor.llm import client, fill  # noqa: F401
