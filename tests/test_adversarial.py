"""Bad input as a new user or an attacker would give it, each case with its expected outcome (README
"What happens to bad input"): a bad manifest row, document or environment never blocks the good
documents, never publishes wrong or foreign data, and ends in one clear sentence with exit code 1
(a check failed) or 2 (could not run).

Most cases land into an in-memory DuckDB or call the publisher directly; the cases that need the marts
share ONE `python -m loaders build` of a small adversarial corpus (module fixture `built`)."""
from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from loaders import corpus as corpus_module
from loaders import parallel as parallel_module
from loaders import readers
from loaders.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT
from loaders.corpus import ManifestError, plan_corpus
from loaders.land import land_corpus
from loaders.publish import PublishError, build_lock, building, new_build_file, wal_path
from loaders.readers import UnreadableDocument, read_text, sha256_file
from loaders.span_quotes import span_quotes

HEADER = "file,title,publisher,region,published_on,source_url,notes\n"
# sentences written for these tests (other regions and wordings than the documents that prompted them)
DEQING = "德清县科技局2023年工作总结\n2023年，德清县新增国家高新技术企业41家，研发经费投入增长12.5%。\n"
LISHUI = "丽水市2021年科技工作要点\n2021年，丽水市新认定省级科技型中小企业230家。\n"
KAIFENG = "开封市2022年科技创新工作总结\n2022年，开封市技术合同成交额达18.6亿元。\n"
ENGLISH = "Annual note\nThe bureau thanks all partners for a productive year of cooperation.\n"
SECRET = "机密：这段文字不在语料目录中，绝不能出现在仓库里。"


def write_corpus(folder: Path, files: dict[str, str | bytes], manifest: str | bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if manifest is not None:
        (folder / "manifest.csv").write_bytes(manifest if isinstance(manifest, bytes) else manifest.encode("utf-8"))
    return folder


@pytest.fixture()
def con():
    connection = duckdb.connect(":memory:")
    yield connection
    connection.close()


def actions(lines) -> dict[str, str]:
    return {line.source_file: line.action for line in lines}


def rejected(con) -> dict[str, str]:
    return dict(con.execute("select source_file, reason from raw.rejected_documents").fetchall())


def doc_row(con, document_id: str) -> tuple:
    return con.execute("select region_code, published_on, title from raw.documents where document_id = ?",
                       [document_id]).fetchone()


# --- the manifest helps, it never hurts -----------------------------------------------------------
def test_editing_a_manifest_row_re_extracts_the_document(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": DEQING}, HEADER + "a.txt,德清总结,德清县科技局,湖州市,2024-01,,\n")
    land_corpus(con, folder, progress=False)
    assert doc_row(con, "a")[0] == "330500"
    (folder / "manifest.csv").write_text(HEADER + "a.txt,德清总结,德清县科技局,德清县,2024-01,,\n", encoding="utf-8")
    assert actions(land_corpus(con, folder, progress=False)) == {"a.txt": "extracted"}
    assert doc_row(con, "a")[0] == "330521"
    assert actions(land_corpus(con, folder, progress=False)) == {"a.txt": "unchanged"}


def test_an_empty_manifest_field_means_infer_it(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": LISHUI}, HEADER + "a.txt,,,,2021-03-02,,\n")
    land_corpus(con, folder, progress=False)
    region, published, title = doc_row(con, "a")
    assert (region, str(published), title) == ("331100", "2021-03-02", "丽水市2021年科技工作要点")


def test_a_row_naming_a_missing_file_is_reported_and_the_rest_builds(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": DEQING, "b.txt": LISHUI},
                          HEADER + "a.txt,,,德清县,,,\nnot_here.txt,,,丽水市,,,\n")
    lines = land_corpus(con, folder, progress=False)
    assert actions(lines) == {"a.txt": "extracted", "b.txt": "extracted", "not_here.txt": "missing"}
    assert "manifest.csv line 3, field 'file'" in rejected(con)["not_here.txt"]


def test_every_bad_row_is_reported_in_one_run_and_rejects_only_its_document(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": DEQING, "b.txt": LISHUI, "c.txt": KAIFENG}, HEADER
                          + "a.txt,,,亚特兰蒂斯,,,\nb.txt,,,,2021-02-30,,\nc.txt,,,开封市,2022,,\n../x.txt,,,,,,\n")
    lines = land_corpus(con, folder, progress=False)
    assert actions(lines) == {"a.txt": "rejected", "b.txt": "rejected", "c.txt": "extracted", "../x.txt": "missing"}
    reasons = rejected(con)
    assert "line 2, field 'region'" in reasons["a.txt"] and "line 3, field 'published_on'" in reasons["b.txt"]
    assert "outside the corpus folder" in reasons["../x.txt"]
    with pytest.raises(ManifestError) as err:
        land_corpus(con, folder, progress=False, strict=True)
    assert len(err.value.problems) == 3


def test_a_subfolder_is_scanned_and_its_manifest_row_applies(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"2021/lishui.txt": LISHUI, "lishui.txt": DEQING},
                          HEADER + "2021/lishui.txt,丽水要点,,丽水市,2021-01-05,,\n")
    land_corpus(con, folder, progress=False)
    ids = dict(con.execute("select document_id, source_file from raw.documents").fetchall())
    assert ids == {"2021/lishui": "2021/lishui.txt", "lishui": "lishui.txt"}
    assert doc_row(con, "2021/lishui")[2] == "丽水要点"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_a_manifest_in_another_encoding_is_read(tmp_path: Path, con, encoding: str) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": KAIFENG},
                          (HEADER + "a.txt,开封总结,开封市科学技术局,开封市,2023-01,,\n").encode(encoding))
    land_corpus(con, folder, progress=False)
    assert doc_row(con, "a")[2] == "开封总结"


def test_an_undecodable_manifest_is_named_in_the_error(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"a.txt": KAIFENG}, HEADER.encode() + b"a.txt,\xff\xfe\xff,,,,,\n")
    with pytest.raises(ManifestError, match="manifest.csv is neither UTF-8 nor GB18030"):
        land_corpus(con, folder, progress=False)


