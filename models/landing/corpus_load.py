"""Land the corpus folder ($CORPUS_DIR) into the raw schema; one row per file with what happened to it.

Running `dbt build` therefore refreshes everything: a document added to, changed in or removed from the
corpus folder is extracted (or removed) here, and every model downstream is rebuilt from `raw`.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    from loaders.config import corpus_dir
    from loaders.land import land_corpus, load_lines_frame

    lines = land_corpus(session, corpus_dir(), progress=False)
    return load_lines_frame(lines)
