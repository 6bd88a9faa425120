"""The process pool, the Dask cluster and the Parquet folder give the same rows as one process; the raw schema
is the record types' and a mismatch is refused."""
from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from loaders.config import DEFAULT_CORPUS_DIR, shared_dir
from loaders.corpus import list_files, read_manifest
from loaders.extraction.records import Observation
from loaders.land import land_corpus
from loaders.parallel import ExtractJob, extract_files
from loaders.parquet import TABLES, extract_to_parquet, land_parquet
from loaders.version import extractor_version
from loaders.warehouse_schema import RAW_TABLES, RawSchemaMismatch, ensure_raw_schema

DEV_DOCS = shared_dir() / "dev" / "docs"
ORDER = {"documents": "document_id", "observations": "observation_id", "programme_mentions": "mention_id",
         "number_spans": "number_id",
         "rejected_documents": "source_file"}


def _folders() -> list[Path]:
    return [DEFAULT_CORPUS_DIR] + ([DEV_DOCS] if DEV_DOCS.is_dir() else [])


def _jobs(folder: Path) -> list[ExtractJob]:
    manifest, version = read_manifest(folder), extractor_version()
    return [ExtractJob(p, manifest.get(p.name), version) for p in list_files(folder)]


def _raw(con) -> dict[str, list[tuple]]:
    return {t: con.execute(f"select * from raw.{t} order by {ORDER[t]}").fetchall() for t in TABLES}


@pytest.mark.parametrize("folder", _folders(), ids=lambda f: f.parent.name + "/" + f.name)
def test_process_pool_gives_the_rows_of_one_process_in_the_same_order(folder: Path) -> None:
    jobs = _jobs(folder)
    single = list(extract_files(jobs, jobs=1))
    pooled = list(extract_files(jobs, jobs=2))
    assert [r.document_id for r in pooled] == [p.stem for p in list_files(folder)]
    assert pooled == single
    assert sum(r.n_observations for r in single) > 0


def test_landing_with_two_processes_lands_what_one_process_lands(tmp_path: Path) -> None:
    folder = DEV_DOCS if DEV_DOCS.is_dir() else DEFAULT_CORPUS_DIR
    with duckdb.connect(":memory:") as one, duckdb.connect(":memory:") as two:
        lines_one = land_corpus(one, folder, progress=False, jobs=1)
        lines_two = land_corpus(two, folder, progress=False, jobs=2)
        assert lines_one == lines_two
        assert _raw(one) == _raw(two)


def test_dask_cluster_writes_the_parquet_of_the_local_path(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    files = [f for folder in _folders() for f in list_files(folder)]
    extract_to_parquet(files, tmp_path / "local", jobs=1, chunk_size=16, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        extract_to_parquet(files, tmp_path / "dask", scheduler=cluster.scheduler_address, chunk_size=16, progress=False)
    for table in TABLES:
        local = sorted(p.name for p in (tmp_path / "local" / table).iterdir())
        assert local == sorted(p.name for p in (tmp_path / "dask" / table).iterdir()) and len(local) > 1
        for name in local:
            assert pq.read_table(tmp_path / "dask" / table / name).equals(pq.read_table(tmp_path / "local" / table / name))


def test_parquet_folder_lands_what_the_corpus_lands_and_refreshes_one_document(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS_DIR, corpus)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    extract_to_parquet(list_files(corpus), tmp_path / "pq", jobs=2, chunk_size=2, progress=False)
    with duckdb.connect(":memory:") as direct, duckdb.connect(str(tmp_path / "w.duckdb")) as via:
        land_corpus(direct, corpus, progress=False, jobs=1)
        first = land_parquet(via, tmp_path / "pq")
        assert _raw(via) == _raw(direct)
        assert {ln.action for ln in first} == {"extracted", "rejected"}
        path = sorted(corpus.glob("0*.txt"))[0]
        text = path.read_text(encoding="utf-8")
        figure = next(t for t in ("2404", "100", "10") if t in text)
        path.write_text(text.replace(figure, "7" + figure[1:], 1), encoding="utf-8")
        extract_to_parquet(list_files(corpus), tmp_path / "pq", jobs=1, chunk_size=2, progress=False)
        again = {ln.document_id: ln.action for ln in land_parquet(via, tmp_path / "pq")}
        assert again[path.stem] == "extracted"
        assert {a for d, a in again.items() if d != path.stem} <= {"unchanged", "rejected"}
        land_corpus(direct, corpus, progress=False, jobs=1)
        assert _raw(via) == _raw(direct)


def test_raw_columns_are_the_record_fields() -> None:
    assert RAW_TABLES["observations"][0] == "observation_id"
    assert set(RAW_TABLES["observations"]) == {f.name for f in fields(Observation)}
    assert RAW_TABLES["documents"][-2:] == ["extractor_version", "change_key"]


def test_a_raw_table_with_other_columns_is_refused_naming_them() -> None:
    with duckdb.connect(":memory:") as con:
        con.execute("create schema raw")
        con.execute("create table raw.programme_mentions (mention_id varchar, document_id varchar, old_name varchar)")
        with pytest.raises(RawSchemaMismatch, match=r"raw\.programme_mentions.*name_zh.*old_name"):
            ensure_raw_schema(con)


def test_a_parquet_folder_missing_a_column_is_refused(tmp_path: Path) -> None:
    extract_to_parquet(list_files(DEFAULT_CORPUS_DIR)[:1], tmp_path / "pq", jobs=1, progress=False)
    part = next((tmp_path / "pq" / "observations").glob("*.parquet"))
    pq.write_table(pq.read_table(part).drop_columns(["rank_scope"]), part)
    with duckdb.connect(":memory:") as con, pytest.raises(RawSchemaMismatch, match="rank_scope"):
        land_parquet(con, tmp_path / "pq")


def test_cli_extract_to_parquet_takes_a_folder_and_writes_every_table(tmp_path: Path, capsys) -> None:
    from loaders.cli import main

    assert main(["extract", "--to-parquet", str(tmp_path / "pq"), str(DEFAULT_CORPUS_DIR), "--jobs", "1"]) == 0
    assert "documents" in capsys.readouterr().out
    for table in TABLES:
        assert (tmp_path / "pq" / table / "part-00000.parquet").is_file()
    documents = pq.read_table(tmp_path / "pq" / "documents").column("document_id").to_pylist()
    assert documents == [p.stem for p in list_files(DEFAULT_CORPUS_DIR)]
    assert main(["extract", str(DEFAULT_CORPUS_DIR / "manifest.csv"), str(DEFAULT_CORPUS_DIR / "manifest.csv")]) == 2


def test_a_corpus_build_after_a_parquet_landing_extracts_only_what_changed(tmp_path: Path) -> None:
    """The refresh path: a warehouse landed from Parquet, then `dbt build` over the corpus folder itself."""
    corpus = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS_DIR, corpus)
    shutil.copyfile(sorted(corpus.glob("0*.txt"))[1], corpus / "copy.txt")  # a duplicate: rejected both ways
    extract_to_parquet([corpus], tmp_path / "pq", jobs=1, progress=False)
    changed = sorted(corpus.glob("0*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n另新增省级孵化器2家。\n", encoding="utf-8")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        land_parquet(con, tmp_path / "pq")
        lines = land_corpus(con, corpus, progress=False, jobs=1)
    actions = {ln.source_file: ln.action for ln in lines}
    assert actions.pop(changed.name) == "extracted"
    assert actions.pop("copy.txt") == "duplicate"
    assert set(actions.values()) == {"unchanged"}
