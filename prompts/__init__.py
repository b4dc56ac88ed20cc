"""Prompt templates as versioned data files, shipped in the wheel as ``extractor.prompts``."""
