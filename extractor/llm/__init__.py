"""The LLM fill: the only package that imports instructor and openai."""
