"""Test doubles that are real servers on 127.0.0.1: a scripted OpenAI-compatible endpoint and
llama-cpp-python's own server around the small SmolLM2 model."""
