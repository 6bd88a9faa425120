"""`python -m loaders report OUT_DIR`: a static, offline HTML site of the published warehouse (no server,
no network): an index of regions, indicators and documents; a page per region with its indicators by year
(tables and SVG charts); a page per document with its text, every extracted number highlighted and linked
to its row (and back); and the review queues. Built from the public tables of FACTS.md and marts.review_*."""
from __future__ import annotations

from loaders.report.site import SiteSummary, build_site

__all__ = ["SiteSummary", "build_site"]