def test_a_duplicate_keeps_the_file_the_manifest_names(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"z_original.txt": DEQING, "a_copy.txt": DEQING},
                          HEADER + "z_original.txt,德清总结,,德清县,2024-01,,\n")
    assert actions(land_corpus(con, folder, progress=False)) == {"a_copy.txt": "duplicate", "z_original.txt": "extracted"}
    assert rejected(con)["a_copy.txt"] == "same content as z_original.txt"


def test_a_duplicate_keeps_the_file_already_loaded(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"m.txt": LISHUI})
    land_corpus(con, folder, progress=False)
    write_corpus(folder, {"a.txt": LISHUI})
    assert actions(land_corpus(con, folder, progress=False)) == {"a.txt": "duplicate", "m.txt": "unchanged"}


def test_two_files_sharing_a_stem_get_distinct_ids(tmp_path: Path, con) -> None:
    page = f"<html><body><div class='content'><p>{KAIFENG}</p></div></body></html>"
    folder = write_corpus(tmp_path / "c", {"report.txt": DEQING, "report.html": page})
    land_corpus(con, folder, progress=False)
    assert dict(con.execute("select source_file, document_id from raw.documents").fetchall()) == {
        "report.txt": "report", "report.html": "report.html"}


# --- nothing leaks: links are not followed --------------------------------------------------------
def test_symlinks_are_not_followed_and_are_reported(tmp_path: Path, con) -> None:
    outside = tmp_path / "outside"
    write_corpus(outside, {"secret.txt": SECRET})
    folder = write_corpus(tmp_path / "c", {"a.txt": DEQING}, HEADER + "link.txt,,,德清县,,,\n")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "linked_dir").symlink_to(outside, target_is_directory=True)
    lines = land_corpus(con, folder, progress=False)
    assert actions(lines) == {"a.txt": "extracted", "link.txt": "skipped", "linked_dir": "skipped"}
    bodies = "".join(b for (b,) in con.execute("select body from raw.documents").fetchall())
    assert "机密" not in bodies
    assert "symbolic link" in rejected(con)["link.txt"]


