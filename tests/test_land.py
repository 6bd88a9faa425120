"""Landing a corpus into `raw`: incremental by sha256, rejected files recorded, duplicates flagged,
a bad manifest rejected with the row and field named and nothing already landed lost."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from loaders.config import DEFAULT_CORPUS_DIR
from loaders.corpus import ManifestError
from loaders.land import land_corpus

DOC_002 = "002_a198ba8cfc671655.txt"
DOC_004 = "004_16a8480c3cf0a410.txt"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in (DOC_002, DOC_004):
        shutil.copy(DEFAULT_CORPUS_DIR / name, folder / name)
    lines = (DEFAULT_CORPUS_DIR / "manifest.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [ln for ln in lines[1:] if ln.startswith((DOC_002, DOC_004))]
    (folder / "manifest.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return folder


@pytest.fixture()
def con():
    connection = duckdb.connect(":memory:")
    yield connection
    connection.close()


def _actions(lines) -> dict[str, str]:
    return {line.source_file or line.document_id: line.action for line in lines}


def _count(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def test_unchanged_documents_are_not_extracted_again(corpus: Path, con) -> None:
    assert set(_actions(land_corpus(con, corpus, progress=False)).values()) == {"extracted"}
    n = _count(con, "select count(*) from raw.observations")
    assert set(_actions(land_corpus(con, corpus, progress=False)).values()) == {"unchanged"}
    assert _count(con, "select count(*) from raw.observations") == n > 0


def test_changing_one_document_extracts_only_that_one(corpus: Path, con) -> None:
    land_corpus(con, corpus, progress=False)
    path = corpus / DOC_004
    path.write_text(path.read_text(encoding="utf-8").replace("高新技术企业数2404家", "高新技术企业数2500家"), encoding="utf-8")
    actions = _actions(land_corpus(con, corpus, progress=False))
    assert actions == {DOC_002: "unchanged", DOC_004: "extracted"}
    assert _count(con, "select count(*) from raw.observations where value = 2500") == 1


def test_unreadable_files_are_recorded_and_the_rest_loads(corpus: Path, con) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0 binary")
    (corpus / "broken.docx").write_bytes(b"not a zip")
    actions = _actions(land_corpus(con, corpus, progress=False))
    assert actions["empty.txt"] == actions["table.xls"] == actions["broken.docx"] == "rejected"
    reasons = dict(con.execute("select source_file, reason from raw.rejected_documents").fetchall())
    assert reasons["empty.txt"] == "empty" and "unsupported extension" in reasons["table.xls"]
    assert _count(con, "select count(*) from raw.documents") == 2


def test_same_content_under_two_names_is_flagged_not_counted_twice(corpus: Path, con) -> None:
    shutil.copy(corpus / DOC_002, corpus / "zz_copy_of_002.txt")
    actions = _actions(land_corpus(con, corpus, progress=False))
    assert actions["zz_copy_of_002.txt"] == "duplicate"
    assert _count(con, "select count(*) from raw.observations where document_id = 'zz_copy_of_002'") == 0
    assert con.execute("select problem, reason from raw.rejected_documents").fetchall() == [
        ("duplicate", f"same content as {DOC_002}")]


def test_html_and_docx_documents_are_extracted(corpus: Path, con) -> None:
    sentence = "2023年，全县新增国家高新技术企业42家，技术交易额达到5.6亿元。"
    (corpus / "page.html").write_text(
        f"<html><body><nav>首页 新闻 联系我们</nav><div class='content'><p>{sentence}</p></div>"
        "<footer>版权所有 浙ICP备12345678号</footer></body></html>", encoding="utf-8")
    with zipfile.ZipFile(corpus / "report.docx", "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{sentence}</w:t></w:r></w:p></w:body></w:document>')
    land_corpus(con, corpus, progress=False)
    for doc in ("page", "report"):
        values = {v for (v,) in con.execute("select value from raw.observations where document_id = ?", [doc]).fetchall()}
        assert values == {42.0, 5.6}, doc


BAD_ROWS = [
    ("{doc},标题,发布者,不存在的地方,2022-08,,", "region"),
    ("{doc},标题,发布者,温州市,2022-13-45,,", "published_on"),
    ("missing.txt,标题,发布者,温州市,2022-08,,", "file"),
    ("../outside.txt,标题,发布者,温州市,2022-08,,", "file"),
    ("{doc},标题,发布者,温州市,2022-08,,\n{doc},again,发布者,温州市,2022-08,,", "file"),
]


@pytest.mark.parametrize("row,field", BAD_ROWS)
def test_strict_refuses_a_bad_manifest_naming_line_and_field_and_keeps_what_was_landed(
        corpus: Path, con, row: str, field: str) -> None:
    land_corpus(con, corpus, progress=False)
    before = con.execute("select * from raw.observations order by all").fetchall()
    (corpus / "manifest.csv").write_text(
        "file,title,publisher,region,published_on,source_url,notes\n" + row.format(doc=DOC_002) + "\n", encoding="utf-8")
    with pytest.raises(ManifestError) as err:
        land_corpus(con, corpus, progress=False, strict=True)
    assert f"field '{field}'" in str(err.value) and "manifest.csv line " in str(err.value)
    assert con.execute("select * from raw.observations order by all").fetchall() == before


@pytest.mark.parametrize("row,field", BAD_ROWS)
def test_a_bad_manifest_row_rejects_only_the_document_it_names(corpus: Path, con, row: str, field: str) -> None:
    (corpus / "manifest.csv").write_text(
        "file,title,publisher,region,published_on,source_url,notes\n" + row.format(doc=DOC_002) + "\n", encoding="utf-8")
    lines = land_corpus(con, corpus, progress=False)
    assert _actions(lines)[DOC_004] == "extracted"
    reasons = [r for (r,) in con.execute("select reason from raw.rejected_documents").fetchall()]
    assert any(f"field '{field}'" in r and "manifest.csv line " in r for r in reasons), reasons


def test_a_document_missing_from_the_manifest_gets_inferred_metadata(corpus: Path, con) -> None:
    (corpus / "manifest.csv").write_text("file,title,publisher,region,published_on,source_url,notes\n", encoding="utf-8")
    land_corpus(con, corpus, progress=False)
    region, published = con.execute(
        "select region_code, published_on from raw.documents where document_id = '004_16a8480c3cf0a410'").fetchone()
    assert region == "330300" and str(published) == "2021-09-02"


def test_load_lines_keep_their_types_when_every_reason_is_empty(corpus: Path, con) -> None:
    from loaders.land import load_lines_frame

    con.register("lines", load_lines_frame(land_corpus(con, corpus, progress=False)))
    types = dict(con.execute("select column_name, column_type from (describe lines)").fetchall())
    assert types["reason"] == "VARCHAR" and types["n_observations"] == "BIGINT"
