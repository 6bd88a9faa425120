"""The CLI's commands (see loaders.cli for their one-line help)."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from loaders import config, publish
from loaders.tables import render


class UserError(Exception):
    """A problem the user can fix (bad file, missing warehouse); printed without a traceback (exit 2)."""


class ChecksFailed(Exception):
    """A blocking data-quality check failed (exit 1)."""


def cmd_build(args) -> int:
    """`dbt build` is the whole refresh (landing, models, dbt tests, GX checks, publishing): run it, holding
    the build lock, after checking that the published file may be replaced."""
    from loaders.dbt_runner import DbtFailed, run_dbt
    from loaders.progress import DbtProgress

    published, corpus = config.warehouse_path(), config.corpus_dir()
    if not corpus.is_dir():
        raise UserError(f"corpus folder {corpus} does not exist (set CORPUS_DIR)")
    _build_settings(args)
    verbose = getattr(args, "verbose", False)
    progress = DbtProgress()
    started = time.monotonic()
    print(f"corpus: {corpus}\nwarehouse: {published}", file=sys.stderr)
    try:
        with publish.build_lock(published, wait_seconds=getattr(args, "wait", 0) or 0):
            # on purpose twice: here to fail fast (before minutes of dbt), and again by publish_copy at the swap,
            # because a writer may open the file meanwhile and a plain `dbt build` has only that second check
            publish.check_published(published, force=getattr(args, "force", False))
            run_dbt(["build"], published, quiet=not verbose, on_line=None if verbose else progress)
    except DbtFailed as exc:
        build = publish.build_file_for(published)
        if BLOCKING_TEST in str(exc):
            raise ChecksFailed(f"blocking data-quality checks failed (see above); {published} is unchanged "
                               f"(the failed build is kept in {build})") from None
        raise UserError(f"{exc}\nthe published warehouse is unchanged (the failed build is kept in {build})") from None
    except publish.PublishError as exc:
        raise UserError(f"{exc}; the published warehouse is unchanged") from None
    if not verbose:
        print(progress.finish(), file=sys.stderr)
    _print_rejections(published)
    _print_quarantine(published)
    print(f"\nbuilt and published {published} in {time.monotonic() - started:.1f} s\n")
    print_summary(published, concise=not verbose)
    return 0


def _build_settings(args) -> None:
    """Hand the CLI's options to the dbt process (the landing model and the publish step read them)."""
    if getattr(args, "jobs", None):
        os.environ["KJFACTS_JOBS"] = str(args.jobs)
    if getattr(args, "strict", False):
        os.environ["KJFACTS_STRICT"] = "1"
    if getattr(args, "force", False):
        os.environ[publish.FORCE_ENV] = "1"


def _print_rejections(published: Path) -> None:
    """The files and manifest rows that were not loaded (marts.review_rejected_documents)."""
    with read_only(published) as con:
        rows = con.execute("select source_file, reason from marts.review_rejected_documents order by 1").fetchall()
    if rows:
        print(f"\n{len(rows)} files or manifest rows not loaded (marts.review_rejected_documents):", file=sys.stderr)
        for source_file, reason in rows:
            print(f"  {source_file}: {reason}", file=sys.stderr)


def _print_quarantine(published: Path) -> None:
    """The number of rows held back per rule (marts.review_quarantine)."""
    with read_only(published) as con:
        rows = con.execute("select rule, action, count(*) from marts.review_quarantine group by all "
                           "order by 3 desc, 1").fetchall()
    if rows:
        print("\nquarantined (marts.review_quarantine)\n" + render(("rule", "action", "rows"), rows), file=sys.stderr)


def cmd_check(args) -> int:
    """Run the data-quality checks on a private copy of the published warehouse and print their results: the
    published file is only read (never locked for writing, replaced or published over). Exit 1 when a
    blocking check fails, 2 when the checks cannot run."""
    from loaders.dbt_runner import DbtFailed, run_dbt

    published = _existing_warehouse()
    with tempfile.TemporaryDirectory(prefix="kjfacts-check-") as scratch:
        private = Path(scratch) / published.name  # dbt writes <private>.build (profiles.yml), never publishes
        _copy_for_check(published, publish.build_file_for(private))
        try:
            run_dbt(CHECK_DBT_ARGS, private, quiet=True)
            failure = None
        except DbtFailed as exc:
            if BLOCKING_TEST not in str(exc):
                raise UserError(f"the checks could not run on a copy of {published}; {exc}") from None
            failure = str(exc)
        print(check_report(publish.build_file_for(private)))
    if failure is not None:
        print(failure, file=sys.stderr)
        raise ChecksFailed(f"check failed: a blocking data-quality check fails on {published} (see above); "
                           "the file is unchanged")
    return 0