# --- bounded cost -------------------------------------------------------------------------------
def zip_bomb(path: Path, inflated: int, lie: bool) -> Path:
    """A .docx whose document.xml inflates to `inflated` bytes; with `lie` its headers claim 100 bytes."""
    xml = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml + b" " * inflated)
    if lie:
        data = bytearray(path.read_bytes())
        size = (len(xml) + inflated).to_bytes(4, "little")
        data[:] = data.replace(size, (100).to_bytes(4, "little"))
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("lie", [False, True], ids=["honest-header", "lying-header"])
def test_a_zip_bomb_is_refused_without_inflating_it(tmp_path: Path, lie: bool) -> None:
    bomb = zip_bomb(tmp_path / "bomb.docx", 60 * 1024 * 1024, lie)
    assert bomb.stat().st_size < 200_000
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as err:
        read_text(bomb)
    assert time.monotonic() - started < 10
    assert "zip bomb" in err.value.reason or "damaged .docx" in err.value.reason


def test_html_nested_ten_thousand_levels_is_read(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 10_000 + "<p>开封市新增孵化器3家。</p>" + "</div>" * 10_000 + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    assert read_text(path) == ("开封市新增孵化器3家。", "html")


def test_a_file_over_the_size_limit_is_rejected_unread(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(DEQING * 40, encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="too large"):
        read_text(path)


def test_a_text_over_the_length_limit_is_rejected(tmp_path: Path, con, monkeypatch) -> None:
    monkeypatch.setattr(corpus_module, "MAX_BODY_CHARS", 200)
    folder = write_corpus(tmp_path / "c", {"long.txt": DEQING * 20, "short.txt": LISHUI})
    assert actions(land_corpus(con, folder, progress=False)) == {"long.txt": "rejected", "short.txt": "extracted"}
    assert "too long" in rejected(con)["long.txt"]


def test_a_document_with_too_many_facts_is_rejected_with_the_count(tmp_path: Path, con, monkeypatch) -> None:
    monkeypatch.setattr(parallel_module, "MAX_FACTS_PER_DOCUMENT", 3)
    table = "开封市2022年分县统计\n" + "".join(f"第{i}项指标新增企业{i * 7}家。\n" for i in range(1, 30))
    folder = write_corpus(tmp_path / "c", {"table.txt": table, "ok.txt": LISHUI})
    assert actions(land_corpus(con, folder, progress=False)) == {"ok.txt": "extracted", "table.txt": "rejected"}
    assert "more than the limit of 3 per document" in rejected(con)["table.txt"]


# SQL that slices a document body per row: DuckDB's substr walks a non-ASCII string from its start, so such a
# model or test costs facts x body length (a 1 MB document: minutes)
BODY_SLICE_RE = re.compile(r"substr(?:ing)?\(\s*(?:\w+\.)?body\b", re.IGNORECASE)
SQL_COMMENT_RE = re.compile(r"--[^\n]*")


def test_no_model_or_dbt_test_slices_a_document_body_per_row() -> None:
    sql_files = [*(PROJECT_ROOT / "models").rglob("*.sql"), *(PROJECT_ROOT / "tests" / "dbt").rglob("*.sql"),
                 *(PROJECT_ROOT / "macros").rglob("*.sql")]
    slicing = [str(p.relative_to(PROJECT_ROOT)) for p in sql_files
               if BODY_SLICE_RE.search(SQL_COMMENT_RE.sub("", p.read_text("utf-8")))]
    assert slicing == []  # they read intermediate.int_span_quotes (loaders/span_quotes.py), sliced once per body


def test_span_quotes_slice_as_duckdb_substr_does(con) -> None:
    body = "桐乡市2022年新增研发机构6家🔬，较上年增长１２.５%。\n下一步：“1234科创行动”"
    spans = [(0, 3), (3, 7), (14, 15), (15, 17), (23, 28), (35, 45), (44, 46), (5, 5), (-1, 2), (3, 1)]
    con.execute("create schema raw")
    con.execute("create table raw.documents as select 'd' as document_id, ? as body", [body])
    con.execute("create table raw.observations (observation_id varchar, document_id varchar, char_start int, char_end int)")
    con.executemany("insert into raw.observations values (?, 'd', ?, ?)", [(f"o{i}", a, b) for i, (a, b) in enumerate(spans)])
    con.execute("create table raw.programme_mentions as select 'm' as mention_id, 'd' as document_id, 35 as char_start, "
                "43 as char_end")
    con.execute("create table raw.number_spans as select 'n' as number_id, 'd' as document_id, 14 as char_start, "
                "15 as char_end, 'unaccounted' as accounted_as")
    quotes = {r["span_id"]: r for r in span_quotes(con).to_pylist()}
    expected = dict(con.execute("select observation_id, substr(body, char_start + 1, char_end - char_start) "
                                "from raw.observations join raw.documents using (document_id) "
                                "where char_start >= 0 and char_end >= char_start").fetchall())
    assert {k: quotes[k]["quoted_text"] for k in expected} == expected and len(expected) == 8
    assert quotes["o8"]["quoted_text"] is None and quotes["o9"]["quoted_text"] is None
    assert quotes["m"]["quoted_text"] == "1234科创行动" and quotes["o0"]["body_chars"] == len(body)
    assert (quotes["n"]["text_before"], quotes["n"]["text_after"]) == ("022年新增研发机构", "家🔬，较上年增长１２")


# --- documents already handled: each with its outcome ---------------------------------------------
@dataclass(frozen=True)
class FileCase:
    name: str
    data: bytes
    outcome: str  # 'loaded' or the start of the rejection reason


FILE_CASES = [
    FileCase("gbk.txt", LISHUI.encode("gbk"), "loaded"),
    FileCase("utf16.txt", codecs.BOM_UTF16_LE + LISHUI.encode("utf-16-le"), "loaded"),
    FileCase("entities.html", "<html><body><p>开封市新增孵化器&#51;家&amp;众创空间2家。</p></body></html>".encode(), "loaded"),
    FileCase("-rf 报告 'quoted' (1).txt", KAIFENG.encode(), "loaded"),
    FileCase("empty.txt", b"", "empty"),
    FileCase("blank.txt", b" \n\t\n", "empty"),
    FileCase("binary.txt", bytes(range(256)) * 8, "binary content"),
    FileCase("latin1.txt", "Caf\xe9 r\xe9sum\xe9 \xff\xfe\xfd".encode("latin-1") * 3, "undecodable text"),
    FileCase("notes.rtf", b"{\\rtf1 text}", "unsupported extension .rtf"),
    FileCase("fake.pdf", b"%PDF-1.4\nnot a pdf at all", "corrupt PDF"),
    FileCase("fake.docx", KAIFENG.encode(), "not a .docx"),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.name for c in FILE_CASES])
def test_each_kind_of_file_has_its_outcome_and_never_blocks_the_others(tmp_path: Path, con, case: FileCase) -> None:
    folder = write_corpus(tmp_path / "c", {case.name: case.data, "good.txt": DEQING})
    got = actions(land_corpus(con, folder, progress=False))
    assert got["good.txt"] == "extracted"
    if case.outcome == "loaded":
        assert got[case.name] == "extracted"
    else:
        assert got[case.name] == "rejected" and rejected(con)[case.name].startswith(case.outcome)


def test_an_encrypted_pdf_is_rejected_and_named(tmp_path: Path, con) -> None:
    pypdf = pytest.importorskip("pypdf")
    from test_readers import pdf_bytes

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes([["开封市新增孵化器3家。"]]))
    writer = pypdf.PdfWriter(clone_from=plain)
    writer.encrypt(user_password="pw", owner_password="owner")
    folder = write_corpus(tmp_path / "c", {"good.txt": DEQING})
    writer.write(folder / "locked.pdf")
    assert actions(land_corpus(con, folder, progress=False))["locked.pdf"] == "rejected"
    assert rejected(con)["locked.pdf"] == "encrypted PDF"


