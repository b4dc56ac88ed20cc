"""The LLM fill: asks a model only for the fields parsers and rules left empty.

Only ``client.py`` imports instructor, openai or llama_cpp; everything else here is plain
Python, so the offline pipeline never loads them. ``fill.py`` is the entry point the pipeline
calls; ``aio.py`` runs many documents with a bounded number of requests in flight.
"""
