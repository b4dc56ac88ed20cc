"""Data files shipped with the package (the skill vocabulary, price table, ...)."""
