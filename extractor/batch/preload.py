"""Imported for its effect by the batch's fork server (Linux) before it forks any worker.

What is imported and built here is in every worker from its first instruction, shared
copy-on-write, instead of being imported and built again by each spawned worker: the
parsers and the rules' lazy tables (patterns, automata, vocabulary). The model client is not
among them: workers never call a model (extractor.batch.staged). Nothing here opens a socket,
a file for writing or a thread, so forking after it is safe.
"""

from __future__ import annotations

from extractor.batch.workers import warm_up

warm_up()
