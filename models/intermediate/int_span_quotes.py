"""The text each landed span quotes (引文): for every observation, programme mention and unaccounted number of
schema raw, its offsets, its document's length and `substr(body, char_start + 1, char_end - char_start)`, with
ten characters either side (loaders.span_quotes). Computed once per build, each body read once, so that the
quarantine, review_unaccounted_numbers and the offset tests cost per document, not facts × body length.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    dbt.ref("corpus_load")  # reads raw directly, like int_quarantine: staging filters on the quarantine
    from loaders.span_quotes import span_quotes

    return span_quotes(session)