BLOCKING_TEST = "assert_blocking_quality_checks_pass"
# the checks and what depends on them, on the private copy; kjfacts_publish false: on-run-end publishes nothing
CHECK_DBT_ARGS = ["build", "--select", "dq_run+", "--exclude", "corpus_load", "--vars", "{kjfacts_publish: false}"]


def _copy_for_check(published: Path, private: Path) -> None:
    """A private copy of the published warehouse (COPY FROM DATABASE, the published file attached read-only)."""
    try:
        publish.copy_database(published, private)
    except (duckdb.Error, OSError) as exc:
        raise UserError(publish.lock_conflict(str(exc)) or f"cannot copy {published} to check it "
                        f"({publish.first_line(exc)})") from None


def check_report(private: Path) -> str:
    """The run the checks just made on the private copy (marts.dq_run): one line per check."""
    with read_only(private) as con:
        run = con.execute("select any_value(run_id), count(*) from marts.dq_run").fetchone()
        rows = con.execute(
            "select check_name, severity, coalesce(cast(n_failing as varchar), '-'), "
            "case when error is not null then 'could not run' when success then 'passed' "
            "when severity = 'blocking' then 'failed' else 'flagged' end "
            "from marts.dq_run order by severity, check_name").fetchall()
    return (f"data-quality run {run[0]} ({run[1]} checks, on a private copy; nothing published)\n"
            + render(("check", "severity", "failing rows", "result"), rows))


def cmd_summary(args) -> int:
    print_summary(_existing_warehouse())
    return 0


def cmd_score(args) -> int:
    from loaders.scoring import score, score_corpus

    if args.corpus:
        corpora = config.reference_corpora()
        if args.corpus not in corpora or corpora[args.corpus][1] is None:
            with_gold = [n for n, (_, g) in corpora.items() if g]
            raise UserError(f"no corpus with gold named '{args.corpus}' (have: {', '.join(with_gold)})")
        result = score_corpus(*corpora[args.corpus])
        print(score_table(result))
        if args.details:
            print(score_details(result))
        return 0
    with read_only(_existing_warehouse()) as con:
        rows = con.execute("select * from marts.fct_indicator_observation").fetch_df().to_dict("records")
    result = score(rows, config.GOLD_DIR)
    print(score_table(result))
    if args.details:
        print(score_details(result))
    return 0


def cmd_extract(args) -> int:
    from loaders.extraction.extract import extract

    missing = [str(f) for f in args.files if not (f.is_file() or (args.to_parquet and f.is_dir()))]
    if missing:
        raise UserError(f"{', '.join(missing)}: no such file")
    if args.to_parquet:
        return _extract_to_parquet(args)
    if len(args.files) > 1 or args.scheduler or args.jobs:
        raise UserError("several files, --scheduler and --jobs need --to-parquet DIR")
    doc = _document_as_built(args.files[0], args.region, args.published_on)
    print(f"{doc.document_id}: region {doc.region_code or '?'}, published {doc.published_on or '?'}, title {doc.title or '?'}\n")
    if args.explain:
        from loaders.extraction.explain import explain
        from loaders.tables import render as table

        print(explain(doc, table) + "\n")
    observations, mentions = extract(doc)
    rows = [(o.char_start, o.indicator_phrase, o.indicator_code, o.measure, o.status, o.period_year, o.region_code,
             o.value, o.unit, o.value_base, o.unit_base, o.qualifier, o.subject) for o in observations]
    print(render(("at", "indicator", "code", "measure", "status", "year", "region", "value", "unit",
                  "value_base", "base", "qualifier", "subject"), rows, max_width=24))
    print(f"\n{len(observations)} facts")
    if mentions:
        print("\n" + render(("at", "programme", "type"), [(m.char_start, m.name_zh, m.programme_type) for m in mentions]))
        print(f"\n{len(mentions)} programme mentions")
    return 0


