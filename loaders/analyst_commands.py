"""The analysts' commands: `chart`, `report`, `export` (see loaders.cli for their help)."""
from __future__ import annotations

import sys
from pathlib import Path

from loaders.tables import render


def _warehouse() -> Path:
    from loaders.commands import _existing_warehouse

    return _existing_warehouse()


def cmd_chart(args) -> int:
    from loaders.analysis import NotFound, connect, default_measure, resolve_indicator, resolve_regions, year_points
    from loaders.charts import FORMATS, draw_chart
    from loaders.commands import UserError

    with connect(_warehouse()) as con:
        try:
            indicator = resolve_indicator(con, args.indicator)
            regions = resolve_regions(con, args.region or [])
            measure = args.measure or default_measure(con, indicator.code)
            points = year_points(con, indicator.code, measure, regions or None)
        except NotFound as exc:
            raise UserError(str(exc)) from None
    if not points:
        raise UserError(f"{indicator.code} ({measure}) has no figures for {', '.join(args.region or ['any region'])}")
    out = args.out or Path("charts") / f"{indicator.code}_{measure}"
    targets = [out] if out.suffix.lower() in FORMATS else [out.with_name(out.name + s) for s in FORMATS]
    if out.suffix and out.suffix.lower() not in FORMATS:
        raise UserError(f"{out}: give a .png or .svg file (or a name without extension for both)")
    for target in targets:
        draw_chart(indicator, measure, points, target)
        print(f"wrote {target}")
    regions_drawn = sorted({p.region_name for p in points})
    print(f"{indicator.name_zh} ({indicator.code}, {measure}): {len(points)} figures, {len(regions_drawn)} regions: "
          f"{'、'.join(regions_drawn)}", file=sys.stderr)
    return 0


def cmd_report(args) -> int:
    from loaders.report import build_site

    summary = build_site(_warehouse(), args.out_dir)
    print(f"wrote {summary.index}: {summary.n_regions} region pages, {summary.n_documents} document pages, "
          f"{summary.n_charts} charts, {len(summary.review_tables)} review queues (open it in a browser; no server needed)")
    return 0


def cmd_export(args) -> int:
    from loaders.commands import UserError
    from loaders.export import export

    try:
        result = export(_warehouse(), args.format, args.out)
    except (LookupError, ValueError) as exc:
        raise UserError(str(exc)) from None
    print(render(("table", "rows"), sorted(result.tables.items())))
    where = args.out if args.format == "xlsx" else f"{args.out}/ ({len(result.files)} files, data_dictionary.csv)"
    print(f"\nwrote {where}")
    return 0
