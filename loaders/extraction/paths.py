"""Where the extractor's own rule data lives (`loaders/extraction/data/`) and the dbt seeds it reads."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SEEDS_DIR = PACKAGE_DIR.parent.parent / "seeds"
# The seeds whose content shapes extraction (regions, indicator catalogue, unit factors).
SEED_FILES = ("regions.csv", "region_aliases.csv", "indicators.csv", "indicator_aliases.csv", "unit_factors.csv")