def _document_as_built(path: Path, region: str | None, published_on: str | None):
    """The Document a build stores for this file: its folder's manifest row if any, else metadata inferred from
    the text (region, date, title) exactly as the build infers it; --region / --published-on override."""
    import dataclasses

    from loaders.corpus import ManifestError, parse_published_on, read_document, read_manifest
    from loaders.extraction.regions import resolve
    from loaders.readers import UnreadableDocument

    if not path.is_file():
        raise UserError(f"{path}: no such file")
    try:
        meta = read_manifest(path.parent).get(path.name)
    except ManifestError:
        meta = None
    try:
        doc = read_document(path, meta)
        if region:
            code = resolve(region)
            if code is None:
                raise UserError(f"unknown region '{region}'")
            doc = dataclasses.replace(doc, region_code=code)
        if published_on:
            published = parse_published_on(published_on)
            doc = dataclasses.replace(doc, published_on=published.day, published_precision=published.precision)
    except (UnreadableDocument, ValueError) as exc:
        raise UserError(str(exc)) from None
    return doc


def _extract_to_parquet(args) -> int:
    from loaders.parquet import extract_to_parquet

    started = time.monotonic()
    parts = extract_to_parquet(args.files, args.to_parquet, jobs=args.jobs, scheduler=args.scheduler)
    docs, facts = sum(p.documents for p in parts), sum(p.observations for p in parts)
    print(f"{docs} documents, {facts} facts, {sum(p.rejected for p in parts)} unreadable files in {len(parts)} "
          f"parts under {args.to_parquet} ({time.monotonic() - started:.1f} s)")
    return 0


def cmd_accounting(args) -> int:
    from loaders.accounting_report import accounting_report, shared_corpora

    folders = list(args.corpora) + (shared_corpora() if args.shared else [])
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        raise UserError(f"no such corpus folder: {', '.join(map(str, missing))}")
    print(accounting_report(folders or [config.corpus_dir()], top=args.top, listing=args.list))
    return 0


def _existing_warehouse() -> Path:
    path = config.warehouse_path()
    if not path.exists():
        raise UserError(f"no warehouse at {path}: run `python -m loaders build` first (or set WAREHOUSE_PATH)")
    return path


