"""Loaders: read a corpus of science-and-technology reports, extract facts, land them in DuckDB."""
