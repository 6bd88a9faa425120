"""The CJK font that charts draw Chinese labels with.

The project depends on a font package from PyPI (`cvttf-notosanscjk-regular`: Noto Sans CJK, OFL), so a
fresh `.venv` renders 温州市 instead of boxes on a machine without any CJK font. `KJFACTS_CJK_FONT` may
name another font file. `cjk_font()` returns the file and checks that it really has glyphs for the
characters asked about (`missing_glyphs`), which is what the tests check for every label of a chart.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_ENV = "KJFACTS_CJK_FONT"
PACKAGED_FONT_MODULE = "cvttf_NotoSansCJK_Regular"
PROBE_TEXT = "温州市瑞安高新技术企业研发经费亿元增长目标"


class FontMissing(RuntimeError):
    """No usable CJK font: the message says what to install or set."""


@dataclass(frozen=True)
class CjkFont:
    path: Path
    family: str

    def missing_glyphs(self, text: str) -> list[str]:
        """The characters of `text` that the font has no glyph for, in text order."""
        from matplotlib.ft2font import FT2Font

        face = FT2Font(str(self.path))
        missing = [ch for ch in text if not ch.isspace() and face.get_char_index(ord(ch)) == 0]
        return list(dict.fromkeys(missing))


def _packaged_font() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(PACKAGED_FONT_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return next(iter(sorted(folder.glob("*.otf")) + sorted(folder.glob("*.tt[fc]"))), None)


@lru_cache(maxsize=1)
def cjk_font() -> CjkFont:
    """The font file for Chinese text, registered with matplotlib; raises FontMissing when none covers CJK."""
    from matplotlib import font_manager

    chosen = os.environ.get(FONT_ENV)
    path = Path(chosen) if chosen else _packaged_font()
    if path is None or not path.is_file():
        where = f"{FONT_ENV}={chosen}" if chosen else f"the Python package {PACKAGED_FONT_MODULE}"
        raise FontMissing(f"no CJK font: {where} is missing; run `bash scripts/setup.sh` (or set {FONT_ENV} to a .ttf/.otf)")
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    font = CjkFont(path=path, family=family)
    missing = font.missing_glyphs(PROBE_TEXT)
    if missing:
        raise FontMissing(f"{path} has no glyphs for {''.join(missing)}: it is not a CJK font")
    return font