def test_a_document_without_region_or_date_still_loads_with_nulls(tmp_path: Path, con) -> None:
    folder = write_corpus(tmp_path / "c", {"note.txt": ENGLISH})
    assert actions(land_corpus(con, folder, progress=False)) == {"note.txt": "extracted"}
    assert doc_row(con, "note")[:2] == (None, None)


# --- a safe publish ---------------------------------------------------------------------------------
def make_published(path: Path, tag: str = "old") -> Path:
    with building(path) as build:
        with duckdb.connect(str(build)) as c:
            c.execute("create or replace table raw.meta as select ? as tag", [tag])
    return path


def tag_of(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as c:
        return c.execute("select tag from raw.meta").fetchone()[0]


def child(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT, text=True, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_build_is_a_new_database_not_a_byte_copy(tmp_path: Path) -> None:
    published = make_published(tmp_path / "w" / "kjfacts.duckdb")
    build = new_build_file(published)
    assert sha256_file(build) != sha256_file(published)
    assert tag_of(build) == "old"


def test_a_writer_holding_the_published_file_blocks_the_publish(tmp_path: Path) -> None:
    published = make_published(tmp_path / "w" / "kjfacts.duckdb")
    writer = child(f"import duckdb, sys; c = duckdb.connect({str(published)!r}); print('open', flush=True); sys.stdin.readline()")
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(PublishError, match=rf"open for writing in process {writer.pid} "):
            with building(published) as build:
                with duckdb.connect(str(build)) as c:
                    c.execute("create or replace table raw.meta as select 'new' as tag")
    finally:
        writer.communicate("done\n", timeout=30)
    assert tag_of(published) == "old"


def test_a_stray_wal_beside_the_published_file_is_an_error(tmp_path: Path) -> None:
    published = make_published(tmp_path / "w" / "kjfacts.duckdb")
    wal_path(published).write_bytes(b"\x00" * 64)
    with pytest.raises(PublishError, match=r"kjfacts\.duckdb\.wal: a write-ahead log"):
        with building(published):
            pass
    assert wal_path(published).exists()


def test_two_builds_never_run_at_once(tmp_path: Path) -> None:
    published = make_published(tmp_path / "w" / "kjfacts.duckdb")
    with build_lock(published):
        with pytest.raises(PublishError, match=f"another build of .* is running \\(pid {os.getpid()}\\)"):
            with building(published):
                pass
    with building(published, wait_seconds=5) as build:  # the lock is free again
        with duckdb.connect(str(build)) as c:
            c.execute("create or replace table raw.meta as select 'second' as tag")
    assert tag_of(published) == "second"


@pytest.mark.parametrize("kind", ["foreign-duckdb", "not-duckdb"])
def test_a_foreign_warehouse_path_is_refused_unless_forced(tmp_path: Path, kind: str) -> None:
    published = tmp_path / "w" / "other.duckdb"
    published.parent.mkdir()
    if kind == "foreign-duckdb":
        with duckdb.connect(str(published)) as c:
            c.execute("create table invoices as select 1 as id")
    else:
        published.write_text("id,amount\n1,20\n", encoding="utf-8")
    before = sha256_file(published)
    with pytest.raises(PublishError, match="--force"):
        with building(published):
            pass
    assert sha256_file(published) == before
    with building(published, force=True) as build:
        with duckdb.connect(str(build)) as c:
            c.execute("create table raw.meta as select 'ours' as tag")
    assert tag_of(published) == "ours"
    with duckdb.connect(str(published), read_only=True) as c:  # nothing of the foreign file is carried over
        assert c.execute("select count(*) from duckdb_tables() where table_name = 'invoices'").fetchone()[0] == 0


# --- every failure is one sentence with its exit code ----------------------------------------------
def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=600)


def assert_one_sentence(out: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert out.returncode == code, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    error = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert len(error) == 1 and all(w in error[0] for w in words), out.stderr[-2000:]


def test_cli_not_a_duckdb_warehouse_path(tmp_path: Path) -> None:
    target = tmp_path / "notes.duckdb"
    target.write_text("hello", encoding="utf-8")
    corpus = write_corpus(tmp_path / "c", {"a.txt": DEQING})
    out = cli("build", WAREHOUSE_PATH=str(target), CORPUS_DIR=str(corpus))
    assert_one_sentence(out, 2, "notes.duckdb", "not a DuckDB file")
    assert target.read_text(encoding="utf-8") == "hello"


def test_cli_unwritable_warehouse_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    corpus = write_corpus(tmp_path / "c", {"a.txt": DEQING})
    out = cli("build", WAREHOUSE_PATH=str(blocker / "kjfacts.duckdb"), CORPUS_DIR=str(corpus))
    assert_one_sentence(out, 2, "a_file")


def test_cli_missing_corpus_folder(tmp_path: Path) -> None:
    out = cli("build", WAREHOUSE_PATH=str(tmp_path / "w.duckdb"), CORPUS_DIR=str(tmp_path / "nowhere"))
    assert_one_sentence(out, 2, "nowhere", "does not exist")


def test_cli_second_build_stops_with_the_first_builds_pid(tmp_path: Path) -> None:
    published = make_published(tmp_path / "w" / "kjfacts.duckdb")
    corpus = write_corpus(tmp_path / "c", {"a.txt": DEQING})
    with build_lock(published):
        out = cli("build", WAREHOUSE_PATH=str(published), CORPUS_DIR=str(corpus))
    assert_one_sentence(out, 2, "another build", str(os.getpid()))


# --- the cases that need the marts: one build of an adversarial corpus ----------------------------
@dataclass(frozen=True)
class Built:
    warehouse: Path
    corpus: Path
    output: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("adversarial")
    files: dict[str, str | bytes] = {name: (DEFAULT_CORPUS_DIR / name).read_bytes()
                                     for name in ("002_a198ba8cfc671655.txt", "004_16a8480c3cf0a410.txt")}
    files |= {
        "note_en.txt": ENGLISH,
        "kaifeng.txt": KAIFENG,
        "kaifeng.html": f"<html><body><div class='article'><p>{LISHUI}</p></div></body></html>",
        "sub/deqing.txt": DEQING,
        "tongxiang.txt": "桐乡市2022年科技工作总结\n2022年，桐乡市共认定科技特派员28人(个)，新增研发机构6家。\n",
        "copy_of_004.txt": (DEFAULT_CORPUS_DIR / "004_16a8480c3cf0a410.txt").read_bytes(),
    }
    manifest = (DEFAULT_CORPUS_DIR / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = [manifest[0]] + [r for r in manifest[1:] if r.startswith(("002_", "004_"))]
    rows += ["gone.txt,消失的报告,,温州市,2022,,", "kaifeng.txt,,,不存在县,,,", "sub/deqing.txt,,,德清县,2024-01-10,,"]
    corpus = write_corpus(root / "corpus", files, "\n".join(rows) + "\n")
    warehouse = root / "warehouse" / "kjfacts.duckdb"
    out = cli("build", WAREHOUSE_PATH=str(warehouse), CORPUS_DIR=str(corpus))
    return Built(warehouse, corpus, out)


def marts(built: Built, sql: str) -> list[tuple]:
    assert built.output.returncode == 0, built.output.stderr[-4000:]
    with duckdb.connect(str(built.warehouse), read_only=True) as c:
        return c.execute(sql).fetchall()


def test_build_publishes_the_good_documents_and_reports_the_rest(built: Built) -> None:
    docs = dict(marts(built, "select document_id, region_code from marts.dim_document"))
    assert set(docs) == {"002_a198ba8cfc671655", "004_16a8480c3cf0a410", "note_en", "kaifeng.html", "sub/deqing",
                         "tongxiang"}
    assert docs["note_en"] is None and docs["sub/deqing"] == "330521"
    problems = dict(marts(built, "select source_file, problem from marts.review_rejected_documents"))
    assert problems == {"gone.txt": "manifest", "kaifeng.txt": "manifest", "copy_of_004.txt": "duplicate"}
    assert "gone.txt" in built.output.stderr and "line" in built.output.stderr


def test_review_quarantine_explains_the_document_without_region(built: Built) -> None:
    rules = marts(built, "select rule, action from marts.review_quarantine where document_id = 'note_en' order by 1")
    assert rules == [("document_date_unresolved", "kept_with_null"), ("document_region_unresolved", "kept_with_null")]
    assert "quarantined" in built.output.stderr


def test_every_landed_observation_is_in_the_marts_or_in_quarantine(built: Built) -> None:
    missing = marts(built, """
        select o.observation_id, o.unit from raw.observations o
        where o.observation_id not in (select observation_id from marts.fct_indicator_observation)
          and o.observation_id not in (select row_id from marts.review_quarantine)""")
    assert missing == []
    units = marts(built, "select distinct unit from marts.fct_indicator_observation "
                         "where unit not in (select unit from reference.unit_factors)")
    assert units == []


def test_unaccounted_numbers_show_the_ten_characters_either_side(built: Built) -> None:
    rows = marts(built, "select u.char_start, u.char_end, u.text_before, u.text_after, d.body "
                        "from marts.review_unaccounted_numbers u join marts.dim_document d using (document_id)")
    assert any(start > 12 for start, *_ in rows)
    for start, end, before, after, body in rows:
        assert (before, after) == (body[max(start - 10, 0):start], body[end:end + 10])


def test_check_only_reads_the_published_file(built: Built) -> None:
    runs = marts(built, "select distinct run_id from marts.dq_results")
    folder = sorted(p.name for p in built.warehouse.parent.iterdir())
    before = (sha256_file(built.warehouse), built.warehouse.stat().st_mtime_ns, built.warehouse.stat().st_ino)
    out = cli("check", WAREHOUSE_PATH=str(built.warehouse))
    assert out.returncode == 0, out.stderr[-3000:]
    assert (sha256_file(built.warehouse), built.warehouse.stat().st_mtime_ns, built.warehouse.stat().st_ino) == before
    assert sorted(p.name for p in built.warehouse.parent.iterdir()) == folder  # no WAL, lock or copy left beside it
    assert not wal_path(built.warehouse).exists()
    assert marts(built, "select distinct run_id from marts.dq_results") == runs
    assert "share_within_0_100" in out.stdout and "passed" in out.stdout  # the check reports its run


def test_check_while_a_writer_holds_the_file_is_one_sentence(built: Built) -> None:
    marts(built, "select 1")
    writer = child(f"import duckdb, sys; c = duckdb.connect({str(built.warehouse)!r}); print('open', flush=True); "
                   "sys.stdin.readline()")
    try:
        assert writer.stdout.readline().strip() == "open"
        out = cli("check", WAREHOUSE_PATH=str(built.warehouse))
    finally:
        writer.communicate("done\n", timeout=30)
    assert_one_sentence(out, 2, "kjfacts.duckdb")
