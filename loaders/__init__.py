"""Loaders: read a corpus of science-and-technology reports, extract facts, land them in DuckDB."""
import logging as _logging

# jieba logs "Building prefix dict…/Loading model cost…" at DEBUG on import of its dictionary; a filter on its
# logger (set before jieba is imported, kept when jieba resets the level) keeps warnings and errors only.
_logging.getLogger("jieba").addFilter(lambda record: record.levelno >= _logging.WARNING)
