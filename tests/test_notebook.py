"""The analysts' notebook runs top to bottom (nbclient, a real ipykernel) against a freshly built warehouse,
and its "where did this number come from" cell shows the number as written in the document."""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from loaders.config import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_are_committed_without_outputs() -> None:
    assert NOTEBOOKS, "notebooks/ holds the analysts' notebook"
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells if c["cell_type"] == "code"), path


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_a_fresh_warehouse(path: Path, built_warehouse: Path, monkeypatch) -> None:
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("WAREHOUSE_PATH", str(built_warehouse))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    text = _outputs_text(nb)
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        number = con.execute(
            "select substr(d.body, o.char_start + 1, o.char_end - o.char_start) from marts.fct_indicator_observation o "
            "join marts.dim_document d using (document_id) join marts.dim_region r on r.region_code = o.region_code "
            "where r.name_zh = '瑞安市' and o.indicator_code is not null order by o.document_id, o.char_start limit 1").fetchone()[0]
    assert f"as written: {number}" in text and f"<mark id='traced-number'>{number}</mark>" in text
    assert "fct_indicator_observation" in text and "image/png" in json.dumps(nbformat.writes(nb))
