"""Land the corpus into the raw schema; one row per file with what happened to it.

The corpus is $CORPUS_DIR (extracted here, in a process pool over documents: $KJFACTS_JOBS, default every core),
or, when $PARQUET_DIR is set, a folder written by `python -m loaders extract --to-parquet` (here or on a Dask
cluster), read as it is. Running `dbt build` therefore refreshes everything: a document added to, changed in or
removed from the corpus is extracted (or removed) here, and every model downstream is rebuilt from `raw`.
A bad manifest row rejects only its document; with $KJFACTS_STRICT=1 (`build --strict`) it fails the build.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    import os

    from loaders.config import corpus_dir
    from loaders.land import land_corpus, load_lines_frame
    from loaders.parquet import land_parquet, parquet_dir

    folder = parquet_dir()
    lines = land_parquet(session, folder) if folder else land_corpus(session, corpus_dir(), progress=False,
                                                                     strict=os.environ.get("KJFACTS_STRICT") == "1")
    return load_lines_frame(lines)