def read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published file; a lock conflict becomes one UserError sentence."""
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise UserError(publish.lock_conflict(str(exc)) or f"{path}: {exc}") from None


CONCISE_MAX_DOCUMENTS = 12


def print_summary(path: Path, concise: bool = False) -> None:
    """What the warehouse holds; `concise` (the build's closing summary): marts only, per-document rows only
    for a small corpus, and where to go next."""
    with read_only(path) as con:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where schema_name in ('raw', 'marts') order by 1, 2").fetchall()
        counts = [(s, t, con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]) for s, t in tables]
        per_doc = con.execute(
            "select d.document_id, d.region_code, d.published_on, d.n_observations, "
            "(select count(*) from marts.fct_programme_mention m where m.document_id = d.document_id) "
            "from marts.dim_document d order by 1").fetchall()
        rejected = con.execute("select source_file, problem, reason from marts.review_rejected_documents order by 1").fetchall()
        observations = con.execute("select * from marts.fct_indicator_observation").fetch_df().to_dict("records")
        mentions = con.execute(
            "select m.document_id, p.name_zh, p.programme_type from marts.fct_programme_mention m "
            "join marts.dim_programme p using (programme_id)").fetch_df().to_dict("records")
    shown = [c for c in counts if c[0] == "marts"] if concise else counts
    print(render(("schema", "table", "rows"), shown))
    if concise and len(per_doc) > CONCISE_MAX_DOCUMENTS:
        facts = sorted(row[3] for row in per_doc)
        print(f"\n{len(per_doc)} documents, {sum(facts)} facts (median {facts[len(facts) // 2]} per document; "
              "`python -m loaders summary` lists them)")
    else:
        print("\nfacts per document\n" + render(("document_id", "region", "published_on", "facts", "programme mentions"), per_doc))
    reviews = [(t, n) for s, t, n in counts if s == "marts" and t.startswith("review_")]
    print("\nto review\n" + render(("review table", "rows"), reviews))
    if rejected:
        print("\nnot loaded\n" + render(("file", "problem", "reason"), rejected, max_width=60))
    print_accounting(path)
    print_scores(observations, mentions, concise)
    if concise:
        print("\nnext: `python -m loaders report report/` then open report/index.html; notebooks/facts_tour.ipynb; "
              "README \"First ten minutes\"")


def print_accounting(path: Path) -> None:
    from loaders.accounting_report import warehouse_accounting

    text = warehouse_accounting(path)
    if text:
        print("\nnumbers accounted for (marts.number_accounting_share)\n" + text)


def print_scores(observations: list[dict], mentions: list[dict], concise: bool = False) -> None:
    """The extraction's scores; `concise` leaves out the warehouse's own table (the seeds column says it)."""
    from loaders.programme_scoring import score_programmes
    from loaders.scoring import score

    result = score(observations, config.GOLD_DIR)
    if result.n_gold and not concise:
        print("\nthe warehouse's facts against the gold files (tests/gold)\n" + score_table(result))
    print("\nextraction against the gold of each reference corpus (seeds: tests/gold; dev: the shared folder)\n"
          + scores_by_corpus(config.reference_corpora()))
    programmes = score_programmes(mentions, config.GOLD_DIR)
    if programmes.n_gold and concise:
        print(f"\nprogrammes: precision {programmes.precision:.3f}, recall {programmes.recall:.3f}, "
              f"type agrees {programmes.type_agreement:.3f} (gold files of the warehouse's documents)")
    elif programmes.n_gold:
        rows = [("gold programmes", programmes.n_gold), ("programme names extracted", programmes.n_predicted),
                ("found", programmes.n_found), ("precision", f"{programmes.precision:.3f}"),
                ("recall", f"{programmes.recall:.3f}"), ("type agrees", f"{programmes.type_agreement:.3f}")]
        print("\nprogrammes against the gold files\n" + render(("measure", "value"), rows))


def score_table(result) -> str:
    from loaders.scoring import FIELDS

    rows = [("gold facts", result.n_gold), ("observations (gold documents)", result.n_predicted),
            ("found (value, unit, measure)", result.n_found),
            ("correct (all fields)", result.n_correct),
            ("precision of correct facts", f"{result.correct_precision:.3f}"),
            ("recall of correct facts", f"{result.correct_recall:.3f}"),
            ("precision of found numbers", f"{result.precision:.3f}"),
            ("recall of found numbers", f"{result.recall:.3f}")]
    rows += [(f"{name} right (of found)", f"{result.field_accuracy(name):.3f}") for name in FIELDS]
    return render(("measure", "value"), rows, max_width=60)


def scores_by_corpus(corpora: dict[str, tuple[Path, Path | None]]) -> str:
    """One column per corpus with gold (seeds, dev): the headline figures and per-field accuracy."""
    from loaders.scoring import FIELDS, score_corpus

    results = {name: score_corpus(docs, gold) for name, (docs, gold) in corpora.items() if gold and gold.is_dir()}
    metrics = [("gold facts", lambda r: r.n_gold), ("observations", lambda r: r.n_predicted),
               ("correct", lambda r: r.n_correct),
               ("precision (correct)", lambda r: f"{r.correct_precision:.3f}"),
               ("recall (correct)", lambda r: f"{r.correct_recall:.3f}"),
               ("found numbers", lambda r: r.n_found)]
    metrics += [(f"{name} right (of found)", lambda r, n=name: f"{r.field_accuracy(n):.3f}") for name in FIELDS]
    rows = [(label, *(fn(r) for r in results.values())) for label, fn in metrics]
    return render(("facts", *results), rows, max_width=40)


def score_details(result) -> str:
    missed = [(f.document_id[:3], f.evidence, f.value_base, f.unit_base, f.measure) for f in result.missed]
    spurious = [(r["document_id"][:3], r["sentence"][max(0, 0):60], r["value_base"], r["unit_base"], r["measure"])
                for r in result.spurious]
    wrong = [(f.document_id[:3], f.evidence, ",".join(bad), f"{f.region_code}/{f.period_year}/{f.status}/{f.indicator}",
              f"{r['region_code']}/{r['period_year']}/{r['status']}/{r['indicator_phrase']}") for f, r, bad in result.wrong]
    return "\n\n".join([
        "missed\n" + render(("doc", "evidence", "value_base", "unit", "measure"), missed, max_width=50),
        "spurious\n" + render(("doc", "sentence", "value_base", "unit", "measure"), spurious, max_width=60),
        "wrong\n" + render(("doc", "evidence", "fields", "gold", "extracted"), wrong, max_width=50),
    ])


from loaders.analyst_commands import cmd_chart, cmd_export, cmd_report  # noqa: E402,F401  (dispatched by loaders.cli)
