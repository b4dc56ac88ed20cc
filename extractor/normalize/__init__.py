"""Normalization shared by every parser and rule: one module per kind of value."""
